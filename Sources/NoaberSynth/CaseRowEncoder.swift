import NoaberCSV
import NoaberModel

/// A row made invalid on purpose (see `SynthOptions.deliberateErrors`).
enum RowFault {
    case impossibleDate, closedBeforeReceived, unknownTheme, emptyCaseID

    var field: String {
        switch self {
        case .impossibleDate: "received"
        case .closedBeforeReceived: "closed"
        case .unknownTheme: "themes"
        case .emptyCaseID: "case_id"
        }
    }

    var problem: String {
        switch self {
        case .impossibleDate: "received date 31-2-2024 does not exist"
        case .closedBeforeReceived: "closed three days before it was received"
        case .unknownTheme: "unknown theme label '\(SynthVocabulary.unknownThemeLabel)'"
        case .emptyCaseID: "empty case number"
        }
    }
}

/// Appends the bytes of one case row in one dialect.
struct CaseRowEncoder {
    let encoding: DialectEncoding
    let fields: [CaseField]
    let villageCode: [UInt8]
    /// What the village column holds: the code, or the name in the Dutch dialect.
    let villageValue: [UInt8]
    let exportBatch: [UInt8]
    let unknownTheme: [UInt8]

    init(encoding: DialectEncoding, village: Village, asOf: CivilDate) {
        self.encoding = encoding
        fields = SynthVocabulary.caseColumns(encoding.dialect).map(\.field)
        villageCode = Array(village.code.utf8)
        villageValue = encoding.dialect == .dutchExcel ? encoding.encode(village.name) : villageCode
        exportBatch = Array(("batch " + asOf.iso + "/1").utf8)
        unknownTheme = encoding.encode(SynthVocabulary.unknownThemeLabel)
    }

    /// Appends the row and returns how many line breaks it holds inside quoted cells.
    func append(_ c: SynthCase, fault: RowFault?, to out: inout [UInt8]) -> Int {
        let e = encoding
        var innerLineBreaks = 0
        for (index, field) in fields.enumerated() {
            if index > 0 { out.append(e.delimiter) }
            switch field {
            case .caseID:
                if fault == .emptyCaseID { break }
                out.append(contentsOf: villageCode)
                out.append(UInt8(ascii: "-"))
                RowBytes.appendPadded(c.sequence, width: max(5, digitCount(c.sequence)), to: &out)
            case .village:
                out.append(contentsOf: villageValue)
            case .person:
                guard c.person >= 0 else { break }
                out.append(contentsOf: villageCode)
                out.append(contentsOf: [UInt8(ascii: "-"), UInt8(ascii: "K")])
                RowBytes.appendPadded(c.person + 1, width: max(5, digitCount(c.person + 1)), to: &out)
            case .name:
                guard c.person >= 0 else { break }
                let first = e.firstNames[(c.person &* 7 &+ 3) % e.firstNames.count]
                let last = e.lastNames[(c.person &* 13 &+ c.person / 5) % e.lastNames.count]
                out.append(contentsOf: first)
                out.append(UInt8(ascii: " "))
                out.append(contentsOf: last)
            case .ageBand:
                guard c.ageBand >= 0, !(c.showBirthYear && e.dialect == .bomSerial) else { break }
                out.append(contentsOf: e.ageBands[c.ageBand])
            case .birthYear:
                guard c.showBirthYear, c.birthYear > 0, e.dialect == .bomSerial else { break }
                RowBytes.appendInt(c.birthYear, to: &out)
            case .received:
                if fault == .impossibleDate {
                    out.append(contentsOf: Array("31-2-2024".utf8))
                } else {
                    RowBytes.appendMoment(day: c.receivedDay, minute: c.receivedMinute, style: e.dateStyle, to: &out)
                }
            case .firstContact:
                guard let day = c.contactDay else { break }
                RowBytes.appendMoment(day: day, minute: c.contactMinute, style: e.dateStyle, to: &out)
            case .closed:
                if fault == .closedBeforeReceived {
                    RowBytes.appendMoment(day: c.receivedDay - 3, minute: -1, style: e.dateStyle, to: &out)
                } else if let day = c.closedDay {
                    RowBytes.appendMoment(day: day, minute: c.closedMinute, style: e.dateStyle, to: &out)
                }
            case .source:
                out.append(contentsOf: e.sources[c.source])
            case .channel:
                out.append(contentsOf: e.channels[c.channel])
            case .themes:
                if fault == .unknownTheme {
                    appendMulti(c.themes, labels: e.themes, extra: unknownTheme, to: &out)
                } else {
                    appendMulti(c.themes, labels: e.themes, extra: nil, to: &out)
                }
            case .collective:
                out.append(contentsOf: c.collective ? e.yes : e.no)
            case .resolution:
                guard c.resolution >= 0 else { break }
                out.append(contentsOf: e.resolutions[c.resolution])
            case .referredTo:
                appendMulti(c.referrals, labels: e.referrals, extra: nil, to: &out)
            case .risks:
                appendMulti(c.risks, labels: e.risks, extra: nil, to: &out)
            case .escalatedTo:
                appendMulti(c.escalated, labels: e.risks, extra: nil, to: &out)
            case .supportMinutes:
                guard c.halfMinutes >= 0 else { break }
                RowBytes.appendFraction(c.halfMinutes, per: 2, decimalComma: e.decimalComma, to: &out)
            case .notes:
                guard c.note >= 0 else { break }
                let note = e.notes[c.note]
                CSVWriter.appendField(note, delimiter: e.delimiter, to: &out)
                for byte in note where byte == 0x0A { innerLineBreaks += 1 }
            case .exportBatch:
                out.append(contentsOf: exportBatch)
            }
        }
        out.append(contentsOf: e.lineEnding)
        return innerLineBreaks
    }

    private func appendMulti(_ mask: UInt16, labels: [[UInt8]], extra: [UInt8]?, to out: inout [UInt8]) {
        guard mask != 0 || extra != nil else { return }
        let quote = encoding.quoteMultiValues
        if quote { out.append(0x22) }
        RowBytes.appendSet(mask, labels: labels, separator: encoding.separator, to: &out)
        if let extra {
            if mask != 0 { out.append(contentsOf: encoding.separator) }
            out.append(contentsOf: extra)
        }
        if quote { out.append(0x22) }
    }

    private func digitCount(_ value: Int) -> Int {
        var count = 1
        var rest = value
        while rest >= 10 { rest /= 10; count += 1 }
        return count
    }
}
