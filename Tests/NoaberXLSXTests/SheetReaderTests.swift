import Testing
@testable import NoaberXLSX

@Suite("Sheet reader: cells as text, in their columns")
struct SheetReaderTests {
    @Test func everyCellTypeRendersAsCSVText() throws {
        let rows = """
            <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>
            <row r="2">\
            <c r="A2" t="inlineStr"><is><t>inline &amp; &lt;tekst&gt; &#233;&#x20AC;</t></is></c>\
            <c r="B2" t="inlineStr"><is><r><t>rich </t></r><r><rPr/><t>run</t></r><rPh><t>ふ</t></rPh></is></c>\
            <c r="C2"><v>62.5</v></c>\
            <c r="D2" t="b"><v>1</v></c><c r="E2" t="b"><v>0</v></c>\
            <c r="F2" t="e"><v>#N/A</v></c>\
            <c r="G2" t="str"><f>A2&amp;"x"</f><v>formula text</v></c>\
            <c r="H2"><f>SUM(C2:C2)</f><v>62.5</v></c>\
            <c r="I2"><f>1+1</f></c>\
            <c r="J2" s="1"><v>45356</v></c>\
            <c r="K2" s="2"><v>45356.604166666664</v></c>\
            <c r="L2" t="d"><v>2024-03-05T14:30:00</v></c>\
            <c r="M2" s="3"><v>0.5</v></c>\
            <c r="N2" s="4"><v>45356.25</v></c>\
            <c r="O2" t="s"><v>3</v></c>\
            </row>
            """
        let bytes = TestZip.workbook(sheets: [("Blad1", rows)],
                                     sharedStrings: ["case_id", "<r><t>Datum</t></r><r><t> melding</t></r>", "<t>a_x000D_b</t><rPh><t>x</t></rPh>",
                                                     #"<t xml:space="preserve">  spaties  </t>"#],
                                     cellFormats: [0, 14, 22, 20, 164], customFormats: [164: "d-m-yyyy"])
        let reader = try firstSheet(bytes)
        let all = try allRows(reader)
        #expect(all.count == 2)
        #expect(all[0].1 == ["case_id", "Datum melding", "a\rb"])
        #expect(all[1].1 == ["inline & <tekst> é€", "rich run", "62.5", "true", "false", "#N/A", "formula text", "62.5", "",
                             "2024-03-05", "2024-03-05T14:30", "2024-03-05T14:30", "12:00", "2024-03-05", "  spaties  "])
        #expect(reader.uncachedFormulas == 1)
    }

    @Test func gapsInReferencesAndRowsAreKept() throws {
        let rows = """
            <row r="2"><c r="B2"><v>1</v></c><c r="D2"><v>2</v></c></row>
            <row r="5" spans="1:4"/>
            <row><c><v>3</v></c><c><v>4</v></c></row>
            <row r="9"><c r="AA9"><v>5</v></c></row>
            """
        let all = try allRows(try firstSheet(TestZip.workbook(sheets: [("S", rows)])))
        #expect(all.map(\.0) == [2, 5, 6, 9])
        #expect(all[0].1 == ["", "1", "", "2"])
        #expect(all[1].1 == [])
        #expect(all[2].1 == ["3", "4"])
        #expect(all[3].1.count == 27 && all[3].1[26] == "5")
    }

    @Test func the1904SystemAndTheLeapDay() throws {
        let rows = #"<row r="1"><c r="A1" s="1"><v>0</v></c><c r="B1" s="1"><v>60</v></c></row>"#
        let mac = try allRows(try firstSheet(TestZip.workbook(sheets: [("S", rows)], cellFormats: [0, 14], date1904: true)))
        #expect(mac[0].1 == ["1904-01-01", "1904-03-01"])
        let windows = try allRows(try firstSheet(TestZip.workbook(sheets: [("S", rows)], cellFormats: [0, 14])))
        #expect(windows[0].1 == ["1900-01-00", "1900-02-29"])
    }

    @Test func decimalCommaWhenAsked() throws {
        let rows = #"<row r="1"><c r="A1"><v>2.75</v></c><c r="B1"><v>3</v></c></row>"#
        let all = try allRows(try firstSheet(TestZip.workbook(sheets: [("S", rows)]), options: .init(decimalSeparator: UInt8(ascii: ","))))
        #expect(all[0].1 == ["2,75", "3"])
    }

    @Test func prefixedNamespaceCDATAAndComments() throws {
        let rows = #"<x:row r="1"><!-- note --><x:c r="A1" t="inlineStr"><x:is><x:t><![CDATA[a<b]]></x:t></x:is></x:c><x:c r="B1"><x:v>7</x:v></x:c></x:row>"#
        let all = try allRows(try firstSheet(TestZip.workbook(sheets: [("S", rows)], sheetPrefix: "x")))
        #expect(all[0].1 == ["a<b", "7"])
    }

    @Test func aggregateFormulasAreFlagged() throws {
        let rows = #"<row r="1"><c r="A1"><f>SUM(A2:A9)</f><v>3</v></c><c r="B1"><f>_xlfn.AGGREGATE(9,5,B2:B9)</f><v>1</v></c><c r="C1"><f>A1*2</f><v>6</v></c></row>"#
        let reader = try firstSheet(TestZip.workbook(sheets: [("S", rows)]))
        #expect(try reader.next())
        #expect(reader.flags(0) & SheetReader.aggregateFlag != 0)
        #expect(reader.flags(1) & SheetReader.aggregateFlag != 0)
        #expect(reader.flags(2) & SheetReader.aggregateFlag == 0)
        #expect(reader.flags(2) & SheetReader.formulaFlag != 0)
    }

    @Test func malformedSheetsStopWithRowAndColumnAndStayFailed() throws {
        let cases: [(String, String)] = [
            (#"<row r="1"><c r="B1"><v>1</v></c><c r="A1"><v>2</v></c></row>"#, "column A after B"),
            (#"<row r="3"><c r="A3"><v>1</v></c></row><row r="2"/>"#, "row 2 after row 3"),
            (#"<row r="1"><c r="A1" t="s"><v>9</v></c></row>"#, "shared string"),
            (#"<row r="1"><c r="A1" t="b"><v>2</v></c></row>"#, "boolean"),
            (#"<row r="1"><c r="A1"><v>twelve</v></c></row>"#, "number"),
            (#"<row r="1"><c r="XFE1"><v>1</v></c></row>"#, "reference"),
            (#"<row r="1"><c r="A1" t="q"><v>1</v></c></row>"#, "cell type"),
            (#"<row r="1"><c r="A1"><v>1 &bogus; </v></c></row>"#, "entity"),
        ]
        for (rows, what) in cases {
            let reader = try firstSheet(TestZip.workbook(sheets: [("S", rows)], sharedStrings: ["x"]))
            var first: XLSXError?
            do { _ = try allRows(reader) } catch let e as XLSXError { first = e }
            let error = try #require(first, "\(what)")
            #expect(error.file == "test.xlsx")
            #expect(error.part == "xl/worksheets/sheet1.xml")
            do { _ = try reader.next(); Issue.record("not sticky: \(what)") } catch { #expect(error == first) }
        }
    }

    @Test func doctypeIsRefused() throws {
        var zip = TestZip()
        zip.add("xl/workbook.xml", #"<!DOCTYPE x [<!ENTITY a "aaaa">]><workbook><sheets/></workbook>"#)
        #expect(throws: XLSXError.self) { try Workbook(bytes: zip.bytes()) }
        let xml = XMLScanner(bytes: Array(#"<!DOCTYPE x [<!ENTITY a "aaaa">]><a/>"#.utf8))
        do { _ = try xml.next(); Issue.record("DOCTYPE read") } catch { #expect(error.kind == .doctype) }
    }

    @Test func aCellOverTheLimitStops() throws {
        let big = String(repeating: "x", count: 5000)
        let rows = #"<row r="1"><c r="A1" t="inlineStr"><is><t>\#(big)</t></is></c></row>"#
        let reader = try firstSheet(TestZip.workbook(sheets: [("S", rows)]), options: .init(maxCellBytes: 1000))
        do { _ = try allRows(reader); Issue.record("no limit") } catch let e as XLSXError {
            #expect(e.kind == .tokenTooLarge(limit: 1000))
        }
    }

    @Test func sheetsByNameAndNumberAndHidden() throws {
        let workbook = try Workbook(bytes: TestZip.workbook(sheets: [("Toelichting", ""), ("2", ""), ("Hulpvragen", "")]))
        #expect(workbook.sheets.map(\.name) == ["Toelichting", "2", "Hulpvragen"])
        #expect(workbook.sheet(named: "hulpvragen")?.number == 3)
        #expect(workbook.sheet(named: "2")?.name == "2", "a sheet named 2 wins over the second sheet")
        #expect(workbook.sheet(named: "3")?.name == "Hulpvragen")
        #expect(workbook.sheet(named: "4") == nil)
        #expect(workbook.uses1904 == false)
    }

    @Test func columnNames() {
        #expect(SheetReader.columnName(0) == "A")
        #expect(SheetReader.columnName(25) == "Z")
        #expect(SheetReader.columnName(26) == "AA")
        #expect(SheetReader.columnName(16_383) == "XFD")
    }

    @Test func smallChunksGiveTheSameRows() throws {
        // Tokens straddle the scanner's buffer boundary at every position when the sheet is large.
        var rows = ""
        for r in 1...3000 {
            rows += #"<row r="\#(r)"><c r="A\#(r)" t="inlineStr"><is><t>id &amp; \#(r)</t></is></c><c r="C\#(r)"><v>\#(Double(r) / 8)</v></c></row>"#
        }
        let all = try allRows(try firstSheet(TestZip.workbook(sheets: [("S", rows)])))
        #expect(all.count == 3000)
        for (i, row) in all.enumerated() {
            let r = i + 1
            #expect(row.0 == r)
            var expected = String(Double(r) / 8)
            if expected.hasSuffix(".0") { expected.removeLast(2) }
            #expect(row.1 == ["id & \(r)", "", expected])
        }
    }
}
