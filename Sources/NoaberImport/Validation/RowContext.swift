import NoaberModel

/// What every row validator of one file shares: the column plan, the parsers configured by the
/// profile, and the village to assume.
struct RowContext: Sendable {
    let plan: ColumnPlan
    let dates: DateParser
    let numbers: NumberParser
    let villages: VillageResolver
    /// From `--village` or the profile; rows that name another village are rejected.
    let fixedVillage: String?
    let multiValueSeparator: [UInt8]
    /// `plan.hiddenPositions` as a flag per column: `isEmpty` asks once per column and row.
    let isHidden: [Bool]
    /// The village column, looked up once instead of once per row.
    let villageField: Field
    /// For a profile import: each mapped field's own header in the file, quoted (`'Tijd (min)'`),
    /// so that rejection reasons speak the file's words (`inFileWords`). Empty for canonical files.
    let headers: [String: String]
    /// For case and task files: the comparison areas, which `villages` leaves out. Consulted only
    /// for a row whose village is unknown, to say why it is refused.
    var comparisonAreas: VillageResolver?

    /// A canonical field and its column in this file (nil: the file lacks it). Validators look
    /// their fields up once, so that a row costs no dictionary lookup per field.
    struct Field: Sendable {
        let name: String
        let position: Int?
    }

    func field(_ name: String) -> Field { Field(name: name, position: plan.position(of: name)) }

    init(plan: ColumnPlan, villages: VillageResolver, fixedVillage: String?) {
        self.plan = plan
        dates = DateParser(order: plan.profile.dateOrder, allowsExcelSerial: plan.profile.excelSerialDates)
        numbers = NumberParser(separator: plan.profile.decimalSeparator)
        self.villages = villages
        self.fixedVillage = fixedVillage ?? plan.profile.village.flatMap { villages.code(for: $0) ?? $0 }
        multiValueSeparator = Array(plan.profile.multiValueSeparator.utf8)
        isHidden = (0..<plan.columnCount).map { plan.hiddenPositions.contains($0) }
        villageField = Field(name: "village", position: plan.position(of: "village"))
        var headers: [String: String] = [:]
        if !plan.isCanonical {
            for field in plan.positions.keys {
                if let name = plan.sourceName(of: field), !name.isEmpty { headers[field] = "'\(name)'" }
            }
        }
        self.headers = headers
    }

    /// Field names a reason may hold as a word: noaber's own, in snake case, and the two dates
    /// whose English names are the canonical ones. (`date`, `hours`, `task` are ordinary English
    /// words in the reasons and are left alone.)
    private static let namesInReasons: Set<String> = ["case_id", "person_id", "volunteer_id", "received", "first_contact", "closed",
                                                      "support_minutes", "birth_year", "age_band", "referred_to", "escalated_to",
                                                      "inhabitants_75plus", "paid_hours_per_week", "cost_per_year_eur"]

    /// A rejection reason in the file's own words, for a profile import: every field name in it
    /// replaced by the column's own header (`'Tijd (min)' 30001 buiten bereik`), and the header
    /// put in front when the reason does not name it yet (`'Datum melding': datum bestaat niet
    /// '31-2-2024'`). A canonical file's reasons stay as they are.
    func inFileWords(field: String?, _ reason: Localized) -> Localized {
        guard !headers.isEmpty else { return reason }
        func rewrite(_ text: String) -> String {
            var out = text
            for (name, header) in headers where Self.namesInReasons.contains(name) {
                out = Self.replacingWord(name, with: header, in: out)
            }
            if let field, let header = headers[field], !out.contains(header) { out = header + ": " + out }
            return out
        }
        return Localized(nl: rewrite(reason.nl), en: rewrite(reason.en))
    }

    /// `text` with every whole-word `word` (not inside a longer name: `closed` but not `closed_at`)
    /// replaced.
    static func replacingWord(_ word: String, with replacement: String, in text: String) -> String {
        guard text.contains(word) else { return text }
        let chars = Array(text.unicodeScalars), w = Array(word.unicodeScalars)
        func isNamePart(_ s: Unicode.Scalar) -> Bool { s == "_" || s.properties.isAlphabetic || ("0"..."9").contains(s) }
        var out = String.UnicodeScalarView()
        var i = 0
        while i < chars.count {
            if i + w.count <= chars.count, Array(chars[i..<(i + w.count)]) == w,
               i == 0 || !isNamePart(chars[i - 1]), i + w.count == chars.count || !isNamePart(chars[i + w.count]) {
                out.append(contentsOf: replacement.unicodeScalars)
                i += w.count
            } else {
                out.append(chars[i])
                i += 1
            }
        }
        return String(out)
    }

    /// Runs `body` over the bytes of `field`, or over an empty buffer when the file lacks it.
    func with<R>(_ field: String, in row: some RowFields, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        with(self.field(field), in: row, body)
    }

    @inline(__always)
    func with<R>(_ field: Field, in row: some RowFields, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        guard let p = field.position else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        return row.withField(p) { body($0) }
    }

    func text(_ field: String, in row: some RowFields) -> String {
        text(self.field(field), in: row)
    }

    func text(_ field: Field, in row: some RowFields) -> String {
        with(field, in: row) { ByteText.string(ByteText.trimmed($0)) }
    }

    func moment(_ field: String, in row: some RowFields) -> Result<Moment?, RowRejection> {
        moment(self.field(field), in: row)
    }

