import NoaberModel
import NoaberStore

extension EffectInput {
    /// Reads every area of the villages file (comparison areas included) and the figures of
    /// `measure` from a store, inside one read transaction so that the two agree.
    /// - Complexity: one pass over the measure's figures.
    public static func load(from store: NoaberStore, measure: String) throws(StoreError) -> EffectInput {
        let started = try store.beginSnapshot()
        defer { if started { store.endSnapshot() } }
        let villages = try store.villages()
        let measures = try store.outcomeMeasures().map(\.measure)
        let outcomes = measures.contains(measure) ? try store.outcomes(measure: measure) : []
        return EffectInput(areas: villages.map(EffectAreaFacts.init), outcomes: outcomes, measures: measures)
    }
}
