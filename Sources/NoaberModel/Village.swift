/// A village (kern) with the population and funding facts that turn counts into rates.
public struct Village: Hashable, Sendable, Codable {
    /// Short stable code, e.g. `SAA` for Saasveld.
    public var code: String
    public var name: String
    public var municipality: String
    public var inhabitants: Int
    public var inhabitants75Plus: Int?
    public var paidHoursPerWeek: Double?
    public var costPerYearEUR: Double?
    /// The first day the village registered cases: its data cover the days from here to its
    /// latest as-of date. nil: the earliest `received` date it sent stands in (and the output
    /// says so).
    public var registrationStart: CivilDate?
    /// The day its ondersteuner began. nil: an area without one (a comparison area for effect
    /// estimates, or a village whose start is not recorded).
    public var ondersteunerStart: CivilDate?

    public init(code: String, name: String, municipality: String, inhabitants: Int,
                inhabitants75Plus: Int? = nil, paidHoursPerWeek: Double? = nil, costPerYearEUR: Double? = nil,
                registrationStart: CivilDate? = nil, ondersteunerStart: CivilDate? = nil) {
        self.code = code
        self.name = name
        self.municipality = municipality
        self.inhabitants = inhabitants
        self.inhabitants75Plus = inhabitants75Plus
        self.paidHoursPerWeek = paidHoursPerWeek
        self.costPerYearEUR = costPerYearEUR
        self.registrationStart = registrationStart
        self.ondersteunerStart = ondersteunerStart
    }
}
