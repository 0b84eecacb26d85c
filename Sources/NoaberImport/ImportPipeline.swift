import Foundation
import NoaberModel

/// One row's verdict, made on the reading thread and applied on the writing thread.
///
/// Value types only (`Sendable`): the reader, the validators' buffers and the pseudonymiser's
/// source bytes never cross threads; only accepted records (already pseudonymised) and rejected
/// rows (already sanitised) do.
enum ImportItem: Sendable {
    /// The record itself is in `ImportBatch.cases`, so the writer hands it on without a copy.
    case acceptedCase
    case acceptedTask(VolunteerTask, ordinal: Int)
    /// `sourceField` is the file's own header of `field` (and its column letter in a workbook);
    /// `raw` and `blanked` come from `RejectedRowText`.
    case rejected(line: Int, field: String?, reason: Localized, raw: String, sourceField: String?, blanked: String?)
}

/// A run of consecutive items plus how far the reader had got, for progress reports.
struct ImportBatch: Sendable {
    var items: [ImportItem] = []
    /// The accepted cases of `items`, in the same order.
    var cases: [CaseRecord] = []
    var bytesRead = 0
}

/// The bounded hand-off between the importer's two threads: the reader (parse, validate,
/// pseudonymise) puts batches, the writer (SQLite) takes them in the same order.
///
/// At most `capacity` batches wait, so memory stays flat however large the file: a reader that
/// runs ahead blocks in `put`, a writer that runs ahead blocks in `take`. Either side can stop
/// the other: the reader by `finish(throwing:)` (the writer's `take` rethrows the error), the
/// writer by `cancel()` (the reader's next `put` returns false). `waitForProducer()` lets the
/// writer return only once the reader thread has let go of the file.
///
/// `@unchecked Sendable`: every stored property is read and written only while `condition` is
/// locked.
final class BatchQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private let capacity: Int
    private var batches: [ImportBatch] = []
    private var finished = false
    private var failure: (any Error)?
    private var cancelled = false
    private var producerDone = false
    /// Batches the writer is done with, dropped by the reader at its next `put`: freeing a batch's
    /// records (their strings and sets) is then the reader's work, not the writer's, which bounds
    /// the pipeline. At most `capacity` + 1 wait here.
    private var spent: [ImportBatch] = []

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// Blocks while the queue is full; false when the writer cancelled (the reader should stop).
    func put(_ batch: ImportBatch) -> Bool {
        var done: [ImportBatch] = []
        defer { done.removeAll() }   // after unlocking: frees the spent batches on this thread
        condition.lock()
        defer { condition.unlock() }
        swap(&done, &spent)
        while batches.count >= capacity && !cancelled { condition.wait() }
        guard !cancelled else { return false }
        batches.append(batch)
        condition.broadcast()
        return true
    }

    /// Batches handed back and not yet dropped (for tests).
    var spentCount: Int {
        condition.lock()
        defer { condition.unlock() }
        return spent.count
    }

    /// The writer hands back a batch it has written, for the reader to free (see `spent`).
    func recycle(_ batch: ImportBatch) {
        condition.lock()
        spent.append(batch)
        condition.unlock()
    }

    /// The reader has no more batches; with an error, the writer's next `take` throws it (after
    /// the batches already queued, which come from rows before the error).
    func finish(throwing error: (any Error)?) {
        condition.lock()
        finished = true
        failure = error
        condition.broadcast()
        condition.unlock()
    }

    /// Called by the reader thread as its very last action.
    func producerExited() {
        condition.lock()
        producerDone = true
        condition.broadcast()
        condition.unlock()
    }

    /// The next batch in order; nil once the reader finished cleanly; rethrows its error.
    func take() throws -> ImportBatch? {
        condition.lock()
        defer { condition.unlock() }
        while batches.isEmpty && !finished { condition.wait() }
        if !batches.isEmpty {
            let batch = batches.removeFirst()   // at most `capacity` elements: O(1) in practice
            condition.broadcast()
            return batch
        }
        if let failure { throw failure }
        return nil
    }

    /// The writer gives up (an error, or it returns): wakes a blocked reader and drops queued work.
    func cancel() {
        condition.lock()
        cancelled = true
        batches.removeAll()
        condition.broadcast()
        condition.unlock()
    }

    /// Blocks until the reader thread has exited, so nothing touches the file or the scratch
    /// database after the import returns.
    func waitForProducer() {
        condition.lock()
        while !producerDone { condition.wait() }
        condition.unlock()
    }
}

/// Runs `produce` on a new thread and hands its batches to `consume` on the calling thread.
///
/// `produce` gets a `put` function (false = stop) and may throw; `consume` runs on the caller's
/// thread, which owns the store. Whatever happens, the reader thread has exited before this
/// returns or throws, and the first error wins: a writer error cancels the reader; a reader
/// error reaches the writer after the rows read before it.
///
/// `produce` is passed through an `@unchecked Sendable` box: it owns non-`Sendable` state (the
/// CSV reader, the scratch database) that is handed to the new thread and never touched by the
/// caller again until the thread has exited.
func runPipeline(capacity: Int, produce: @escaping (_ put: (ImportBatch) -> Bool) throws -> Void,
                 consume: (ImportBatch) throws -> Void) throws {
    let queue = BatchQueue(capacity: capacity)
    let job = ProducerJob(produce)
    let thread = Thread {
        do {
            try job.body { queue.put($0) }
            queue.finish(throwing: nil)
        } catch {
            queue.finish(throwing: error)
        }
        queue.producerExited()
    }
    thread.stackSize = 1 << 20
    thread.start()
    defer {
        queue.cancel()
        queue.waitForProducer()
    }
    while let batch = try queue.take() {
        try consume(batch)
        queue.recycle(batch)
    }
}

/// Moves the reader's closure to its thread; see `runPipeline` for why this is sound.
private final class ProducerJob: @unchecked Sendable {
    let body: (_ put: (ImportBatch) -> Bool) throws -> Void
    init(_ body: @escaping (_ put: (ImportBatch) -> Bool) throws -> Void) { self.body = body }
}
