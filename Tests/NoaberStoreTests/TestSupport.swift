import Foundation
import Testing
import NoaberModel
@testable import NoaberStore

/// A fresh directory per test, removed when the value is released by `withTemporaryDirectory`.
func withTemporaryDirectory<T>(_ body: (String) throws -> T) throws -> T {
    let dir = FileManager.default.temporaryDirectory
        .appendingPathComponent("noaber-store-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    return try body(dir.path)
}

/// A store in a fresh temporary file.
func withStore<T>(_ body: (NoaberStore, String) throws -> T) throws -> T {
    try withTemporaryDirectory { dir in
        let path = dir + "/noaber.sqlite"
        let store = try NoaberStore(path: path)
        return try body(store, path)
    }
}

func date(_ y: Int, _ m: Int, _ d: Int) -> CivilDate {
    guard let date = CivilDate(year: y, month: m, day: d) else {
        Issue.record("test date \(y)-\(m)-\(d) does not exist")
        return CivilDate(dayNumber: 0)
    }
    return date
}

func moment(_ y: Int, _ m: Int, _ d: Int, _ h: Int? = nil, _ mi: Int = 0) -> Moment {
    Moment(date: date(y, m, d), minuteOfDay: h.map { $0 * 60 + mi })
}

let saasveld = Village(code: "SAA", name: "Saasveld", municipality: "Dinkelland", inhabitants: 1700,
                       inhabitants75Plus: 150, paidHoursPerWeek: 12, costPerYearEUR: 38_000)
let deurningen = Village(code: "DEU", name: "Deurningen", municipality: "Dinkelland", inhabitants: 2015)

/// A case with every field set, including a moment with a time and one without.
let fullCase = CaseRecord(
    village: "SAA", caseID: "C-001", personKey: "3f9a0c", ageBand: .from75to84, birthYear: 1944,
    received: moment(2024, 3, 5, 9, 30), firstContact: moment(2024, 3, 6), closed: moment(2024, 4, 1, 16, 5),
    source: .neighbour, channel: .homeVisit, themes: [.loneliness, .transport, .digital], collective: false,
    resolution: .referredFormal, referredTo: [.gp, .wmo], risks: [.isolation, .fall, .caregiverOverload],
    escalatedTo: [.fall], supportMinutes: 95.5)

/// A case with only the required fields.
let bareCase = CaseRecord(village: "SAA", caseID: "C-002", received: moment(2024, 1, 31))

/// Opens a store, adds the two villages and one cases import; returns its id.
@discardableResult
func seed(_ store: NoaberStore, asOf: CivilDate = date(2024, 6, 30), sha256: String = "aa") throws -> Int64 {
    try store.write { w in
        try w.upsertVillage(saasveld)
        try w.upsertVillage(deurningen)
        return try w.insertImport(fileName: "saa.csv", sha256: sha256, kind: .cases, village: "SAA", profile: nil,
                                  asOf: asOf, encoding: "utf-8", delimiter: ";", importedAt: "2024-07-01T08:00:00Z")
    }
}

/// Every row of a query as text (NULL as "NULL"), for checks that read SQLite directly.
func rows(_ db: Database, _ sql: String) throws -> [[String]] {
    let s = try db.prepare(sql)
    var result: [[String]] = []
    while try s.step() {
        result.append((0..<s.columnCount).map { s.text(at: $0) ?? "NULL" })
    }
    return result
}

struct TestFailure: Error, Equatable { let tag: String }
