/// One case reduced to what the metrics read, in 64 bytes without a single reference.
///
/// A `CaseRecord` holds two strings, an optional string and four `Set`s: about a kilobyte and
/// a dozen reference counts per case, 9 GB for 10 million cases. The metrics need none of the
/// identity (the village is known from where the case is kept, the case id never enters a
/// figure), only dates, codes and a token per resident. Dates are day numbers with an optional
/// minute, sets are `CodeSet` masks, the pseudonym is a `PersonToken`, and the age band is the
/// effective one (derived from the birth year where the export gave none).
public struct CaseFacts: Hashable, Sendable {
    /// `PersonToken` of the pseudonym; meaningless when `hasPerson` is false.
    public var person: UInt64
    /// Bit pattern of the support minutes logged, or `noMinutes` when none were (bits rather than
    /// a NaN `Double`, so that equality stays reflexive).
    private var minutesBits: UInt64
    private var receivedDay: Int32
    private var firstContactDay: Int32
    private var closedDay: Int32
    /// The as-of date of the newest export that listed the case (`cases.as_of`), or `noDay` when
    /// not known (records built by hand): where an open case was last seen open.
    private var lastSeenDay: Int32
    public var themes: CodeSet<Theme>
    public var referredTo: CodeSet<Referral>
    public var risks: CodeSet<Risk>
    public var escalatedTo: CodeSet<Risk>
    // Declared after the 4-byte fields so the struct packs into 60 bytes (64 with alignment).
    /// Minute of the day, or -1 when the export gave only the date (or no date at all).
    private var receivedMinute: Int16
    private var firstContactMinute: Int16
    private var closedMinute: Int16
    /// The age band at intake: as exported, else derived from the birth year.
    public var ageBand: AgeBand?
    public var source: Source?
    public var channel: Channel?
    public var resolution: Resolution?
    public var collective: Bool
    public var hasPerson: Bool

    private static let noDay = Int32.min
    private static let noMinutes = UInt64.max

    public init(person: UInt64?, ageBand: AgeBand?, received: Moment, firstContact: Moment?, closed: Moment?,
                source: Source?, channel: Channel?, themes: CodeSet<Theme>, collective: Bool, resolution: Resolution?,
                referredTo: CodeSet<Referral>, risks: CodeSet<Risk>, escalatedTo: CodeSet<Risk>,
                supportMinutes: Double?, lastSeen: CivilDate? = nil) {
        self.person = person ?? 0
        lastSeenDay = lastSeen.map { Int32(clamping: $0.dayNumber) } ?? CaseFacts.noDay
        hasPerson = person != nil
        self.ageBand = ageBand
        (receivedDay, receivedMinute) = CaseFacts.pack(received)
        (firstContactDay, firstContactMinute) = firstContact.map(CaseFacts.pack) ?? (CaseFacts.noDay, -1)
        (closedDay, closedMinute) = closed.map(CaseFacts.pack) ?? (CaseFacts.noDay, -1)
        self.source = source
        self.channel = channel
        self.themes = themes
        self.collective = collective
        self.resolution = resolution
        self.referredTo = referredTo
        self.risks = risks
        self.escalatedTo = escalatedTo
        minutesBits = supportMinutes.map(\.bitPattern) ?? CaseFacts.noMinutes
    }

    /// The facts of a full record; the person token comes from its pseudonym. `lastSeen` is the
    /// as-of date of the newest export that listed it, when known (a store keeps it as `as_of`).
    public init(_ r: CaseRecord, lastSeen: CivilDate? = nil) {
        self.init(person: r.personKey.map(PersonToken.of), ageBand: r.effectiveAgeBand, received: r.received,
                  firstContact: r.firstContact, closed: r.closed, source: r.source, channel: r.channel,
                  themes: CodeSet(r.themes), collective: r.collective, resolution: r.resolution,
                  referredTo: CodeSet(r.referredTo), risks: CodeSet(r.risks), escalatedTo: CodeSet(r.escalatedTo),
                  supportMinutes: r.supportMinutes, lastSeen: lastSeen)
    }

    public var received: Moment { CaseFacts.unpack(receivedDay, receivedMinute) }

    public var firstContact: Moment? {
        firstContactDay == CaseFacts.noDay ? nil : CaseFacts.unpack(firstContactDay, firstContactMinute)
    }

    public var closed: Moment? { closedDay == CaseFacts.noDay ? nil : CaseFacts.unpack(closedDay, closedMinute) }

    /// Day number of receipt, without building a `Moment`.
    @inline(__always)
    public var receivedDayNumber: Int { Int(receivedDay) }

    /// Receipt as one sortable integer: the day, then the minute (a bare date sorts as 00:00).
    @inline(__always)
    public var receivedOrder: Int { Int(receivedDay) * 1440 + Int(max(receivedMinute, 0)) }

    /// Day number of closure, or nil while open.
    @inline(__always)
    public var closedDayNumber: Int? { closedDay == CaseFacts.noDay ? nil : Int(closedDay) }

    public var supportMinutes: Double? { minutesBits == CaseFacts.noMinutes ? nil : Double(bitPattern: minutesBits) }

    /// Day number of the as-of date of the newest export that listed the case, or nil when not
    /// known.
    @inline(__always)
    public var lastSeenDayNumber: Int? { lastSeenDay == CaseFacts.noDay ? nil : Int(lastSeenDay) }

    /// The same case with its person token moved into an identity scope (`PersonToken.scoped`).
    @inline(__always)
    public mutating func scopePerson(_ scope: UInt64) {
        if hasPerson { person = PersonToken.scoped(person, to: scope) }
    }

    /// The person token, or nil for an anonymous case.
    public var personToken: UInt64? { hasPerson ? person : nil }

    private static func pack(_ m: Moment) -> (Int32, Int16) {
        (Int32(clamping: m.date.dayNumber), Int16(clamping: m.minuteOfDay ?? -1))
    }

    private static func unpack(_ day: Int32, _ minute: Int16) -> Moment {
        Moment(date: CivilDate(dayNumber: Int(day)), minuteOfDay: minute < 0 ? nil : Int(minute))
    }
}