    /// The field's date, refused when it lies before 1900: the parser reads any calendar date
    /// from year 1, but a registration from the year 1 is a typing error, and kept it would add
    /// a response time of 740,000 days. Dates far in the future are kept (an export's as-of date
    /// decides what "future" means; the quality metric counts them as `dates_in_future`).
    ///
    /// A `switch` rather than `mapError`/`flatMap`: the combinators' closures cost about 170
    /// instructions per call, and three dates are read per case row.
    func moment(_ field: Field, in row: some RowFields) -> Result<Moment?, RowRejection> {
        switch with(field, in: row, { dates.parse($0) }) {
        case .failure(let problem):
            return .failure(RowRejection.value(field.name, problem))
        case .success(let moment):
            guard let moment, moment.date.dayNumber < Self.earliestPlausibleDay else { return .success(moment) }
            return .failure(RowRejection(field: field.name, reason: Localized(
                nl: "\(field.name) \(moment.date.iso) ligt vóór 1900; waarschijnlijk een tikfout",
                en: "\(field.name) \(moment.date.iso) is before 1900; probably a typing error")))
        }
    }

    /// 1900-01-01 as a day number: the earliest date a row may carry (as for `birth_year`).
    static let earliestPlausibleDay = CivilDate(year: 1900, month: 1, day: 1)?.dayNumber ?? -25567

    func decimal(_ field: String, in row: some RowFields) -> Result<Double?, RowRejection> {
        decimal(self.field(field), in: row)
    }

    func decimal(_ field: Field, in row: some RowFields) -> Result<Double?, RowRejection> {
        switch with(field, in: row, { numbers.parseDecimal($0) }) {
        case .success(let value): return .success(value)
        case .failure(let problem): return .failure(RowRejection.value(field.name, problem))
        }
    }

    /// A time spent in `unit`: a decimal, or a clock value such as `1:30` (`DurationParser`).
    func duration(_ field: Field, in unit: DurationParser.Unit, in row: some RowFields) -> Result<Double?, RowRejection> {
        let parser = DurationParser(numbers: numbers, unit: unit)
        switch with(field, in: row, { parser.parse($0) }) {
        case .success(let value): return .success(value)
        case .failure(let problem): return .failure(RowRejection.value(field.name, problem))
        }
    }

    /// An age in years, with or without its unit (`AgeParser`).
    func age(_ field: Field, in row: some RowFields) -> Result<Int?, RowRejection> {
        let parser = AgeParser(numbers: numbers)
        switch with(field, in: row, { parser.parse($0) }) {
        case .success(let value): return .success(value)
        case .failure(let problem): return .failure(RowRejection.value(field.name, problem))
        }
    }

    func integer(_ field: String, in row: some RowFields) -> Result<Int?, RowRejection> {
        integer(self.field(field), in: row)
    }

    func integer(_ field: Field, in row: some RowFields) -> Result<Int?, RowRejection> {
        switch with(field, in: row, { numbers.parseInteger($0) }) {
        case .success(let value): return .success(value)
        case .failure(let problem): return .failure(RowRejection.value(field.name, problem))
        }
    }

    /// The row's village code: from its column (resolved by code, name or profile label), else the
    /// fixed village; a row naming a different village than `--village` is refused.
    func village(in row: some RowFields) -> Result<String, RowRejection> {
        // The exact-code fast path first: canonical exports name every row's village by its code.
        let resolved: String? = with(villageField, in: row) { bytes in
            let trimmed = ByteText.trimmed(bytes)
            return trimmed.isEmpty ? nil : villages.code(forBytes: trimmed)
        }
        if let code = resolved, fixedVillage == nil || fixedVillage == code { return .success(code) }
        let named = text(villageField, in: row)
        if named.isEmpty {
            guard let fixed = fixedVillage else {
                return .failure(RowRejection(field: "village", reason: Localized(
                    nl: "dorp ontbreekt; vul de kolom of geef --village", en: "village missing; fill the column or pass --village")))
            }
            return .success(fixed)
        }
        guard let code = villages.code(for: named) else {
            if let area = comparisonAreas?.code(for: named) {
                return .failure(RowRejection(field: "village", reason: Localized(
                    nl: "\(area) is een vergelijkingsgebied (comparison_area in het dorpenbestand) en heeft geen hulpvragen of taken",
                    en: "\(area) is a comparison area (comparison_area in the villages file) and holds no cases or tasks")))
            }
            let shown = ShownValue.fragment(named)
            return .failure(RowRejection(field: "village", reason: Localized(
                nl: "onbekend dorp\(shown.nl); bekend: \(villages.knownList)",
                en: "unknown village\(shown.en); known: \(villages.knownList)")))
        }
        if let fixed = fixedVillage, fixed != code {
            return .failure(RowRejection(field: "village", reason: Localized(
                nl: "rij hoort bij dorp \(code), niet bij \(fixed)", en: "row belongs to village \(code), not \(fixed)")))
        }
        return .success(code)
    }

    func isEmpty(_ row: some RowFields) -> Bool {
        for i in 0..<row.fieldCount where i >= isHidden.count || !isHidden[i] {
            if row.withField(i, { !ByteText.trimmed($0).isEmpty }) { return false }
        }
        return true
    }

    /// Rejections every kind shares: a ragged row or an empty one.
    func shapeProblem(_ row: some RowFields) -> RowRejection? {
        if row.fieldCount != plan.columnCount {
            if isEmpty(row) && row.fieldCount <= 1 {
                return RowRejection(field: nil, reason: Localized(nl: "lege regel", en: "empty row"))
            }
            return RowRejection(field: nil, reason: Localized(
                nl: "\(row.fieldCount) velden in plaats van \(plan.columnCount) (zoals de kopregel)",
                en: "\(row.fieldCount) fields instead of \(plan.columnCount) (as in the header)"))
        }
        if isEmpty(row) { return RowRejection(field: nil, reason: Localized(nl: "lege regel", en: "empty row")) }
        return nil
    }
}
