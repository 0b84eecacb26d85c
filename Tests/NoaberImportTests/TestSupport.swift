import Foundation
import NoaberModel
@testable import NoaberStore
@testable import NoaberImport

/// A temporary folder with a fresh store and key; removed when the value is deinitialised.
final class Sandbox {
    let root: String
    let store: NoaberStore
    let importer: Importer

    init() throws {
        root = NSTemporaryDirectory() + "noaber-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        store = try NoaberStore(path: root + "/store.sqlite")
        importer = Importer(store: store, keyPath: root + "/store.sqlite.key")
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try write(name, bytes: Array(text.utf8))
    }

    @discardableResult
    func write(_ name: String, bytes: [UInt8]) throws -> String {
        let path = root + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    static let villagesCSV = """
    village,name,municipality,inhabitants,inhabitants_75plus,paid_hours_per_week,cost_per_year_eur
    SAA,Saasveld,Dinkelland,1700,170,12,34320
    DEU,Deurningen,Dinkelland,2015,200,12,34320

    """

    func importVillages() throws {
        let path = try write("villages.csv", Self.villagesCSV)
        _ = try importer.importFile(path, options: ImportOptions(asOf: CivilDate(year: 2025, month: 1, day: 1)))
    }

    static let caseHeader = RecordKind.cases.canonicalColumns.joined(separator: ",")

    /// A canonical case row; columns follow RecordKind.cases.canonicalColumns.
    static func caseRow(_ id: String, village: String = "SAA", person: String = "p1", received: String = "2024-03-05",
                        firstContact: String = "2024-03-06", closed: String = "", themes: String = "loneliness",
                        minutes: String = "30") -> String {
        // case_id village person_id age_band birth_year received first_contact closed source channel themes
        // collective resolution referred_to risks escalated_to support_minutes
        [id, village, person, "75-84", "", received, firstContact, closed, "self", "phone", themes,
         "false", "informal", "", "isolation", "", minutes].joined(separator: ",")
    }

    static func casesCSV(_ rows: [String]) -> String {
        ([caseHeader] + rows).joined(separator: "\n") + "\n"
    }

    func count(_ sql: String) throws -> Int {
        let s = try store.database.prepare(sql)
        _ = try s.step()
        return Int(s.int64(at: 0) ?? -1)
    }

    func allBytesWritten() throws -> [UInt8] {
        var all: [UInt8] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: root) where name.hasPrefix("store.sqlite") && !name.hasSuffix(".key") {
            all += [UInt8](try Data(contentsOf: URL(fileURLWithPath: root + "/" + name)))
        }
        return all
    }
}

extension Array where Element == UInt8 {
    func contains(_ needle: String) -> Bool {
        let n = Array(needle.utf8)
        guard !n.isEmpty, n.count <= count else { return false }
        var i = 0
        while i + n.count <= count {
            if self[i] == n[0] && Array(self[i..<(i + n.count)]) == n { return true }
            i += 1
        }
        return false
    }
}
