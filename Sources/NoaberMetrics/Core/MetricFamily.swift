/// The metric families of `noaber metrics [reach|response|escalation|volunteers|quality|all]`.
public enum MetricFamily: String, Sendable, CaseIterable, Codable {
    case reach, response, escalation, volunteers, quality, all

    /// The concrete families this one stands for (`all` expands to the five others).
    public var members: [MetricFamily] {
        self == .all ? [.reach, .response, .escalation, .volunteers, .quality] : [self]
    }
}
