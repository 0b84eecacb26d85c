import NoaberModel

/// What the caller of `Importer` decides; the CLI fills it from `noaber import`'s options.
public struct ImportOptions: Sendable {
    /// `--village`: the village all rows belong to; rows naming another village are rejected.
    public var village: String?
    public var profile: MappingProfile?
    /// `--kind`: asserts the kind of file; a canonical header that says otherwise is an error.
    public var kind: RecordKind?
    /// `--as-of`: the date the export was made. Open cases are censored there.
    public var asOf: CivilDate?
    /// `--strict`: any rejected row fails the whole import.
    public var strict: Bool
    /// `--dry-run`: validate and count everything, store nothing.
    public var dryRun: Bool
    /// Language of the reasons stored with rejected rows and of the report's warnings.
    public var language: Language
    /// The day the import runs; `imported_at` and the fallback as-of date come from it.
    public var now: String
    /// `--id-scope`: whose keys the file's person and volunteer ids are; nil takes the profile's
    /// `id_scope`, else `village`.
    public var idScope: IdentityScope?
    /// `--incremental`: the file lists only new and changed cases; nil takes the profile's
    /// `export`, else `full`.
    public var exportKind: ExportKind?
    /// `--sheet`: the worksheet of a workbook to read, by name or 1-based number; nil takes the
    /// profile's `sheet`, else the first sheet with a recognised header.
    public var sheet: String?

    /// The scope used: the option, else the profile, else village.
    public var effectiveIDScope: IdentityScope { idScope ?? profile?.idScope ?? .village }
    /// The largest file read, in bytes (`defaultMaxFileBytes`, 4 GiB): a larger one is refused
    /// from its size, and reading stops there should the file grow.
    public var maxFileBytes = ImportOptions.defaultMaxFileBytes
    /// 4 GiB (docs/reliability.md, "Limits").
    public static let defaultMaxFileBytes = InputFile.maximumBytes

    /// The export kind used: the option, else the profile, else full.
    public var effectiveExportKind: ExportKind { exportKind ?? profile?.exportKind ?? .full }

    public init(village: String? = nil, profile: MappingProfile? = nil, kind: RecordKind? = nil, asOf: CivilDate? = nil,
                strict: Bool = false, dryRun: Bool = false, language: Language = .nl, now: String = SystemClock.timestamp()) {
        self.village = village
        self.profile = profile
        self.kind = kind
        self.asOf = asOf
        self.strict = strict
        self.dryRun = dryRun
        self.language = language
        self.now = now
    }
}
