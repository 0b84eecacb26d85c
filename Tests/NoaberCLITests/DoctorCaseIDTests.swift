import Foundation
import Testing
import NoaberModel
import NoaberStore
@testable import NoaberCLI

/// `noaber doctor` finds case ids of identifier shape in a store an older noaber (or another tool)
/// filled, counts them by kind and names the villages, and never prints an id.
@Suite struct DoctorCaseIDTests {
    static let identifiers = ["Hendrika Oude Luttikhuis", "Jan de Vries", "111222333", "06-12345678", "zoe@example.nl", "NL91ABNA0417164300"]

    @Test func identifierShapedCaseIDsAreAnErrorThatNamesNoID() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("noaber-doctor-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/s.sqlite"
        let store = try NoaberStore(path: path)
        let received = Moment(date: try #require(CivilDate(year: 2024, month: 3, day: 5)), minuteOfDay: nil)
        let asOf = try #require(CivilDate(year: 2024, month: 6, day: 30))
        func fill(_ ids: [String], village: String) throws {
            try store.write { w in
                let id = try w.insertImport(fileName: "\(village).csv", sha256: village, kind: .cases, village: village, profile: nil,
                                            asOf: asOf, encoding: nil, delimiter: nil, importedAt: "2024-07-01T08:00:00Z")
                for caseID in ids { _ = try w.upsertCase(CaseRecord(village: village, caseID: caseID, received: received), importID: id, asOf: asOf) }
            }
        }
        try store.write { w in
            try w.upsertVillage(Village(code: "SAA", name: "Saasveld", municipality: "Dinkelland", inhabitants: 1700))
            try w.upsertVillage(Village(code: "DEU", name: "Deurningen", municipality: "Dinkelland", inhabitants: 2015))
        }
        // File numbers, an old id without a digit, and a pseudonymised id are fine.
        try fill(["DEU-00001", "K-2024-017", "C-Zoë", "0ae77a2e1a3198736a9a78ed0ff9541d", "123456789"], village: "DEU")
        let checks = DoctorChecks(storePath: path, keyPath: path + ".key", today: asOf)
        #expect(checks.checkCaseIDs(try StoreDiagnostics(path: path)).severity == .ok)
        #expect(checks.run().contains { $0.check == "dossiernummers" && $0.severity == .ok })

        try fill(Self.identifiers, village: "SAA")
        let finding = checks.checkCaseIDs(try StoreDiagnostics(path: path))
        #expect(finding.severity == .error && finding.area == .data)
        #expect(finding.advice.nl.hasPrefix("6 dossiernummers (case_id) lijken persoonsgegevens"), "\(finding.advice.nl)")
        #expect(finding.advice.nl.contains("2 × een naam") && finding.advice.nl.contains("1 × een BSN")
                && finding.advice.nl.contains("in dorp SAA"), "\(finding.advice.nl)")
        #expect(finding.advice.en.contains("case_id_is_personal"))
        for id in Self.identifiers { #expect(!finding.advice.nl.contains(id) && !finding.advice.en.contains(id)) }
        #expect(DoctorCommand.exitCode(checks.run()) == .storeError)
    }
}
