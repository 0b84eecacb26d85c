import Foundation
import Testing
import NoaberModel
@testable import NoaberStore
@testable import NoaberCLI

/// `noaber doctor` checks what schema version 3's cheap CHECKs let through: dates of the right
/// length and range that are not digits where digits belong, and mask bits no code has.
@Suite struct DoctorStoredValuesTests {
    @Test func malformedDatesAndUnknownMaskBitsAreCounted() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("noaber-doctor-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/s.sqlite"
        let store = try NoaberStore(path: path)
        let received = Moment(date: try #require(CivilDate(year: 2024, month: 3, day: 5)), minuteOfDay: 570)
        let asOf = try #require(CivilDate(year: 2024, month: 6, day: 30))
        try store.write { w in
            try w.upsertVillage(Village(code: "SAA", name: "Saasveld", municipality: "Dinkelland", inhabitants: 1700))
            let id = try w.insertImport(fileName: "a.csv", sha256: "aa", kind: .cases, village: "SAA", profile: nil, asOf: asOf,
                                        encoding: nil, delimiter: nil, importedAt: "2024-07-01T08:00:00Z")
            for n in 1...3 {
                _ = try w.upsertCase(CaseRecord(village: "SAA", caseID: "C-\(n)", received: received, themes: [.digital],
                                                risks: [.fall]), importID: id, asOf: asOf)
            }
        }
        let checks = DoctorChecks(storePath: path, keyPath: path + ".key", today: asOf)
        #expect(checks.checkStoredValues(try StoreDiagnostics(path: path)).map(\.severity) == [.ok])

        // Both pass version 3's CHECKs (length and range) but are no dates.
        try store.database.execute("UPDATE cases SET closed = '2024-01-0x' WHERE case_id = 'C-1'")
        try store.database.execute("UPDATE cases SET received = '2024-01-05 09:30' WHERE case_id = 'C-2'")
        // Bit 8 is past the last risk (bits 0…7); a text mask is no mask.
        try store.database.execute("UPDATE cases SET escalated_to_mask = 256 WHERE case_id = 'C-2'")
        try store.database.execute("UPDATE cases SET themes_mask = 'x' WHERE case_id = 'C-3'")
        let finding = try #require(checks.checkStoredValues(try StoreDiagnostics(path: path)).first)
        #expect(finding.severity == .error)
        #expect(finding.advice.en.hasPrefix("2 cases with a date not of the form"), "\(finding.advice.en)")
        #expect(finding.advice.en.contains("and 2 with an unknown code"), "\(finding.advice.en)")
        #expect(finding.advice.nl.hasPrefix("2 cases met een datum"))
    }
}
