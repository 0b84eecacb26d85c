/// One request for help or signal (hulpvraag / signaal), as stored after import.
///
/// `personKey` is the keyed pseudonym of the source's `person_id`, never the source key itself;
/// nil means the resident stayed anonymous. The multi-valued fields are `CodeSet`s (bit masks):
/// the store keeps them as the same masks (schema version 3), so a record is written and read
/// without hashing a code.
public struct CaseRecord: Hashable, Sendable {
    public var village: String
    public var caseID: String
    public var personKey: String?
    public var ageBand: AgeBand?
    public var birthYear: Int?
    public var received: Moment
    public var firstContact: Moment?
    public var closed: Moment?
    public var source: Source?
    public var channel: Channel?
    public var themes: CodeSet<Theme>
    /// A signal about a group rather than one resident.
    public var collective: Bool
    public var resolution: Resolution?
    public var referredTo: CodeSet<Referral>
    public var risks: CodeSet<Risk>
    public var escalatedTo: CodeSet<Risk>
    public var supportMinutes: Double?

    public init(village: String, caseID: String, personKey: String? = nil, ageBand: AgeBand? = nil,
                birthYear: Int? = nil, received: Moment, firstContact: Moment? = nil, closed: Moment? = nil,
                source: Source? = nil, channel: Channel? = nil, themes: CodeSet<Theme> = CodeSet(),
                collective: Bool = false, resolution: Resolution? = nil, referredTo: CodeSet<Referral> = CodeSet(),
                risks: CodeSet<Risk> = CodeSet(), escalatedTo: CodeSet<Risk> = CodeSet(), supportMinutes: Double? = nil) {
        self.village = village
        self.caseID = caseID
        self.personKey = personKey
        self.ageBand = ageBand
        self.birthYear = birthYear
        self.received = received
        self.firstContact = firstContact
        self.closed = closed
        self.source = source
        self.channel = channel
        self.themes = themes
        self.collective = collective
        self.resolution = resolution
        self.referredTo = referredTo
        self.risks = risks
        self.escalatedTo = escalatedTo
        self.supportMinutes = supportMinutes
    }

    /// The age band, derived from `birthYear` at the year of receipt when the export gave no band.
    public var effectiveAgeBand: AgeBand? {
        if let ageBand { return ageBand }
        guard let birthYear else { return nil }
        return AgeBand(age: received.date.year - birthYear)
    }
}

extension AgeBand {
    /// The band an age in whole years falls in; nil for a negative age.
    public init?(age: Int) {
        switch age {
        case ..<0: return nil
        case 0...17: self = .under18
        case 18...64: self = .adult
        case 65...74: self = .from65to74
        case 75...84: self = .from75to84
        default: self = .over85
        }
    }

    /// 75 and over: the group the reach-among-75+ figure is about.
    public var isSeventyFivePlus: Bool { self == .from75to84 || self == .over85 }
}
