import NoaberModel
import NoaberSynth
import NoaberCSV

/// A small quote-aware CSV parser for checking generated files; independent of the writer.
func parseCSV(_ text: String, delimiter: Character) -> [[String]] {
    var rows: [[String]] = []
    var row: [String] = []
    var field = ""
    var inQuotes = false
    var chars = Array(text)
    if chars.first == "\u{FEFF}" { chars.removeFirst() }
    var i = 0
    while i < chars.count {
        let c = chars[i]
        if inQuotes {
            if c == "\"" {
                if i + 1 < chars.count, chars[i + 1] == "\"" { field.append("\""); i += 1 } else { inQuotes = false }
            } else { field.append(c) }
        } else if c == "\"" { inQuotes = true }
        else if c == delimiter { row.append(field); field = "" }
        else if c == "\n" || c == "\r\n" { row.append(field); rows.append(row); row = []; field = "" }
        else { field.append(c) }
        i += 1
    }
    if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
    return rows
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
