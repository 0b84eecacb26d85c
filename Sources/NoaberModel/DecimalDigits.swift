/// Fixed-width decimal fields in ASCII text (`2024` of `2024-03-05`): the one digit parser the
/// date readers share (`CivilDate(iso:)`, the store's date columns, `Period(parsing:)`).
public enum DecimalDigits {
    /// The value of the `count` ASCII digits of `bytes` starting at offset `start`, or nil when one
    /// of them is not a digit. The caller checks the bounds (`start + count <= bytes.count`).
    ///
    ///     DecimalDigits.value(Array("2024-03-05".utf8), from: 5, count: 2)   // 3
    ///
    /// Inlinable so that it compiles to the same loop over a `[UInt8]` or an
    /// `UnsafeBufferPointer<UInt8>` as a hand-written one (the store reads a date per column).
    @inlinable
    public static func value<Bytes: RandomAccessCollection>(_ bytes: Bytes, from start: Int, count: Int) -> Int?
        where Bytes.Element == UInt8, Bytes.Index == Int {
        var v = 0
        var i = bytes.startIndex + start
        let end = i + count
        while i < end {
            let c = bytes[i] &- 48
            guard c < 10 else { return nil }
            v = v * 10 + Int(c)
            i += 1
        }
        return v
    }
}
