import NoaberCSV
import NoaberModel

/// A dialect's fixed bytes, encoded once (UTF-8, or Windows-1252 for Dutch Excel) so that the
/// row loop only copies bytes.
struct DialectEncoding {
    let dialect: ExportDialect
    let delimiter: UInt8
    let lineEnding: [UInt8]
    let byteOrderMark: [UInt8]
    let dateStyle: RowBytes.DateStyle
    let decimalComma: Bool
    let ageBands: [[UInt8]]
    let sources: [[UInt8]]
    let channels: [[UInt8]]
    let themes: [[UInt8]]
    let resolutions: [[UInt8]]
    let referrals: [[UInt8]]
    let risks: [[UInt8]]
    let tasks: [[UInt8]]
    let yes: [UInt8]
    let no: [UInt8]
    let separator: [UInt8]
    /// Multi-valued cells are always quoted (the BOM dialect's exporter does so).
    let quoteMultiValues: Bool
    let notes: [[UInt8]]
    let firstNames: [[UInt8]]
    let lastNames: [[UInt8]]

    init(_ dialect: ExportDialect) {
        self.dialect = dialect
        let encode = DialectEncoding.encoder(for: dialect)
        func labels<C: Code>(_ type: C.Type) -> [[UInt8]] {
            C.allCases.map { encode(SynthVocabulary.label($0, dialect)) }
        }
        switch dialect {
        case .canonical:
            delimiter = UInt8(ascii: ",")
            lineEnding = [0x0A]
            byteOrderMark = []
            dateStyle = .iso
            decimalComma = false
        case .dutchExcel:
            delimiter = UInt8(ascii: ";")
            lineEnding = [0x0D, 0x0A]
            byteOrderMark = []
            dateStyle = .dayMonthYear
            decimalComma = true
        case .bomSerial:
            delimiter = UInt8(ascii: ",")
            lineEnding = [0x0D, 0x0A]
            byteOrderMark = CSVDialect.utf8ByteOrderMark
            dateStyle = .excelSerial
            decimalComma = false
        }
        ageBands = labels(AgeBand.self)
        sources = labels(Source.self)
        channels = labels(Channel.self)
        themes = labels(Theme.self)
        resolutions = labels(Resolution.self)
        referrals = labels(Referral.self)
        risks = labels(Risk.self)
        tasks = labels(TaskKind.self)
        let booleans = SynthVocabulary.booleans(dialect)
        yes = encode(booleans.yes)
        no = encode(booleans.no)
        separator = encode(SynthVocabulary.multiValueSeparator(dialect))
        quoteMultiValues = dialect == .bomSerial
        notes = SynthVocabulary.notes.map(encode)
        firstNames = SynthVocabulary.firstNames.map(encode)
        lastNames = SynthVocabulary.lastNames.map(encode)
        self.encode = encode
    }

    let encode: @Sendable (String) -> [UInt8]

    /// Windows-1252 for Dutch Excel, UTF-8 otherwise.
    static func encoder(for dialect: ExportDialect) -> @Sendable (String) -> [UInt8] {
        if dialect == .dutchExcel { return { Windows1252.encode($0) } }
        return { Array($0.utf8) }
    }

    /// A header row.
    func header(_ names: [String]) -> [UInt8] {
        var out: [UInt8] = []
        for (index, name) in names.enumerated() {
            if index > 0 { out.append(delimiter) }
            CSVWriter.appendField(encode(name), delimiter: delimiter, to: &out)
        }
        out.append(contentsOf: lineEnding)
        return out
    }
}
