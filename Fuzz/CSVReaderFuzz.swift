// libFuzzer entry point over NoaberCSV's CSVReader. Compiled by Fuzz/run.sh together with
// Sources/NoaberCSV/*.swift into one module, so internal API (the `chunkSize:` initialiser) is
// visible: a tiny chunk makes quotes, CRLF and multi-byte characters straddle chunk boundaries.
//
// Input layout: byte 0 picks the options, the rest is the file.
//   bits 0-1: delimiter  (detect, ',', ';', tab)
//   bits 2-3: encoding   (detect, utf-8, windows-1252, detect)
//   bits 4-7: chunk size (1 + value)
// Oracles (a violation traps, which libFuzzer reports as a crash):
//   - no crash, no hang, no ASan report, no leak;
//   - reading with the small chunk and with the default chunk gives the same records and the
//     same error (chunking must never change what a file means);
//   - every record has 1...maxFields fields and every field at most maxFieldBytes bytes;
//   - line numbers never go backwards; an error's line is ≥ 1 and its field in 1...maxFields+1;
//   - after an error, `next()` throws the same error again.

#if canImport(Glibc)
import Glibc
#endif

struct Outcome: Equatable {
    var records: [[[UInt8]]] = []
    var lines: [Int] = []
    var error: CSVError?
}

let fuzzMaxFieldBytes = 64
let fuzzMaxFields = 16

func check(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition {
        fputs("FUZZ INVARIANT VIOLATED: \(message())\n", stderr)
        abort()
    }
}

func read(_ bytes: [UInt8], options: CSVReader.Options, chunkSize: Int) -> Outcome {
    var outcome = Outcome()
    let reader: CSVReader
    do {
        reader = try CSVReader(bytes: bytes, name: "fuzz.csv", options: options, chunkSize: chunkSize)
    } catch {
        outcome.error = error
        return outcome
    }
    var lastLine = 0
    do {
        while try reader.next() {
            check(reader.fieldCount >= 1 && reader.fieldCount <= fuzzMaxFields, "field count \(reader.fieldCount)")
            check(reader.line >= lastLine && reader.line >= 1, "line went from \(lastLine) to \(reader.line)")
            lastLine = reader.line
            var record: [[UInt8]] = []
            for i in 0..<reader.fieldCount {
                let field = reader.withField(i) { Array($0) }
                check(field.count <= fuzzMaxFieldBytes, "field of \(field.count) bytes")
                record.append(field)
                _ = reader.field(i)
            }
            check(reader.withField(reader.fieldCount) { $0.count } == 0, "out-of-range field not empty")
            _ = reader.rawRecord
            outcome.records.append(record)
            outcome.lines.append(reader.line)
        }
        check(reader.fieldCount == 0, "fields left after the end")
    } catch {
        check(error.line >= 1, "error without a line: \(error)")
        if let field = error.field { check(field >= 1 && field <= fuzzMaxFields + 1, "error field \(field)") }
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

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSVReader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size >= 1 else { return 0 }
    let selector = data[0]
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let delimiters: [UInt8?] = [nil, UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t")]
    let encodings: [TextEncoding?] = [nil, .utf8, .windows1252, nil]
    let options = CSVReader.Options(delimiter: delimiters[Int(selector & 3)], encoding: encodings[Int((selector >> 2) & 3)],
                                    maxFieldBytes: fuzzMaxFieldBytes, maxFields: fuzzMaxFields)
    let small = read(bytes, options: options, chunkSize: 1 + Int(selector >> 4))
    let large = read(bytes, options: options, chunkSize: 1 << 16)
    if small != large, getenv("FUZZ_DEBUG") != nil {
        fputs("chunk \(1 + Int(selector >> 4)): \(small.records.count) records, error \(String(describing: small.error))\n", stderr)
        fputs("chunk 65536: \(large.records.count) records, error \(String(describing: large.error))\n", stderr)
        for (i, (a, b)) in zip(small.records, large.records).enumerated() where a != b || small.lines[i] != large.lines[i] {
            fputs("first difference at record \(i): lines \(small.lines[i]) / \(large.lines[i])\n\(a)\n\(b)\n", stderr)
            break
        }
    }
    check(small == large, "chunk size changed the result")
    return 0
}
