import Foundation
import NoaberMetrics
import NoaberModel
import Testing
@testable import NoaberReport

/// One language at a time: a Dutch report has no English left (apart from free text of the
/// parameter file, marked `lang="en"`), an English one no Dutch; survival jargon only where
/// researchers read; percent signs and the footer as people write them.
@Suite struct ReportLanguageTests {
    static func files(_ audience: Audience, _ language: Language) throws -> [String: String] {
        let rendered = try ReportGenerator.render(input: ReportFixture.input, provenance: ReportFixture.provenance,
                                                  request: try ReportFixture.request(audience, language: language))
        var out: [String: String] = [:]
        for f in rendered { out[f.path] = String(decoding: f.bytes, as: UTF8.self) }
        return out
    }

    /// The words a reader sees: markup, styles, the quoted command line and text marked as
    /// another language removed; entities decoded.
    static func visibleText(_ html: String) -> String {
        var text = html
        for pattern in [#"(?s)<span lang="en">.*?</span>"#, #"(?s)<style.*?</style>"#, #"(?s)<code[^>]*>.*?</code>"#, #"<[^>]+>"#] {
            text = text.replacingOccurrences(of: pattern, with: " ", options: [.regularExpression])
        }
        for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
            text = text.replacingOccurrences(of: entity, with: character)
        }
        return text
    }

    static func words(_ text: String) -> Set<String> {
        Set(text.lowercased().split { !$0.isLetter }.map(String.init))
    }

    /// Common English words that are not Dutch words too ("in", "is", "of" and "per" are both).
    static let englishOnly: Set<String> = ["the", "and", "with", "cases", "tasks", "villages", "village", "estimate", "median",
                                           "share", "not", "data", "requests", "request", "cost", "from", "low", "high",
                                           "source", "event", "figure", "residents", "within", "days", "after", "still",
                                           "waiting", "closure", "volunteers", "hours", "probability", "attribution",
                                           "deadweight", "assumption", "period", "complete", "partly", "made", "counts",
                                           "censored", "kind", "read", "accepted", "rejected"]
    /// Common Dutch words that are not English words too.
    static let dutchOnly: Set<String> = ["de", "het", "een", "en", "van", "met", "hulpvragen", "dorpen", "dorp", "schatting",
                                         "mediaan", "aandeel", "niet", "gegevens", "zijn", "tot", "voor", "door", "kosten",
                                         "uit", "geen", "laag", "hoog", "bron", "bestand", "soort", "gelezen", "figuur",
                                         "inwoners", "binnen", "dagen", "nog", "wachtend", "afsluiting", "eerste",
                                         "vrijwilligers", "uren", "kans", "totaal", "alle", "periode", "volledig", "deels",
                                         "sleutels", "gemaakt", "kleine", "aantallen", "bij", "ook", "gecensureerd"]

    @Test(arguments: Audience.allCases)
    func dutchReportsHaveNoEnglishLeft(_ audience: Audience) throws {
        let files = try Self.files(audience, .nl)
        // metrics.csv is for programs (codes); escalation-parameters.csv carries the parameter
        // file's English notes, which the HTML marks as English (parameterTableInDutch).
        for (path, text) in files where !path.hasSuffix("metrics.csv") && !path.hasSuffix("escalation-parameters.csv") {
            let visible = path.hasSuffix(".html") || path.hasSuffix(".svg") ? Self.visibleText(text) : text
            // File names in the provenance table ("AAA-cases.csv") are names, not words; nor is a
            // command to run ("noaber rejected --for-village DEU").
            let words = Self.words(visible.replacingOccurrences(of: #"[\w=|' /!-]*\.csv"#, with: " ", options: .regularExpression)
                .replacingOccurrences(of: #"noaber [a-z]+( --[a-z-]+( [A-Z0-9]+)?)*"#, with: " ", options: .regularExpression))
            #expect(words.isDisjoint(with: Self.englishOnly), "\(path): \(words.intersection(Self.englishOnly).sorted())")
        }
    }

    @Test(arguments: Audience.allCases)
    func englishReportsHaveNoDutchLeft(_ audience: Audience) throws {
        let files = try Self.files(audience, .en)
        for (path, text) in files where !path.hasSuffix("metrics.csv") {
            let visible = path.hasSuffix(".html") || path.hasSuffix(".svg") ? Self.visibleText(text) : text
            let words = Self.words(visible)
            #expect(words.isDisjoint(with: Self.dutchOnly), "\(path): \(words.intersection(Self.dutchOnly).sorted())")
        }
    }

    /// "Kaplan–Meier", "gecensureerd" and "Greenwood" belong to the methods and the onderzoek
    /// report; the raadsbrief and the lerend netwerk say what the curves show in plain words.
    @Test(arguments: [Language.nl, .en])
    func survivalJargonOnlyForResearchers(_ language: Language) throws {
        let jargon = ["Kaplan", "gecensureerd", "Greenwood", "censored", "survival"]
        for audience in [Audience.raadsbrief, .lerendNetwerk] {
            for (path, text) in try Self.files(audience, language) where !path.hasSuffix(".csv") {
                for term in jargon { #expect(!text.contains(term), "\(audience) \(path): \(term)") }
            }
        }
        let raadsbrief = try #require(try Self.files(.raadsbrief, language)["report-raadsbrief.html"])
        #expect(raadsbrief.contains(language.pick("Hoe lang het duurde tot het eerste contact", "How long it took to first contact")))
        #expect(raadsbrief.contains(language.pick("Hulpvragen die nog openstonden tellen mee tot de exportdatum",
                                                  "Requests still open count until the export date")))
        let onderzoek = try #require(try Self.files(.onderzoek, language)["report-onderzoek.html"])
        #expect(onderzoek.contains("Kaplan–Meier") && onderzoek.contains("Greenwood"))
    }

    /// "91% (95%-BI 88–93%)", never "91 (95%-BI 88–93)%".
    @Test(arguments: [Language.nl, .en])
    func percentSignsFollowEveryNumber(_ language: Language) throws {
        let html = try #require(try Self.files(.raadsbrief, language)["report-raadsbrief.html"])
        let pattern = language == .nl ? #"Binnen 7 dagen: \d+% \(95%-BI \d+–\d+%\)\."# : #"Within 7 days: \d+% \(95% CI \d+–\d+%\)\."#
        #expect(html.range(of: pattern, options: .regularExpression) != nil)
        #expect(html.range(of: #"\d\)%"#, options: .regularExpression) == nil)
    }

    @Test(arguments: [Language.nl, .en])
    func footerNamesNoaberOnce(_ language: Language) throws {
        let html = try #require(try Self.files(.onderzoek, language)["report-onderzoek.html"])
        #expect(html.contains(language.pick("Gemaakt met noaber 0.1.0-test op 1 mei 2024.", "Made with noaber 0.1.0-test on 1 May 2024.")))
        #expect(html.contains("Software: noaber 0.1.0-test."))
        #expect(!html.contains("noaber noaber"))
    }

    /// The escalation parameters in a Dutch report: Dutch names and flags, the parameter file's
    /// English notes marked as English; no "deadweight" anywhere.
    @Test func parameterTableInDutch() throws {
        let files = try Self.files(.onderzoek, .nl)
        let html = try #require(files["report-onderzoek.html"])
        #expect(html.contains("<td>Aanname: <span lang=\"en\">"))
        #expect(!Self.visibleText(html).contains("ASSUMPTION"))
        #expect(!html.contains("deadweight"))
        #expect(html.contains("ook zonder hulp voorkomen"))
        let csv = try #require(files["tables/escalation-parameters.csv"])
        #expect(csv.hasPrefix("\u{FEFF}Risico;Gebeurtenis;Parameter;Laag;Meest waarschijnlijk;Hoog;Prijsjaar;Bron\r\n"))
        #expect(csv.contains(";Aanname: ") && !csv.contains("ASSUMPTION:"))
        let english = try #require(try Self.files(.onderzoek, .en)["report-onderzoek.html"])
        #expect(english.contains("ASSUMPTION:") && !english.contains("<span lang="))
    }

    /// The sensitivity table claims the headline's precision in the raadsbrief (the same data give
    /// € 363 … € 2.724 to the euro in the onderzoek report, € 400 … € 2.700 in the raadsbrief, whose
    /// headline interval is rounded to € 100) and every euro for researchers.
    @Test func sensitivityEurosAreRoundedForTheCouncilOnly() throws {
        let council = try #require(try Self.files(.raadsbrief, .nl)["tables/escalation-sensitivity.csv"])
        let research = try #require(try Self.files(.onderzoek, .nl)["tables/escalation-sensitivity.csv"])
        func euros(_ csv: String) -> [Int] {
            csv.split(whereSeparator: \.isNewline).dropFirst().flatMap { $0.split(separator: ";").dropFirst().compactMap { Int($0) } }
        }
        let councilEuros = euros(council), researchEuros = euros(research)
        #expect(councilEuros.count == 8)
        #expect(councilEuros.allSatisfy { $0 % 100 == 0 })
        #expect(researchEuros.contains(363) && researchEuros.contains(2724))
        #expect(Array(researchEuros.prefix(2)).map { Int((Double($0) / 100).rounded()) * 100 } == Array(councilEuros.prefix(2)))
        let svg = try #require(try Self.files(.raadsbrief, .nl).first { $0.key.hasSuffix("escalation-sensitivity.svg") }?.value)
        #expect(svg.contains("basis €\u{00A0}1.100") && !svg.contains("2.724"))
    }

    /// The raadsbrief as a council member reads it (text only: no markup, styles or figures), in
    /// both languages, against golden files. A change in wording shows up as a reviewable diff:
    /// rerun with `NOABER_UPDATE_GOLDEN=1`, read the diff of `Golden/raadsbrief-*.txt`, commit it.
    @Test(arguments: [Language.nl, .en])
    func raadsbriefTextMatchesTheGoldenFile(_ language: Language) throws {
        let html = try #require(try Self.files(.raadsbrief, language)["report-raadsbrief.html"])
        try GoldenFile.check(Self.readableText(html), against: "raadsbrief-\(language.rawValue).txt")
    }

    /// The text of a report, one block (heading, paragraph, list item, table row, caption) per
    /// line, table cells separated by " | "; inline SVG and styles left out.
    static func readableText(_ html: String) -> String {
        var text = html
        let steps: [(String, String)] = [
            (#"(?s)<style.*?</style>"#, ""), (#"(?s)<svg.*?</svg>"#, ""), (#"(?s)<head>.*?</head>"#, ""),
            (#"</t[dh]>\s*<t[dh][^>]*>"#, " | "),
            (#"<(p|h[1-6]|li|tr|caption|figcaption|dt|dd|footer)\b[^>]*>"#, "\n"),
            (#"<[^>]+>"#, ""), (#"[ \t]+"#, " "), (#" ?\n ?"#, "\n"), (#"\n+"#, "\n"),
        ]
        for (pattern, replacement) in steps {
            text = text.replacingOccurrences(of: pattern, with: replacement, options: .regularExpression)
        }
        for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
            text = text.replacingOccurrences(of: entity, with: character)
        }
        return text.trimmingCharacters(in: .whitespacesAndNewlines) + "\n"
    }

    @Test func provenanceNamesKindsInWords() throws {
        let dutch = try #require(try Self.files(.onderzoek, .nl)["tables/imports.csv"])
        #expect(dutch.contains(";hulpvragen;") && !dutch.contains(";cases;"))
        let english = try #require(try Self.files(.onderzoek, .en)["tables/imports.csv"])
        #expect(english.contains(",cases,"))
    }
}
