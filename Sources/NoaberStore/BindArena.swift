import CSQLite
import NoaberModel

/// Writer-owned bytes that bound text points into, so that SQLite need not copy it.
///
/// `sqlite3_bind_text` with `SQLITE_TRANSIENT` makes SQLite allocate and copy every value (about
/// 20 text values per imported case). Text bound from here uses `SQLITE_STATIC` instead: SQLite
/// reads the bytes in place while the statement runs. That is sound because the arena outlives
/// every statement of its writer and is only rewound (`rewind()`) before the next record's values
/// are bound: every statement that is stepped afterwards has all of its text parameters bound again
/// first, so a stale pointer is never read. A value that does not fit in the remaining space is
/// bound with a copy, as before.
///
/// Not `Sendable`: owned by one `NoaberStore.Writer`, used on its thread.
///
/// - Complexity: O(value length) per bind (one `memcpy`), no allocation.
final class BindArena {
    private let base: UnsafeMutablePointer<UInt8>
    private let capacity: Int
    private var used = 0

    /// `yyyy-mm-dd` of recently bound days, direct-mapped by day number (`DayCache`): an export's
    /// dates fall on a few thousand days, so nearly every date is copied instead of computed
    /// (civil-from-days plus ten digits was a tenth of the writer's own code).
    private let days = DayCache()

    /// 64 KiB: a case's text values take about 200 bytes, so one multi-row INSERT of
    /// `BatchInsert.caseRows` cases needs a few KiB; the rest is room for long values
    /// (64-character pseudonyms, long case ids) before a value falls back to SQLite's own copy.
    init(capacity: Int = 65_536) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    deinit {
        base.deallocate()
    }

    /// Starts a new record: everything bound before may be overwritten from now on.
    @inline(__always)
    func rewind() { used = 0 }

    /// Binds `value` (NULL for nil) to parameter `index` of `statement` without SQLite copying it.
    @inline(__always)
    func bind(text value: String?, at index: Int32, of statement: Statement) throws(StoreError) {
        guard var value else { return try statement.bind(int: nil, at: index) }
        let count = value.utf8.count
        guard used + count <= capacity else { return try statement.bind(text: value, at: index) }
        let start = base + used
        value.withUTF8 { source in
            if let from = source.baseAddress { start.update(from: from, count: count) }
        }
        used += count
        try statement.bindStatic(utf8: start, count: count, at: index)
    }

    /// Binds `yyyy-mm-dd` or `yyyy-mm-ddThh:mm`, or NULL for nil, formatted straight into the arena.
    @inline(__always)
    func bind(moment: Moment?, at index: Int32, of statement: Statement) throws(StoreError) {
        guard let moment else { return try statement.bind(int: nil, at: index) }
        guard used + 17 <= capacity else { return try statement.bind(moment: moment, at: index) }
        let start = base + used
        guard let count = days.format(moment, into: start) else {
            // Out-of-range dates: the copying path reports the error with its context.
            return try statement.bind(moment: moment, at: index)
        }
        // NUL-terminated (the digits and separators hold no NUL): the date CHECKs' GLOB reads the
        // text as a C string, and SQLite would otherwise copy it into a terminated buffer (a
        // malloc, copy and free per date, about a sixth of the writer's instructions).
        start[count] = 0
        used += count + 1
        try statement.bindStaticTerminated(utf8: start, at: index)
    }

    /// Binds `yyyy-mm-dd`.
    @inline(__always)
    func bind(date: CivilDate, at index: Int32, of statement: Statement) throws(StoreError) {
        try bind(moment: Moment(date: date), at: index, of: statement)
    }

    /// Binds a code's raw value from `table`'s bytes, which live as long as the writer: no `String`
    /// is made and nothing is copied (NULL for nil).
    @inline(__always)
    func bind<C: Code>(code value: C?, _ table: CodeBytes<C>, at index: Int32, of statement: Statement) throws(StoreError) {
        guard let value else { return try statement.bind(int: nil, at: index) }
        guard let bytes = table.bytes(of: value) else { return try bind(text: value.rawValue, at: index, of: statement) }
        try statement.bindStatic(utf8: bytes.start, count: bytes.count, at: index)
    }
}

/// `yyyy-mm-dd` per day number in 4,096 direct-mapped slots, so that formatting a date is
/// usually a 10-byte copy. A slot holds the day it was formatted for; a different day with the
/// same low bits overwrites it. Owned by one `BindArena`.
final class DayCache {
    private static let slots = 4_096
    private var keys = [Int](repeating: Int.min, count: DayCache.slots)
    private let text: UnsafeMutablePointer<UInt8>

    init() {
        text = .allocate(capacity: DayCache.slots * 10)
        text.initialize(repeating: 0, count: DayCache.slots * 10)
    }

    deinit {
        text.deallocate()
    }

    /// Writes `moment` as `ISODate.format` would into the 16 bytes at `out` and returns the
    /// length; nil where `ISODate.format` returns nil (year outside 1…9999, minute outside the day).
    @inline(__always)
    func format(_ moment: Moment, into out: UnsafeMutablePointer<UInt8>) -> Int? {
        let day = moment.date.dayNumber
        let slot = day & (DayCache.slots - 1)
        let cached = text + slot * 10
        if keys[slot] != day {
            // Only a day ISODate can write is cached, so a hit never skips its range check.
            var scratch: (UInt64, UInt64) = (0, 0)
            let written = withUnsafeMutableBytes(of: &scratch) { raw -> Bool in
                let bytes = raw.bindMemory(to: UInt8.self)
                guard ISODate.format(Moment(date: moment.date), into: bytes) == 10, let from = bytes.baseAddress else { return false }
                cached.update(from: from, count: 10)
                return true
            }
            guard written else { return nil }
            keys[slot] = day
        }
        out.update(from: cached, count: 10)
        guard let minute = moment.minuteOfDay else { return 10 }
        guard (0..<1_440).contains(minute) else { return nil }
        out[10] = UInt8(ascii: "T")
        out[11] = UInt8(truncatingIfNeeded: 48 + minute / 600)
        out[12] = UInt8(truncatingIfNeeded: 48 + minute / 60 % 10)
        out[13] = UInt8(ascii: ":")
        out[14] = UInt8(truncatingIfNeeded: 48 + minute % 60 / 10)
        out[15] = UInt8(truncatingIfNeeded: 48 + minute % 10)
        return 16
    }
}
