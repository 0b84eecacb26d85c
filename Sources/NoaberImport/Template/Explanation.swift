import NoaberModel
import NoaberXLSX

/// The template's second sheet: how to fill in the workbook, what never to put in it, each
/// column explained, and how to read it into noaber.
enum Explanation {
    static func sheet(kind: RecordKind, language: Language, name: String, columns: [TemplateHeaders.Column]) -> XLSXWriter.Sheet {
        let nl = language == .nl
        let dataSheet = RegistrationTemplate.sheetNames(language).data
        /// Headings in column A; paragraphs in the wide, wrapped column B (spreadsheets fit the
        /// height of a row of wrapped text, which they do not for merged cells).
        func line(_ dutch: String, _ english: String, _ style: XLSXWriter.Style = .wrapped) -> [XLSXWriter.Cell] {
            let text = XLSXWriter.Cell.text(nl ? dutch : english, style)
            return style == .wrapped ? [.empty, text] : [text]
        }
        let what = kind == .tasks ? (nl ? "taak van een vrijwilliger" : "volunteer task") : (nl ? "hulpvraag" : "request")
        var rows: [[XLSXWriter.Cell]] = [
            line("Zo vult u deze werkmap in", "How to fill in this workbook", .title),
            [],
            line("Eén rij per \(what), in het blad \(dataSheet). Laat de kopregel staan en verander de kolomkoppen niet: noaber herkent ze en leest de werkmap dan zonder profiel.",
                 "One row per \(what), in the sheet \(dataSheet). Keep the header row and do not change the column headers: noaber recognises them and then reads the workbook without a profile."),
            line("Kolommen met een pijltje: kies een waarde uit de lijst. Meer dan één thema, doorverwijzing of risico? Gebruik de genummerde kolommen (Thema 1, Thema 2, Thema 3): één waarde per cel, nooit twee in één cel.",
                 "Columns with an arrow: choose a value from the list. More than one theme, referral or risk? Use the numbered columns (Theme 1, Theme 2, Theme 3): one value per cell, never two in one cell."),
            line("Datums typt u als dag-maand-jaar, bijvoorbeeld 5-3-2024. Laat een cel leeg als u iets (nog) niet weet.",
                 "Type dates as day-month-year, for example 5-3-2024. Leave a cell empty when you do not know something (yet)."),
            [],
            line("Zet er nooit in", "Never put in", .bold),
            line("- namen van inwoners, vrijwilligers, familie of buren", "- names of residents, volunteers, relatives or neighbours"),
            line("- adressen, of een postcode met huisnummer", "- addresses, or a postcode with a house number"),
            line("- telefoonnummers en e-mailadressen", "- phone numbers and e-mail addresses"),
            line("- BSN, geboortedatum, bankrekeningnummer (IBAN)", "- citizen service number (BSN), date of birth, bank account (IBAN)"),
            line("- notities of verhalen over mensen: ook niet in een extra kolom, een opmerking of een tweede blad",
                 "- notes or stories about people: not in an extra column, a comment or another sheet either"),
            line("Gebruik voor inwoners en vrijwilligers een eigen nummer (K017, V03). De lijst die nummers aan mensen koppelt, bewaart u apart en veilig, nooit in deze werkmap. noaber maakt van die nummers bovendien een pseudoniem; het nummer zelf bewaart het niet.",
                 "Use your own number for residents and volunteers (K017, V03). Keep the list that links numbers to people apart and safe, never in this workbook. noaber turns these numbers into pseudonyms as well; it does not store the number itself."),
            [],
            line("Per kolom", "Column by column", .bold),
            [.text(nl ? "Kolom" : "Column", .header), .text(nl ? "Wat u invult" : "What to fill in", .header),
             .text(nl ? "Verplicht" : "Required", .header)],
        ]
        var done: Set<String> = []
        for column in columns where done.insert(column.field).inserted {
            let count = TemplateHeaders.columnCount(of: column.field)
            let title = count > 1 ? "\(ColumnHelp.title(column, language)) 1–\(count)" : column.header(language)
            let required = ColumnHelp.isRequired(column.field, kind: kind)
            let yes = nl ? "ja" : "yes", no = nl ? "nee" : "no"
            let requiredText = required ? yes : (column.field == "village" ? (nl ? "ja, of --village bij het inlezen" : "yes, or --village when reading it in") : no)
            rows.append([.text(title, .wrapped), .text(ColumnHelp.text(column.field, kind: kind, language: language).prompt, .wrapped),
                         .text(requiredText, .wrapped)])
        }
        let file = RegistrationTemplate.defaultFileName(kind: kind, language: language)
        rows += [
            [],
            line("Inlezen in noaber", "Reading it into noaber", .bold),
            line("noaber import \(file) --as-of JJJJ-MM-DD   (de datum waarop u de werkmap opslaat; geen profiel nodig)",
                 "noaber import \(file) --as-of YYYY-MM-DD   (the date you save the workbook; no profile needed)"),
            line("Rijen die noaber niet kan lezen, krijgt u terug met hun rijnummer en kolomkop: noaber rejected --for-village <dorpscode>.",
                 "Rows noaber cannot read come back with their row number and column header: noaber rejected --for-village <village code>."),
        ]
        return XLSXWriter.Sheet(name: name, rows: rows, columnWidths: [30, 100, 14])
    }
}
