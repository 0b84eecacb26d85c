import Testing
@testable import NoaberReport

/// Expected ticks worked out by hand with Heckbert's loose labelling.
@Suite struct ScaleTests {
    @Test func zeroToNinetySeven() {
        let ticks = Scale.niceTicks(min: 0, max: 97, count: 5)
        #expect(ticks.values == [0, 20, 40, 60, 80, 100])
        #expect(ticks.step == 20)
        #expect(ticks.fractionDigits == 0)
    }

    @Test func zeroToPointNineThree() {
        let ticks = Scale.niceTicks(min: 0, max: 0.93, count: 5)
        #expect(ticks.values == [0, 0.2, 0.4, 0.6, 0.8, 1.0])
        #expect(ticks.fractionDigits == 1)
    }

    @Test func thousands() {
        #expect(Scale.niceTicks(min: 1234, max: 5678, count: 5).values == [1000, 2000, 3000, 4000, 5000, 6000])
    }

    @Test func smallStepsAreExactDecimals() {
        let ticks = Scale.niceTicks(min: 0.012, max: 0.047, count: 5)
        #expect(ticks.values == [0.01, 0.02, 0.03, 0.04, 0.05])
        #expect(ticks.fractionDigits == 2)
    }

    @Test func negativeRangesAndSwappedBounds() {
        #expect(Scale.niceTicks(min: -3.7, max: 8.2, count: 5).values == [-5, 0, 5, 10])
        #expect(Scale.niceTicks(min: 97, max: 0, count: 5).values == [0, 20, 40, 60, 80, 100])
    }

    @Test func degenerateRanges() {
        #expect(Scale.niceTicks(min: 0, max: 0).values == [0, 0.2, 0.4, 0.6, 0.8, 1.0])
        let single = Scale.niceTicks(min: 50, max: 50)
        #expect(single.values.first ?? .nan <= 50 && single.values.last ?? .nan >= 50)
        #expect(Scale.niceTicks(min: .nan, max: 1).values == [0, 0.2, 0.4, 0.6, 0.8, 1.0])
        #expect(!Scale.niceTicks(min: 0, max: 0).values.contains { $0.sign == .minus })
    }

    @Test func linearMapping() {
        let scale = Scale(domain: 0...100, range: (50, 550))
        #expect(scale(0) == 50)
        #expect(scale(100) == 550)
        #expect(scale(25) == 175)
        let inverted = Scale(domain: 0...1, range: (300, 100))
        #expect(inverted(0.5) == 200)
        #expect(inverted.clamped(2) == 100)
        #expect(Scale(domain: 5...5, range: (0, 10))(5) == 5)
    }

    @Test func categoryLabelsAreThinnedThenRotated() {
        let fits = CategoryLabelLayout.compute(labels: ["K1 2024", "K2 2024"], slotWidth: 100)
        #expect(fits == CategoryLabelLayout(step: 1, rotated: false, height: 20))
        let thinned = CategoryLabelLayout.compute(labels: Array(repeating: "mrt 2024", count: 24), slotWidth: 25)
        #expect(thinned.step == 3 && !thinned.rotated)
        let rotated = CategoryLabelLayout.compute(labels: Array(repeating: "Exloërveen centrum", count: 40), slotWidth: 14)
        #expect(rotated.rotated)
        #expect(rotated.step == 2)   // 12 px × 1.6 = 19.2 px per rotated label over 14 px slots
    }

    @Test func truncationKeepsWithinWidth() {
        let long = "Exloërveen en Zandberg (buitengebied)"
        let cut = TextMetrics.truncated(long, toWidth: 100, fontSize: 12)
        #expect(cut.wasTruncated)
        #expect(cut.text.hasSuffix("…"))
        #expect(TextMetrics.width(cut.text, fontSize: 12) <= 100)
        #expect(TextMetrics.truncated("Ees", toWidth: 100, fontSize: 12) == ("Ees", false))
    }
}
