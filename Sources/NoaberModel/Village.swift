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
    /// An area without an ondersteuner, listed only to compare outcome series with (villages
    /// file column `comparison_area`). It holds no cases and appears in no case figure, coverage
    /// warning or report village list; it never has an `ondersteunerStart`.
    public var isComparisonArea: Bool

    public init(code: String, name: String, municipality: String, inhabitants: Int,
                inhabitants75Plus: Int? = nil, paidHoursPerWeek: Double? = nil, costPerYearEUR: Double? = nil,
                registrationStart: CivilDate? = nil, ondersteunerStart: CivilDate? = nil,
                isComparisonArea: Bool = false) {
        self.code = code
        self.name = name
        self.municipality = municipality
        self.inhabitants = inhabitants
        self.inhabitants75Plus = inhabitants75Plus
        self.paidHoursPerWeek = paidHoursPerWeek
        self.costPerYearEUR = costPerYearEUR
        self.registrationStart = registrationStart
        self.ondersteunerStart = ondersteunerStart
        self.isComparisonArea = isComparisonArea
    }
}

extension Village {
    enum CodingKeys: String, CodingKey {
        case code, name, municipality, inhabitants, inhabitants75Plus, paidHoursPerWeek, costPerYearEUR
        case registrationStart, ondersteunerStart, isComparisonArea
    }

    /// Decodes JSON written before `isComparisonArea` existed as a village (false).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(code: try c.decode(String.self, forKey: .code), name: try c.decode(String.self, forKey: .name),
                  municipality: try c.decode(String.self, forKey: .municipality),
                  inhabitants: try c.decode(Int.self, forKey: .inhabitants),
                  inhabitants75Plus: try c.decodeIfPresent(Int.self, forKey: .inhabitants75Plus),
                  paidHoursPerWeek: try c.decodeIfPresent(Double.self, forKey: .paidHoursPerWeek),
                  costPerYearEUR: try c.decodeIfPresent(Double.self, forKey: .costPerYearEUR),
                  registrationStart: try c.decodeIfPresent(CivilDate.self, forKey: .registrationStart),
                  ondersteunerStart: try c.decodeIfPresent(CivilDate.self, forKey: .ondersteunerStart),
                  isComparisonArea: try c.decodeIfPresent(Bool.self, forKey: .isComparisonArea) ?? false)
    }
}
