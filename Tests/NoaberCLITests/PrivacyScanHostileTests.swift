import Foundation
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Hostile strings in every text field an import can carry, through every writer of the built
/// binary: HTML and SVG show them only escaped, CSV neutralises formulas, JSON stays JSON.
@Suite("Privacy: hostile strings through every writer")
struct PrivacyScanHostileTests {
    static let long = String(repeating: "Lang", count: 1_500) + "<b>x"
    /// The hostile strings, one per class (docs/reliability-privacy.md has the table).
    static let hostile: [(cls: String, text: String)] = [
        ("script tag", "<script>alert(1)</script>"),
        ("attribute break-out", #""><img src=x onerror=alert(1)>"#),
        ("formula =", #"=HYPERLINK("http://x","y")"#),
        ("formula + (DDE)", "+cmd|' /C calc'!A0"),
        ("formula -", "-2+3"),
        ("formula @", "@SUM(1)"),
        ("tab-leading", "\t=1+1 tab"),
        ("CR-leading", "\r=1+1 cr"),
        ("CDATA end", "a]]>b"),
        ("SVG close", "</svg><svg onload=alert(1)>"),
        ("bidi override", "Dorp\u{202E}gpj.exe"),
        ("very long", long),
    ]

    /// Municipality names (grouped metrics show them); each a hostile string too.
    static let municipalities = ["=HYPERLINK(\"http://m\",\"m\")", "<script>m()</script>", "@m", "-m", "+m", "'\"><i>m"]

    /// File names: anything but `/` and NUL is allowed, so these reach provenance as they are.
    static let fileNames = [#"<img src=x onerror=alert(1)>.csv"#, #"=HYPERLINK(x,y).csv"#, "+cmd|' C calc'!A0.csv",
                            "-2+3.csv", "@SUM(1).csv", "\u{202E}vsc.exe"]

    static let codes = ["-SUM", "HA", "HB", "HC", "HD", "HE"]

    /// A village's name: two hostile strings per village, so all twelve appear in reports.
    static func villageName(_ i: Int) -> String { hostile[i].text + " " + hostile[i + 6].text }

    @Test func everyWriterEscapesOrNeutralisesHostileText() throws {
        let box = try Sandbox()
        let input = box.root.appendingPathComponent("input")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        let sink = MemoryCSV()
        sink.row(["village", "name", "municipality", "inhabitants", "inhabitants_75plus", "paid_hours_per_week", "cost_per_year_eur"])
        for (i, code) in Self.codes.enumerated() {
            sink.row([code, Self.villageName(i), Self.municipalities[i], "1200", "150", "8", "22880"])
        }
        // Rejected: codes that are not codes (blanked in the quarantine's raw text), and a valid
        // code starting with '-' whose population is 0 (its raw text starts with the code).
        sink.row(["<script>alert(1)</script>", "x", "y", "100", "", "", ""])
        sink.row([#"=HYPERLINK("http://x","y")"#, "x", "y", "100", "", "", ""])
        sink.row(["-NUL", "@SUM(1)", "y", "0", "", "", ""])
        let villagesFile = input.appendingPathComponent("\t]]>villages.csv")
        try Data(sink.text.utf8).write(to: villagesFile)

        var profile: [String: Any] = [
            "name": #""><img src=x onerror=alert(1)> =HYPERLINK("p")"#, "kind": "cases", "encoding": "utf-8", "delimiter": ",",
            "date_order": "ymd", "excel_serial_dates": false, "decimal_separator": ".", "multi_value_separator": "|",
            "columns": ["dossier": "case_id", "dorp": "village", "klant": "person_id", "melding": "received",
                        "contact": "first_contact", "thema": "themes"],
            "drop": [String](),
        ]
        profile["values"] = ["themes": ["<script>alert(1)</script>": "loneliness", #"=HYPERLINK("http://x","y")"#: "housing",
                                        "@SUM(1)": "transport", "-2+3": "digital"]]
        let profileFile = input.appendingPathComponent("hostile-profile.json")
        try writeJSON(profile, to: profileFile)
        let labels = ["<script>alert(1)</script>", #"=HYPERLINK("http://x","y")"#, "@SUM(1)", "-2+3"]

        #expect(try box.run("villages", "import", villagesFile.path).status == 0)
        for (v, code) in Self.codes.enumerated() {
            let cases = MemoryCSV()
            cases.row(["dossier", "dorp", "klant", "melding", "contact", "thema"])
            for i in 0..<12 {
                // Case ids must be file numbers (CaseIDRule); hostile ones are rejected below.
                let caseID = "H\(v)-\(i)"
                cases.row([String(caseID), code, "P\(v)-\(i % 9)", "2024-\(i % 12 + 1)-1\(i % 9)", "2024-\(i % 12 + 1)-2\(i % 9)",
                           labels[i % labels.count]])
            }
            // Rejected: hostile, unmapped theme labels and hostile case ids.
            cases.row([#"=HYPERLINK("http://c","c")"#, code, "P0", "2024-02-02", "", "<img src=x onerror=alert(2)>"])
            cases.row(["<script>c()</script>", code, "P0", "2024-13-45", "", "@SUM(2)"])
            let file = input.appendingPathComponent(Self.fileNames[v])
            try Data(cases.text.utf8).write(to: file)
            let run = try box.run("import", file.path, "--profile", profileFile.path, "--as-of", "2025-01-15", "--format", v % 2 == 0 ? "json" : "text")
            #expect(run.status == 0, "\(run)")
        }

        var outputs: [(String, CLIRun)] = []
        var commands: [[String]] = [["imports"], ["imports", "--format", "json"], ["rejected"], ["rejected", "--format", "json"],
                                    ["rejected", "--format", "csv"], ["villages", "list"], ["villages", "list", "--format", "json"]]
        for f in ["table", "csv", "json"] {
            commands.append(["metrics", "all", "--period", "2024", "--format", f, "--draws", "100"])
            commands.append(["metrics", "all", "--period", "2024", "--by", "municipality", "--format", f, "--draws", "100", "--no-suppression"])
        }
        commands.append(["metrics", "reach", "--period", "2024", "--format", "csv", "--csv-dialect", "excel-nl"])
        for args in commands {
            let run = try box.run(args)
            #expect(run.status == 0, "\(run)")
            outputs.append((args.joined(separator: " "), run))
        }
        var reportDirs: [(dir: URL, delimiter: Character)] = []
        for audience in ["raadsbrief", "lerend-netwerk", "onderzoek"] {
            for dialect in ["standard", "excel-nl"] {
                let out = "rep-\(audience)-\(dialect)"
                let run = try box.run("report", "--audience", audience, "--period", "2024", "--out", out, "--csv-dialect", dialect,
                                      "--draws", "100", "--no-suppression")
                #expect(run.status == 0, "\(run)")
                reportDirs.append((box.work.appendingPathComponent(out), dialect == "excel-nl" ? ";" : ","))
            }
        }

        var problems: [String] = []
        var counts: [String: Int] = [:]
        // HTML and SVG.
        for (dir, delimiter) in reportDirs {
            for (path, bytes) in filesUnder(dir) {
                let text = String(decoding: bytes, as: UTF8.self)
                if path.hasSuffix(".html") {
                    counts["html", default: 0] += 1
                    problems += Self.markupProblems(text, place: path)
                    for i in 0..<6 { if !text.contains(HTMLEscape.text(Self.villageName(i))) { problems.append("\(path): village name \(i) not shown escaped") } }
                } else if path.hasSuffix(".svg") {
                    counts["svg", default: 0] += 1
                    problems += Self.markupProblems(text, place: path)
                    problems += SVGCheck.problems(bytes, place: path)
                } else if path.hasSuffix(".csv") {
                    counts["report csv", default: 0] += 1
                    // The tidy metrics.csv is always in the standard dialect; readable tables in the one asked for.
                    let tidy = path.hasSuffix("/metrics.csv")
                    problems += CSVCheck.problems(bytes, delimiter: tidy ? "," : delimiter, place: path,
                                                  numericColumns: tidy ? ["value", "lower", "upper", "n"] : [])
                }
            }
            let tidy = String(decoding: try Data(contentsOf: dir.appendingPathComponent("tables/metrics.csv")), as: UTF8.self)
            #expect(tidy.contains("'-SUM"), "the village code -SUM is neutralised in \(dir.lastPathComponent)/tables/metrics.csv")
        }
        let onderzoek = try String(contentsOf: box.work.appendingPathComponent("rep-onderzoek-standard/report-onderzoek.html"), encoding: .utf8)
        #expect(onderzoek.contains(HTMLEscape.text(Self.fileNames[0])), "a hostile file name reaches the provenance table, escaped")
        let imports = try String(contentsOf: box.work.appendingPathComponent("rep-onderzoek-standard/tables/imports.csv"), encoding: .utf8)
        #expect(imports.contains("'=HYPERLINK(x,y).csv") && imports.contains("'@SUM(1).csv"), "file names neutralised:\n\(imports)")

        // CLI outputs.
        for (name, run) in outputs {
            let place = "noaber \(name)"
            if name.contains("json") {
                counts["json", default: 0] += 1
                if (try? JSONSerialization.jsonObject(with: Data(run.stdoutBytes))) == nil { problems.append("\(place): stdout is not JSON") }
            } else if name.contains("csv") {
                counts["cli csv", default: 0] += 1
                problems += CSVCheck.problems(run.stdoutBytes, delimiter: name.contains("excel-nl") ? ";" : ",", place: place,
                                              numericColumns: name.hasPrefix("metrics") ? ["value", "lower", "upper", "n"] : ["import_id", "line"])
            } else {
                counts["text", default: 0] += 1
                // A table on a terminal: no control character may move the cursor or start an escape.
                for (stream, bytes) in [("stdout", run.stdoutBytes), ("stderr", run.stderrBytes)]
                where bytes.contains(where: { $0 < 0x20 && $0 != 0x0A && $0 != 0x09 }) {
                    problems.append("\(place): control character on \(stream)")
                }
            }
        }
        let rejectedCSV = try #require(outputs.first { $0.0 == "rejected --format csv" }).1.stdout
        #expect(rejectedCSV.contains("'-NUL,@SUM(1),y,"), "hostile raw text in the quarantine is neutralised:\n\(rejectedCSV.prefix(2000))")
        #expect(!rejectedCSV.contains("<script>alert(1)</script>,x,y"), "a cell that failed its check is blanked")
        let rejected = try #require(outputs.first { $0.0 == "rejected --format json" }).1.json([RejectedRowJSON].self)
        #expect(rejected.count == 3 + 2 * 6, "three village rows and two case rows per file are rejected")
        let importRecords = try #require(outputs.first { $0.0 == "imports --format json" }).1.json([ImportRecordJSON].self)
        #expect(Set(importRecords.map(\.fileName)).isSuperset(of: Self.fileNames), "file names are kept verbatim in provenance")
        #expect(importRecords.contains { $0.profile == profile["name"] as? String })
        print("HOSTILE-SCAN \(counts.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))")
        #expect(problems.isEmpty, "\(problems.count) problems:\n\(problems.prefix(30).joined(separator: "\n"))")
    }

    /// Markup problems in an HTML or SVG text: an element or event handler that came from data.
    static func markupProblems(_ text: String, place: String) -> [String] {
        var problems: [String] = []
        let lower = text.lowercased()
        for bad in ["<script", "<img", "<i>", "<b>", "<svg onload"] where lower.contains(bad) {
            problems.append("\(place): raw '\(bad)'")
        }
        // An event-handler attribute inside a tag (escaped text `onerror=` outside tags is harmless).
        if lower.range(of: #"<[a-z][^<>]*\son[a-z]+\s*="#, options: .regularExpression) != nil {
            problems.append("\(place): an on…= attribute inside a tag")
        }
        for (_, h) in hostile where h.contains("<") && text.contains(h) { problems.append("\(place): raw \(h.prefix(40))") }
        return problems
    }
}

/// Escaping as the report promises it, written independently of noaber's `XMLEscaping`.
enum HTMLEscape {
    static func text(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                let v = scalar.value
                if (v < 0x20 && v != 0x09 && v != 0x0A) || (0x7F...0x9F).contains(v) { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

/// Standard CSV text built cell by cell (every cell quoted, quotes doubled) for the fixtures.
final class MemoryCSV {
    private(set) var text = ""
    func row(_ cells: [String]) {
        text += cells.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: ",") + "\r\n"
    }
}

/// CSV checks: formula starts neutralised, numeric columns numbers.
enum CSVCheck {
    static let formulaStarts: Set<Character> = ["=", "+", "-", "@", "\t", "\r"]

    static func isNumber(_ s: String) -> Bool {
        Double(s) != nil || Double(s.replacingOccurrences(of: ",", with: ".")) != nil
    }

    static func problems(_ bytes: [UInt8], delimiter: Character, place: String, numericColumns: [String]) -> [String] {
        var body = bytes
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body.removeFirst(3) }
        let records = parseCSV(String(decoding: body, as: UTF8.self), delimiter: delimiter)
        guard let header = records.first else { return ["\(place): empty CSV"] }
        var problems: [String] = []
        let numeric = Set(numericColumns.compactMap { header.firstIndex(of: $0) })
        for (r, record) in records.enumerated() {
            for (c, cell) in record.enumerated() {
                if let first = cell.first, formulaStarts.contains(first), !isNumber(cell) {
                    problems.append("\(place) row \(r) column \(c): formula not neutralised: \(cell.prefix(40).debugDescription)")
                }
                if r > 0, numeric.contains(c), !cell.isEmpty, !isNumber(cell) {
                    problems.append("\(place) row \(r) column \(header[c]): numeric cell is not a number: \(cell.prefix(40).debugDescription)")
                }
            }
        }
        return problems
    }
}

/// Parses an SVG as XML and reports elements or attributes that would run code.
final class SVGCheck: NSObject, XMLParserDelegate {
    private var problems: [String] = []
    private let place: String

    private init(place: String) { self.place = place }

    static func problems(_ bytes: [UInt8], place: String) -> [String] {
        let check = SVGCheck(place: place)
        let parser = XMLParser(data: Data(bytes))
        parser.delegate = check
        if !parser.parse() {
            check.problems.append("\(place): not well-formed XML: \(parser.parserError.map { "\($0)" } ?? "?")")
        }
        return check.problems
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if ["script", "img", "foreignobject", "iframe", "a"].contains(elementName.lowercased()) {
            problems.append("\(place): element <\(elementName)>")
        }
        for name in attributes.keys where name.lowercased().hasPrefix("on") || name.lowercased().contains("href") {
            problems.append("\(place): attribute \(name) on <\(elementName)>")
        }
    }
}
