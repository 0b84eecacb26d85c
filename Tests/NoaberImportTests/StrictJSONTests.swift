import Foundation
import Testing
import NoaberModel
@testable import NoaberImport

/// Profiles are strict JSON objects: a duplicated key anywhere is refused by name, path and line.
@Suite struct StrictJSONTests {
    private func problem(_ text: String) -> StrictJSON.Problem? {
        do { try StrictJSON.check(Array(text.utf8)) } catch { return error }
        return nil
    }

    @Test func wellFormedJSONPasses() {
        for text in [#"{}"#, #"[]"#, #"{"a": [1, -2.5e3, true, false, null, "x\"y\\\u00e9"]}"#, "\u{FEFF}{\"a\": 1}",
                     #"{"a": {"b": 1}, "b": {"a": 1}}"#, #"[{"a": 1}, {"a": 2}]"#, "  {\n\"a\"\t:\r\n0 }  "] {
            #expect(problem(text) == nil, "\(text)")
        }
    }

    @Test func aDuplicateKeyIsNamedWithItsPathAndLine() {
        #expect(problem(#"{"kind": "cases", "kind": "tasks"}"#) == .duplicateKey(key: "kind", path: "", line: 1))
        #expect(problem("{\n \"drop\": [\"a\"],\n \"name\": \"x\",\n \"drop\": [\"b\"]\n}") == .duplicateKey(key: "drop", path: "", line: 4))
        #expect(problem(#"{"columns": {"Naam": "person_id", "Dorp": "village", "Naam": "case_id"}}"#)
                == .duplicateKey(key: "Naam", path: "columns", line: 1))
        #expect(problem(#"{"values": {"themes": {"a": "loneliness", "a": "housing"}}}"#)
                == .duplicateKey(key: "a", path: "values.themes", line: 1))
        #expect(problem(#"{"list": [{"x": 1}, {"x": 1, "x": 2}]}"#) == .duplicateKey(key: "x", path: "list[1]", line: 1))
        // Escapes are decoded before comparing: "kind" and "\u006bind" are one key.
        #expect(problem(#"{"kind": 1, "\u006bind": 2}"#) == .duplicateKey(key: "kind", path: "", line: 1))
        // Case matters in JSON: these are two keys.
        #expect(problem(#"{"Kind": 1, "kind": 2}"#) == nil)
    }

    @Test func malformedJSONSaysWhereAndWhat() {
        guard case .syntax(_, let line, _)? = problem("{\n\"a\": 1,\n\"b\": }") else { Issue.record("no syntax error"); return }
        #expect(line == 3)
        for bad in ["", "{", "{\"a\" 1}", "{\"a\": 1,}", "[1,]", "{\"a\": tru}", "{\"a\": 01}", "{\"a\": \"x}", "{'a': 1}",
                    "{\"a\": 1} x", "{\"a\": \"\u{01}\"}", "{\"a\": \"\\q\"}", "{\"a\": \"\\u12g4\"}", "-", "1.", "1e"] {
            guard case .syntax? = problem(bad) else { Issue.record("accepted \(bad.debugDescription)"); continue }
        }
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(problem(deep) == .tooDeep(line: 1), "nesting is bounded, not a stack overflow")
    }

    @Test(.timeLimit(.minutes(1)))
    func aProfileWithADuplicatedKeyIsRefusedBeforeDecoding() throws {
        let cases: [(String, key: String, place: String)] = [
            (#"{"name": "p", "kind": "cases", "drop": ["Naam"], "drop": ["Notities"]}"#, "drop", "bovenste niveau"),
            (#"{"name": "p", "kind": "cases", "kind": "villages"}"#, "kind", "bovenste niveau"),
            (#"{"name": "p", "kind": "cases", "columns": {"Dossiernr": "case_id", "Dossiernr": "person_id"}}"#, "Dossiernr", "'columns'"),
        ]
        for (text, key, place) in cases {
            let start = Date()
            let error = try #require(throws: ImportError.self) { try MappingProfile.decode(Data(text.utf8), file: "p.json") }
            #expect(Date().timeIntervalSince(start) < 1)
            guard case .badProfile(let file, let problem) = error else { Issue.record("got \(error)"); continue }
            #expect(file == "p.json")
            #expect(problem.nl.contains("sleutel '\(key)' komt twee keer voor") && problem.nl.contains(place), "\(problem.nl)")
            #expect(problem.en.contains("key '\(key)' appears twice"), "\(problem.en)")
        }
    }

    @Test func aProfileLargerThanOneMiBIsNotRead() throws {
        let box = try Sandbox()
        let path = try box.write("huge.json", "{\"name\": \"" + String(repeating: "x", count: 2 << 20) + "\"}")
        let error = try #require(throws: ImportError.self) { try MappingProfile.load(from: path) }
        guard case .badProfile(_, let problem) = error else { Issue.record("got \(error)"); return }
        #expect(problem.en.contains("larger than 1048576 bytes"))
    }

    @Test func caseIDIsPersonalIsReadFromTheProfile() throws {
        let on = try MappingProfile.decode(Data(#"{"name": "p", "kind": "cases", "case_id_is_personal": true}"#.utf8), file: "p.json")
        #expect(on.caseIDIsPersonal)
        let off = try MappingProfile.decode(Data(#"{"name": "p", "kind": "cases"}"#.utf8), file: "p.json")
        #expect(!off.caseIDIsPersonal)
        #expect(throws: ImportError.self) {
            try MappingProfile.decode(Data(#"{"name": "p", "kind": "cases", "case_id_is_personal": "ja"}"#.utf8), file: "p.json")
        }
    }
}
