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

    /// 16 KiB: a case's text values take about 200 bytes; a batch of child rows a few KiB.
    init(capacity: Int = 16_384) {
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
        guard used + 16 <= capacity else { return try statement.bind(moment: moment, at: index) }
        let start = base + used
        guard let count = ISODate.format(moment, into: UnsafeMutableBufferPointer(start: start, count: 16)) else {
            // Out-of-range dates: the copying path reports the error with its context.
            return try statement.bind(moment: moment, at: index)
        }
        used += count
        try statement.bindStatic(utf8: start, count: count, at: index)
    }

    /// Binds `yyyy-mm-dd`.
    @inline(__always)
    func bind(date: CivilDate, at index: Int32, of statement: Statement) throws(StoreError) {
        try bind(moment: Moment(date: date), at: index, of: statement)
    }
}
