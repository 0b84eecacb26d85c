/// Writes a small `.xlsx` workbook: sheets of text, numbers and dates, a few fixed cell styles,
/// column widths and default styles, a frozen header, drop-down lists and other data validations,
/// hidden sheets and defined names. What noaber writes for villages: the registration template
/// (`noaber template`) and the bundled village workbook.
///
/// The parts are the minimum Excel and LibreOffice need (ECMA-376 Part 1): `[Content_Types].xml`,
/// `_rels/.rels`, `xl/workbook.xml` with its relationships, `xl/styles.xml`,
/// `xl/sharedStrings.xml` and one `xl/worksheets/sheetN.xml` per sheet, zipped by `ZipWriter`.
/// Nothing in them depends on the clock, so the same workbook gives the same bytes.
///
///     var sheet = XLSXWriter.Sheet(name: "Registratie")
///     sheet.rows = [[.text("Datum", .header)], [.number(45356, .date)]]
///     sheet.frozenRows = 1
///     let bytes = try XLSXWriter(sheets: [sheet]).bytes()
///
/// Like `NoaberCSV`'s writer, it knows nothing about noaber's records.
public struct XLSXWriter: Sendable {
    /// The cell styles every workbook written here has (their `cellXfs` index is the raw value).
    public enum Style: Int, Sendable, CaseIterable {
        case general = 0
        /// Bold on a light blue fill, wrapped, top-aligned: a column header.
        case header
        /// `d-m-yyyy` (custom number format 164).
        case date
        /// `d-m-yyyy h:mm` (custom number format 165).
        case dateTime
        /// Wrapped and top-aligned text, for explanations.
        case wrapped
        /// Bold, 14 points: a title above a table.
        case title
        /// Bold.
        case bold
        /// The text number format `@`: what is typed stays text (a file number keeps its zeros).
        case text
    }

    public enum Cell: Sendable, Equatable {
        case empty
        case text(String, Style = .general)
        case number(Double, Style = .general)
        /// A formula (without `=`) and the value it was last calculated to, which readers that do
        /// not calculate (noaber among them) take.
        case formula(String, cached: Double, Style = .general)
    }

    /// A data validation (`<dataValidation>`): what a range of cells accepts.
    public struct Validation: Sendable, Equatable {
        public enum Kind: Sendable, Equatable {
            /// A drop-down list from `formula`: a range (`Lijsten!$A$2:$A$13`), a defined name,
            /// or a quoted list (`"ja,nee"`).
            case list(String)
            case decimal(min: Double, max: Double)
            case whole(min: Int, max: Int)
            /// Dates between two serial day numbers.
            case date(min: Double, max: Double)
            /// No check: only the input message.
            case any
        }

        /// How a value outside the validation is met: refused (`stop`), or allowed after a
        /// warning or a note.
        public enum ErrorStyle: String, Sendable {
            case stop, warning, information
        }

        public var range: String
        public var kind: Kind
        public var errorStyle: ErrorStyle
        /// Shown when a cell of the range is selected (Excel shows at most 32 and 255 characters).
        public var promptTitle: String
        public var prompt: String
        /// Shown when a value is refused.
        public var errorTitle: String
        public var error: String

        public init(range: String, kind: Kind, errorStyle: ErrorStyle = .stop, promptTitle: String = "", prompt: String = "",
                    errorTitle: String = "", error: String = "") {
            self.range = range
            self.kind = kind
            self.errorStyle = errorStyle
            self.promptTitle = promptTitle
            self.prompt = prompt
            self.errorTitle = errorTitle
            self.error = error
        }
    }

    public struct Sheet: Sendable {
        public var name: String
        public var isHidden: Bool
        /// Rows from row 1; a row's cells from column A.
        public var rows: [[Cell]]
        /// Width of each column from A, in characters; nil leaves a column at the default width.
        public var columnWidths: [Double?]
        /// The style new cells in a column take (a date format for a date column), by column index.
        public var columnStyles: [Int: Style]
        /// Rows kept in view when scrolling (0: none).
        public var frozenRows: Int
        public var validations: [Validation]
        /// An autofilter over a range (`A1:Q1`): the arrow buttons in the header.
        public var autoFilter: String?

