import NoaberModel

/// Turns one row of a case export into a `CaseRecord`, or says why not.
///
/// A row is accepted whole or rejected whole: one invalid value refuses the row, so that nothing
/// is ever half-stored. The source `person_id` never leaves this type: it is pseudonymised here.
/// So is `case_id` when the profile says `case_id_is_personal`; otherwise it must have the shape
/// of a file number (`CaseIDRule`).
public struct CaseRowValidator: Sendable {
    let context: RowContext
    let pseudonymise: @Sendable (UnsafeBufferPointer<UInt8>) -> String?
    /// The case id's pseudonym, when the profile says case ids are personal; nil: `CaseIDRule`.
    let pseudonymiseCaseID: (@Sendable (UnsafeBufferPointer<UInt8>) -> String?)?
    private let ageBands: CodeLookup<AgeBand>
    private let sources: CodeLookup<Source>
    private let channels: CodeLookup<Channel>
    private let themes: CodeLookup<Theme>
    private let resolutions: CodeLookup<Resolution>
    private let referrals: CodeLookup<Referral>
    private let risks: CodeLookup<Risk>
    private let escalations: CodeLookup<Risk>
    private let collectiveLabels: [String: Bool]
    /// Every field's column, looked up once per file.
    private let f: Fields

    private struct Fields: Sendable {
        let caseID, received, firstContact, closed, personID, ageBand, age, birthYear: RowContext.Field
        let source, channel, resolution, themes, referredTo, risks, escalatedTo, collective, supportMinutes: RowContext.Field
        /// Further columns of the multi-valued fields (`Thema 2`, `Thema 3`); empty for most files.
        let themesExtra, referredToExtra, risksExtra, escalatedToExtra: [Int]

        init(_ c: RowContext) {
            caseID = c.field("case_id"); received = c.field("received"); firstContact = c.field("first_contact")
            closed = c.field("closed"); personID = c.field("person_id"); ageBand = c.field("age_band")
            age = c.field("age"); birthYear = c.field("birth_year"); source = c.field("source")
            channel = c.field("channel"); resolution = c.field("resolution"); themes = c.field("themes")
            referredTo = c.field("referred_to"); risks = c.field("risks"); escalatedTo = c.field("escalated_to")
            collective = c.field("collective"); supportMinutes = c.field("support_minutes")
            let extra = c.plan.extraPositions
            themesExtra = extra["themes"] ?? []; referredToExtra = extra["referred_to"] ?? []
            risksExtra = extra["risks"] ?? []; escalatedToExtra = extra["escalated_to"] ?? []
        }
    }

    /// Longest `case_id` accepted; longer values are almost certainly a shifted column.
    static let maximumCaseIDLength = CaseIDRule.maximumLength
    /// Upper bound for `support_minutes` on one case: 500 hours.
    static let maximumSupportMinutes = 30_000.0

    /// `caseIDs` is required when the profile says `case_id_is_personal` (a row is rejected
    /// without it); it is ignored otherwise.
    init(context: RowContext, caseIDs: (@Sendable (UnsafeBufferPointer<UInt8>) -> String?)? = nil,
         pseudonymise: @escaping @Sendable (UnsafeBufferPointer<UInt8>) -> String?) {
        self.context = context
        self.pseudonymise = pseudonymise
        pseudonymiseCaseID = context.plan.profile.caseIDIsPersonal ? (caseIDs ?? { _ in nil }) : nil
        f = Fields(context)
        let v = context.plan.profile.values
        ageBands = CodeLookup(profileLabels: v["age_band"])
        sources = CodeLookup(profileLabels: v["source"])
        channels = CodeLookup(profileLabels: v["channel"])
        themes = CodeLookup(profileLabels: v["themes"])
        resolutions = CodeLookup(profileLabels: v["resolution"])
        referrals = CodeLookup(profileLabels: v["referred_to"])
        risks = CodeLookup(profileLabels: v["risks"])
        escalations = CodeLookup(profileLabels: v["escalated_to"] ?? v["risks"])
        collectiveLabels = Dictionary((v["collective"] ?? [:]).map { ($0.key.lowercased(), $0.value == "true") },
                                      uniquingKeysWith: { a, _ in a })
    }

