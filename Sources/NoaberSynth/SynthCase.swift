/// One generated case in compact form (indices into the code enums' `allCases`, bit sets for
/// the multi-valued fields), so that a million of them cost no allocation each.
struct SynthCase {
    /// 1-based position within the village; the case number is derived from it.
    var sequence = 0
    /// Index of the resident in the village's pool; -1 for anonymous and collective cases.
    var person = -1
    var birthYear = 0
    /// Index into `AgeBand.allCases`; -1 when not recorded.
    var ageBand = -1
    /// Give the birth year instead of the age band (dialects that can).
    var showBirthYear = false
    var receivedDay = 0
    /// Minute of the day, or -1 when only the date was recorded.
    var receivedMinute = -1
    /// Day of first contact, or nil when there was none before the as-of date.
    var contactDay: Int?
    var contactMinute = -1
    var closedDay: Int?
    var closedMinute = -1
    var source = 0
    var channel = 0
    var themes: UInt16 = 0
    var collective = false
    /// Index into `Resolution.allCases`; -1 while the case is open.
    var resolution = -1
    var referrals: UInt16 = 0
    var risks: UInt16 = 0
    var escalated: UInt16 = 0
    /// Support time in half minutes (so 37.5 minutes is 75); -1 when not logged.
    var halfMinutes = -1
    /// Index into the notes table; -1 for none.
    var note = -1
}
