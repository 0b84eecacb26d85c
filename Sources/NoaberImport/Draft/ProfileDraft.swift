import NoaberModel

/// A mapping profile drafted from an export noaber has never seen (`noaber profile draft`), for a
/// person to check: which column is which field, which to drop, what each value label means — and,
/// written as `"?"`, what it could not decide.
///
/// **Columns.** Each column is first checked for what must never be read: a header that names a
/// direct identifier (`IdentifierColumns`), values that look like one (`IdentifierDetector`: names,
/// phone numbers, e-mail addresses, BSNs that pass the 11-proef, IBANs, postcodes with a house
/// number; in at least a fifth of the values that are not a known label), or free text (a notes
/// header, or long values of several words, mostly different). Those go to `drop`. Every other
/// column is scored against every field of the kind: the header against `DraftLexicon` (accents,
/// case and punctuation ignored; a whole match 1, the synonym as words inside the header 0.9 less a
/// little per extra word, a compound that starts or ends with it 0.7; times the synonym's weight),
/// and the values against what the field holds (dates, numbers in its range, file-number shapes,
/// the share of labels `LabelMatcher` places on the field's codes, yes/no). A column with a
/// matching header scores 0.6 × header + 0.4 × values, provided its values fit at all; without
/// one, only values that say the field by themselves (code labels, an age group, a birth year)
/// count, at 0.8 × values. Fields are then given to columns greedily, best score first (at least
/// 0.42), one column each — further columns of a multi-valued field whose header names it join
/// it (`Thema 1`, `Thema 2`). Date columns nobody claimed go, in file order, to the received,
/// first-contact and closed dates still open. What is left and holds values is written as
/// `"?"`.
///
/// **Labels.** Every label of a coded column (split at the column's separator for a multi-valued
/// field) is placed by `LabelMatcher`; what it cannot place is written `"?"` with its count in
/// `_counts`. A label is written into the profile only when it cannot be an identifier — a known
/// label, or one in which `IdentifierDetector` finds nothing, of at most 60 characters, six words
/// and four digits — so a name typed into a theme column never reaches the profile or the screen.
///
/// **How the file is written.** Encoding and delimiter (CSV), sheet and header row (workbook),
/// date order (a day above 12 in the first or second place), Excel serial dates, decimal
/// separator and the separator of multiple values, from the values themselves.
public struct ProfileDraft: Sendable {
    public struct Options: Sendable {
        public var kind: RecordKind?
        public var sheet: String?
        /// `--village`: the village every row belongs to.
        public var village: String?
        /// The profile's `name`.
        public var name: String

        public init(kind: RecordKind? = nil, sheet: String? = nil, village: String? = nil, name: String) {
            self.kind = kind
            self.sheet = sheet
            self.village = village
            self.name = name
        }
    }

    /// What the draft decided about one column.
    public struct ColumnDecision: Sendable, Hashable {
        public enum Verdict: Sendable, Hashable {
            /// Mapped to a field (its first column).
            case field(String)
            /// A further column of a multi-valued field.
            case extra(String)
            case drop(DropReason)
            /// Holds values, but the draft cannot say what they are: `"?"`.
            case undecided
            /// No values at all: left out (the import names it as ignored).
            case empty
        }

        public enum DropReason: Sendable, Hashable {
            case identifierHeader
            case identifierContent(IdentifierDetector.Kind)
            case freeText
        }

        /// What the decision rests on.
        public enum Evidence: String, Sendable, Hashable {
            case header, values, both, position, none
        }

        public let index: Int
        public let header: String
        public var verdict: Verdict
        public var evidence: Evidence
        public var score: Double

        public var field: String? {
            switch verdict {
            case .field(let f), .extra(let f): f
            default: nil
            }
        }
    }

    /// One label of a coded column.
    public struct LabelDecision: Sendable, Hashable {
        public let field: String
        public let label: String
        public let count: Int
        /// nil: `"?"`.
        public let code: String?
        public let how: String?
    }

