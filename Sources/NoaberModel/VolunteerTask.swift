/// One task a volunteer did for a case. `volunteerKey` is the keyed pseudonym of the source's
/// `volunteer_id`.
public struct VolunteerTask: Hashable, Sendable {
    public var village: String
    public var caseID: String?
    public var volunteerKey: String
    public var date: CivilDate
    public var hours: Double
    public var task: TaskKind

    public init(village: String, caseID: String?, volunteerKey: String, date: CivilDate, hours: Double, task: TaskKind) {
        self.village = village
        self.caseID = caseID
        self.volunteerKey = volunteerKey
        self.date = date
        self.hours = hours
        self.task = task
    }
}
