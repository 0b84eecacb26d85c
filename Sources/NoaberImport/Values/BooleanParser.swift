/// Reads the yes/no values Dutch spreadsheets use: `ja/nee`, `j/n`, `x` (a ticked cell), `1/0`,
/// `true/false`, `yes/no`, `y`. An empty cell is false: a column of ticks leaves the unticked
/// rows empty. ASCII letters are matched case-insensitively; anything longer than five bytes
/// after trimming is refused (so `onwaar`, though listed, is refused too, as it always was).
///
/// - Complexity: O(1): at most five bytes are packed into one integer and compared with the
///   packed words; no allocation (the parser runs on every row of a case import).
public enum BooleanParser {
    public static func parse(_ raw: UnsafeBufferPointer<UInt8>) -> Result<Bool, ValueProblem> {
        let b = ByteText.trimmed(raw)
        if b.isEmpty { return .success(false) }
        guard b.count <= 5 else { return .failure(.notABoolean(ByteText.excerpt(b))) }
        var packed = UInt64(b.count) << 56
        for (i, c) in b.enumerated() {
            packed |= UInt64(c >= 65 && c <= 90 ? c + 32 : c) << (8 * UInt64(i))
        }
        if trueWords.contains(packed) { return .success(true) }
        if falseWords.contains(packed) { return .success(false) }
        return .failure(.notABoolean(ByteText.excerpt(b)))
    }

    public static func parse(_ text: String) -> Result<Bool, ValueProblem> {
        ByteText.withBytes(text) { parse($0) }
    }

    /// A lowercase word as `parse` packs it: byte i in bits 8i…8i+7, the length in the top byte
    /// (so that no word is a prefix-with-zeros of another).
    static func pack(_ word: String) -> UInt64 {
        var packed = UInt64(word.utf8.count) << 56
        for (i, c) in word.utf8.enumerated() { packed |= UInt64(c) << (8 * UInt64(i)) }
        return packed
    }

    static let trueWords: [UInt64] = ["ja", "j", "x", "1", "true", "yes", "y", "waar"].map(pack)
    static let falseWords: [UInt64] = ["nee", "n", "0", "false", "no", "onwaar"].map(pack)
}