    public let file: String
    public let kind: RecordKind
    public let columns: [ColumnDecision]
    public let labels: [LabelDecision]
    /// Labels per field that were not written because they could be identifiers (or are too long).
    public let unwrittenLabels: [String: Int]
    public let isWorkbook: Bool
    public let sheet: String?
    public let sheetInProfile: Bool
    public let headerRow: Int
    public let encoding: String?
    public let delimiter: String?
    public let rows: Int
    public let truncated: Bool
    public let skippedRows: Int
    public let dateOrder: DateOrder
    /// Whether the values told the date order (else the Dutch default, day first).
    public let dateOrderSeen: Bool
    public let excelSerialDates: Bool
    public let decimalSeparator: DecimalSeparator
    public let multiValueSeparator: String
    /// The village every row belongs to: `--village`, else nil (a village column, or `"?"`).
    public let village: String?
    public let villageUndecided: Bool
    /// Required fields no column was found for.
    public let missingRequired: [String]
    /// The profile's `name`.
    public let name: String

    /// How a column's place is named to a person: `kolom C` in a workbook, `kolom 3` in a CSV file.
    public func place(of index: Int, _ language: Language) -> String {
        let word = language == .nl ? "kolom " : "column "
        return word + (isWorkbook ? XLSXColumn.name(index) : String(index + 1))
    }

    /// The `"?"` entries, as the profile loader will list them.
    public var undecidedCount: Int {
        labels.filter { $0.code == nil }.count + columns.filter { $0.verdict == .undecided }.count + (villageUndecided ? 1 : 0)
    }

    public static func make(path: String, options: Options) throws(ImportError) -> ProfileDraft {
        let table = try DraftTable.read(path, sheet: options.sheet)
        return ProfileDraft(table: table, options: options)
    }

    // MARK: - Deciding

