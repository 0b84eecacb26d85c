/// A strictly increasing run of byte keys, each with the file line it was first seen on: the
/// unit in which `ImportScratch` stores in-order `case_id`s, so that such a key costs a few
/// array appends instead of its own B-tree row.
///
/// Keys compare as SQLite's BINARY collation does: `memcmp` over the common length, then the
/// shorter key first (`"C1" < "C10" < "C2"`). Callers append only keys larger than the last one,
/// which is what makes binary search valid.
///
/// A run is stored as one blob (see `encode(into:)`), read back in place by `line(of:inEncoded:)`:
///
///     count: UInt32 | ends: count × UInt32 | lines: count × Int64 | key bytes
///
/// (little-endian; `ends[i]` is the end of key `i` in the key bytes, key 0 starts at 0).
struct KeyRun {
    /// All keys, back to back.
    private(set) var bytes: [UInt8] = []
    /// End offset of each key in `bytes`.
    private var ends: [UInt32] = []
    private var lines: [Int64] = []

    var count: Int { ends.count }
    var isEmpty: Bool { ends.isEmpty }

    /// Appends `key` (which the caller has checked is larger than `last`) seen on `line`.
    @inline(__always)
    mutating func append(_ key: UnsafeBufferPointer<UInt8>, line: Int) {
        bytes.append(contentsOf: key)
        ends.append(UInt32(truncatingIfNeeded: bytes.count))
        lines.append(Int64(line))
    }

    /// Empties the run, keeping its capacity for the next one.
    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        lines.removeAll(keepingCapacity: true)
    }

    /// Calls `body` with key `index`'s bytes.
    @inline(__always)
    func withKey<R>(at index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let start = index == 0 ? 0 : Int(ends[index - 1])
        let end = Int(ends[index])
        return bytes.withUnsafeBufferPointer { all in
            body(UnsafeBufferPointer(rebasing: all[start..<end]))
        }
    }

    /// Whether `key` is larger than every key of the run (true for an empty run).
    @inline(__always)
    func isBelow(_ key: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let last = ends.last else { return true }
        let start = ends.count == 1 ? 0 : Int(ends[ends.count - 2])
        return bytes.withUnsafeBufferPointer { all in
            Self.compare(UnsafeBufferPointer(rebasing: all[start..<Int(last)]), key) < 0
        }
    }

    /// The line of `key` if the run holds it.
    /// - Complexity: O(log count) key comparisons.
    func line(of key: UnsafeBufferPointer<UInt8>) -> Int? {
        var low = 0
        var high = count
        while low < high {
            let mid = (low + high) / 2
            let order = withKey(at: mid) { Self.compare($0, key) }
            if order == 0 { return Int(lines[mid]) }
            if order < 0 { low = mid + 1 } else { high = mid }
        }
        return nil
    }

    /// Writes the run's blob form (see the type's comment) into `out`, replacing its contents.
    /// - Complexity: O(count + key bytes), three bulk copies.
    func encode(into out: inout [UInt8]) {
        let n = count
        let size = 4 + 12 * n + bytes.count
        out.removeAll(keepingCapacity: true)
        out.append(contentsOf: repeatElement(0, count: size))
        out.withUnsafeMutableBytes { raw in
            raw.storeBytes(of: UInt32(truncatingIfNeeded: n).littleEndian, toByteOffset: 0, as: UInt32.self)
            var at = 4
            for end in ends {
                raw.storeBytes(of: end.littleEndian, toByteOffset: at, as: UInt32.self)
                at += 4
            }
            for line in lines {
                raw.storeBytes(of: line.littleEndian, toByteOffset: at, as: Int64.self)
                at += 8
            }
            bytes.withUnsafeBytes { source in
                UnsafeMutableRawBufferPointer(rebasing: raw[at...]).copyMemory(from: source)
            }
        }
    }

    /// The line of `key` in a blob written by `encode(into:)`, or nil when the blob does not hold
    /// it. A blob too short for its own header (never written by `encode`) holds nothing.
    /// - Complexity: O(log count) key comparisons, no copying.
    static func line(of key: UnsafeBufferPointer<UInt8>, inEncoded blob: UnsafeRawBufferPointer) -> Int? {
        guard blob.count >= 4 else { return nil }
        let count = Int(UInt32(littleEndian: blob.loadUnaligned(fromByteOffset: 0, as: UInt32.self)))
        let endsAt = 4
        let linesAt = endsAt + 4 * count
        let keysAt = linesAt + 8 * count
        guard blob.count >= keysAt else { return nil }
        func end(_ i: Int) -> Int {
            Int(UInt32(littleEndian: blob.loadUnaligned(fromByteOffset: endsAt + 4 * i, as: UInt32.self)))
        }
        let keys = UnsafeRawBufferPointer(rebasing: blob[keysAt...]).assumingMemoryBound(to: UInt8.self)
        var low = 0
        var high = count
        while low < high {
            let mid = (low + high) / 2
            let start = mid == 0 ? 0 : end(mid - 1)
            let stop = end(mid)
            guard start <= stop, stop <= keys.count else { return nil }
            let order = compare(UnsafeBufferPointer(rebasing: keys[start..<stop]), key)
            if order == 0 {
                return Int(Int64(littleEndian: blob.loadUnaligned(fromByteOffset: linesAt + 8 * mid, as: Int64.self)))
            }
            if order < 0 { low = mid + 1 } else { high = mid }
        }
        return nil
    }

    /// SQLite's BINARY order: negative when `a` sorts first, 0 when equal, positive otherwise.
    @inline(__always)
    static func compare(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
        let common = min(a.count, b.count)
        var i = 0
        while i < common {
            let x = a[i], y = b[i]
            if x != y { return x < y ? -1 : 1 }
            i += 1
        }
        return a.count - b.count
    }
}
