// libFuzzer entry point over NoaberXLSX: the zip container and the sheet reader. Compiled by
// Fuzz/run.sh together with Sources/NoaberXLSX/*.swift (and zlib through Sources/CZlib) into one
// module, so internal API is visible: the scanner's chunk size and the sheet reader's initialiser.
//
// Input layout: byte 0 picks the mode and a chunk size, the rest is the input.
//   bits 0-1: mode
//     0, 1: a whole file: `Workbook(bytes:)` with small limits, then every sheet read to the end
//     2:    a sheet's XML: read from memory by a `SheetReader` with fixed shared strings and styles
//     3:    shared strings or styles XML (bit 2 picks which)
//   bits 4-7: chunk size for modes 2 and 3 (1 + value)
// Oracles (a violation traps, which libFuzzer reports as a crash):
//   - no crash, no hang, no ASan report, no leak;
//   - modes 2 and 3: reading with the tiny chunk and with the default 256 KiB chunk gives the same
//     rows (cells and flags) and the same error (chunking must never change what a file means);
//   - row numbers strictly increase and lie in 1...1,048,576; cells in 0...16,384 per row; no
//     cell longer than the cell limit;
//   - after an error, `next()` throws the same error again.

#if canImport(Glibc)
import Glibc
#endif

let fuzzCellLimit = 256
let fuzzLimits = ZipArchive.Limits(maxEntryBytes: 1 << 20, maxTotalBytes: 4 << 20, maxRatio: 100, ratioFloor: 64 << 10)

func check(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition {
        fputs("FUZZ INVARIANT VIOLATED: \(message())\n", stderr)
        abort()
    }
}

struct Outcome: Equatable {
    var rows: [Int] = []
    var cells: [[[UInt8]]] = []
    var flags: [[UInt8]] = []
    var error: XLSXError?
}

func drain(_ reader: SheetReader) -> Outcome {
    var outcome = Outcome()
    var last = 0
    do {
        while try reader.next() {
            check(reader.rowNumber > last && reader.rowNumber <= SheetReader.maxRows, "row \(reader.rowNumber) after \(last)")
            last = reader.rowNumber
            check(reader.cellCount <= SheetReader.maxColumns, "\(reader.cellCount) cells")
            var cells: [[UInt8]] = []
            var flags: [UInt8] = []
            for i in 0..<reader.cellCount {
                let cell = reader.withCell(i) { Array($0) }
                cells.append(cell)
                flags.append(reader.flags(i))
                _ = reader.cell(i)
            }
            check(reader.withCell(reader.cellCount) { $0.count } == 0, "out-of-range cell not empty")
            _ = reader.rowIsEmpty
            outcome.rows.append(reader.rowNumber)
            outcome.cells.append(cells)
            outcome.flags.append(flags)
        }
    } catch {
        do {
            _ = try reader.next()
            check(false, "next() after an error did not throw")
        } catch let again {
            check(again == error, "a second next() threw a different error")
        }
        outcome.error = error
    }
    return outcome
}

let fuzzStrings: SharedStrings = {
    let xml = XMLScanner(bytes: Array("<sst><si><t>case_id</t></si><si><r><t>a</t></r><r><t>b</t></r></si><si><t>x_x000D_y</t></si></sst>".utf8))
    return (try? SharedStrings.read(xml)) ?? SharedStrings()
}()
let fuzzStyles = Styles(formats: [.number, .date, .dateTime, .time])
let fuzzSheet = Workbook.Sheet(name: "S", number: 1, part: "xl/worksheets/sheet1.xml", isHidden: false)

func readSheet(_ bytes: [UInt8], chunkSize: Int, uses1904: Bool) -> Outcome {
    let xml = XMLScanner(source: .memory(bytes, offset: 0), file: "fuzz.xlsx", part: fuzzSheet.part,
                         maxTokenBytes: fuzzCellLimit, chunkSize: chunkSize)
    let reader = SheetReader(xml: xml, sheet: fuzzSheet, strings: fuzzStrings, styles: fuzzStyles, uses1904: uses1904,
                             options: .init(maxCellBytes: fuzzCellLimit), fileSize: bytes.count)
    let outcome = drain(reader)
    for cells in outcome.cells { for cell in cells { check(cell.count <= 4 * fuzzCellLimit + 64, "cell of \(cell.count) bytes") } }
    return outcome
}

struct PartOutcome: Equatable {
    var strings: [String] = []
    var formats: [CellFormat] = []
    var error: XLSXError?
}

func readPart(_ bytes: [UInt8], chunkSize: Int, styles: Bool) -> PartOutcome {
    var outcome = PartOutcome()
    let xml = XMLScanner(source: .memory(bytes, offset: 0), file: "fuzz.xlsx", part: "part", maxTokenBytes: fuzzCellLimit,
                         chunkSize: chunkSize)
    do {
        if styles {
            outcome.formats = try Styles.read(xml).formats
        } else {
            let table = try SharedStrings.read(xml)
            outcome.strings = (0..<table.count).map { table.string($0) ?? "?" }
        }
    } catch {
        outcome.error = error
    }
    return outcome
}

func readWorkbook(_ bytes: [UInt8]) {
    do {
        let workbook = try Workbook(bytes: bytes, name: "fuzz.xlsx", limits: fuzzLimits)
        check(!workbook.sheets.isEmpty, "a workbook without sheets opened")
        for sheet in workbook.sheets.prefix(4) {
            guard let reader = try? workbook.open(sheet, options: .init(maxCellBytes: fuzzCellLimit)) else { continue }
            _ = drain(reader)
        }
    } catch {
        _ = error.description
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXLSXReader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size >= 1 else { return 0 }
    let selector = data[0]
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let chunk = 1 + Int(selector >> 4)
    switch selector & 3 {
    case 0, 1:
        readWorkbook(bytes)
    case 2:
        let uses1904 = selector & 4 != 0
        let small = readSheet(bytes, chunkSize: chunk, uses1904: uses1904)
        let large = readSheet(bytes, chunkSize: XMLScanner.chunkSize, uses1904: uses1904)
        if small != large, getenv("FUZZ_DEBUG") != nil {
            fputs("chunk \(chunk): \(small.rows) \(String(describing: small.error))\nlarge: \(large.rows) \(String(describing: large.error))\n", stderr)
        }
        check(small == large, "chunk size changed the sheet")
    default:
        let styles = selector & 4 != 0
        let small = readPart(bytes, chunkSize: chunk, styles: styles)
        let large = readPart(bytes, chunkSize: XMLScanner.chunkSize, styles: styles)
        if small != large, getenv("FUZZ_DEBUG") != nil {
            fputs("chunk \(chunk): \(small)\nlarge: \(large)\n", stderr)
        }
        check(small == large, "chunk size changed the part")
    }
    return 0
}
