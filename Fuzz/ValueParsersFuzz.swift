// libFuzzer entry point over NoaberImport's value parsers and row validators. Compiled by
// Fuzz/run.sh with Sources/NoaberModel, Sources/NoaberImport/{Values,Validation,Profile} and
// ImportError.swift as one module (their `import NoaberModel` lines are stripped), so internal
// types (RowContext, CodeLookup, the validators' initialisers) are reachable.
//
// Input layout: byte 0 picks the parser, the rest is the value (or, for the row validators, a
// row whose fields are separated by 0x1F).
// Oracles (a violation traps):
//   - no crash, hang, ASan report or leak;
//   - a parsed date lies in years 1...9999, its time in 0...1439 minutes, and it survives the
//     store's round trip `Moment(iso: m.iso) == m`;
//   - a number parsed as a whole number is the same as the decimal reading; a decimal is finite;
//   - parsing is deterministic and trimming-invariant (the value with spaces around it parses
//     to the same result);
//   - an accepted case row has received ≤ first_contact and ≤ closed; an accepted task has
//     0 < hours ≤ 24; an accepted village has inhabitants > 0.
#if canImport(Glibc)
import Glibc
#endif

func check(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition {
        fputs("FUZZ INVARIANT VIOLATED: \(message())\n", stderr)
        abort()
    }
}

/// A row over raw bytes (no String decoding), fields split at 0x1F.
struct ByteRow: RowFields {
    var fields: [[UInt8]]
    init(_ bytes: [UInt8]) { fields = bytes.split(separator: 0x1F, omittingEmptySubsequences: false).map(Array.init) }
    var fieldCount: Int { fields.count }
    func withField<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        guard index >= 0, index < fields.count else { return try body(UnsafeBufferPointer(start: nil, count: 0)) }
        return try fields[index].withUnsafeBufferPointer { try body($0) }
    }
}

func checkMoment(_ m: Moment, _ what: String) {
    let (y, _, _) = m.date.components
    check((1...9999).contains(y), "\(what): year \(y)")
    if let minute = m.minuteOfDay { check((0..<1440).contains(minute), "\(what): minute \(minute)") }
    check(Moment(iso: m.iso) == m, "\(what): \(m.iso) does not survive the store's round trip")
}

func padded(_ bytes: [UInt8]) -> [UInt8] { [0x20, 0x09] + bytes + [0x20] }

func fuzzDate(_ bytes: [UInt8], order: DateOrder, serial: Bool) {
    let parser = DateParser(order: order, allowsExcelSerial: serial)
    let result = bytes.withUnsafeBufferPointer { parser.parse($0) }
    let again = padded(bytes).withUnsafeBufferPointer { parser.parse($0) }
    if case .success(let m?) = result { checkMoment(m, "date") }
    switch (result, again) {
    case (.success(let a), .success(let b)): check(a == b, "trimming changed a date")
    case (.failure, .failure): break
    default: check(false, "trimming changed whether a date parses")
    }
}

func fuzzNumber(_ bytes: [UInt8], separator: DecimalSeparator) {
    let parser = NumberParser(separator: separator)
    let decimal = bytes.withUnsafeBufferPointer { parser.parseDecimal($0) }
    let integer = bytes.withUnsafeBufferPointer { parser.parseInteger($0) }
    if case .success(let d?) = decimal { check(!d.isNaN, "NaN") }
    if case .success(let i?) = integer {
        guard case .success(let d?) = decimal else { check(false, "integer without a decimal"); return }
        check(Double(i) == d, "integer \(i) ≠ decimal \(d)")
    }
    let again = padded(bytes).withUnsafeBufferPointer { parser.parseDecimal($0) }
    switch (decimal, again) {
    case (.success(let a), .success(let b)): check(a == b, "trimming changed a number")
    case (.failure, .failure): break
    default: check(false, "trimming changed whether a number parses")
    }
}

let villages = [
    Village(code: "SAA", name: "Saasveld", municipality: "Dinkelland", inhabitants: 1700),
    Village(code: "DEU", name: "Deurningen", municipality: "Dinkelland", inhabitants: 2015),
]

func context(_ kind: RecordKind, separator: String = "|") -> RowContext? {
    var profile = MappingProfile.canonical(kind)
    profile.multiValueSeparator = separator
    guard let plan = try? ColumnPlan.make(header: kind.canonicalColumns, file: "fuzz.csv", profile: profile, kind: kind) else {
        return nil
    }
    return RowContext(plan: plan, villages: VillageResolver(villages: villages), fixedVillage: nil)
}