    public func validate(_ row: some RowFields) -> Result<CaseRecord, RowRejection> {
        if let problem = context.shapeProblem(row) { return .failure(problem) }
        do {
            return .success(try record(row))
        } catch {
            return .failure(error)
        }
    }

    private func record(_ row: some RowFields) throws(RowRejection) -> CaseRecord {
        let c = context
        let caseID = try c.caseID(f.caseID, in: row, pseudonymise: pseudonymiseCaseID).get()
        let village = try c.village(in: row).get()
        guard let received = try c.moment(f.received, in: row).get() else {
            throw RowRejection(field: "received", reason: Localized(nl: "datum ontvangst ontbreekt", en: "received date missing"))
        }
        let firstContact = try c.moment(f.firstContact, in: row).get()
        let closed = try c.moment(f.closed, in: row).get()
        try Self.requireNotBefore(received, firstContact, "first_contact")
        try Self.requireNotBefore(received, closed, "closed")
        if let f = firstContact, let cl = closed, f.days(until: cl) < 0 {
            throw RowRejection(field: "closed", reason: Localized(
                nl: "closed (\(cl.iso)) ligt vóór het eerste contact (\(f.iso))",
                en: "closed (\(cl.iso)) is before first_contact (\(f.iso))"))
        }
        var record = CaseRecord(village: village, caseID: caseID, received: received)
        record.firstContact = firstContact
        record.closed = closed
        record.personKey = c.with(f.personID, in: row) { pseudonymise(ByteText.trimmed($0)) }
        record.ageBand = try c.with(f.ageBand, in: row) { ageBands.code($0, field: "age_band") }.get()
        if record.ageBand == nil, let age = try c.age(f.age, in: row).get() {
            guard let band = AgeBand(age: age), age <= 120 else {
                let shown = ShownValue.numberFragment(Double(age))
                throw RowRejection(field: "age", reason: Localized(nl: "leeftijd\(shown.nl) onmogelijk", en: "age\(shown.en) impossible"))
            }
            record.ageBand = band
        }
        if let year = try c.integer(f.birthYear, in: row).get() {
            guard year >= 1900, year <= received.date.year else {
                let shown = ShownValue.numberFragment(Double(year))
                throw RowRejection(field: "birth_year", reason: Localized(
                    nl: "geboortejaar\(shown.nl) onmogelijk (verwacht 1900–\(received.date.year))",
                    en: "birth year\(shown.en) impossible (expected 1900–\(received.date.year))"))
            }
            record.birthYear = year
        }
        record.source = try c.with(f.source, in: row) { sources.code($0, field: "source") }.get()
        record.channel = try c.with(f.channel, in: row) { channels.code($0, field: "channel") }.get()
        record.resolution = try c.with(f.resolution, in: row) { resolutions.code($0, field: "resolution") }.get()
        record.themes = try codes(f.themes, f.themesExtra, themes, in: row)
        record.referredTo = try codes(f.referredTo, f.referredToExtra, referrals, in: row)
        record.risks = try codes(f.risks, f.risksExtra, risks, in: row)
        record.escalatedTo = try codes(f.escalatedTo, f.escalatedToExtra, escalations, in: row)
        record.collective = try c.with(f.collective, in: row) { bytes -> Result<Bool, RowRejection> in
            let t = ByteText.trimmed(bytes)
            if !collectiveLabels.isEmpty, let mapped = collectiveLabels[ByteText.string(t).lowercased()] { return .success(mapped) }
            return BooleanParser.parse(t).mapError { RowRejection.value("collective", $0) }
        }.get()
        if let minutes = try c.duration(f.supportMinutes, in: .minutes, in: row).get() {
            guard minutes >= 0, minutes <= Self.maximumSupportMinutes else {
                let shown = ShownValue.numberFragment(minutes)
                throw RowRejection(field: "support_minutes", reason: Localized(
                    nl: "support_minutes\(shown.nl) buiten bereik (0–\(Int(Self.maximumSupportMinutes)))",
                    en: "support_minutes\(shown.en) out of range (0–\(Int(Self.maximumSupportMinutes)))"))
            }
            record.supportMinutes = minutes
        }
        return record
    }

