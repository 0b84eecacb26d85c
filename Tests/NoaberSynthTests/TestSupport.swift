import NoaberModel
import NoaberSynth
import NoaberCSV
import NoaberTestSupport

/// A quote-aware CSV reader for checking generated files (NoaberTestSupport, independent of the writer).
func parseCSV(_ text: String, delimiter: Character) -> [[String]] {
    ReferenceCSV.parse(text, delimiter: delimiter)
}

func date(_ y: Int, _ m: Int, _ d: Int) -> CivilDate {
    CivilDate(year: y, month: m, day: d) ?? CivilDate(dayNumber: 0)
}

/// Two years of requests for the given villages, exported in early 2025.
func twoYears(seed: UInt64 = 42, villages: [Village], dialect: ExportDialect = .canonical,
              targetRows: Int? = nil, errors: Bool = false) -> SynthOptions {
    SynthOptions(seed: seed, villages: villages, from: date(2023, 1, 1), to: date(2024, 12, 31),
                 asOf: date(2025, 1, 15), dialect: dialect, targetRows: targetRows, deliberateErrors: errors)
}

func casesBytes(_ options: SynthOptions) throws -> [UInt8] {
    let sink = MemorySink()
    try SynthGenerator(options: options).writeCases(to: sink)
    return sink.bytes
}

func tasksBytes(_ options: SynthOptions) throws -> [UInt8] {
    let sink = MemorySink()
    try SynthGenerator(options: options).writeTasks(to: sink)
    return sink.bytes
}

/// Parsed canonical rows as dictionaries keyed by column name.
func canonicalRecords(_ bytes: [UInt8]) -> [[String: String]] {
    let rows = parseCSV(String(decoding: bytes, as: UTF8.self), delimiter: ",")
    guard let header = rows.first else { return [] }
    return rows.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
}

let testVillages = [
    Village(code: "BIG", name: "Groot", municipality: "Test", inhabitants: 4_000),
    Village(code: "MID", name: "Middel", municipality: "Test", inhabitants: 2_000),
    Village(code: "SML", name: "Klein", municipality: "Test", inhabitants: 1_000),
]
