import NoaberMetrics
import NoaberModel
import NoaberReport
import NoaberStore

/// What the reports say about effects: the measure `--effect-measure` names, or the only one the
/// store holds; nothing when it holds none (or `--effect-measure none`). Shared by `report` and
/// `demo`.
enum EffectEvidenceLoader {
    static func evidence(store: NoaberStore, args: ParsedArguments, common: CommonOptions) throws(CLIFailure) -> EffectEvidence? {
        let measures: [String]
        do { measures = try store.outcomeMeasures().map(\.measure) } catch { throw .store(error, path: common.databasePath) }
        let chosen = args.string("effect-measure")
        if chosen == "none" { return nil }
        if let chosen, !measures.contains(chosen) {
            let list = measures.isEmpty ? "–" : measures.joined(separator: ", ")
            throw .noData(Localized(nl: "--effect-measure: de store heeft geen cijfers voor maat '\(chosen)'; wel voor: \(list)",
                                    en: "--effect-measure: the store has no figures for measure '\(chosen)'; it has: \(list)"))
        }
        guard !measures.isEmpty else { return nil }
        guard let measure = chosen ?? (measures.count == 1 ? measures[0] : nil) else { return .chooseMeasure(measures) }
        var request = EffectRequest(measure: measure)
        do {
            if let k = try args.int("min-cell"), k >= 2 { request.minCell = k }
        } catch { throw .usage(error) }
        if args.flag("no-suppression") { request.minCell = nil }
        let input: EffectInput
        do { input = try EffectInput.load(from: store, measure: measure) } catch { throw .store(error, path: common.databasePath) }
        do {
            return .estimated(try EffectAnalysis.run(input, request: request))
        } catch {
            return .notPossible(measure: measure, error: error)
        }
    }
}