let caseContext = context(.cases)
let caseContextSpaceSeparator = context(.cases, separator: " ")
let taskContext = context(.tasks)
let villageContext = context(.villages)

func fuzzCaseRow(_ bytes: [UInt8], _ context: RowContext?) {
    guard let context else { check(false, "no case context"); return }
    let validator = CaseRowValidator(context: context) { $0.isEmpty ? nil : "p" + String($0.count) }
    if case .success(let record) = validator.validate(ByteRow(bytes)) {
        checkMoment(record.received, "received")
        if let f = record.firstContact { checkMoment(f, "first_contact"); check(record.received.days(until: f) >= 0, "contact before received") }
        if let c = record.closed { checkMoment(c, "closed"); check(record.received.days(until: c) >= 0, "closed before received") }
        if let m = record.supportMinutes { check(m >= 0 && m <= 30_000, "minutes \(m)") }
        check(!record.caseID.isEmpty, "empty case id")
        check(CaseIDRule.problem(record.caseID) == nil, "accepted case id is no file number")
    }
}

func fuzzTaskRow(_ bytes: [UInt8]) {
    guard let taskContext else { check(false, "no task context"); return }
    let validator = TaskRowValidator(context: taskContext) { $0.isEmpty ? nil : "v" }
    if case .success(let task) = validator.validate(ByteRow(bytes)) {
        check(task.hours > 0 && task.hours <= 24, "hours \(task.hours)")
        checkMoment(Moment(date: task.date), "task date")
    }
}

func fuzzVillageRow(_ bytes: [UInt8]) {
    guard let villageContext else { check(false, "no village context"); return }
    if case .success(let village) = VillageRowValidator(context: villageContext).validate(ByteRow(bytes)) {
        check(village.inhabitants > 0, "inhabitants \(village.inhabitants)")
        if let o = village.inhabitants75Plus { check(o >= 0 && o <= village.inhabitants, "75+ \(o)") }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzValueParsers(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size >= 1 else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    switch data[0] % 16 {
    case 0: fuzzDate(bytes, order: .dayMonthYear, serial: true)
    case 1: fuzzDate(bytes, order: .monthDayYear, serial: true)
    case 2: fuzzDate(bytes, order: .yearMonthDay, serial: true)
    case 3: fuzzDate(bytes, order: .dayMonthYear, serial: false)
    case 4: fuzzNumber(bytes, separator: .auto)
    case 5: fuzzNumber(bytes, separator: .comma)
    case 6: fuzzNumber(bytes, separator: .point)
    case 7: _ = bytes.withUnsafeBufferPointer { BooleanParser.parse($0) }
    case 8, 9: fuzzCaseRow(bytes, caseContext)
    case 10: fuzzCaseRow(bytes, caseContextSpaceSeparator)
    case 11: fuzzTaskRow(bytes)
    case 12: fuzzVillageRow(bytes)
    default:
        // CodeLookup directly, through the multi-value path with odd separators.
        let lookup = CodeLookup<Theme>(profileLabels: ["Eenzaam ": "loneliness"])
        let separators: [[UInt8]] = [[UInt8(ascii: "|")], [UInt8(ascii: ",")], [0x20], [0xC3, 0xA9]]
        _ = bytes.withUnsafeBufferPointer { lookup.codes($0, separator: separators[Int(data[0] >> 4) & 3], field: "themes") }
        _ = bytes.withUnsafeBufferPointer { lookup.code($0, field: "themes") }
        // The identifier detector and the quoting rule on arbitrary bytes: no trap, and a quoted
        // value is never identifier-like.
        let text = String(decoding: bytes, as: UTF8.self)
        let inText = bytes.withUnsafeBufferPointer { IdentifierDetector.text.firstMatch(in: $0) }
        check(inText == IdentifierDetector.text.firstMatch(in: text) || bytes.contains { $0 >= 0x80 }, "bytes and String disagree")
        _ = bytes.withUnsafeBufferPointer { IdentifierDetector.token.firstMatch(in: $0) }
        _ = bytes.withUnsafeBufferPointer { CaseIDRule.problem($0) }
        if ShownValue.quoted(text) != nil {
            check(IdentifierDetector.text.firstMatch(in: text.trimmingCharacters(in: .whitespaces)) == nil, "quoted an identifier")
        }
        _ = ShownValue.fragment(text)
    }
    return 0
}
