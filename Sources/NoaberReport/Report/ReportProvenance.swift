import NoaberModel

/// Where the figures of a report come from, printed in the report so that it can be reproduced.
public struct ReportProvenance: Sendable {
    public var imports: [ImportSummary]
    /// The day the report was made; also the day `days_since_latest_export` counts to.
    public var generatedOn: CivilDate
    /// noaber's version number alone (`0.1.0`); the report writes "noaber 0.1.0" itself.
    public var softwareVersion: String
    /// The exact command that made the report (shown verbatim, escaped, in the onderzoek report).
    public var commandLine: String
    /// Per village code, its rejected rows and vanished cases as the store lists them, for the
    /// to-do list on its page (`Audience.dorp`); a village without an entry gets the counts.
    public var villageFeedback: [String: VillageFeedback] = [:]

    public init(imports: [ImportSummary], generatedOn: CivilDate, softwareVersion: String, commandLine: String) {
        self.imports = imports
        self.generatedOn = generatedOn
        self.softwareVersion = softwareVersion
        self.commandLine = commandLine
    }
}

/// The accounting of one import, as the report shows it.
///
/// `fileName` should be the last path component only: a full path could reveal a user's home
/// folder or a colleague's name. `init` strips any directories it is given anyway.
public struct ImportSummary: Sendable, Hashable {
    public var fileName: String
    /// The village code of the export; nil for a village register (villages.csv).
    public var village: String?
    /// `cases`, `tasks` or `villages`.
    public var kind: String
    /// The date the export was made; open cases are censored there.
    public var asOf: CivilDate
    public var rowsRead: Int
    public var accepted: Int
    public var rejected: Int
    /// Whether the export listed every case so far or only new and changed ones.
    public var exportKind: ExportKind
    /// Whose keys its person and volunteer ids are.
    public var idScope: IdentityScope

    public init(fileName: String, village: String?, kind: String, asOf: CivilDate,
                rowsRead: Int, accepted: Int, rejected: Int, exportKind: ExportKind = .full, idScope: IdentityScope = .village) {
        self.exportKind = exportKind
        self.idScope = idScope
        let last = fileName.split(separator: "/", omittingEmptySubsequences: true).last.map(String.init) ?? fileName
        self.fileName = last
        self.village = village
        self.kind = kind
        self.asOf = asOf
        self.rowsRead = rowsRead
        self.accepted = accepted
        self.rejected = rejected
    }
}