    init(table: DraftTable, options: Options) {
        file = table.file
        let knownLabel = Self.knownLabel
        let features = table.columns.map { ColumnFeatures($0, rows: table.rows, delimiter: table.delimiter, isKnownLabel: knownLabel) }

        // 1. What is never read: identifiers by header or content, free text.
        var decisions: [ColumnDecision] = table.columns.map { column in
            ColumnDecision(index: column.index, header: column.header, verdict: .undecided, evidence: .none, score: 0)
        }
        for (i, column) in table.columns.enumerated() {
            let f = features[i]
            let words = Folded.words(column.header)
            if column.nonEmpty == 0 && !IdentifierColumns.looksLikeIdentifier(column.header) {
                decisions[i].verdict = .empty
                continue
            }
            if IdentifierColumns.looksLikeIdentifier(column.header) {
                decisions[i].verdict = .drop(.identifierHeader); decisions[i].evidence = .header
            } else if f.identifier >= 0.2, let kind = f.identifierKinds.first {
                decisions[i].verdict = .drop(.identifierContent(kind)); decisions[i].evidence = .values
            } else if DraftLexicon.freeTextHeaders.contains(where: { Self.phraseScore($0, in: words) >= 0.9 }) && f.number < 0.9 && f.date < 0.9 {
                decisions[i].verdict = .drop(.freeText); decisions[i].evidence = .header
            } else if f.isFreeText && !Self.holdsLabels(f, column: column) {
                decisions[i].verdict = .drop(.freeText); decisions[i].evidence = .values
            }
        }
        let open = decisions.indices.filter { decisions[$0].verdict == .undecided }

        // 2. The kind, unless given: the one whose required fields the columns cover best.
        let kinds: [RecordKind] = options.kind.map { [$0] } ?? [.cases, .tasks]
        var best: (kind: RecordKind, assignment: [Int: (field: String, score: Double, evidence: ColumnDecision.Evidence)], rank: Double)?
        for kind in kinds {
            let assignment = Self.assign(kind: kind, columns: table.columns, features: features, open: open)
            let fields = Set(assignment.values.map(\.field))
            let required = kind.requiredColumns.filter { fields.contains($0) }.count
            let rank = Double(required) * 10 + assignment.values.reduce(0) { $0 + $1.score }
            if best == nil || rank > (best?.rank ?? 0) { best = (kind, assignment, rank) }
        }
        let kind = best?.kind ?? .cases
        var assignment = best?.assignment ?? [:]
        if kind == .cases { Self.orderDates(&assignment, sample: table.sample) }
        // An empty column whose header plainly names a field (`birth_year`, `Geboortejaar`) is
        // mapped by its header: a later export may fill it.
        let claimed = Set(assignment.values.map(\.field))
        for i in decisions.indices where decisions[i].verdict == .empty {
            var fields = kind.canonicalColumns
            if kind == .cases { fields.append("age") }
            let scored = fields.map { ($0, Self.headerScore(table.columns[i].header, field: $0)) }.filter { $0.1 >= 0.9 }
            if let (field, score) = scored.max(by: { $0.1 < $1.1 }), !claimed.contains(field) {
                assignment[i] = (field, score * 0.6, .header)
            }
        }
        var firstColumn: [String: Int] = [:]
        for i in assignment.keys.sorted() {
            guard let a = assignment[i] else { continue }
            if firstColumn[a.field] == nil {
                firstColumn[a.field] = i
                decisions[i].verdict = .field(a.field)
            } else {
                decisions[i].verdict = .extra(a.field)
            }
            decisions[i].evidence = a.evidence
            decisions[i].score = a.score
        }
        self.kind = kind

        // 3. How the file writes dates, numbers and multiple values.
        let dateColumns = decisions.indices.filter { ["received", "first_contact", "closed", "date"].contains(decisions[$0].field ?? "") }
        let dayFirst = dateColumns.reduce(0) { $0 + features[$1].dayFirst }
        let monthFirst = dateColumns.reduce(0) { $0 + features[$1].monthFirst }
        let iso = dateColumns.reduce(0) { $0 + features[$1].iso }
        dateOrderSeen = dayFirst + monthFirst > 0 || (iso > 0 && dateColumns.allSatisfy { features[$0].iso == features[$0].sampled })
        dateOrder = monthFirst > dayFirst ? .monthDayYear : .dayMonthYear
        excelSerialDates = dateColumns.contains { features[$0].serial > 0 }
        let numberColumns = decisions.indices.filter { ["support_minutes", "hours", "age", "birth_year"].contains(decisions[$0].field ?? "") }
        let commas = numberColumns.reduce(0) { $0 + features[$1].commaDecimals }
        let points = numberColumns.reduce(0) { $0 + features[$1].pointDecimals }
        decimalSeparator = commas > 0 && points == 0 ? .comma : (points > 0 && commas == 0 ? .point : .auto)
        var separatorVotes: [String: Int] = [:]
        for i in decisions.indices {
            guard let field = decisions[i].field, ColumnPlan.multiValuedFields.contains(field), let s = features[i].separator else { continue }
            separatorVotes[s, default: 0] += table.columns[i].nonEmpty
        }
        let delimiterText = table.delimiter.map { String(UnicodeScalar($0)) }
        multiValueSeparator = separatorVotes.filter { $0.key != delimiterText }
            .max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key ?? "|"

        // 4. The labels of every coded column.
        var labels: [LabelDecision] = []
        var unwritten: [String: Int] = [:]
        var seenLabel: Set<String> = []
        for i in decisions.indices {
            guard let field = decisions[i].field, let matcher = LabelMatcher(field: field) else { continue }
            let multi = ColumnPlan.multiValuedFields.contains(field)
            var parts: [String: Int] = [:]
            for (value, count) in table.columns[i].counts {
                let pieces = multi ? value.components(separatedBy: multiValueSeparator) : [value]
                for piece in pieces {
                    let p = piece.trimmingCharacters(in: .whitespaces)
                    if !p.isEmpty { parts[p, default: 0] += count }
                }
            }
            for (label, count) in parts.sorted(by: { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }) {
                let match = matcher.match(label)
                // Read by the importer as it is (yes/no words, noaber's own labels): nothing to write.
                if field == "collective", case .success = BooleanParser.parse(label) { continue }
                let known = match.map { $0.how != .near } ?? false
                guard known || Self.isWritable(label) else { unwritten[field, default: 0] += count; continue }
                let key = field + "\u{1F}" + label.lowercased()
                guard seenLabel.insert(key).inserted else { continue }
                labels.append(LabelDecision(field: field, label: label, count: count, code: match?.code, how: match?.how.rawValue))
            }
        }
        self.labels = labels
        unwrittenLabels = unwritten

        columns = decisions
        isWorkbook = table.isWorkbook
        sheet = table.sheet
        sheetInProfile = table.sheetNeedsNaming
        headerRow = table.headerRow
        encoding = table.isWorkbook ? nil : table.encoding?.rawValue
        delimiter = table.isWorkbook ? nil : table.delimiter.map { $0 == 0x09 ? "\t" : String(UnicodeScalar($0)) }
        rows = table.rows
        truncated = table.truncated
        skippedRows = table.skippedRows
        village = options.village
        let mapped = Set(decisions.compactMap(\.field))
        villageUndecided = kind != .villages && options.village == nil && !mapped.contains("village")
        var required = kind.requiredColumns
        if kind == .tasks { required.removeAll { $0 == "village" } }
        missingRequired = required.filter { !mapped.contains($0) }
        name = options.name
    }

