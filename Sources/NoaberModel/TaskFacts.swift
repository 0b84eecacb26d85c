/// One volunteer task reduced to what the metrics read: 24 bytes, no references.
///
/// The volunteer's pseudonym becomes a `PersonToken` (the same 64-bit reduction as for
/// residents); the case id and the village are not needed by any figure.
public struct TaskFacts: Hashable, Sendable {
    /// `PersonToken` of the volunteer's pseudonym.
    public var volunteer: UInt64
    public var hours: Double
    private var dayNumber: Int32
    public var task: TaskKind

    public init(volunteer: UInt64, date: CivilDate, hours: Double, task: TaskKind) {
        self.volunteer = volunteer
        self.hours = hours
        dayNumber = Int32(clamping: date.dayNumber)
        self.task = task
    }

    public init(_ t: VolunteerTask) {
        self.init(volunteer: PersonToken.of(t.volunteerKey), date: t.date, hours: t.hours, task: t.task)
    }

    public var date: CivilDate { CivilDate(dayNumber: Int(dayNumber)) }

    @inline(__always)
    public var day: Int { Int(dayNumber) }

    /// The same task with its volunteer token moved into an identity scope (`PersonToken.scoped`).
    @inline(__always)
    public mutating func scopeVolunteer(_ scope: UInt64) { volunteer = PersonToken.scoped(volunteer, to: scope) }
}
