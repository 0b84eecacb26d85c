/// Least-significant-digit radix sort of unsigned 64-bit keys, byte by byte.
///
/// Kaplan–Meier sorts one key per case for every group, period and endpoint: tens of millions
/// of keys for a report over a million cases. A comparison sort costs n log n comparisons; this
/// costs one counting pass and at most eight scatter passes, and skips a byte in which all keys
/// agree (the high bytes of durations in days usually do). Small arrays use the standard sort,
/// which is faster below a few thousand keys.
enum RadixSort {
    /// Sorts `keys` ascending.
    /// - Complexity: O(8 · n) time, O(n) extra space; O(n log n) for n < 2,048.
    static func sort(_ keys: inout [UInt64]) {
        let n = keys.count
        guard n >= 2048 else {
            keys.sort()
            return
        }
        // One pass counts all eight bytes at once.
        var counts = [Int](repeating: 0, count: 8 * 256)
        for k in keys {
            for byte in 0..<8 { counts[byte &* 256 &+ Int((k >> UInt64(byte &* 8)) & 0xFF)] &+= 1 }
        }
        var buffer = [UInt64](repeating: 0, count: n)
        var inKeys = true
        for byte in 0..<8 {
            let base = byte * 256
            // A byte in which every key has the same value changes nothing.
            if counts[base..<(base + 256)].contains(n) { continue }
            var offsets = [Int](repeating: 0, count: 256)
            var running = 0
            for v in 0..<256 {
                offsets[v] = running
                running += counts[base + v]
            }
            let shift = UInt64(byte * 8)
            if inKeys {
                scatter(from: keys, to: &buffer, offsets: &offsets, shift: shift)
            } else {
                scatter(from: buffer, to: &keys, offsets: &offsets, shift: shift)
            }
            inKeys.toggle()
        }
        if !inKeys { keys = buffer }
    }

    @inline(__always)
    private static func scatter(from source: [UInt64], to target: inout [UInt64], offsets: inout [Int], shift: UInt64) {
        source.withUnsafeBufferPointer { src in
            target.withUnsafeMutableBufferPointer { dst in
                offsets.withUnsafeMutableBufferPointer { off in
                    for k in src {
                        let v = Int((k >> shift) & 0xFF)
                        dst[off[v]] = k
                        off[v] &+= 1
                    }
                }
            }
        }
    }
}
