import Foundation
import Testing
import NoaberMetrics
import NoaberModel
import NoaberReport
import NoaberStore
@testable import NoaberCLI

/// Runs commands in-process against a demo store built from the bundled datasets.
@Suite(.serialized) struct MetricsCommandTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    final class Captured: @unchecked Sendable {
        private let lock = NSLock()
        private var outText = ""
        private var errText = ""
        func out(_ s: String) { lock.lock(); outText += s; lock.unlock() }
        func err(_ s: String) { lock.lock(); errText += s; lock.unlock() }
        var stdout: String { lock.lock(); defer { lock.unlock() }; return outText }
        var stderr: String { lock.lock(); defer { lock.unlock() }; return errText }
    }

    static func run(_ args: [String]) -> (ExitCode, String, String) {
        let c = Captured()
        let code = NoaberCommandLine.run(args, console: Console(out: { c.out($0) }, err: { c.err($0) }))
        return (code, c.stdout, c.stderr)
    }

    /// One demo store shared by the tests of this suite.
    static let demo: String = {
        let dir = NSTemporaryDirectory() + "noaber-cli-metrics-" + UUID().uuidString
        _ = run(["demo", "--out", dir, "--datasets", packageRoot + "/Datasets", "--quiet"])
        return dir + "/noaber-demo.sqlite"
    }()

    struct Row: Decodable { let village, period, metric: String; let value, lower, upper: Double?; let n: Int?; let suppressed: Bool }

    func rows(_ args: [String]) throws -> [Row] {
        let (code, out, err) = Self.run(["metrics"] + args + ["--db", Self.demo, "--format", "json"])
        #expect(code == .success, "\(err)")
        return try JSONDecoder().decode([Row].self, from: Data(out.utf8))
    }

    @Test func countsAddUpFromVillagesToTheMunicipality() throws {
        let villages = try rows(["reach", "--period", "2024", "--no-suppression"])
        let pooled = try rows(["reach", "--period", "2024", "--by", "municipality", "--no-suppression"])
        let villageCases = villages.filter { $0.metric == "cases" }.compactMap(\.value).reduce(0, +)
        let municipal = try #require(pooled.first { $0.metric == "cases" && $0.village == "Dinkelland" }?.value)
        #expect(villageCases == municipal)
        // Four villages cover 2024: Tilligte sent no export, Noord-Deurningen's ends on 15 November.
        #expect(Set(villages.filter { $0.metric == "cases" }.map(\.village)) == ["DEU", "LAT", "SAA", "WEE"])
        #expect(pooled.first { $0.metric == "villages_covered" }?.value == 4)
        #expect(pooled.first { $0.metric == "villages_partly_covered" }?.value == 1)
        #expect(pooled.first { $0.metric == "villages_without_data" }?.value == 1)
        // The denominator is the four villages' inhabitants: 1,700 + 2,015 + 3,075 + 1,031.
        #expect(pooled.first { $0.metric == "reach_per_1000" }?.n == 7_821)
        // Residents can be counted in two villages, never more than the sum.
        let residents = villages.filter { $0.metric == "residents_reached" }.compactMap(\.value).reduce(0, +)
        let pooledResidents = try #require(pooled.first { $0.metric == "residents_reached" }?.value)
        #expect(pooledResidents <= residents && pooledResidents > 0)
    }

    @Test func tidyRowsMatchTheLibraryAPI() throws {
        let cli = try rows(["response", "--period", "2024", "--village", "WEE"])
        let store = try NoaberStore(path: Self.demo, mode: .readOnly)
        let input = try MetricsInput.load(from: store, villages: ["WEE"])
        let options = MetricsOptions(periods: [try Period(parsing: "2024")])
        let direct = DisclosedMetrics.compute(.response, input: input, options: options).rows
        #expect(cli.count == direct.count)
        // The CLI writes the library's figures under the tidy rounding rule (12 significant digits).
        for (a, b) in zip(cli, direct.map(TidyNumber.tidy)) {
            #expect(a.metric == b.metric && a.value == b.value && a.lower == b.lower && a.upper == b.upper && a.n == b.n)
        }
    }

    @Test func smallCellsAreSuppressedByDefaultAndShownOnRequest() throws {
        let suppressed = try rows(["reach", "--period", "2024Q1", "--village", "NDE"])
        let open = try rows(["reach", "--period", "2024Q1", "--village", "NDE", "--no-suppression"])
        let hidden = suppressed.filter(\.suppressed)
        #expect(!hidden.isEmpty)
        for h in hidden {
            #expect(h.value == nil && h.lower == nil && h.upper == nil)
            let o = try #require(open.first { $0.metric == h.metric })
            #expect(o.suppressed == false)
        }
        // No visible count lies between 1 and 4.
        for r in suppressed where !r.suppressed && MetricCatalog.entry(r.metric).unit == .count {
            if let v = r.value { #expect(v == 0 || v >= 5, "\(r.metric) = \(v)") }
        }
    }

    @Test func funnelRowsPlaceEachVillageAgainstThePooledRate() throws {
        let all = try rows(["reach", "--period", "2024", "--no-suppression"])
        let rates = all.filter { $0.metric == "reach_per_1000" }
        #expect(rates.count == 4)   // the villages whose data cover 2024
        // The pooled target is the same for every village: total residents / total inhabitants.
        let targets = Set(all.filter { $0.metric == "funnel_95:reach_per_1000" }.compactMap(\.value))
        #expect(targets.count == 1)
        for r in rates {
            let band = try #require(all.first { $0.village == r.village && $0.metric == "funnel_95:reach_per_1000" })
            let wide = try #require(all.first { $0.village == r.village && $0.metric == "funnel_998:reach_per_1000" })
            let position = try #require(all.first { $0.village == r.village && $0.metric == "funnel_position:reach_per_1000" }?.value)
            let v = try #require(r.value)
            let (l95, u95, l998, u998) = (try #require(band.lower), try #require(band.upper), try #require(wide.lower), try #require(wide.upper))
            #expect(l998 <= l95 && u95 <= u998)
            let expected: Double = v > u998 ? 2 : v < l998 ? -2 : v > u95 ? 1 : v < l95 ? -1 : 0
            #expect(position == expected, "\(r.village)")
        }
    }

    @Test func everySplitsThePeriod() throws {
        let quarterly = try rows(["reach", "--period", "2024", "--every", "quarter", "--village", "WEE"])
        #expect(Set(quarterly.map(\.period)) == ["2024Q1", "2024Q2", "2024Q3", "2024Q4"])
    }

    @Test func badInputGivesUsageErrors() {
        #expect(Self.run(["metrics", "reech", "--db", Self.demo]).0 == .usage)
        #expect(Self.run(["metrics", "reech", "--db", Self.demo]).2.hasPrefix("Fout: Onbekende groep maten 'reech'"))
        #expect(Self.run(["metrics", "reech", "--db", Self.demo]).2.contains("Bedoelde u 'reach'"))
        #expect(Self.run(["metrics", "reech", "--db", Self.demo, "--lang", "en"]).2.contains("Did you mean 'reach'"))
        #expect(Self.run(["metrics", "--period", "2024Q5", "--db", Self.demo]).0 == .usage)
        #expect(Self.run(["metrics", "--min-cell", "1", "--db", Self.demo]).0 == .usage)
        #expect(Self.run(["metrics", "--village", "XXX", "--db", Self.demo]).0 == .dataError)
        #expect(Self.run(["metrics", "--db", "/nonexistent/store.sqlite"]).0 == .noInput)
    }

    @Test func excelDutchCSVUsesSemicolonsCommaAndBOM() {
        let (code, out, _) = Self.run(["metrics", "reach", "--period", "2024", "--village", "WEE", "--format", "csv",
                                       "--csv-dialect", "excel-nl", "--db", Self.demo])
        #expect(code == .success)
        #expect(out.hasPrefix("\u{FEFF}village;period;metric;value;lower;upper;n;suppressed\r\n"))
        #expect(out.contains("WEE;2024;reach_per_1000;"))
        #expect(out.split(separator: "\r\n").dropFirst().allSatisfy { !$0.contains(".") || $0.contains("..") })
    }

    /// Tidy output is for programs: the same bytes in either language, codes not labels, and no
    /// float noise (at most 12 significant digits, `TidyNumber`).
    @Test func tidyOutputIsTheSameInEveryLanguage() throws {
        for format in ["csv", "json"] {
            let arguments = ["metrics", "all", "--period", "2024", "--every", "quarter", "--format", format, "--db", Self.demo]
            let (dutchCode, dutch, _) = Self.run(arguments)
            let (englishCode, english, _) = Self.run(arguments + ["--lang", "en"])
            #expect(dutchCode == .success && englishCode == .success)
            #expect(dutch == english, "\(format) differs between --lang nl and --lang en")
            #expect(!dutch.contains("januari") && !dutch.contains("kwartaal") && !dutch.contains("hulpvragen"))
        }
        let (_, csv, _) = Self.run(["metrics", "all", "--period", "2024", "--format", "csv", "--db", Self.demo])
        for line in csv.split(separator: "\n").dropFirst() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            for number in cells[3...5] where !number.isEmpty {
                let digits = number.filter(\.isNumber).drop { $0 == "0" }.reversed().drop { $0 == "0" }
                #expect(digits.count <= 12, "\(line)")
            }
            if cells[7] == "true" { #expect(cells[3...5].allSatisfy { $0.isEmpty }, "\(line)") }
        }
    }
}

@Suite struct CommandTreeTests {
    @Test func theRealCommandTreeIsWellFormed() {
        #expect(CommandTree.root.configurationProblems() == [])
    }
}
