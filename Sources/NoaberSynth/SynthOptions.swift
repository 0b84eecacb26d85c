import NoaberModel

/// The export dialects the generator writes, differing the way real village exports differ.
public enum ExportDialect: String, Sendable, CaseIterable, Hashable {
    /// noaber's canonical columns, `,`, UTF-8 without BOM, ISO dates, `|` between multiple values.
    case canonical
    /// Dutch Excel: `;`, Windows-1252, CRLF, `d-m-yyyy`, decimal comma, Dutch headers and labels,
    /// plus the `Naam` and `Notities` columns the profile must drop.
    case dutchExcel = "dutch-excel"
    /// UTF-8 with BOM, `,`, Excel serial dates, English-ish headers and labels, `;` between
    /// multiple values inside a quoted cell, birth year for some rows, an extra `Export batch` column.
    case bomSerial = "bom-serial"
}

/// Everything that determines a synthetic export. Identical options give identical bytes.
public struct SynthOptions: Sendable, Hashable {
    public var seed: UInt64
    public var villages: [Village]
    /// First and last day on which requests come in (inclusive).
    public var from: CivilDate
    public var to: CivilDate
    /// The day the export was made: nothing is received, contacted or closed after it, and cases
    /// not closed by then are open in the export.
    public var asOf: CivilDate
    public var dialect: ExportDialect
    /// The yearly case rate per 1,000 inhabitants around which villages vary (±15%).
    public var casesPerThousandPerYear: Double
    /// Forces this total number of case rows, shared over the villages in proportion to their
    /// inhabitants (for benchmarks); nil uses the rate.
    public var targetRows: Int?
    /// Adds a few realistic invalid rows to Dutch-Excel exports (an impossible date, a closed date
    /// before the received date, an unknown theme label, an empty case number), for demos of the
    /// importer's rejected-rows path. Reported in `SynthSummary.injectedErrors`.
    public var deliberateErrors: Bool
    /// Caps each village's pool of residents at its inhabitants. By default the pool grows with
    /// the rows (about 0.4 named residents per case), which at millions of rows names more
    /// residents than a village has: a stress test for anything that grows with residents.
    /// With the cap, residents come back more often instead, as they would in a real village
    /// whose history of cases grows.
    public var residentsWithinPopulation = false

    public init(seed: UInt64, villages: [Village], from: CivilDate, to: CivilDate, asOf: CivilDate,
                dialect: ExportDialect = .canonical, casesPerThousandPerYear: Double = 60,
                targetRows: Int? = nil, deliberateErrors: Bool = false) {
        self.seed = seed
        self.villages = villages
        self.from = from
        self.to = to
        self.asOf = asOf
        self.dialect = dialect
        self.casesPerThousandPerYear = casesPerThousandPerYear
        self.targetRows = targetRows
        self.deliberateErrors = deliberateErrors
    }

    /// The last day a request can come in: `to`, or the as-of date when that is earlier.
    var lastReceived: CivilDate { min(to, asOf) }
}

/// Options the generator cannot honour.
public struct SynthError: Error, CustomStringConvertible, Sendable, Hashable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// What a generator run wrote.
public struct SynthSummary: Sendable, Hashable {
    /// Data rows written (the header not counted).
    public var rows: Int
    /// Data rows per village code.
    public var rowsPerVillage: [String: Int]
    /// Rows made invalid on purpose (see `SynthOptions.deliberateErrors`).
    public var injectedErrors: [InjectedError]
}

/// One row made invalid on purpose, with where to find it.
public struct InjectedError: Sendable, Hashable {
    public var village: String
    /// The physical line in the file where the row starts (the header is line 1; a note with a
    /// line break makes a row span two lines).
    public var line: Int
    /// The row's position among the data rows (1 = first row after the header).
    public var record: Int
    /// The canonical field that is wrong.
    public var field: String
    public var problem: String
}
