import NoaberModel

/// Where each canonical field sits in one file, decided once from its header.
///
/// A header is canonical when it holds every required column of a kind under its canonical name;
/// then no profile is needed, whatever the file's delimiter or encoding. Otherwise a profile says
/// which source column means what. Columns that are neither mapped nor dropped are ignored and
/// named in a warning — unless they look like a direct identifier, which stops the import.
public struct ColumnPlan: Sendable {
    public let kind: RecordKind
    public let profile: MappingProfile
    public let isCanonical: Bool
    public let columnCount: Int
    /// Canonical field → column position (0-based).
    public let positions: [String: Int]
    /// Headers of columns that are not read (neither mapped nor dropped), for the warning.
    public let ignoredColumns: [String]
    /// Positions of columns whose contents must never be stored or shown (dropped or ignored).
    public let hiddenPositions: Set<Int>
    /// The file's own name of each column, as the village knows it: its header, trimmed. (A
    /// workbook reader may add the column letter, `Naam (C)`.) Rejected rows name their field
    /// with it (`rejected_rows.source_field`).
    public let sourceNames: [String]

    public func position(of field: String) -> Int? { positions[field] }

    /// The same plan read through another profile (a workbook's settings change how values are
    /// read, not where the columns are).
    func with(profile: MappingProfile) -> ColumnPlan {
        ColumnPlan(kind: kind, profile: profile, isCanonical: isCanonical, columnCount: columnCount, positions: positions,
                   ignoredColumns: ignoredColumns, hiddenPositions: hiddenPositions, sourceNames: sourceNames)
    }

    /// Whether `header` is a header this file can be read by: with a profile, it holds a column for
    /// every required field of the profile's kind (the village may come from elsewhere); without
    /// one, every required canonical column of `kind`, or of any kind. Used to find the header row
    /// of a workbook's sheet under a title; `make` then checks the header in full.
    public static func recognises(header: [String], profile: MappingProfile?, kind: RecordKind?) -> Bool {
        let normalised = header.map(HeaderName.normalised)
        guard let profile else {
            let candidates = kind.map { [$0] } ?? RecordKind.detectable
            return candidates.contains { k in k.requiredColumns.allSatisfy(normalised.contains) }
        }
        let mappable = MappingProfile.mappableFields(profile.kind)
        let columnMap = Dictionary(profile.columns.map { (HeaderName.normalised($0.key), $0.value) }, uniquingKeysWith: { a, _ in a })
        let dropped = Set(profile.drop.map(HeaderName.normalised))
        var found: Set<String> = []
        for h in normalised where !h.isEmpty && !dropped.contains(h) {
            if let target = columnMap[h] ?? (mappable.contains(h) ? h : nil) { found.insert(target) }
        }
        return profile.kind.requiredColumns.filter { $0 != "village" || profile.kind == .villages }.allSatisfy(found.contains)
    }

    /// The file's own name of the column of `field`; nil when the file lacks it or `field` is nil.
    public func sourceName(of field: String?) -> String? {
        guard let field, let p = positions[field], p < sourceNames.count else { return nil }
        return sourceNames[p]
    }

    /// The canonical field of each column (nil: not mapped).
    public var fieldsByPosition: [String?] {
        var result = [String?](repeating: nil, count: columnCount)
        for (field, p) in positions where p < columnCount { result[p] = field }
        return result
    }

    /// Decides the plan. `kind` is the `--kind` option, if given.
    public static func make(header: [String], file: String, profile: MappingProfile?, kind: RecordKind?) throws(ImportError) -> ColumnPlan {
        let normalised = header.map(HeaderName.normalised)
        var seen: Set<String> = []
        for (i, h) in normalised.enumerated() where !h.isEmpty {
            if !seen.insert(h).inserted { throw .duplicateColumn(file: file, column: header[i].trimmingCharacters(in: .whitespaces)) }
        }
        if kind == .outcomes || profile?.kind == .outcomes {
            // Aggregates only, checked before anything else: a column naming a person refuses the
            // file, dropped or not, whatever else is wrong with it.
            let mapped = Set((profile?.columns ?? [:]).keys.map(HeaderName.normalised))
            let canonical = Set(RecordKind.outcomes.canonicalColumns)
            for (i, h) in normalised.enumerated() where !h.isEmpty && !mapped.contains(h) && !canonical.contains(h) {
                let column = header[i].trimmingCharacters(in: .whitespaces)
                if OutcomeRules.looksPersonLevel(h) {
                    throw .notAggregated(file: file, problem: Localized(
                        nl: "kolom \(i + 1) '\(column)' lijkt een gegeven over een persoon of een direct identificerend gegeven",
                        en: "column \(i + 1) '\(column)' looks like a fact about a person or a direct identifier"))
                }
            }
        }
        let resolvedProfile: MappingProfile
        let isCanonical: Bool
        if let profile {
            if let kind, kind != profile.kind { throw .kindMismatch(file: file, expected: kind, found: profile.kind) }
            resolvedProfile = profile
            isCanonical = false
        } else {
            let candidates = kind.map { [$0] } ?? RecordKind.detectable
            guard let found = candidates.first(where: { k in k.requiredColumns.allSatisfy(normalised.contains) }) else {
                if let kind {
                    let missing = kind.requiredColumns.filter { !normalised.contains($0) }
                    if normalised.contains(where: { kind.canonicalColumns.contains($0) }) {
                        throw .missingColumns(file: file, columns: missing)
                    }
                }
                throw .unrecognisedHeader(file: file, kind: kind)
            }
            resolvedProfile = .canonical(found)
            isCanonical = true
        }
        let k = resolvedProfile.kind
        let mappable = MappingProfile.mappableFields(k)
        let columnMap = Dictionary(resolvedProfile.columns.map { (HeaderName.normalised($0.key), $0.value) },
                                   uniquingKeysWith: { a, _ in a })
        let dropped = Set(resolvedProfile.drop.map(HeaderName.normalised))
        var positions: [String: Int] = [:]
        var ignored: [String] = []
        var hidden: Set<Int> = []
        for (i, h) in normalised.enumerated() {
            if dropped.contains(h) { hidden.insert(i); continue }
            let target = columnMap[h] ?? (mappable.contains(h) ? h : nil)
            if let target {
                if positions[target] != nil { throw .duplicateColumn(file: file, column: header[i]) }
                positions[target] = i
                continue
            }
            if h.isEmpty { hidden.insert(i); continue }
            if IdentifierColumns.looksLikeIdentifier(h) {
                throw .identifierColumn(file: file, column: header[i].trimmingCharacters(in: .whitespaces), position: i + 1)
            }
            ignored.append(header[i].trimmingCharacters(in: .whitespaces))
            hidden.insert(i)
        }
        var required = k.requiredColumns
        if k == .cases || k == .tasks, resolvedProfile.village == nil { required.append("village") }
        let missing = required.filter { positions[$0] == nil }
        // `village` may also come from --village; the importer checks that case itself.
        let missingHard = missing.filter { $0 != "village" }
        if !missingHard.isEmpty { throw .missingColumns(file: file, columns: missingHard) }
        return ColumnPlan(kind: k, profile: resolvedProfile, isCanonical: isCanonical, columnCount: header.count,
                          positions: positions, ignoredColumns: ignored, hiddenPositions: hidden,
                          sourceNames: header.map { $0.trimmingCharacters(in: .whitespacesAndNewlines.union(.init(charactersIn: "\u{FEFF}\u{00A0}"))) })
    }
}
