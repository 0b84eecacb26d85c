import Testing
@testable import NoaberReport

@Suite struct EstimateRoundingTests {
    /// Two significant digits of the width: 48,458 → 1,000 (48 thousands); 3,120 → 100; 950 → 10
    /// (below the minimum of 100); 99,999 → 1,000; 100,000 → 10,000.
    @Test func stepFromTheWidth() {
        #expect(EstimateRounding.step(lower: 27_868, upper: 76_326, minimum: 100) == 1_000)
        #expect(EstimateRounding.step(lower: 1_250, upper: 4_370, minimum: 100) == 100)
        #expect(EstimateRounding.step(lower: 500, upper: 1_450, minimum: 100) == 100)
        #expect(EstimateRounding.step(lower: 0, upper: 99_999, minimum: 100) == 1_000)
        #expect(EstimateRounding.step(lower: 0, upper: 100_000, minimum: 100) == 10_000)
        // The raadsbrief's € 1.000 gives way where the lower end would lose its second digit.
        #expect(EstimateRounding.step(lower: 1_250, upper: 4_370, minimum: 1_000) == 100)
        #expect(EstimateRounding.step(lower: 569, upper: 2_843, minimum: 1_000) == 100)
        #expect(EstimateRounding.step(lower: 12_500, upper: 43_700, minimum: 1_000) == 1_000)
        #expect(EstimateRounding.step(lower: 8_000, upper: 33_000, minimum: 1_000) == 1_000)
        #expect(EstimateRounding.step(lower: 0, upper: 4_370, minimum: 1_000) == 1_000)
        #expect(EstimateRounding.step(lower: 5, upper: 5, minimum: 100) == 100)
        #expect(EstimateRounding.step(lower: 0, upper: .infinity, minimum: 100) == 100)
    }

    @Test func roundedHalfAwayFromZero() {
        #expect(EstimateRounding.rounded(31_975, step: 1_000) == 32_000)
        #expect(EstimateRounding.rounded(31_499.99, step: 1_000) == 31_000)
        #expect(EstimateRounding.rounded(1_550, step: 100) == 1_600)
        #expect(EstimateRounding.rounded(-1_550, step: 100) == -1_600)
        #expect(EstimateRounding.rounded(37_633, step: 1_000) == 38_000)
        #expect(EstimateRounding.rounded(12.5, step: 0) == 12.5)
    }
}
