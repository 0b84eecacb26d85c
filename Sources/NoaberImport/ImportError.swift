import NoaberModel
import NoaberStore

/// Everything that stops an import as a whole. Row-level problems are not errors: they become
/// rejected rows, kept with their reason (see `RowRejection`).
///
/// Messages name the file, and where there is one the line and the field, and never quote a
/// value from a column that may hold personal data.
public enum ImportError: Error, Sendable {
    /// A column of the header that looks like a direct identifier.
    public struct IdentifierColumn: Sendable, Hashable {
        /// The header as the file writes it, trimmed.
        public let name: String
        /// 1-based.
        public let position: Int
    }

    case cannotRead(file: String, reason: String)
    /// The path is a pipe, a device, a directory or a socket (`InputFile`): refused before reading.
    case notARegularFile(file: String, what: Localized)
    /// The file is larger than the limit for one input (`InputFile.maximumBytes`).
    case fileTooLarge(file: String, limit: Int)
    case badProfile(file: String, problem: Localized)
    /// The file is not readable as CSV at this position (unterminated quote, NUL byte, …).
    case malformedCSV(file: String, line: Int, field: Int?, problem: Localized)
    case emptyFile(file: String)
    case unrecognisedHeader(file: String, kind: RecordKind?)
    case missingColumns(file: String, columns: [String])
    case duplicateColumn(file: String, column: String)
    /// Columns that look like a direct identifier and are neither mapped nor dropped: every one
    /// of them, with its 1-based position, so one round of fixing the profile is enough.
    case identifierColumns(file: String, columns: [IdentifierColumn])
    /// The profile still holds `"?"` entries (written by `noaber profile draft`) for a person to
    /// decide: nothing is read until each is filled in.
    case unresolvedProfile(file: String, profile: String, entries: [UnresolvedEntry])
    case kindMismatch(file: String, expected: RecordKind, found: RecordKind)
    case unknownVillage(file: String, village: String)
    case noVillages(file: String)
    case missingAsOf(file: String)
    /// The export date lies after today: a typo (`2205-01-10`) or a wrong date in the file name,
    /// which would censor every open case at that day and claim coverage up to it.
    case asOfInFuture(file: String, asOf: CivilDate, source: String, today: CivilDate)
    /// `--strict` and at least one row was rejected: nothing was stored.
    case rejectedInStrictMode(file: String, rejected: Int, firstLine: Int, firstReason: Localized)
    case key(problem: Localized)
    /// The store failed (busy, read-only, disk full, corrupt, …): the `StoreError` itself, so
    /// every layer above can still tell which.
    case store(file: String?, StoreError)
    /// A check of noaber's own failed (the row accounting did not add up): a bug, nothing stored.
    case internalInconsistency(file: String, problem: String)
    /// The file declares keys of another scope than the village's earlier imports of the same
    /// kind: a person would be counted once under one and twice under the other.
    case identityScopeConflict(file: String, village: String, kind: RecordKind, stored: IdentityScope, requested: IdentityScope)
    /// A workbook noaber cannot read (encrypted, `.xls`, `.ods`, a renamed CSV, a zip bomb, a
    /// truncated or damaged zip, malformed XML), with where in it when known.
    case workbook(file: String, part: String?, row: Int?, column: String?, problem: Localized)
    /// No sheet of the workbook has a header that noaber or the profile recognises.
    case noRecognisedSheet(file: String, sheets: [String], searched: [String], headerRow: Int?, kind: RecordKind?)
    /// `--sheet` or the profile's `sheet` names no sheet of the workbook.
    case sheetNotFound(file: String, sheet: String, sheets: [String])
    /// `noaber profile draft` cannot read the export as a table (e.g. a title line above a CSV
    /// file's header).
    case draft(file: String, problem: Localized)
    /// A case or task file for a comparison area (`--village`), which holds no cases.
    case comparisonArea(file: String, village: String)
    /// An outcome file that does not look like aggregates (a person-level column, a repeated
    /// area-period-measure row, a population under `OutcomeRules.minimumPopulation`): refused
    /// whole, nothing stored (docs/effect.md, "Aggregates only").
    case notAggregated(file: String, problem: Localized)