        public init(name: String, isHidden: Bool = false, rows: [[Cell]] = [], columnWidths: [Double?] = [],
                    columnStyles: [Int: Style] = [:], frozenRows: Int = 0, validations: [Validation] = [], autoFilter: String? = nil) {
            self.name = name
            self.isHidden = isHidden
            self.rows = rows
            self.columnWidths = columnWidths
            self.columnStyles = columnStyles
            self.frozenRows = frozenRows
            self.validations = validations
            self.autoFilter = autoFilter
        }
    }

    public var sheets: [Sheet]
    /// Workbook-wide names for ranges (`lijst_thema` → `Lijsten!$C$2:$C$13`), in order.
    public var definedNames: [(name: String, formula: String)]
    public var method: ZipWriter.Method

    public init(sheets: [Sheet], definedNames: [(name: String, formula: String)] = [], method: ZipWriter.Method = .deflated) {
        self.sheets = sheets
        self.definedNames = definedNames
        self.method = method
    }

    /// The column letters of a 0-based column index (`0` → `A`, `26` → `AA`).
    public static func column(_ index: Int) -> String { SheetReader.columnName(index) }

    /// The Excel serial day number (1900 system) of a calendar date, with the time of day as a
    /// fraction: 2024-03-05 → 45356.
    public static func serial(year: Int, month: Int, day: Int, minuteOfDay: Int = 0) -> Double {
        // Days from 1970-01-01 (Howard Hinnant's days_from_civil), then shifted to 1899-12-30.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146_097 + doe - 719_468
        return Double(days + 25_569) + Double(minuteOfDay) / 1440
    }

    /// The workbook's bytes.
    public func bytes() throws(ZipWriter.Failure) -> [UInt8] {
        var strings = SharedStringTable()
        var sheetParts: [[UInt8]] = []
        for sheet in sheets { sheetParts.append(Array(Self.worksheet(sheet, strings: &strings).utf8)) }
        var zip = ZipWriter()
        zip.add("[Content_Types].xml", Array(contentTypes.utf8), method: method)
        zip.add("_rels/.rels", Array(Self.rootRelationships.utf8), method: method)
        zip.add("xl/workbook.xml", Array(workbook.utf8), method: method)
        zip.add("xl/_rels/workbook.xml.rels", Array(workbookRelationships.utf8), method: method)
        zip.add("xl/styles.xml", Array(Self.styles.utf8), method: method)
        zip.add("xl/sharedStrings.xml", Array(strings.xml.utf8), method: method)
        for (i, part) in sheetParts.enumerated() { zip.add("xl/worksheets/sheet\(i + 1).xml", part, method: method) }
        return try zip.finish()
    }

    // MARK: - Parts

    static let header = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationshipsNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let packageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships"

