/// Version 5: comparison areas are marked, not guessed.
///
/// - `villages` gains `comparison_area` (0/1): an area without an ondersteuner, listed only to
///   compare outcome series with. Before, an area without `ondersteuner_start` was taken for one,
///   but that is also what a village looks like whose start is simply not filled in yet — and
///   such a village would then silently leave every coverage warning and serve as a comparison
///   in effect estimates. An explicit column makes the mistake loud instead: an unmarked area
///   without data stays in the "no data yet" warnings, and an unmarked area without a start is
///   left out of effect estimates with a message (docs/effect.md, "Comparison areas").
///   `ALTER TABLE … ADD COLUMN` with a constant default rewrites no row: instant at any size.
extension Schema {
    static let version5 = """
    ALTER TABLE villages ADD COLUMN comparison_area INTEGER NOT NULL DEFAULT 0
        CHECK (comparison_area IN (0, 1));   -- 1 = an area without an ondersteuner, for effect comparisons only
    """
}
