import Dispatch

/// Runs independent pieces of pure work on every core and returns their results in order.
///
/// The metrics of one period do not depend on those of another, nor one audience's report on
/// another's: each piece reads shared immutable input and returns a value. The results come
/// back in index order, so the output is byte for byte what a sequential loop gives — only
/// sooner. A single piece runs on the calling thread.
public enum Parallel {
    /// `(0..<count).map(body)`, with the calls spread over the machine's cores.
    /// - Complexity: the calls' total work divided over the cores, plus one allocation.
    public static func map<T: Sendable>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
        guard count > 1 else { return (0..<max(count, 0)).map(body) }
        let slots = Slots<T>(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { i in slots.put(body(i), at: i) }
        return slots.values()
    }
}

/// One write-once slot per index. Each index is written by exactly one iteration of
/// `concurrentPerform`, which returns only after every iteration has finished, so no slot is
/// ever touched by two threads at once and all writes happen before `values()` reads them.
private final class Slots<T>: @unchecked Sendable {
    private let buffer: UnsafeMutableBufferPointer<T?>

    init(count: Int) {
        buffer = .allocate(capacity: count)
        buffer.initialize(repeating: nil)
    }

    deinit {
        buffer.deinitialize()
        buffer.deallocate()
    }

    func put(_ value: T, at index: Int) { buffer[index] = value }

    func values() -> [T] { buffer.compactMap { $0 } }
}