    /// The codes of a multi-valued field: its column's, joined with those of its further columns.
    @inline(__always)
    private func codes<C: Code>(_ field: RowContext.Field, _ extra: [Int], _ lookup: CodeLookup<C>,
                                in row: some RowFields) throws(RowRejection) -> CodeSet<C> {
        let sep = context.multiValueSeparator
        var set = try context.with(field, in: row) { lookup.codes($0, separator: sep, field: field.name) }.get()
        for p in extra {
            let more = try row.withField(p) { lookup.codes($0, separator: sep, field: field.name) }.get()
            set = CodeSet(mask: set.mask | more.mask)
        }
        return set
    }

    /// What a rejected row's raw text keeps of the cell of `field` (see `RejectedRowText`): each
    /// cell is checked on its own, as the row's validation would check it, so the raw text keeps
    /// only known codes, dates, numbers in range, file numbers and pseudonyms.
    func rawCell(_ field: String, _ raw: UnsafeBufferPointer<UInt8>) -> RawCell {
        let b = ByteText.trimmed(raw)
        guard !b.isEmpty else { return .keep }
        let c = context
        let sep = c.multiValueSeparator
        switch field {
        case "case_id": return c.caseIDCell(b, pseudonymise: pseudonymiseCaseID)
        case "person_id": return pseudonymise(b).map(RawCell.replace) ?? .blank
        case "village": return c.villages.code(forBytes: b) != nil ? .keep : .blank
        case "age_band": return RowContext.verdict(ageBands.code(b, field: field))
        case "age": return c.isAge(b, in: 0...120) ? .keep : .blank
        case "birth_year": return c.isInteger(b, in: 1900...9999) ? .keep : .blank
        case "received", "first_contact", "closed": return c.isDate(b) ? .keep : .blank
        case "source": return RowContext.verdict(sources.code(b, field: field))
        case "channel": return RowContext.verdict(channels.code(b, field: field))
        case "resolution": return RowContext.verdict(resolutions.code(b, field: field))
        case "themes": return RowContext.verdict(themes.codes(b, separator: sep, field: field))
        case "referred_to": return RowContext.verdict(referrals.codes(b, separator: sep, field: field))
        case "risks": return RowContext.verdict(risks.codes(b, separator: sep, field: field))
        case "escalated_to": return RowContext.verdict(escalations.codes(b, separator: sep, field: field))
        case "collective":
            if !collectiveLabels.isEmpty, collectiveLabels[ByteText.string(b).lowercased()] != nil { return .keep }
            return RowContext.verdict(BooleanParser.parse(b))
        case "support_minutes": return c.isDuration(b, in: .minutes, range: 0...Self.maximumSupportMinutes) ? .keep : .blank
        default: return .blank
        }
    }

    /// Refuses `moment` (the field `name`) when it lies before `received`; no array per row.
    @inline(__always)
    private static func requireNotBefore(_ received: Moment, _ moment: Moment?, _ name: String) throws(RowRejection) {
        if let m = moment, received.days(until: m) < 0 {
            throw RowRejection(field: name, reason: Localized(
                nl: "\(name) (\(m.iso)) ligt vóór de ontvangst (\(received.iso))",
                en: "\(name) (\(m.iso)) is before received (\(received.iso))"))
        }
    }
}