    /// A value that is one of noaber's labels or a lexicon synonym of any vocabulary: not an
    /// identifier, whatever its capitals (`Sociaal Team`).
    static let knownLabel: @Sendable (String) -> Bool = { value in
        for field in ["source", "channel", "themes", "resolution", "referred_to", "risks", "task", "age_band"] {
            if let m = LabelMatcher(field: field)?.match(value), m.how != .near { return true }
        }
        return false
    }

    /// Whether a label may be written into the profile and shown: nothing identifier-like, at most
    /// 60 characters, six words and four digits, no control characters.
    static func isWritable(_ label: String) -> Bool {
        guard !label.isEmpty, label.count <= 60 else { return false }
        guard !label.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0.properties.generalCategory == .format }) else { return false }
        guard label.split(separator: " ").count <= 6, label.filter(\.isNumber).count <= 4 else { return false }
        return IdentifierDetector.text.firstMatch(in: label) == nil && IdentifierDetector.token.firstMatch(in: label) == nil
    }

    // MARK: - Scoring

    /// How well a synonym's words match a header's words (see the type's documentation).
    static func phraseScore(_ phrase: [String], in header: [String]) -> Double {
        guard !phrase.isEmpty, !header.isEmpty else { return 0 }
        if phrase == header { return 1 }
        if header.count > phrase.count {
            for start in 0...(header.count - phrase.count) where Array(header[start..<(start + phrase.count)]) == phrase {
                return max(0.7, 0.9 - 0.05 * Double(header.count - phrase.count - 1))
            }
        }
        if phrase.count == 1, let word = phrase.first, word.count >= 4 {
            for h in header where h != word && h.count > word.count && (h.hasPrefix(word) || h.hasSuffix(word)) { return 0.7 }
        }
        return 0
    }

    static func headerScore(_ header: String, field: String) -> Double {
        let words = Folded.words(header)
        // A time column in hours is not support_minutes (noaber wants minutes): a person decides.
        if field == "support_minutes", words.contains(where: { ["uur", "uren", "hours", "hrs", "hour", "u"].contains($0) }) { return 0 }
        var best = 0.0
        for synonym in DraftLexicon.headers[field] ?? [] {
            best = max(best, phraseScore(synonym.words, in: words) * synonym.weight)
        }
        // Numbered columns of one field: `Thema 1`, `Thema 2`.
        if best == 0, let last = words.last, Int(last) != nil, words.count > 1 {
            best = headerScore(words.dropLast().joined(separator: " "), field: field) * 0.95
        }
        return best
    }

    /// How well the values fit `field` (0–1), and whether they name it by themselves.
    static func content(_ f: ColumnFeatures, column: DraftTable.Column, field: String, kind: RecordKind) -> (fit: Double, distinctive: Bool) {
        switch field {
        case "case_id":
            guard f.idShaped >= 0.9, f.date < 0.5 else { return (0, false) }
            let unique = f.distinctRatio
            return (f.idShaped * (0.5 + 0.5 * unique), unique >= 0.98 && f.fill >= 0.95 && f.number < 0.5 && kind == .cases)
        case "person_id", "volunteer_id":
            guard f.idShaped >= 0.8, f.date < 0.5 else { return (0, false) }
            return (f.distinctRatio < 0.95 ? 0.9 : 0.7, false)
        case "village":
            guard f.number < 0.5, f.date < 0.5, f.distinct <= 40 else { return (0, false) }
            return (0.7, false)
        case "received", "first_contact", "closed", "date":
            guard f.date >= 0.8 || f.isSerialDates else { return (0, false) }
            return (max(f.date, f.isSerialDates ? 0.8 : 0), false)
        case "age":
            if f.agesWithUnit >= 0.9 { return (0.8, false) }   // `82 jaar`
            guard f.integer >= 0.9, f.minimum >= 0, f.maximum <= 120 else { return (0, false) }
            return (0.8, false)
        case "birth_year":
            guard f.integer >= 0.9, f.minimum >= 1900, f.maximum <= 2030 else { return (0, false) }
            return (0.9, f.median >= 1915 && f.median <= 1995)
        case "support_minutes":
            // `1:30` is an hour and a half (the importer reads clock values as a time spent); a
            // column of times of day (median past 4 hours) is not a support time.
            if f.isClockDuration(upTo: 240) || f.isDurationWithUnit { return (0.8, false) }
            guard f.number >= 0.9, f.minimum >= 0, f.maximum <= 30_000 else { return (0, false) }
            return (f.median >= 5 ? 0.7 : 0.3, false)
        case "hours":
            if f.isClockDuration(upTo: 480) || f.isDurationWithUnit { return (0.8, false) }
            guard f.number >= 0.9, f.minimum >= 0, f.maximum <= 24 else { return (0, false) }
            return (0.8, false)
        case "collective":
            guard f.boolean >= 0.9 else { return (0, false) }
            return (f.boolean, false)
        default:
            let multi = ColumnPlan.multiValuedFields.contains(field)
            // A vocabulary has at most a few dozen labels: more distinct values (parts, for a
            // multi-valued field) are file numbers or free text.
            guard let matcher = LabelMatcher(field: field), (multi ? f.distinctParts : f.distinct) <= 400,
                  f.number < 0.5 || field == "age_band" else { return (0, false) }
            var matched = 0
            for (value, count) in column.counts {
                let parts = multi && f.separator != nil ? value.components(separatedBy: f.separator ?? "|") : [value]
                let pieces = parts.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                if !pieces.isEmpty, pieces.allSatisfy({ matcher.match($0) != nil }) { matched += count }
            }
            let fit = Double(matched) / Double(max(f.sampled, 1))
            return (fit, fit >= 0.6)
        }
    }

    /// Whether a column that reads like free text is in fact code labels with a separator
    /// (`eenzaamheid + vervoer + wonen`): most of its values are placed on one coded field.
    static func holdsLabels(_ f: ColumnFeatures, column: DraftTable.Column) -> Bool {
        for field in ["themes", "referred_to", "risks", "source", "channel", "resolution", "task"] {
            if content(f, column: column, field: field, kind: .cases).fit >= 0.5 { return true }
        }
        return false
    }

    /// Puts the received, first-contact and closed dates on their columns in the order the rows
    /// show: in a case, received comes first and closed last. When the columns given those
    /// fields contradict that order (a closing date whose header only says `datum` taken for the
    /// received date), the fields are handed out again along the order the values show.
    static func orderDates(_ assignment: inout [Int: (field: String, score: Double, evidence: ColumnDecision.Evidence)],
                           sample: [[String]]) {
        let fields = ["received", "first_contact", "closed"]
        let columns = assignment.keys.filter { fields.contains(assignment[$0]?.field ?? "") }.sorted()
        guard columns.count >= 2 else { return }
        let dmy = DateParser(order: .dayMonthYear, allowsExcelSerial: true)
        let mdy = DateParser(order: .monthDayYear, allowsExcelSerial: true)
        func day(_ text: String) -> Int? {
            if case .success(let m?) = dmy.parse(text) { return m.date.dayNumber }
            if case .success(let m?) = mdy.parse(text) { return m.date.dayNumber }
            return nil
        }
        let days = sample.map { row in columns.map { $0 < row.count ? day(row[$0]) : nil } }
        /// How many rows put column a before column b, and after it.
        func before(_ a: Int, _ b: Int) -> (earlier: Int, later: Int) {
            var earlier = 0, later = 0
            for row in days {
                guard let x = row[a], let y = row[b] else { continue }
                if x < y { earlier += 1 } else if x > y { later += 1 }
            }
            return (earlier, later)
        }
        // Each column's rank: how many others it clearly precedes.
        var rank = [Int](repeating: 0, count: columns.count)
        var clear = false
        for a in columns.indices {
            for b in columns.indices where a != b {
                let (earlier, later) = before(a, b)
                if earlier >= 5, Double(later) <= 0.05 * Double(earlier + later) { rank[a] += 1; clear = true }
            }
        }
        guard clear else { return }
        let current = columns.map { fields.firstIndex(of: assignment[$0]?.field ?? "") ?? 0 }
        // Consistent already: no column ranked earlier holds a later field.
        let consistent = columns.indices.allSatisfy { a in
            columns.indices.allSatisfy { b in !(rank[a] > rank[b] && current[a] > current[b]) }
        }
        guard !consistent else { return }
        let byOrder = columns.indices.sorted { rank[$0] != rank[$1] ? rank[$0] > rank[$1] : $0 < $1 }
        let given = current.sorted()
        for (k, a) in byOrder.enumerated() {
            guard let old = assignment[columns[a]] else { continue }
            assignment[columns[a]] = (fields[given[k]], old.score, old.field == fields[given[k]] ? old.evidence : .position)
        }
    }

    /// Gives fields to the open columns (see the type's documentation).
    static func assign(kind: RecordKind, columns: [DraftTable.Column], features: [ColumnFeatures],
                       open: [Int]) -> [Int: (field: String, score: Double, evidence: ColumnDecision.Evidence)] {
        var fields = kind.canonicalColumns
        if kind == .cases { fields.append("age") }
        var candidates: [(column: Int, field: String, score: Double, evidence: ColumnDecision.Evidence, header: Double)] = []
        for i in open {
            for field in fields {
                let h = headerScore(columns[i].header, field: field)
                let (fit, distinctive) = content(features[i], column: columns[i], field: field, kind: kind)
                var score = 0.0
                var evidence = ColumnDecision.Evidence.none
                if h > 0 {
                    if fit > 0 { score = 0.6 * h + 0.4 * fit; evidence = distinctive ? .both : .header }
                } else if distinctive {
                    score = 0.8 * fit
                    evidence = .values
                }
                if score >= 0.42 { candidates.append((i, field, score, evidence, h)) }
            }
        }
        // Best first; on a tie the stronger header, then the earlier column and field.
        candidates.sort { a, b in
            if a.score != b.score { return a.score > b.score }
            if a.header != b.header { return a.header > b.header }
            if a.column != b.column { return a.column < b.column }
            return (fields.firstIndex(of: a.field) ?? 0) < (fields.firstIndex(of: b.field) ?? 0)
        }
        var result: [Int: (field: String, score: Double, evidence: ColumnDecision.Evidence)] = [:]
        var taken: Set<String> = []
        for c in candidates where result[c.column] == nil {
            if taken.contains(c.field) {
                // A further column of a multi-valued field, when its header names the field.
                guard ColumnPlan.multiValuedFields.contains(c.field), c.header >= 0.7 else { continue }
            }
            if c.field == "age", taken.contains("age_band") { continue }
            if c.field == "age_band", taken.contains("age") { continue }
            result[c.column] = (c.field, c.score, c.evidence)
            taken.insert(c.field)
        }
        // Date columns nobody claimed, in file order, to the dates still open.
        let dateFields = kind == .tasks ? ["date"] : ["received", "first_contact", "closed"]
        for i in open where result[i] == nil && features[i].isDates {
            guard let field = dateFields.first(where: { !taken.contains($0) }) else { break }
            result[i] = (field, 0.5, .position)
            taken.insert(field)
        }
        return result
    }
}

/// A workbook column's letters, without importing NoaberXLSX's reader into every caller.
enum XLSXColumn {
    static func name(_ index: Int) -> String {
        var n = index + 1
        var letters: [Character] = []
        while n > 0 {
            let r = (n - 1) % 26
            letters.append(Character(UnicodeScalar(UInt8(65 + r))))
            n = (n - 1) / 26
        }
        return String(letters.reversed())
    }
}
