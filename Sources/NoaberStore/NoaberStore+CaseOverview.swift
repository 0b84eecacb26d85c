import NoaberModel

/// What a village's cases say before they are read in full.
public struct CaseOverview: Sendable, Hashable {
    /// The latest `as_of` among the village's stored cases (nil without cases).
    public var latestAsOf: CivilDate?
    /// The latest receipt date among them.
    public var latestReceived: CivilDate?
    /// The earliest receipt date among them.
    public var earliestReceived: CivilDate?
    public var cases: Int
}

extension NoaberStore {
    /// One light pass over a village's cases: calls `body` with each case's person token (nil
    /// for an anonymous case), its receipt day number and whether it is collective, and returns
    /// the village's latest as-of and receipt dates.
    ///
    /// Why: the metrics read villages one at a time, but `new_residents` needs every resident's
    /// first case over all villages first. Reading four columns of the cases table (no child
    /// tables, no `CaseFacts`) gives that at a fraction of a full read.
    /// - Complexity: O(cases of the village); memory O(1) here.
    public func caseOverview(village: String,
                             _ body: (_ person: UInt64?, _ receivedDay: Int, _ collective: Bool) -> Void)
        throws(StoreError) -> CaseOverview {
        let s = try database.prepare("SELECT person_key, received, collective, as_of FROM cases WHERE village = ?1")
        try s.bind(text: village, at: 1)
        var overview = CaseOverview(latestAsOf: nil, latestReceived: nil, earliestReceived: nil, cases: 0)
        var latestReceivedDay = Int.min, earliestReceivedDay = Int.max
        while try s.step() {
            guard let received = try s.moment(at: 1, name: "cases.received") else {
                throw s.invalidValue("cases.received", expected: "a date")
            }
            if let asOf = try s.date(at: 3, name: "cases.as_of"), overview.latestAsOf.map({ asOf > $0 }) ?? true {
                overview.latestAsOf = asOf
            }
            let day = received.date.dayNumber
            latestReceivedDay = max(latestReceivedDay, day)
            earliestReceivedDay = min(earliestReceivedDay, day)
            overview.cases += 1
            body(s.withUTF8(at: 0) { PersonToken.of($0) }, day, (s.int64(at: 2) ?? 0) != 0)
        }
        if overview.cases > 0 {
            overview.latestReceived = CivilDate(dayNumber: latestReceivedDay)
            overview.earliestReceived = CivilDate(dayNumber: earliestReceivedDay)
        }
        return overview
    }
}
