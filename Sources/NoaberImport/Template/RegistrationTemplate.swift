import NoaberModel
import NoaberXLSX

/// The registration workbook a village can start registering in (`noaber template`), and which
/// then imports without a profile and without a warning.
///
/// - **Registratie** (English: *Registration*): one column per canonical field under noaber's
///   readable header (`TemplateHeaders`), the header row frozen, widths that fit, date columns
///   formatted `d-m-yyyy`, file and resident numbers formatted as text (so `007` stays `007`),
///   and a data validation on every column: a drop-down list of noaber's own Dutch (or English)
///   labels for every coded field, dates between 2000 and 2100, minutes 0–30,000, hours 0–24,
///   and an input message that says what to fill in (and what never to).
/// - **Toelichting** (*Explanation*): what each column means, how several themes are entered
///   (one per cell, in `Thema 1`–`Thema 3`), and what never goes into the workbook: names,
///   addresses, phone numbers, e-mail addresses, BSNs, dates of birth, notes about people.
/// - **Lijsten** (*Lists*), hidden: the vocabularies the drop-downs read, through defined names
///   (`list_themes`, …), so a list of twelve labels needs no 255-character literal.
///
/// The labels are exactly `Code.dutchLabel` / `englishLabel`, which `CodeLookup` accepts without a
/// profile; yes/no is `ja`/`nee` (`yes`/`no`), which `BooleanParser` reads.
public enum RegistrationTemplate {
    /// Rows that carry the validations and formats (row 2 up to this row).
    public static let lastRow = 10_001

    /// The sheet names, by language.
    public static func sheetNames(_ language: Language) -> (data: String, explanation: String, lists: String) {
        language == .nl ? ("Registratie", "Toelichting", "Lijsten") : ("Registration", "Explanation", "Lists")
    }

    /// The workbook's bytes. `villages` (names or codes, as the municipality calls them) become the
    /// drop-down list of the village column; without them the column takes any text, which the
    /// import resolves against the villages in the store.
    public static func workbook(kind: RecordKind, language: Language, villages: [String] = []) throws(ZipWriter.Failure) -> [UInt8] {
        let columns = TemplateHeaders.columns(kind)
        let names = sheetNames(language)
        var lists = ListSheet(name: names.lists)
        var data = XLSXWriter.Sheet(name: names.data)
        data.rows = [columns.map { .text($0.header(language), .header) }]
        data.frozenRows = 1
        data.columnWidths = columns.map { Double(max($0.header(language).count + 3, width(of: $0.field))) }
        for (i, column) in columns.enumerated() {
            let range = "\(XLSXWriter.column(i))2:\(XLSXWriter.column(i))\(lastRow)"
            let help = ColumnHelp.text(column.field, kind: kind, language: language)
            if let style = style(of: column.field) { data.columnStyles[i] = style }
            let kindOfCheck: XLSXWriter.Validation.Kind
            var error = help.error
            if let labels = column.field == "village" ? (villages.isEmpty ? nil : villages) : labels(of: column.field, kind: kind, language: language) {
                kindOfCheck = .list(lists.add(name: listName(column.field), header: ColumnHelp.title(column, language), labels: labels))
                if error.isEmpty {
                    error = language == .nl ? "Kies een waarde uit de lijst (het pijltje naast de cel)."
                                            : "Choose a value from the list (the arrow beside the cell)."
                }
            } else {
                kindOfCheck = check(of: column.field)
            }
            data.validations.append(XLSXWriter.Validation(
                range: range, kind: kindOfCheck, promptTitle: column.header(language), prompt: help.prompt,
                errorTitle: column.header(language), error: error))
        }
        let explanation = Explanation.sheet(kind: kind, language: language, name: names.explanation, columns: columns)
        let writer = XLSXWriter(sheets: [data, explanation, lists.sheet], definedNames: lists.definedNames)
        return try writer.bytes()
    }

    /// The default file name.
    public static func defaultFileName(kind: RecordKind, language: Language) -> String {
        switch (kind, language) {
        case (.tasks, .nl): "registratie-vrijwilligerstaken.xlsx"
        case (.tasks, .en): "registration-volunteer-tasks.xlsx"
        case (_, .nl): "registratie-hulpvragen.xlsx"
        case (_, .en): "registration-cases.xlsx"
        }
    }

    static func listName(_ field: String) -> String {
        switch field {
        case "escalated_to": "list_risks"
        case "collective": "list_yes_no"
        default: "list_" + field
        }
    }

    /// The labels of a coded field, in the vocabulary's order; nil for other fields.
    static func labels(of field: String, kind: RecordKind, language: Language) -> [String]? {
        func all<C: Code>(_ type: C.Type) -> [String] { C.allCases.map { $0.label(language) } }
        switch field {
        case "age_band": return all(AgeBand.self)
        case "source": return all(Source.self)
        case "channel": return all(Channel.self)
        case "themes": return all(Theme.self)
        case "resolution": return all(Resolution.self)
        case "referred_to": return all(Referral.self)
        case "risks", "escalated_to": return all(Risk.self)
        case "task": return all(TaskKind.self)
        case "collective": return language == .nl ? ["ja", "nee"] : ["yes", "no"]
        default: return nil
        }
    }

    static func style(of field: String) -> XLSXWriter.Style? {
        switch field {
        case "received", "first_contact", "closed", "date": .date
        case "case_id", "person_id", "volunteer_id": .text
        default: nil
        }
    }

    static func check(of field: String) -> XLSXWriter.Validation.Kind {
        switch field {
        case "received", "first_contact", "closed", "date":
            .date(min: XLSXWriter.serial(year: 2000, month: 1, day: 1), max: XLSXWriter.serial(year: 2100, month: 12, day: 31))
        case "support_minutes": .decimal(min: 0, max: 30_000)
        case "hours": .decimal(min: 0, max: 24)
        default: .any
        }
    }

    static func width(of field: String) -> Int {
        switch field {
        case "themes", "referred_to", "resolution", "source", "risks", "escalated_to", "task": 26
        case "channel", "age_band": 20
        case "received", "first_contact", "closed", "date": 14
        default: 12
        }
    }

    /// The hidden sheet of lists: one column per vocabulary, its label in row 1.
    struct ListSheet {
        var sheet: XLSXWriter.Sheet
        var definedNames: [(name: String, formula: String)] = []

        init(name: String) { sheet = XLSXWriter.Sheet(name: name, isHidden: true) }

        /// Adds a list once (a second column of the same field reuses it) and returns its name.
        mutating func add(name: String, header: String, labels: [String]) -> String {
            if definedNames.contains(where: { $0.name == name }) { return name }
            let column = definedNames.count
            while sheet.rows.count < labels.count + 1 { sheet.rows.append([]) }
            func put(_ row: Int, _ cell: XLSXWriter.Cell) {
                while sheet.rows[row].count < column { sheet.rows[row].append(.empty) }
                sheet.rows[row].append(cell)
            }
            put(0, .text(header, .bold))
            for (i, label) in labels.enumerated() { put(i + 1, .text(label)) }
            let letter = XLSXWriter.column(column)
            definedNames.append((name, "'\(sheet.name)'!$\(letter)$2:$\(letter)$\(labels.count + 1)"))
            sheet.columnWidths.append(28)
            return name
        }
    }
}
