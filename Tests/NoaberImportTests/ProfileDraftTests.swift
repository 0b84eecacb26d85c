import Foundation
import Testing
import NoaberModel
import NoaberStore
@testable import NoaberImport

/// `noaber profile draft` on exports its code has never seen (`UnseenExport`): the drafted
/// profile must map at least 90% of the columns right, drop every identifier column, never write
/// or print an identifier, and — once a person fills in its `"?"` from the export's truth —
/// import every row.
@Suite struct ProfileDraftTests {
    struct Score: CustomStringConvertible {
        var name = ""
        var right = 0, total = 0
        var identifiers = 0, identifiersDropped = 0
        var undecided = 0
        var labels = 0, wrongLabels = 0
        var rows = 0, accepted = 0, rejected = 0
        var misses: [String] = []

        var description: String {
            "\(name): columns \(right)/\(total) right, identifier columns dropped \(identifiersDropped)/\(identifiers), "
                + "\"?\" \(undecided), labels placed \(labels - wrongLabels)/\(labels) right, rows imported \(accepted)/\(rows)"
                + (misses.isEmpty ? "" : " — missed: \(misses.joined(separator: "; "))")
        }
    }

    static let asOf = CivilDate(year: 2025, month: 1, day: 15)

    /// Drafts, scores, fills in every `"?"` from the truth, imports.
    func run(_ export: UnseenExport, village: String? = nil) throws -> (Score, ProfileDraft, String) {
        let box = try Sandbox()
        try box.importVillages()
        let path = try export.write(into: box.root)
        let draft = try ProfileDraft.make(path: path, options: .init(village: village, name: export.name))
        var score = Score(name: export.name)
        #expect(draft.kind == export.kind, "\(export.name): kind")
        for (i, column) in export.columns.enumerated() {
            let decision = try #require(draft.columns.first { $0.index == i })
            score.total += 1
            let right: Bool
            switch column.truth {
            case .field(let f): right = decision.field == f
            case .drop:
                score.identifiers += 1
                if case .drop = decision.verdict { right = true; score.identifiersDropped += 1 } else { right = false }
            case .none: right = decision.field == nil
            }
            if right { score.right += 1 } else { score.misses.append("\(column.header) → \(decision.verdict)") }
        }
        for label in draft.labels {
            guard let code = label.code else { continue }
            score.labels += 1
            if let truth = export.labelTruth[label.field]?[label.label], truth != code {
                score.wrongLabels += 1
                score.misses.append("\(label.field) '\(label.label)' → \(code), is \(truth)")
            }
        }
        score.undecided = draft.undecidedCount

        // The profile as drafted loads, but imports nothing while a "?" is left.
        let drafted = try box.write(export.name + ".json", draft.json)
        let loaded = try MappingProfile.load(from: drafted)
        #expect(loaded.unresolved.count == draft.undecidedCount)
        if draft.undecidedCount > 0 {
            #expect(throws: ImportError.self) { try box.importer.importFile(path, options: ImportOptions(profile: loaded, asOf: Self.asOf)) }
        }

        // A person fills in every "?" from the export's truth.
        var json = try #require(try JSONSerialization.jsonObject(with: Data(draft.json.utf8)) as? [String: Any])
        var columns = json["columns"] as? [String: String] ?? [:]
        var drop = json["drop"] as? [String] ?? []
        for (header, field) in columns where field == "?" {
            switch export.columns.first(where: { $0.header == header })?.truth {
            case .field(let f)?: columns[header] = f
            case .drop?: columns[header] = nil; drop.append(header)
            default: columns[header] = nil
            }
        }
        var values = json["values"] as? [String: [String: String]] ?? [:]
        for (field, labels) in values {
            for (label, code) in labels where code == "?" {
                values[field]?[label] = export.labelTruth[field]?[label]
            }
        }
        json["columns"] = columns
        json["drop"] = drop
        json["values"] = values
        if json["village"] as? String == "?" { json["village"] = "SAA" }
        let filled = try box.write(export.name + "-filled.json", bytes: Array(try JSONSerialization.data(withJSONObject: json)))
        let profile = try MappingProfile.load(from: filled)
        #expect(profile.unresolved.isEmpty)
        let report = try box.importer.importFile(path, options: ImportOptions(profile: profile, asOf: Self.asOf))
        score.rows = export.rows.count
        score.accepted = report.accepted
        score.rejected = report.rejected
        if report.rejected > 0 { score.misses.append("rejections: \(report.firstRejections.prefix(3).map { "\($0.field ?? "-"): \($0.reason)" })") }
        return (score, draft, draft.report(profilePath: export.name + ".json", language: .nl) + draft.report(profilePath: nil, language: .en))
    }

