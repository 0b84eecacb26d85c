import NoaberCSV
import NoaberMetrics
import NoaberModel

/// The village pages (`Audience.dorp`): one A4 page per village, each in a folder of its own so
/// that a village can be sent its page with nothing else:
///
///     SAA/report-dorp-SAA.html, SAA/figures/*.svg, SAA/tables/*.csv
///
/// `tables/metrics.csv` holds the tidy rows of that village and of the pooled group only.
extension ReportGenerator {
    static func renderVillagePages(data: ReportData, provenance: ReportProvenance) throws -> [(path: String, bytes: [UInt8])] {
        let villages = try pageVillages(data)
        let folders = pageFolders(villages)
        // Pages are independent of each other: render them on all cores, keep the order asked.
        let rendered = Parallel.map(villages.count) { i in
            Result { try renderVillagePage(villages[i], folder: folders[i], data: data, provenance: provenance) }
        }
        var files: [(path: String, bytes: [UInt8])] = []
        for result in rendered { files += try result.get() }
        return files
    }

    /// The villages that get a page (`ReportRequest.pageVillages`, else every village), by code.
    static func pageVillages(_ data: ReportData) throws(ReportError) -> [Village] {
        guard let codes = data.request.pageVillages else { return data.villages }
        for code in codes where !data.villages.contains(where: { $0.code == code }) { throw .unknownVillage(code: code) }
        let wanted = Set(codes)
        return data.villages.filter { wanted.contains($0.code) }
    }

    /// A folder name per village: its code with anything but ASCII letters, digits, '-' and '_'
    /// replaced, so a code can never climb out of the output folder; codes that come out the
    /// same get a suffix.
    static func pageFolders(_ villages: [Village]) -> [String] {
        var used = Set<String>()
        return villages.map { v in
            var name = "", i = 1
            for scalar in v.code.unicodeScalars {
                switch scalar {
                case "a"..."z", "A"..."Z", "0"..."9", "-", "_": name.unicodeScalars.append(scalar)
                default: name += "-"
                }
            }
            if name.isEmpty || name.hasPrefix("-") { name = "dorp" + name }
            let base = name
            while !used.insert(name).inserted {
                i += 1
                name = base + "-\(i)"
            }
            return name
        }
    }

    static func renderVillagePage(_ village: Village, folder: String, data: ReportData,
                                  provenance: ReportProvenance) throws -> [(path: String, bytes: [UInt8])] {
        let request = data.request
        var composer = ReportComposer(data: data, provenance: provenance)
        composer.villagePage(village, feedback: provenance.villageFeedback[village.code])
        let language = request.language
        let title = village.name + ": " + ReportComposer.title(.dorp, language) + " — "
            + DateFormatting(language: language).periodLabel(data.current.label)
        let html = HTMLDocument(language: language, title: title, audience: .dorp, body: composer.html,
                                footer: footer(request, provenance)).render()
        var files: [(path: String, bytes: [UInt8])] = [("\(folder)/report-dorp-\(folder).html", Array(html.utf8))]
        for f in composer.figures { files.append(("\(folder)/figures/\(f.name).svg", Array(f.svg.utf8))) }
        // As every report: the tidy file for programs in the standard dialect, the readable tables
        // in the report's language and dialect.
        let tidy = MemorySink()
        try TableCSV.tidy(data.rows.filter { $0.village == village.code || $0.village == ReportData.pooledKey },
                          dialect: .standard, to: tidy)
        files.append(("\(folder)/tables/metrics.csv", tidy.bytes))
        for t in composer.tables {
            let sink = MemorySink()
            try TableCSV.wide(t, minimumCell: request.minCell, language: language, dialect: request.tableDialect, to: sink)
            files.append(("\(folder)/tables/\(t.name).csv", sink.bytes))
        }
        return files
    }
}