    public func message(_ language: Language) -> String {
        localized.text(language)
    }

    public var localized: Localized {
        switch self {
        case .cannotRead(let file, let reason):
            return Localized(nl: "\(file): kan het bestand niet lezen (\(reason))", en: "\(file): cannot read the file (\(reason))")
        case .notARegularFile(let file, let what):
            return Localized(
                nl: "\(file): dit is geen gewoon bestand maar \(what.nl); noaber leest alleen bestanden. Sla de export eerst op als bestand (bijvoorbeeld: cat … > export.csv).",
                en: "\(file): this is not a regular file but \(what.en); noaber only reads files. Save the export as a file first (for example: cat … > export.csv).")
        case .fileTooLarge(let file, let limit):
            return Localized(
                nl: "\(file): het bestand is groter dan \(limit) bytes, de grens voor één invoerbestand; is dit wel een export? Splits een te grote export per dorp of per jaar.",
                en: "\(file): the file is larger than \(limit) bytes, the limit for one input file; is this really an export? Split an export that large by village or by year.")
        case .badProfile(let file, let problem):
            return Localized(nl: "\(file): profiel klopt niet: \(problem.nl)", en: "\(file): profile is invalid: \(problem.en)")
        case .malformedCSV(let file, let line, let field, let problem):
            let f = field.map { ", veld \($0)" } ?? ""
            let fe = field.map { ", field \($0)" } ?? ""
            return Localized(nl: "\(file), regel \(line)\(f): \(problem.nl)", en: "\(file), line \(line)\(fe): \(problem.en)")
        case .emptyFile(let file):
            return Localized(nl: "\(file): het bestand is leeg (geen kopregel)", en: "\(file): the file is empty (no header line)")
        case .unrecognisedHeader(let file, let kind):
            let k = kind.map { " (\($0.rawValue))" } ?? ""
            return Localized(
                nl: "\(file): kopregel niet herkend als noaber-formaat\(k); geef een profiel met --profile (zie docs/profiles.md)",
                en: "\(file): header not recognised as noaber's format\(k); pass a profile with --profile (see docs/profiles.md)")
        case .missingColumns(let file, let columns):
            let list = columns.joined(separator: ", ")
            return Localized(nl: "\(file): verplichte kolommen ontbreken: \(list)", en: "\(file): required columns missing: \(list)")
        case .duplicateColumn(let file, let column):
            return Localized(nl: "\(file): kolom '\(column)' komt twee keer voor in de kopregel",
                             en: "\(file): column '\(column)' appears twice in the header")
        case .identifierColumns(let file, let columns):
            let list = columns.map { "\($0.position) '\($0.name)'" }.joined(separator: ", ")
            let names = columns.map { "\"\(JSONText.escaped($0.name))\"" }.joined(separator: ", ")
            if columns.count == 1 {
                return Localized(
                    nl: "\(file): kolom \(list) lijkt een direct identificerend gegeven (naam, adres, telefoon, e-mail of BSN). noaber slaat dat nooit op. Zet de kolom in \"drop\" van het profiel (--profile; \"drop\": [\(names)]) of haal hem uit de export.",
                    en: "\(file): column \(list) looks like a direct identifier (name, address, phone, e-mail or BSN). noaber never stores one. Add the column to the profile's \"drop\" list (--profile; \"drop\": [\(names)]) or remove it from the export.")
            }
            return Localized(
                nl: "\(file): \(columns.count) kolommen lijken een direct identificerend gegeven (naam, adres, telefoon, e-mail of BSN): kolom \(list). noaber slaat dat nooit op. Zet ze alle \(columns.count) in \"drop\" van het profiel (--profile; \"drop\": [\(names)]) of haal ze uit de export.",
                en: "\(file): \(columns.count) columns look like a direct identifier (name, address, phone, e-mail or BSN): column \(list). noaber never stores one. Add all \(columns.count) to the profile's \"drop\" list (--profile; \"drop\": [\(names)]) or remove them from the export.")
        case .unresolvedProfile(let file, let profile, let entries):
            let nl = entries.map { "  " + $0.description(.nl) }.joined(separator: "\n")
            let en = entries.map { "  " + $0.description(.en) }.joined(separator: "\n")
            return Localized(
                nl: "\(file): profiel \(profile) heeft nog \(entries.count) keer \"?\": een mens moet eerst beslissen wat deze betekenen. Vervang elke \"?\" door een code (of zet een kolom in \"drop\"), dan leest noaber het bestand; er is niets gelezen of opgeslagen.\n\(nl)",
                en: "\(file): profile \(profile) still holds \"?\" \(entries.count) \(entries.count == 1 ? "time" : "times"): a person has to decide what these mean first. Replace each \"?\" with a code (or move a column to \"drop\"), then noaber reads the file; nothing was read or stored.\n\(en)")
        case .kindMismatch(let file, let expected, let found):
            return Localized(nl: "\(file): --kind \(expected.rawValue), maar het bestand is van soort \(found.rawValue)",
                             en: "\(file): --kind \(expected.rawValue), but the file is of kind \(found.rawValue)")
        case .unknownVillage(let file, let village):
            return Localized(nl: "\(file): dorp '\(village)' staat niet in de store; importeer eerst de dorpen (noaber villages import)",
                             en: "\(file): village '\(village)' is not in the store; import the villages first (noaber villages import)")
        case .noVillages(let file):
            return Localized(nl: "\(file): de store bevat nog geen dorpen; importeer eerst Datasets/villages.csv met 'noaber villages import'",
                             en: "\(file): the store has no villages yet; first run 'noaber villages import Datasets/villages.csv'")
        case .missingAsOf(let file):
            return Localized(nl: "\(file): exportdatum onbekend; geef --as-of JJJJ-MM-DD", en: "\(file): export date unknown; pass --as-of YYYY-MM-DD")
        case .asOfInFuture(let file, let asOf, let source, let today):
            let from: (nl: String, en: String) = switch source {
            case "option": ("--as-of", "--as-of")
            case "file_name": ("de datum in de bestandsnaam", "the date in the file name")
            default: ("de wijzigingsdatum van het bestand", "the file's modification date")
            }
            return Localized(
                nl: "\(file): exportdatum \(asOf.iso) (\(from.nl)) ligt na vandaag (\(today.iso)); een export kan niet uit de toekomst komen. Geef de dag waarop de export is gemaakt met --as-of JJJJ-MM-DD; er is niets gelezen of opgeslagen.",
                en: "\(file): export date \(asOf.iso) (\(from.en)) is after today (\(today.iso)); an export cannot come from the future. Give the day the export was made with --as-of YYYY-MM-DD; nothing was read or stored.")
        case .rejectedInStrictMode(let file, let rejected, let line, let reason):
            return Localized(
                nl: "\(file): \(rejected) \(rejected == 1 ? "rij" : "rijen") afgekeurd en --strict staat aan; niets opgeslagen. Eerste: regel \(line): \(reason.nl)",
                en: "\(file): \(rejected) \(rejected == 1 ? "row" : "rows") rejected with --strict; nothing stored. First: line \(line): \(reason.en)")
        case .key(let problem):
            return problem
        case .identityScopeConflict(let file, let village, let kind, let stored, let requested):
            func nl(_ s: IdentityScope) -> String { s == .village ? "per dorp (village)" : "gedeeld in de gemeente (municipality)" }
            func en(_ s: IdentityScope) -> String { s == .village ? "per village" : "shared across the municipality" }
            let what = kind == .tasks ? ("vrijwilligers", "volunteers") : ("inwoners", "residents")
            return Localized(
                nl: "\(file): eerdere imports van dorp \(village) nummeren hun \(what.0) \(nl(stored)), dit bestand \(nl(requested)); dat kan niet door elkaar (dezelfde persoon zou dan één of twee keer tellen). Importeer met --id-scope \(stored.rawValue), of begin een nieuwe store als de sleutels werkelijk veranderd zijn.",
                en: "\(file): earlier imports of village \(village) number their \(what.1) \(en(stored)), this file \(en(requested)); the two cannot be mixed (one person would count once or twice). Import with --id-scope \(stored.rawValue), or start a new store if the keys really changed.")
        case .workbook(let file, let part, let row, let column, let problem):
            var nl = file, en = file
            if let row { nl += ", rij \(row)"; en += ", row \(row)" }
            if let column { nl += ", kolom \(column)"; en += ", column \(column)" }
            if let part, row != nil || column != nil { nl += " (\(part))"; en += " (\(part))" }
            return Localized(nl: "\(nl): \(problem.nl)", en: "\(en): \(problem.en)")
        case .noRecognisedSheet(let file, let sheets, let searched, let headerRow, let kind):
            let list = sheets.map { "'\($0)'" }.joined(separator: ", ")
            let k = kind.map { " (\($0.rawValue))" } ?? ""
            let whereNL = headerRow.map { "op rij \($0) (header_row van het profiel)" } ?? "in de eerste \(WorkbookImport.headerSearchRows) rijen"
            let whereEN = headerRow.map { "on row \($0) (the profile's header_row)" } ?? "in the first \(WorkbookImport.headerSearchRows) rows"
            // Fewer sheets searched than there are: hidden sheets (or one named sheet) were left out.
            let hiddenNL = searched.count < sheets.count && searched.count != 1 ? " Verborgen bladen zijn overgeslagen; noem er een met --sheet." : ""
            let hiddenEN = searched.count < sheets.count && searched.count != 1 ? " Hidden sheets were skipped; name one with --sheet." : ""
            return Localized(
                nl: "\(file): geen werkblad met een kopregel die noaber of het profiel herkent\(k) \(whereNL). Werkbladen: \(list). Kies er een met --sheet, geef een profiel met --profile, of zet header_row in het profiel (zie docs/profiles.md).\(hiddenNL)",
                en: "\(file): no worksheet has a header that noaber or the profile recognises\(k) \(whereEN). Sheets: \(list). Choose one with --sheet, pass a profile with --profile, or set header_row in the profile (see docs/profiles.md).\(hiddenEN)")
        case .sheetNotFound(let file, let sheet, let sheets):
            let list = sheets.map { "'\($0)'" }.joined(separator: ", ")
            return Localized(nl: "\(file): werkblad '\(sheet)' bestaat niet; werkbladen: \(list) (of hun nummer, 1–\(sheets.count))",
                             en: "\(file): there is no sheet '\(sheet)'; sheets: \(list) (or their number, 1–\(sheets.count))")
        case .draft(let file, let problem):
            return Localized(nl: "\(file): \(problem.nl)", en: "\(file): \(problem.en)")
        case .comparisonArea(let file, let village):
            return Localized(
                nl: "\(file): \(village) is een vergelijkingsgebied (comparison_area in het dorpenbestand) en heeft geen hulpvragen of vrijwilligerstaken; importeer alleen uitkomstreeksen voor dit gebied (noaber outcomes import)",
                en: "\(file): \(village) is a comparison area (comparison_area in the villages file) and holds no cases or volunteer tasks; import only outcome series for it (noaber outcomes import)")
        case .notAggregated(let file, let problem):
            return Localized(
                nl: "\(file): geen geaggregeerde uitkomstreeks: \(problem.nl). noaber neemt alleen aantallen per gebied en periode aan, nooit gegevens per persoon; er is niets opgeslagen (zie docs/effect.md).",
                en: "\(file): not an aggregated outcome series: \(problem.en). noaber accepts only counts per area and period, never person-level data; nothing was stored (see docs/effect.md).")
        case .store(let file, let error):
            let prefix = file.map { "\($0): " } ?? ""
            let e = error.explanation
            return Localized(nl: prefix + e.nl, en: prefix + e.en)
        case .internalInconsistency(let file, let problem):
            return Localized(nl: "\(file): interne fout, niets opgeslagen (meld dit alstublieft): \(problem)",
                             en: "\(file): internal error, nothing stored (please report it): \(problem)")
        }
    }
}