    @Test(arguments: UnseenExport.all.map(\.name))
    func anUnseenExportIsDraftedWellEnoughToImportEveryRow(name: String) throws {
        let export = try #require(UnseenExport.all.first { $0.name == name })
        let (score, draft, text) = try run(export, village: export.name == "terse-us" ? "SAA" : nil)
        print("profile draft — \(score)")
        #expect(Double(score.right) >= 0.9 * Double(score.total), "\(score)")
        #expect(score.identifiersDropped == score.identifiers, "\(score)")
        #expect(score.wrongLabels == 0, "\(score)")
        #expect(score.accepted == score.rows && score.rejected == 0, "\(score)")
        // No identifier from the export reaches the profile or the printed summary.
        let written = draft.json + text
        for row in export.rows {
            for column in export.columns where column.truth == .drop {
                guard case .text(let value) = column.value(row), IdentifierDetector.text.matches(value) || value.count > 30 else { continue }
                #expect(!written.contains(value), "\(export.name): '\(column.header)' value written")
            }
        }
    }

    /// A large export drafts as its small twin does: with more distinct file numbers than the draft
    /// keeps (5,000), the shares of what the values look like are taken over the values kept, not
    /// over every row (which once made 7,000 file numbers look like nothing: `case_id` → "?").
    @Test func aLargeExportIsDraftedAsItsSmallTwin() throws {
        let small = UnseenExport.hofVanTwente()
        var large = small
        large.rows = SyntheticCase.draw(count: 7_000, seed: 5)
        let (smallScore, smallDraft, _) = try run(small)
        let (largeScore, largeDraft, _) = try run(large)
        print("profile draft — 7,000 rows: \(largeScore)")
        #expect(largeDraft.columns.map(\.field) == smallDraft.columns.map(\.field))
        #expect(largeScore.right == largeScore.total && smallScore.right == smallScore.total, "\(largeScore)")
        #expect(largeScore.accepted == 7_000, "\(largeScore)")
    }

    @Test func theSummarySaysWhatWasMappedDroppedAndLeftAndTheCommand() throws {
        let (_, draft, _) = try run(UnseenExport.hofVanTwente())
        let nl = draft.report(profilePath: "hvt.json", language: .nl)
        for needle in ["Ingedeeld (", "kolom 4 'Naam cliënt' — de kopregel noemt een direct identificerend gegeven",
                       "kolom 19 'Opmerkingen' — vrije tekst", "Voor u om te beslissen (1 keer \"?\"",
                       "values.themes: 'Boodschappen'", "noaber import", "--profile hvt.json --as-of JJJJ-MM-DD",
                       "scheidingsteken ';'", "codering windows-1252", "decimaalteken niet te zien", "gescheiden door '/'"] {
            #expect(nl.contains(needle), "\(needle)\n\(nl)")
        }
        #expect(draft.report(profilePath: "hvt.json", language: .en).contains("For you to decide (one \"?\" in the profile)"))
        #expect(draft.json.contains(#""Boodschappen": "?""#) && draft.json.contains(#""_counts""#))
    }

    @Test func labelMatcherPlacesNearLabelsAndRefusesToGuess() {
        let themes = LabelMatcher(field: "themes")
        #expect(themes?.match("Eenzaamheid")?.how == .exact)
        #expect(themes?.match("mantelzorg")?.code == "caregiver_support")
        #expect(themes?.match("huish.")?.code == "household")
        #expect(themes?.match("vervoer naar het ziekenhuis")?.code == "transport")
        #expect(themes?.match("eenzaamheit")?.code == "loneliness")
        #expect(themes?.match("administratie en digid") == nil, "two codes: a person decides")
        #expect(themes?.match("mobiliteit") == nil)
        let ages = LabelMatcher(field: "age_band")
        for (label, code) in [("75 t/m 84", "75-84"), ("85+", "85+"), ("<18", "0-17"), ("18 tot 65", "18-64"), ("65-74 jr", "65-74")] {
            #expect(ages?.match(label)?.code == code, "\(label)")
        }
        #expect(LabelMatcher(field: "source")?.match("neighbor")?.code == "neighbour")
        #expect(ProfileDraft.isWritable("vervoer") && !ProfileDraft.isWritable("Jan de Vries") && !ProfileDraft.isWritable("0612345678"))
    }

    /// A header typed over two lines in its cell maps by its words and prints on one line; empty
    /// columns at the end of every line (Excel's leftovers) are left out.
    @Test func aHeaderOverTwoLinesAndTrailingEmptyColumns() throws {
        let box = try Sandbox()
        let path = try box.write("twee-regels.csv", "Nr;\"Datum\nmelding\";Onderwerp;;;\nA1;3-1-2024;eenzaamheid;;;\nA2;5-1-2024;wonen;;;\n")
        let draft = try ProfileDraft.make(path: path, options: .init(village: "SAA", name: "x"))
        #expect(draft.columns.compactMap(\.field) == ["case_id", "received", "themes"])
        let text = draft.report(profilePath: "x.json", language: .nl)
        #expect(text.contains("kolom 2 'Datum melding' → received"), "\(text)")
    }

    @Test func aTitleLineAboveACSVHeaderIsNamed() throws {
        let box = try Sandbox()
        let path = try box.write("titel.csv", "Registratie 2024\nNr;Datum;Thema\n1;5-3-2024;eenzaamheid\n")
        #expect(throws: ImportError.self) { try ProfileDraft.make(path: path, options: .init(name: "x")) }
    }
}
