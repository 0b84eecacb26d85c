import NoaberImport
import NoaberModel

/// The human-readable account of one import: what was read, accepted and rejected, and why.
enum ImportReportText {
    static func render(_ r: ImportReport, language: Language) -> String {
        let nl = language == .nl
        func t(_ a: String, _ b: String) -> String { nl ? a : b }
        let status: String
        switch r.status {
        case .completed: status = t("voltooid", "completed")
        case .completedWithRejections: status = t("voltooid, met afgekeurde rijen", "completed, with rejected rows")
        case .unchanged: status = t("ongewijzigd: dit bestand is al geïmporteerd", "unchanged: this file was imported before")
        case .dryRun: status = t("proefimport: niets opgeslagen", "dry run: nothing stored")
        }
        // File and profile names come from outside: no control or bidi character reaches the terminal.
        let file = TerminalText.sanitised(r.file)
        var s = "\(file) → "
        if let id = r.importID { s += t("import \(id)", "import \(id)") + " (\(status))\n" }
        else if let prev = r.previousImportID { s += status + t(" (import \(prev))", " (import \(prev))") + "\n"; return s }
        else { s += status + "\n" }
        let source: String
        switch r.asOfSource {
        case "option"?: source = "--as-of"
        case "file_name"?: source = t("uit bestandsnaam", "from file name")
        case "file_modified"?: source = t("wijzigingsdatum bestand — geef liever --as-of", "file modification date — prefer --as-of")
        default: source = ""
        }
        s += "  " + t("soort", "kind") + ": \(r.kind.label(language)) · " + t("profiel", "profile") + ": \(TerminalText.sanitised(r.profile)) · "
        if let sheet = r.sheet {
            s += t("werkblad", "sheet") + ": \(TerminalText.sanitised(sheet))"
            if let row = r.headerRow { s += " · " + t("kopregel: rij \(row)", "header: row \(row)") }
        } else {
            s += t("codering", "encoding") + ": \(r.encoding) · " + t("scheidingsteken", "delimiter") + ": \(r.delimiter)"
        }
        if let asOf = r.asOf, r.kind != .villages { s += " · " + t("exportdatum", "as of") + ": \(asOf) (\(source))" }
        s += "\n"
        if r.kind == .cases || r.kind == .tasks {
            let tasks = r.kind == .tasks
            let full = tasks ? t("volledige export (alle vrijwilligerstaken tot nu toe)", "full export (every task so far)")
                             : t("volledige export (alle hulpvragen tot nu toe)", "full export (every case so far)")
            let incremental = tasks ? t("aanvullende export (alleen nieuwe en gewijzigde vrijwilligerstaken)", "incremental export (new and changed tasks only)")
                                    : t("aanvullende export (alleen nieuwe en gewijzigde hulpvragen)", "incremental export (new and changed cases only)")
            s += "  " + (r.exportKind == .full ? full : incremental)
            s += " · " + (r.idScope == .village ? t("sleutels per dorp", "keys per village")
                                                 : t("sleutels gedeeld in de gemeente", "keys shared across the municipality")) + "\n"
        }
        let n = language.count
        s += "  " + t("gelezen \(n(r.rowsRead)) = geaccepteerd \(n(r.accepted)) + afgekeurd \(n(r.rejected))",
                      "read \(n(r.rowsRead)) = accepted \(n(r.accepted)) + rejected \(n(r.rejected))")
        s += t("   (nieuw \(n(r.inserted)), bijgewerkt \(n(r.updated)), ongewijzigd \(n(r.unchangedRows))",
               "   (new \(n(r.inserted)), updated \(n(r.updated)), unchanged \(n(r.unchangedRows))")
        if r.keptNewer > 0 { s += t(", nieuwere versie behouden \(n(r.keptNewer))", ", newer version kept \(n(r.keptNewer))") }
        s += ")\n"
        if r.skippedRows > 0 {
            s += "  " + t("overgeslagen (geen gegevens, niet geteld): \(n(r.skippedRows)) \(r.skippedRows == 1 ? "rij" : "rijen")",
                          "skipped (not data, not counted): \(n(r.skippedRows)) \(r.skippedRows == 1 ? "row" : "rows")") + "\n"
        }
        for w in r.warnings { s += "  " + t("let op", "warning") + ": \(TerminalText.sanitised(w))\n" }
        for x in r.firstRejections {
            s += "  " + t("afgekeurd", "rejected") + ": " + (r.sheet == nil ? t("regel", "line") : t("rij", "row")) + " \(x.line)"
            var reason = x.reason
            if let source = x.sourceField {
                s += " · \(TerminalText.sanitised(source))"
                // A profile import's reason starts with the column's own header; it is already shown.
                let header = source.split(separator: " (").first.map { "'\($0)': " } ?? ""
                if !header.isEmpty, reason.hasPrefix(header) { reason.removeFirst(header.count) }
            } else if let f = x.field { s += " · \(f)" }
            s += ": \(TerminalText.sanitised(reason))\n"
        }
        if r.rejected > r.firstRejections.count, let id = r.importID {
            s += "  " + t("… alle \(n(r.rejected)) afgekeurde rijen: noaber rejected --import \(id)",
                          "… all \(n(r.rejected)) rejected rows: noaber rejected --import \(id)") + "\n"
        }
        return s
    }
}
