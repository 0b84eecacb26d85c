import NoaberModel

/// What `EffectAnalysis.run` found: the estimate, the areas and periods behind it, what was left
/// out and why, and the tidy rows after disclosure control.
public struct EffectResult: Sendable {
    /// An area with figures that the estimate does not use, and why.
    public struct LeftOut: Hashable, Sendable {
        public enum Reason: String, Hashable, Sendable {
            /// Neither an `ondersteuner_start` nor `comparison_area` in the villages file.
            case startUnknown = "start_unknown"
            /// Figures for a code the villages file does not list (cannot happen through the
            /// importer, which refuses such rows; kept for figures written by other tools).
            case notInVillagesFile = "not_in_villages_file"
            /// `--village` chose other villages.
            case notSelected = "not_selected"
        }
        public var area: String
        public var name: String
        public var reason: Reason
    }

    /// A period of the unit that an area's finer figures cover only partly: left missing.
    public struct IncompleteCell: Hashable, Sendable {
        public var area: String
        public var period: String
        public var months: Int
        public var of: Int
    }

    public let measure: String
    public let method: EffectMethod
    public let unit: OutcomePeriod.Unit
    public let periods: [Period]
    /// Codes of the treated and comparison areas used.
    public let treated: [String]
    public let comparison: [String]
    /// `did`: the treated areas of each start group, by the label of its first treated period.
    public let cohortMembers: [String: [String]]
    /// Display names by code (from the villages file).
    public let names: [String: String]
    public let leftOut: [LeftOut]
    public let incompleteCells: [IncompleteCell]
    public let did: DiDResult?
    public let its: [ITSResult]
    /// The estimator's rows, figures resting on a count 1…k−1 hidden.
    public let rows: [MetricRow]
    public let suppressedRows: Int
    public let adjustments: [PanelAdjustment]
    public let cautions: [EffectCaution]
    /// k of disclosure control; nil when off.
    public let minCell: Int?

    /// The whole range, e.g. `2018-01-01..2024-12-31`.
    public var rangeLabel: String {
        guard let first = periods.first, let last = periods.last else { return "" }
        return Period.canonicalLabel(start: first.start, end: last.end)
    }

    /// The row of `metric` (for `did` the pooled row; for `its` the first village's).
    public func row(_ metric: String) -> MetricRow? { rows.first { $0.metric == metric } }

    /// Whether the data show an effect, by the rule the raadsbrief keeps: only when the overall
    /// estimate's 95% interval excludes zero *and* a pre-trend test could be made and none that
    /// was made rejects at 5% (`pretrend_p`, the did package's test over every pre-start cell, and
    /// `pretrend_event_p`, over the event study's last four leads). Anything else says why not.
    public var verdict: EffectVerdict {
        guard method == .did, let did else { return .noComparison }
        guard let overall = row("att_overall") else { return .noInterval }
        if overall.suppressed { return .suppressed }
        // Every pre-trend test that could be made must not reject: the did package's test over
        // all pre-start cells, and the test of the event study's leads (which can be made with a
        // handful of villages, where the first cannot).
        let pValues = [did.pretrend, did.eventPretrend].compactMap { check -> Double? in
            if case let .tested(_, _, p) = check { return p }
            return nil
        }
        guard let smallest = pValues.min() else { return .noPretrendTest }
        if smallest < 0.05 { return .pretrendRejected(p: smallest) }
        guard let value = overall.value, let lower = overall.lower, let upper = overall.upper else { return .noInterval }
        if lower <= 0 && upper >= 0 { return .intervalIncludesZero(value: value, lower: lower, upper: upper) }
        return .effect(value: value, lower: lower, upper: upper)
    }
}

/// What the data say about an effect, for one sentence in the raadsbrief.
public enum EffectVerdict: Hashable, Sendable {
    /// The 95% interval excludes zero and the pre-trend test does not reject.
    case effect(value: Double, lower: Double, upper: Double)
    /// The interval includes zero: no effect shown (which is not: no effect).
    case intervalIncludesZero(value: Double, lower: Double, upper: Double)
    /// The villages already moved differently before the start (p < 0.05).
    case pretrendRejected(p: Double)
    /// No pre-trend test could be made (no period before the start beyond the base, or too few
    /// areas for the pre-start effects).
    case noPretrendTest
    /// Small counts: the figure is hidden in published outputs.
    case suppressed
    /// The estimate has no interval (every area moved exactly alike).
    case noInterval
    /// No comparison areas: only interrupted time series, which cannot separate the ondersteuner
    /// from anything else that changed at the start.
    case noComparison

    /// True only for `.effect`.
    public var showsEffect: Bool {
        if case .effect = self { return true }
        return false
    }
}
