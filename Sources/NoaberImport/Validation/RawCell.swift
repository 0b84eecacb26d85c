import NoaberModel

/// What a rejected row's raw text keeps of one cell (see `RejectedRowText`).
enum RawCell: Sendable, Equatable {
    /// The cell passed its own check (a known code, a date, a number in range, a file number) and
    /// is kept as written.
    case keep
    /// Kept as this text instead: the pseudonym of a source id.
    case replace(String)
    /// Blanked: the cell failed its check or looks like an identifier.
    case blank
}

extension RowContext {
    /// Whether a non-empty trimmed cell is a date the importer would accept.
    func isDate(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard case .success(let moment?) = dates.parse(b) else { return false }
        return moment.date.dayNumber >= Self.earliestPlausibleDay
    }

    /// Whether a non-empty trimmed cell is a number within `range`.
    func isDecimal(_ b: UnsafeBufferPointer<UInt8>, in range: ClosedRange<Double>) -> Bool {
        guard case .success(let value?) = numbers.parseDecimal(b) else { return false }
        return range.contains(value)
    }

    /// Whether a non-empty trimmed cell is a time spent (decimal or clock) within `range` of `unit`.
    func isDuration(_ b: UnsafeBufferPointer<UInt8>, in unit: DurationParser.Unit, range: ClosedRange<Double>) -> Bool {
        guard case .success(let value?) = DurationParser(numbers: numbers, unit: unit).parse(b) else { return false }
        return range.contains(value)
    }

    /// Whether a non-empty trimmed cell is an age (with or without its unit) within `range`.
    func isAge(_ b: UnsafeBufferPointer<UInt8>, in range: ClosedRange<Int>) -> Bool {
        guard case .success(let value?) = AgeParser(numbers: numbers).parse(b) else { return false }
        return range.contains(value)
    }

    /// Whether a non-empty trimmed cell is a whole number within `range`.
    func isInteger(_ b: UnsafeBufferPointer<UInt8>, in range: ClosedRange<Int>) -> Bool {
        guard case .success(let value?) = numbers.parseInteger(b) else { return false }
        return range.contains(value)
    }

    /// A case id cell: its pseudonym when the profile says case ids are personal, else kept only
    /// when it has the shape of a file number (`CaseIDRule`).
    func caseIDCell(_ b: UnsafeBufferPointer<UInt8>, pseudonymise: ((UnsafeBufferPointer<UInt8>) -> String?)?) -> RawCell {
        if let pseudonymise { return pseudonymise(b).map(RawCell.replace) ?? .blank }
        return CaseIDRule.problem(b) == nil ? .keep : .blank
    }

    /// A free-text cell (a village's name): kept unless it looks like an identifier.
    func freeTextCell(_ b: UnsafeBufferPointer<UInt8>) -> RawCell {
        IdentifierDetector.text.firstMatch(in: b) == nil ? .keep : .blank
    }

    static func verdict<T, E: Error>(_ result: Result<T, E>) -> RawCell {
        if case .success = result { return .keep }
        return .blank
    }
}

extension RowContext {
    /// The row's case id: its pseudonym when `pseudonymise` is given (`case_id_is_personal`), else
    /// the trimmed id when it has the shape of a file number; a rejection that never quotes it
    /// otherwise. Required (`case_id ontbreekt`) unless `optional`, when an empty cell gives "".
    func caseID(_ field: Field, in row: some RowFields, pseudonymise: ((UnsafeBufferPointer<UInt8>) -> String?)?,
                optional: Bool = false) -> Result<String, RowRejection> {
        with(field, in: row) { raw -> Result<String, RowRejection> in
            let b = ByteText.trimmed(raw)
            if b.isEmpty {
                if optional { return .success("") }
                return .failure(RowRejection(field: field.name, reason: Localized(nl: "\(field.name) ontbreekt", en: "\(field.name) missing")))
            }
            if let pseudonymise {
                if let problem = CaseIDRule.problem(b), problem == .tooLong { return .failure(CaseIDRule.rejection(problem, b, field: field.name)) }
                guard let key = pseudonymise(b) else {
                    return .failure(RowRejection(field: field.name, reason: Localized(
                        nl: "\(field.name) kan niet gepseudonimiseerd worden (geen sleutel)", en: "\(field.name) cannot be pseudonymised (no key)")))
                }
                return .success(key)
            }
            if let problem = CaseIDRule.problem(b) { return .failure(CaseIDRule.rejection(problem, b, field: field.name)) }
            return .success(ByteText.string(b))
        }
    }
}
