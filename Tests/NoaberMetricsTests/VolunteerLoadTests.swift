import Testing
import NoaberModel
@testable import NoaberMetrics

/// Volunteer and ondersteuner load on the fixture, 2024Q1 = 13 weeks.
/// Hours per volunteer: V3 2, V2 10, V1 60 (the 2023 task is outside the quarter).
struct VolunteerLoadTests {
    @Test func volunteerFiguresByHand() throws {
        let r = try Fixture.run(.volunteers)
        func v(_ m: String) throws -> Double? { try r.value("AAA", "2024Q1", m) }
        #expect(try v("volunteers_active") == 3)
        #expect(try v("volunteers_per_1000") == 3)
        #expect(try v("volunteer_tasks") == 6)
        #expect(try v("volunteer_hours") == 72)
        #expect(try v("volunteer_hours_median") == 10)
        #expect(close(try v("volunteer_hours_p90"), 50))              // 10 + 0.8 × (60 − 10), numpy 50.0
        #expect(try v("volunteer_hours_max") == 60)
        #expect(close(try v("volunteer_hours_per_week"), 72.0 / 3 / 13))
        #expect(close(try v("volunteer_hours_top20_share"), 60.0 / 72)) // ceil(0.6) = 1 volunteer
        #expect(close(try v("volunteer_gini"), 116.0 / 216))           // Σ(2i−n−1)x = −4 + 0 + 120; / (3 × 72)
        #expect(try v("volunteers_over_threshold") == 1)               // V1: 60 / 13 = 4.6 h/week > 4
        #expect(try v("boundary_tasks") == 1)                          // V2's personal care
        #expect(r.row("AAA", "2024Q1", "volunteer_hours_median")?.n == 3)
        #expect(r.volunteerHours.first?.hours == [2, 10, 60])
    }

    @Test func thresholdIsConfigurable() throws {
        let r = try Fixture.run(.volunteers) { $0.volunteerThresholdHoursPerWeek = 0.5 }
        #expect(try r.value("AAA", "2024Q1", "volunteers_over_threshold") == 2) // 60/13, 10/13 = 0.77; 2/13 = 0.15
        let strict = try Fixture.run(.volunteers) { $0.volunteerThresholdHoursPerWeek = 5 }
        #expect(try strict.value("AAA", "2024Q1", "volunteers_over_threshold") == 0)
    }

    @Test func ondersteunerLoadByHand() throws {
        let r = try Fixture.run(.volunteers)
        func v(_ m: String) throws -> Double? { try r.value("AAA", "2024Q1", m) }
        #expect(try v("support_hours") == 3)                           // 60 + 30 + 90 minutes
        #expect(r.row("AAA", "2024Q1", "support_hours")?.n == 3)
        #expect(close(try v("support_hours_per_paid_hour"), 3.0 / 130)) // 10 h/week × 13 weeks
        #expect(close(try v("cases_per_paid_hour"), 12.0 / 130))
        // open at 2024-03-31: c3 (closed in April), c5, c8, c10, c12
        #expect(try v("open_cases_at_end") == 5)
    }

    @Test func emptyPeriodHasNoStatistics() throws {
        // October 2023: covered (registration started 2023-10-01), no task.
        let r = try Fixture.run(.volunteers) { $0.periods = [try period("2023-10"), try period("2022")] }
        #expect(try r.value("AAA", "2023-10", "volunteers_active") == 0)
        #expect(try r.value("AAA", "2023-10", "volunteer_hours_median") == nil)
        #expect(try r.value("AAA", "2023-10", "volunteer_gini") == nil)
        #expect(try r.value("AAA", "2023-10", "volunteer_hours_per_week") == nil)
        #expect(r.volunteerHours.isEmpty)
        // 2022 lies before the data: no figure, not a zero.
        #expect(r.row("AAA", "2022", "volunteers_active") == nil)
        #expect(try r.value("AAA", "2022", "tasks_coverage_pct") == 0)
    }
}
