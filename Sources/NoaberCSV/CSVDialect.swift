/// How a CSV file is written: separator, decimal mark, byte-order mark and line ending.
///
/// Two dialects cover noaber's audiences: `standard` for researchers (RFC 4180, what R and
/// Python read without options) and `excelDutch` for gemeente officers, whose Excel (Dutch
/// locale) splits on `;`, reads `1,5` as a number and needs the UTF-8 BOM to show `ë` right
/// when the file is opened with a double-click.
public struct CSVDialect: Sendable, Hashable {
    /// The field separator, an ASCII byte.
    public var delimiter: UInt8
    /// Write `1,5` instead of `1.5`.
    public var decimalComma: Bool
    /// Start the file with the UTF-8 byte-order mark `EF BB BF`.
    public var byteOrderMark: Bool
    /// The bytes that end every row (`\n` or `\r\n`).
    public var lineEnding: [UInt8]

    public init(delimiter: UInt8, decimalComma: Bool, byteOrderMark: Bool, lineEnding: [UInt8]) {
        self.delimiter = delimiter
        self.decimalComma = decimalComma
        self.byteOrderMark = byteOrderMark
        self.lineEnding = lineEnding
    }

    /// `,`, decimal point, no BOM, `\n`: RFC 4180 quoting with Unix line ends.
    public static let standard = CSVDialect(delimiter: UInt8(ascii: ","), decimalComma: false,
                                            byteOrderMark: false, lineEnding: [0x0A])

    /// `;`, decimal comma, UTF-8 BOM, `\r\n`: what Dutch Excel opens right with a double-click.
    public static let excelDutch = CSVDialect(delimiter: UInt8(ascii: ";"), decimalComma: true,
                                              byteOrderMark: true, lineEnding: [0x0D, 0x0A])

    /// The UTF-8 byte-order mark.
    public static let utf8ByteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]
}