    var contentTypes: String {
        var s = Self.header + #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
        s += #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
        s += #"<Default Extension="xml" ContentType="application/xml"/>"#
        s += #"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#
        for i in sheets.indices {
            s += #"<Override PartName="/xl/worksheets/sheet\#(i + 1).xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        }
        s += #"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#
        s += #"<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>"#
        return s + "</Types>"
    }

    static let rootRelationships = header + #"<Relationships xmlns="\#(packageRelationships)">"#
        + #"<Relationship Id="rId1" Type="\#(relationshipsNS)/officeDocument" Target="xl/workbook.xml"/></Relationships>"#

    var workbook: String {
        var s = Self.header + #"<workbook xmlns="\#(Self.main)" xmlns:r="\#(Self.relationshipsNS)">"#
        s += #"<workbookPr/><bookViews><workbookView activeTab="0"/></bookViews><sheets>"#
        for (i, sheet) in sheets.enumerated() {
            s += #"<sheet name="\#(Self.escape(sheet.name))" sheetId="\#(i + 1)""#
            if sheet.isHidden { s += #" state="hidden""# }
            s += #" r:id="rId\#(i + 1)"/>"#
        }
        s += "</sheets>"
        if !definedNames.isEmpty {
            s += "<definedNames>"
            for d in definedNames { s += #"<definedName name="\#(Self.escape(d.name))">\#(Self.escape(d.formula))</definedName>"# }
            s += "</definedNames>"
        }
        return s + #"<calcPr calcId="191029"/></workbook>"#
    }

    var workbookRelationships: String {
        var s = Self.header + #"<Relationships xmlns="\#(Self.packageRelationships)">"#
        for i in sheets.indices {
            s += #"<Relationship Id="rId\#(i + 1)" Type="\#(Self.relationshipsNS)/worksheet" Target="worksheets/sheet\#(i + 1).xml"/>"#
        }
        s += #"<Relationship Id="rIdStyles" Type="\#(Self.relationshipsNS)/styles" Target="styles.xml"/>"#
        s += #"<Relationship Id="rIdStrings" Type="\#(Self.relationshipsNS)/sharedStrings" Target="sharedStrings.xml"/>"#
        return s + "</Relationships>"
    }

    /// The fixed styles of `Style`, in its order.
    static let styles: String = {
        var s = header + #"<styleSheet xmlns="\#(main)">"#
        s += #"<numFmts count="2"><numFmt numFmtId="164" formatCode="d-m-yyyy"/><numFmt numFmtId="165" formatCode="d-m-yyyy h:mm"/></numFmts>"#
        let font = #"<sz val="11"/><name val="Calibri"/><family val="2"/>"#
        s += #"<fonts count="3"><font>\#(font)</font><font><b/>\#(font)</font><font><b/><sz val="14"/><name val="Calibri"/><family val="2"/></font></fonts>"#
        s += #"<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>"#
        s += #"<fill><patternFill patternType="solid"><fgColor rgb="FFDDEBF7"/><bgColor indexed="64"/></patternFill></fill></fills>"#
        s += #"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#
        s += #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#
        let top = #"<alignment wrapText="1" vertical="top"/>"#
        let xfs: [String] = Style.allCases.map { style in
            switch style {
            case .general: #"<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#
            case .header: #"<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1" applyAlignment="1">\#(top)</xf>"#
            case .date: #"<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#
            case .dateTime: #"<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#
            case .wrapped: #"<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1">\#(top)</xf>"#
            case .title: #"<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/>"#
            case .bold: #"<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>"#
            case .text: #"<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#
            }
        }
        s += #"<cellXfs count="\#(xfs.count)">"# + xfs.joined() + "</cellXfs>"
        s += #"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#
        return s + "</styleSheet>"
    }()

    static func worksheet(_ sheet: Sheet, strings: inout SharedStringTable) -> String {
        var s = header + #"<worksheet xmlns="\#(main)" xmlns:r="\#(relationshipsNS)">"#
        let width = max(sheet.rows.map(\.count).max() ?? 0, 1)
        s += #"<dimension ref="A1:\#(column(width - 1))\#(max(sheet.rows.count, 1))"/>"#
        s += #"<sheetViews><sheetView workbookViewId="0">"#
        if sheet.frozenRows > 0 {
            let first = sheet.frozenRows + 1
            s += #"<pane ySplit="\#(sheet.frozenRows)" topLeftCell="A\#(first)" activePane="bottomLeft" state="frozen"/>"#
            s += #"<selection pane="bottomLeft" activeCell="A\#(first)" sqref="A\#(first)"/>"#
        }
        s += #"</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>"#
        let columns = max(sheet.columnWidths.count, (sheet.columnStyles.keys.max() ?? -1) + 1)
        if columns > 0 {
            s += "<cols>"
            for c in 0..<columns {
                let w = c < sheet.columnWidths.count ? sheet.columnWidths[c] : nil
                let style = sheet.columnStyles[c]
                guard w != nil || style != nil else { continue }
                s += #"<col min="\#(c + 1)" max="\#(c + 1)" width="\#(number(w ?? 9.140625))""#
                if w != nil { s += #" customWidth="1""# }
                if let style { s += #" style="\#(style.rawValue)""# }
                s += "/>"
            }
            s += "</cols>"
        }
        s += "<sheetData>"
        for (r, row) in sheet.rows.enumerated() where !row.isEmpty {
            s += #"<row r="\#(r + 1)">"#
            for (c, cell) in row.enumerated() {
                let ref = column(c) + String(r + 1)
                switch cell {
                case .empty:
                    continue
                case .text(let text, let style):
                    s += #"<c r="\#(ref)" t="s"\#(styleAttribute(style))><v>\#(strings.index(text))</v></c>"#
                case .number(let value, let style):
                    s += #"<c r="\#(ref)"\#(styleAttribute(style))><v>\#(number(value))</v></c>"#
                case .formula(let formula, let cached, let style):
                    s += #"<c r="\#(ref)"\#(styleAttribute(style))><f>\#(escape(formula))</f><v>\#(number(cached))</v></c>"#
                }
            }
            s += "</row>"
        }
        s += "</sheetData>"
        if let filter = sheet.autoFilter { s += #"<autoFilter ref="\#(filter)"/>"# }
        if !sheet.validations.isEmpty {
            s += #"<dataValidations count="\#(sheet.validations.count)">"#
            for v in sheet.validations { s += validation(v) }
            s += "</dataValidations>"
        }
        s += #"<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>"#
        return s + "</worksheet>"
    }

    static func styleAttribute(_ style: Style) -> String {
        style == .general ? "" : #" s="\#(style.rawValue)""#
    }

    static func validation(_ v: Validation) -> String {
        var attributes = ""
        var formulas = ""
        switch v.kind {
        case .list(let formula):
            attributes = #" type="list""#
            formulas = "<formula1>\(escape(formula))</formula1>"
        case .decimal(let min, let max):
            attributes = #" type="decimal" operator="between""#
            formulas = "<formula1>\(number(min))</formula1><formula2>\(number(max))</formula2>"
        case .whole(let min, let max):
            attributes = #" type="whole" operator="between""#
            formulas = "<formula1>\(min)</formula1><formula2>\(max)</formula2>"
        case .date(let min, let max):
            attributes = #" type="date" operator="between""#
            formulas = "<formula1>\(number(min))</formula1><formula2>\(number(max))</formula2>"
        case .any:
            break
        }
        if v.errorStyle != .stop { attributes += #" errorStyle="\#(v.errorStyle.rawValue)""# }
        attributes += #" allowBlank="1" showInputMessage="1" showErrorMessage="1""#
        if !v.errorTitle.isEmpty { attributes += #" errorTitle="\#(escape(String(v.errorTitle.prefix(32)), attribute: true))""# }
        if !v.error.isEmpty { attributes += #" error="\#(escape(String(v.error.prefix(255)), attribute: true))""# }
        if !v.promptTitle.isEmpty { attributes += #" promptTitle="\#(escape(String(v.promptTitle.prefix(32)), attribute: true))""# }
        if !v.prompt.isEmpty { attributes += #" prompt="\#(escape(String(v.prompt.prefix(255)), attribute: true))""# }
        return #"<dataValidation\#(attributes) sqref="\#(v.range)">\#(formulas)</dataValidation>"#
    }

    /// A number as XML text: whole numbers without a decimal point, others as Swift's shortest
    /// round-trip decimal.
    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return String(value)
    }

    /// Text for an XML attribute or element: `& < > "` escaped; control characters that XML 1.0
    /// cannot hold written as Excel's `_xHHHH_` escapes (and a literal `_x` escaped likewise, so
    /// it reads back as written).
    static func escape(_ text: String, attribute: Bool = false) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var scalars = Array(text.unicodeScalars)[...]
        while let scalar = scalars.first {
            scalars = scalars.dropFirst()
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\n", "\t":
                // An attribute value's line break would be read as a space (XML 1.0 §3.3.3).
                if attribute { out += scalar == "\n" ? "&#10;" : "&#9;" } else { out.unicodeScalars.append(scalar) }
            case "_" where scalars.first == "x":
                out += "_x005F_"
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    out += "_x" + String(repeating: "0", count: 4 - hex.count) + hex + "_"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}

/// The shared strings of a workbook: each distinct text once, numbered in order of first use.
struct SharedStringTable {
    private var indices: [String: Int] = [:]
    private var texts: [String] = []
    private var uses = 0

    mutating func index(_ text: String) -> Int {
        uses += 1
        if let i = indices[text] { return i }
        indices[text] = texts.count
        texts.append(text)
        return texts.count - 1
    }

    var xml: String {
        var s = XLSXWriter.header + #"<sst xmlns="\#(XLSXWriter.main)" count="\#(uses)" uniqueCount="\#(texts.count)">"#
        for t in texts {
            let spaced = t.first?.isWhitespace == true || t.last?.isWhitespace == true
            s += spaced ? #"<si><t xml:space="preserve">"# : "<si><t>"
            s += XLSXWriter.escape(t) + "</t></si>"
        }
        return s + "</sst>"
    }
}
