import Testing
import NoaberModel
@testable import NoaberMetrics

/// The pieces that let the engine compute one village at a time: observation runs that pool
/// into a Kaplan–Meier estimate, resident sets that pool into a count, the resident index.
struct PoolingTests {
    /// Random durations with many ties (whole days) and some fractional ones, split into
    /// "villages" whose runs are merged: the pooled estimate has exactly the steps, medians and
    /// bands of the estimate fitted to all observations at once.
    @Test func mergedRunsFitExactlyWhatAllObservationsFit() {
        var rng = Xoshiro256StarStar(seed: 3)
        for parts in [1, 2, 7, 40] {
            var durations: [Double] = [], observed: [Bool] = []
            var pooled = ObservationRuns()
            for _ in 0..<parts {
                var d: [Double] = [], o: [Bool] = []
                for _ in 0..<Int(rng.next() % 300) {
                    let whole = rng.next() % 3 != 0
                    d.append(whole ? Double(rng.next() % 60) : Double(rng.next() % 60_000) / 1440)
                    o.append(rng.next() % 4 != 0)
                }
                var keys = zip(d, o).compactMap { ObservationRuns.key(duration: $0, event: $1) }
                keys.sort()
                pooled.merge(ObservationRuns(sortedKeys: keys))
                durations += d
                observed += o
            }
            let all = KaplanMeier(durations: durations, observed: observed)
            let merged = KaplanMeier(runs: pooled)
            #expect(merged.count == durations.count)
            #expect(merged.steps == all.steps, "parts=\(parts)")
            #expect(merged.median == all.median)
            #expect(merged.medianInterval() == all.medianInterval())
            #expect(merged.survivalInterval(at: 7) == all.survivalInterval(at: 7))
        }
    }

    /// Hand-checked: runs of [1, 1, 2 (censored)] and [1, 3] merge into three times with counts,
    /// and S falls by 3/5 at t = 1, then stays (censoring at 2), then to 0 at 3.
    @Test func runsCountObservationsPerTimeAndEvent() throws {
        func runs(_ pairs: [(Double, Bool)]) -> ObservationRuns {
            ObservationRuns(sortedKeys: pairs.compactMap { ObservationRuns.key(duration: $0.0, event: $0.1) }.sorted())
        }
        var a = runs([(1, true), (1, true), (2, false)])
        a.merge(runs([(1, true), (3, true), (-1, true)]))
        #expect(a.total == 5)
        #expect(a.counts == [3, 1, 1])
        let km = KaplanMeier(runs: a)
        #expect(km.steps.map(\.time) == [1, 2, 3])
        #expect(km.steps.map(\.atRisk) == [5, 2, 1])
        #expect(abs(km.survival(at: 1) - 0.4) < 1e-15)
        #expect(abs(km.survival(at: 2.5) - 0.4) < 1e-15)
        #expect(km.survival(at: 3) == 0)
        #expect(km.median == 1)
    }

    /// Both representations (a list while small, bits once large) count exactly a Set's members,
    /// and a union of sets filled separately equals one set filled with everything.
    @Test func residentSetsCountDistinctMembersOnBothPaths() {
        var rng = Xoshiro256StarStar(seed: 5)
        for (universe, n) in [(10, 0), (100_000, 30), (100_000, 50_000), (64, 5_000), (1, 10)] {
            var set = ResidentSet(universe: universe), left = ResidentSet(universe: universe)
            var right = ResidentSet(universe: universe)
            var truth = Set<Int32>()
            for i in 0..<n {
                let id = Int32(rng.next() % UInt64(universe))
                set.insert(id)
                if i % 2 == 0 { left.insert(id) } else { right.insert(id) }
                truth.insert(id)
            }
            set.insert(-1)
            set.insert(Int32(universe))
            #expect(set.count == truth.count, "universe=\(universe) n=\(n)")
            var seen = Set<Int32>()
            set.forEachDistinct { #expect(seen.insert($0).inserted) }
            #expect(seen == truth)
            left.formUnion(right)
            #expect(left.count == truth.count)
        }
    }

    /// Residents are numbered by token order with their earliest case day; collective and
    /// anonymous cases name nobody; tokens never seen have no number.
    @Test func residentIndexKeepsTheEarliestDayPerToken() throws {
        func facts(_ person: UInt64?, _ received: String, collective: Bool = false) throws -> CaseFacts {
            CaseFacts(person: person, ageBand: nil, received: try at(received), firstContact: nil, closed: nil,
                      source: nil, channel: nil, themes: CodeSet(), collective: collective, resolution: nil,
                      referredTo: CodeSet(), risks: CodeSet(), escalatedTo: CodeSet(), supportMinutes: nil)
        }
        var builder = ResidentIndex.Builder()
        var other = ResidentIndex.Builder()
        builder.add(try facts(30, "2024-03-01"))
        builder.add(try facts(10, "2024-05-01"))
        other.add(try facts(10, "2024-02-01"))
        other.add(try facts(20, "2023-01-01", collective: true))
        other.add(try facts(nil, "2022-01-01"))
        builder.merge(other)
        let index = builder.build()
        #expect(index.count == 2)
        #expect(index.number(of: 10) == 0)
        #expect(index.number(of: 30) == 1)
        #expect(index.number(of: 20) == -1)
        #expect(index.firstDay(of: 0) == (try day("2024-02-01")).dayNumber)
        #expect(index.firstDay(of: 1) == (try day("2024-03-01")).dayNumber)
    }
}

/// Rows are put in date order in place; ties keep the order they came in.
struct InPlaceDateSortTests {
    @Test func sortingInPlaceIsStableAndAgreesWithAComparisonSort() throws {
        var rng = Xoshiro256StarStar(seed: 9)
        let base = try day("2024-01-01").dayNumber
        for (n, spread) in [(0, 1), (1, 1), (5, 3), (3_000, 40), (20_000, 400), (20_000, 2), (5_000, 1_000_000)] {
            // The volunteer number records the original position, to see that ties stay in order.
            let tasks = (0..<n).map { i in
                TaskFacts(volunteer: UInt64(i), date: CivilDate(dayNumber: base + Int(rng.next() % UInt64(spread))),
                          hours: 1, task: .visit)
            }
            let expected = tasks.enumerated().sorted { a, b in
                a.element.day != b.element.day ? a.element.day < b.element.day : a.offset < b.offset
            }.map(\.element)
            let sorted = TaskTable.sortedByDate(tasks)
            #expect(sorted == expected, "n=\(n) spread=\(spread)")
        }
        // Already in order: returned as it is.
        let ordered = (0..<100).map { TaskFacts(volunteer: UInt64($0), date: CivilDate(dayNumber: base + $0 / 3), hours: 1, task: .visit) }
        #expect(TaskTable.sortedByDate(ordered) == ordered)
    }
}
