/// Reads the yes/no values Dutch spreadsheets use: `ja/nee`, `j/n`, `x` (a ticked cell), `1/0`,
/// `true/false`, `yes/no`, `y`. An empty cell is false: a column of ticks leaves the unticked
/// rows empty.
public enum BooleanParser {
    public static func parse(_ raw: UnsafeBufferPointer<UInt8>) -> Result<Bool, ValueProblem> {
        let b = ByteText.trimmed(raw)
        if b.isEmpty { return .success(false) }
        guard b.count <= 5 else { return .failure(.notABoolean(ByteText.excerpt(b))) }
        var lower: [UInt8] = []
        lower.reserveCapacity(b.count)
        for c in b { lower.append(c >= 65 && c <= 90 ? c + 32 : c) }
        switch String(decoding: lower, as: UTF8.self) {
        case "ja", "j", "x", "1", "true", "yes", "y", "waar": return .success(true)
        case "nee", "n", "0", "false", "no", "onwaar": return .success(false)
        default: return .failure(.notABoolean(ByteText.excerpt(b)))
        }
    }

    public static func parse(_ text: String) -> Result<Bool, ValueProblem> {
        ByteText.withBytes(text) { parse($0) }
    }
}
