import NoaberModel

extension ProfileDraft {
    /// What the draft tells a person: what it read, what it mapped (and what only nearly), what
    /// it dropped and why, what is left for them to decide, and the exact import command to run
    /// next. Dutch by default. Headers are shown unless they look like an identifier themselves;
    /// labels only when the profile holds them (`isWritable`).
    public func report(profilePath: String?, language: Language) -> String {
        let nl = language == .nl
        func t(_ dutch: String, _ english: String) -> String { nl ? dutch : english }
        func column(_ c: ColumnDecision) -> String {
            let place = place(of: c.index, language)
            // A header typed over two lines in its cell ("Datum↵melding") is printed on one.
            let oneLine = c.header.split(whereSeparator: \.isNewline).joined(separator: " ")
            let header = c.header.isEmpty || IdentifierDetector.text.firstMatch(in: c.header) != nil || c.header.count > 60
                ? "" : " '\(oneLine)'"
            return place + header
        }
        var out = ""
        let target = profilePath ?? t("standaarduitvoer", "standard output")
        out += t("Profielconcept (\(kind.rawValue)) geschreven naar \(target), uit \(Self.baseName(file)).\n",
                 "Draft profile (\(kind.rawValue)) written to \(target), from \(Self.baseName(file)).\n")
        var source: [String] = []
        if isWorkbook {
            source.append(t("werkblad '\(sheet ?? "")', kopregel op rij \(headerRow)", "sheet '\(sheet ?? "")', header on row \(headerRow)"))
        } else {
            source.append(t("codering \(encoding ?? "?"), scheidingsteken \(delimiter == "\t" ? "tab" : "'\(delimiter ?? "?")'")",
                            "encoding \(encoding ?? "?"), delimiter \(delimiter == "\t" ? "tab" : "'\(delimiter ?? "?")'")"))
        }
        source.append(t("\(rows) rijen", "\(rows) rows") + (truncated ? t(" (de eerste; de rest niet bekeken)", " (the first; the rest not examined)") : ""))
        if skippedRows > 0 { source.append(t("\(skippedRows) \(skippedRows == 1 ? "lege of totaalrij" : "lege of totaalrijen") overgeslagen", "\(skippedRows) empty or totals \(skippedRows == 1 ? "row" : "rows") skipped")) }
        out += "  " + source.joined(separator: " · ") + "\n"
        let order: String
        switch dateOrder {
        case .dayMonthYear: order = t("dag-maand-jaar", "day-month-year")
        case .monthDayYear: order = t("maand-dag-jaar", "month-day-year")
        case .yearMonthDay: order = t("jaar-maand-dag", "year-month-day")
        }
        let separatorName: String
        switch decimalSeparator {
        case .comma: separatorName = t("komma", "comma")
        case .point: separatorName = t("punt", "point")
        case .auto: separatorName = t("niet te zien (auto)", "not seen (auto)")
        }
        out += "  " + t("datums \(order)\(dateOrderSeen ? "" : " (niet te zien; de Nederlandse volgorde aangenomen)")",
                        "dates \(order)\(dateOrderSeen ? "" : " (not seen; the Dutch order assumed)")")
            + " · " + t("Excel-datumgetallen \(excelSerialDates ? "ja" : "nee")", "Excel serial dates \(excelSerialDates ? "yes" : "no")")
            + " · " + t("decimaalteken \(separatorName)", "decimal separator \(separatorName)")
            + " · " + t("meerdere waarden gescheiden door '\(multiValueSeparator)'", "multiple values separated by '\(multiValueSeparator)'") + "\n"

        let mapped = columns.filter { $0.field != nil }
        out += t("Ingedeeld (\(mapped.count) kolommen):\n", "Mapped (\(mapped.count) columns):\n")
        for c in mapped {
            let basis: String
            switch c.evidence {
            case .header: basis = t("kopregel", "header")
            case .values: basis = t("waarden", "values")
            case .both: basis = t("kopregel en waarden", "header and values")
            case .position: basis = t("een datumkolom; volgorde in het bestand — controleer", "a date column; order in the file — check")
            case .none: basis = ""
            }
            var line = "  \(column(c)) → \(c.field ?? "")"
            if case .extra = c.verdict { line += t(" (nog een kolom)", " (another column)") }
            line += " (\(basis))"
            let mine = labels.filter { $0.field == c.field }
            if !mine.isEmpty, case .field = c.verdict {
                let placed = mine.filter { $0.code != nil }.count
                line += t(": \(mine.count) labels, \(placed) geplaatst", ": \(mine.count) labels, \(placed) placed")
            }
            out += line + "\n"
        }
        let near = labels.filter { $0.how == LabelMatcher.How.near.rawValue }
        if !near.isEmpty {
            out += t("Op gelijkenis geplaatst (controleer):\n", "Placed by similarity (check):\n")
            for l in near { out += "  values.\(l.field): '\(l.label)' → \(l.code ?? "?")\n" }
        }
        let dropped = columns.filter { if case .drop = $0.verdict { true } else { false } }
        if !dropped.isEmpty {
            out += t("Weggelaten (drop: noaber leest deze kolommen nooit en bewaart er niets van):\n",
                     "Dropped (drop: noaber never reads these columns and keeps nothing of them):\n")
            for c in dropped {
                guard case .drop(let reason) = c.verdict else { continue }
                let why: String
                switch reason {
                case .identifierHeader: why = t("de kopregel noemt een direct identificerend gegeven", "the header names a direct identifier")
                case .identifierContent(let kind): why = t("de waarden lijken \(kind.dutch)", "the values look like \(kind.english)")
                case .freeText: why = t("vrije tekst", "free text")
                }
                out += "  \(column(c)) — \(why)\n"
            }
        }
        let empty = columns.filter { $0.verdict == .empty && !$0.header.isEmpty }
        if !empty.isEmpty {
            out += t("Leeg, niet opgenomen (de import noemt ze genegeerd): ", "Empty, left out (the import names them as ignored): ")
                + empty.map(column).joined(separator: ", ") + "\n"
        }
        let openLabels = labels.filter { $0.code == nil }
        let openColumns = columns.filter { $0.verdict == .undecided }
        if undecidedCount > 0 {
            out += t("Voor u om te beslissen (\(undecidedCount) keer \"?\" in het profiel):\n",
                     "For you to decide (\(undecidedCount == 1 ? "one \"?\"" : "\(undecidedCount) times \"?\"") in the profile):\n")
            for c in openColumns {
                out += "  columns: \(column(c)) → \"?\"" + t(": kies een veld, of zet de kolom in \"drop\"", ": choose a field, or move the column to \"drop\"") + "\n"
            }
            for l in openLabels {
                let codes = CodeVocabulary.codes(for: l.field)?.joined(separator: ", ") ?? ""
                out += "  values.\(l.field): '\(l.label)' (\(l.count)\(t(" keer", "×"))) → \"?\"" + t(": kies uit \(codes)", ": choose from \(codes)") + "\n"
            }
            if villageUndecided {
                out += "  village → \"?\"" + t(": de dorpscode van deze export (of geef bij de import --village en zet village op null)",
                                              ": the village code of this export (or pass --village when importing and set village to null)") + "\n"
            }
        }
        for (field, count) in unwrittenLabels.sorted(by: { $0.key < $1.key }) {
            out += t("  \(field): \(count) \(count == 1 ? "waarde" : "waarden") niet in het profiel gezet: ze lijken een naam of nummer, of zijn te lang; de import keurt die rijen af.\n",
                     "  \(field): \(count) \(count == 1 ? "value" : "values") not put into the profile: they look like a name or number, or are too long; the import rejects those rows.\n")
        }
        if !missingRequired.isEmpty {
            out += t("Ontbreekt: geen kolom gevonden voor \(missingRequired.joined(separator: ", ")) (verplicht); wijs er een aan in \"columns\".\n",
                     "Missing: no column found for \(missingRequired.joined(separator: ", ")) (required); assign one in \"columns\".\n")
        }
        let profileArgument = profilePath.map(Self.shellQuoted) ?? t("<profiel.json>", "<profile.json>")
        let command = "noaber import \(Self.shellQuoted(file)) --profile \(profileArgument) --as-of \(t("JJJJ-MM-DD", "YYYY-MM-DD"))"
        out += t("Volgende stap:\n", "Next:\n")
        if undecidedCount > 0 || !missingRequired.isEmpty {
            out += t("  1. Controleer de indeling en vul elke \"?\" in (de codes staan in docs/profiles.md). Zolang er een \"?\" in staat, weigert noaber import het profiel en noemt het wat nog openstaat.\n",
                     "  1. Check the mapping and fill in each \"?\" (the codes are in docs/profiles.md). As long as a \"?\" remains, noaber import refuses the profile and lists what is still open.\n")
            out += "  2. \(command)\n"
        } else {
            out += t("  Controleer de indeling; dan: \(command)\n", "  Check the mapping; then: \(command)\n")
        }
        return out
    }

    static func baseName(_ path: String) -> String { path.split(separator: "/").last.map(String.init) ?? path }

    /// A path as a shell reads it: as it is when it holds only safe characters, else in single quotes.
    static func shellQuoted(_ path: String) -> String {
        let safe = path.unicodeScalars.allSatisfy { s in
            (s.value >= 0x30 && s.value <= 0x39) || (s.value | 0x20 >= 0x61 && s.value | 0x20 <= 0x7A) || "_./-+:=,".unicodeScalars.contains(s)
        }
        return safe && !path.isEmpty ? path : "'" + path.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
