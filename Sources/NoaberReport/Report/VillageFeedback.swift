import NoaberModel

/// What the store knows about one village's registration beyond its figures, for the to-do list
/// on its page (`Audience.dorp`): the rows its exports had rejected and the cases a newer full
/// export no longer listed.
///
/// The report layer does not read the store; the CLI fills this in from the store's typed answers
/// (`NoaberStore.rejectedRows(village:)`, `StoreDiagnostics.vanishedCases()`) and hands it over in
/// `ReportProvenance.villageFeedback`. Without it a page falls back on the counts among the
/// data-quality rows (`rows_rejected`, `rejected:<field>`, `cases_vanished`).
///
/// Nothing here identifies a resident: a rejected row is a file name, a line, the file's own
/// column header and the reason the importer gave (which never quotes an identifier cell,
/// docs/privacy.md); the row's other cells are not carried, and vanished cases are counts.
public struct VillageFeedback: Sendable, Hashable {
    /// One rejected row, as the village finds it in its own file.
    public struct RejectedLine: Sendable, Hashable {
        /// The file's name, without folders.
        public var file: String
        /// 1-based line (or row, in a workbook) where the record starts.
        public var line: Int
        /// The file's own header of the cell that failed; empty when the row as a whole did.
        public var column: String
        /// Why, as the importer said it, in the page's language when the store holds it in both.
        public var reason: String
        /// The store holds the reason only in the language its import ran in (an import before
        /// schema version 6), which may not be the page's: the page then says so.
        public var reasonMayBeInAnotherLanguage: Bool

        public init(file: String, line: Int, column: String, reason: String, reasonMayBeInAnotherLanguage: Bool = false) {
            self.file = VillageFeedback.fileName(file)
            self.line = line
            self.column = column
            self.reason = reason
            self.reasonMayBeInAnotherLanguage = reasonMayBeInAnotherLanguage
        }
    }

    /// Cases one full export no longer listed.
    public struct VanishedCases: Sendable, Hashable {
        /// The export that left them out and the day it was made.
        public var file: String
        public var asOf: CivilDate
        public var cases: Int
        /// Of which still open when last listed (counted up to that day only).
        public var open: Int

        public init(file: String, asOf: CivilDate, cases: Int, open: Int) {
            self.file = VillageFeedback.fileName(file)
            self.asOf = asOf
            self.cases = cases
            self.open = open
        }
    }

    /// In file and line order.
    public var rejected: [RejectedLine]
    /// Oldest export first.
    public var vanished: [VanishedCases]

    public init(rejected: [RejectedLine] = [], vanished: [VanishedCases] = []) {
        self.rejected = rejected
        self.vanished = vanished
    }

    /// The last path component: a full path could name a user's home folder (as `ImportSummary`).
    static func fileName(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: true).last.map(String.init) ?? path
    }
}
