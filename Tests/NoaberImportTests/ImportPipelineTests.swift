import Testing
import NoaberModel
@testable import NoaberImport

/// The two-thread hand-off: order, errors, and the batches the writer hands back for the reader
/// to free.
@Suite struct ImportPipelineTests {
    static func batch(_ n: Int) -> ImportBatch {
        var b = ImportBatch()
        b.bytesRead = n
        b.cases = [CaseRecord(village: "SAA", caseID: "C\(n)", received: Moment(date: CivilDate(dayNumber: 19_000)))]
        b.items = [.acceptedCase]
        return b
    }

    @Test func batchesArriveInOrderAndAllOfThem() throws {
        var seen: [Int] = []
        try runPipeline(capacity: 2, produce: { put in
            for n in 1...50 { guard put(Self.batch(n)) else { return } }
        }, consume: { seen.append($0.bytesRead) })
        #expect(seen == Array(1...50))
    }

    @Test func aReaderErrorArrivesAfterTheBatchesBeforeIt() {
        struct Boom: Error {}
        var seen: [Int] = []
        #expect(throws: Boom.self) {
            try runPipeline(capacity: 3, produce: { put in
                for n in 1...5 { _ = put(Self.batch(n)) }
                throw Boom()
            }, consume: { seen.append($0.bytesRead) })
        }
        #expect(seen == [1, 2, 3, 4, 5])
    }

    @Test func recycledBatchesAreDroppedAtTheNextPut() throws {
        let queue = BatchQueue(capacity: 2)
        #expect(queue.put(Self.batch(1)))
        let written = try #require(try queue.take())
        queue.recycle(written)
        queue.recycle(written)
        #expect(queue.spentCount == 2)
        #expect(queue.put(Self.batch(2)))   // the reader's next put frees them
        #expect(queue.spentCount == 0)
        #expect(try queue.take()?.bytesRead == 2)
    }
}
