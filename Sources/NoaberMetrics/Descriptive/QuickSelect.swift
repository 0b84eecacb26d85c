extension Descriptive {
    /// The q-quantile by numpy-linear interpolation, like `percentile`, but by selection instead of
    /// sorting: `values` is reordered in place. Used for Monte Carlo bands, where 10,000 draws per
    /// group and period would otherwise be sorted thousands of times.
    ///
    /// Returns nil for an empty buffer. Deterministic (median-of-three pivots, no randomness).
    /// - Complexity: O(n) expected.
    static func selectPercentile(_ values: inout [Double], _ q: Double) -> Double? {
        guard !values.isEmpty, !q.isNaN else { return nil }
        let h = Double(values.count - 1) * min(max(q, 0), 1)
        let lo = Int(h.rounded(.down))
        return values.withUnsafeMutableBufferPointer { buf -> Double in
            let a = select(buf, lo)
            guard lo + 1 < buf.count, h > Double(lo) else { return a }
            // After selection everything right of `lo` is ≥ a; the next order statistic is their minimum.
            var b = buf[lo + 1]
            for i in (lo + 2)..<buf.count where buf[i] < b { b = buf[i] }
            return a + (h - Double(lo)) * (b - a)
        }
    }

    /// Hoare-style quickselect: afterwards buf[k] is the k-th smallest, smaller ones left of it,
    /// larger or equal ones right.
    private static func select(_ buf: UnsafeMutableBufferPointer<Double>, _ k: Int) -> Double {
        var left = 0, right = buf.count - 1
        while right > left {
            let mid = left + (right - left) / 2
            // median of three to the right end as pivot
            if buf[mid] < buf[left] { buf.swapAt(mid, left) }
            if buf[right] < buf[left] { buf.swapAt(right, left) }
            if buf[mid] < buf[right] { buf.swapAt(mid, right) }
            let pivot = buf[right]
            var store = left
            for i in left..<right where buf[i] < pivot {
                buf.swapAt(i, store)
                store += 1
            }
            buf.swapAt(store, right)
            if store == k { return buf[k] }
            if store < k { left = store + 1 } else { right = store - 1 }
        }
        return buf[k]
    }
}
