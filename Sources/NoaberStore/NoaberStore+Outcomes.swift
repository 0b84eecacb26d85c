import NoaberModel

extension NoaberStore.Writer {
    /// Stores one outcome figure from a delivery made on `asOf`, keyed by area, measure and
    /// period, exactly as a case is keyed by village and case id:
    ///
    /// - a new key is inserted (`.inserted`);
    /// - a stored figure from a delivery with a later as-of date is left alone (`.keptNewer`);
    /// - the same value and population: `.unchanged` (the row keeps its import);
    /// - otherwise the value and population are replaced and the row now belongs to this import
    ///   (`.updated`): a revised series from the supplier replaces the old figures.
    ///
    /// - Complexity: one INSERT; a stored key adds one lookup.
    public func upsertOutcome(_ o: OutcomeRecord, importID: Int64, asOf: CivilDate) throws(StoreError) -> UpsertOutcome {
        noteParents(village: o.village, importID: importID)
        let insert = try statement(.insertOutcome)
        try bindOutcome(o, importID: importID, to: insert)
        try insert.execute()
        if database.changes == 1 { return .inserted }

        let compare = try statement(.compareOutcome)
        try bindOutcome(o, importID: importID, to: compare)
        try compare.bind(date: asOf, at: 9)
        guard try compare.step() else {
            compare.reset()
            throw StoreError(code: StoreError.noaberNotFound, message: "outcome row disappeared during upsert",
                             sql: compare.sql, path: database.path)
        }
        let storedIsNewer = compare.int64(at: 0) == 1
        let equal = compare.int64(at: 1) == 1
        compare.reset()
        if storedIsNewer { return .keptNewer }
        if equal { return .unchanged }
        let update = try statement(.updateOutcome)
        try bindOutcome(o, importID: importID, to: update)
        try update.execute()
        guard database.changes == 1 else {
            throw StoreError(code: StoreError.noaberNotFound, message: "outcome row not updated during upsert",
                             sql: update.sql, path: database.path)
        }
        return .updated
    }

    /// Binds parameters 1…8 in the order of `WriterSQL.insertOutcome`. The compare and update
    /// statements number their parameters the same way and use ?8 or ?9, so every index bound
    /// here exists in them (SQLite refuses only indices above the highest `?N`), used or not.
    private func bindOutcome(_ o: OutcomeRecord, importID: Int64, to s: Statement) throws(StoreError) {
        try s.bind(text: o.village, at: 1)
        try s.bind(text: o.measure, at: 2)
        try s.bind(text: o.period.label, at: 3)
        try s.bind(date: o.period.start, at: 4)
        try s.bind(date: o.period.end, at: 5)
        try s.bind(double: o.value, at: 6)
        try s.bind(int: Int64(o.population), at: 7)
        try s.bind(int: importID, at: 8)
    }

    /// Whether any case or volunteer task of `village` is stored: a villages file may not make
    /// such a village a comparison area.
    public func villageHasRecords(_ village: String) throws(StoreError) -> Bool {
        for key in [WriterSQL.villageHasCases, .villageHasTasks] {
            let s = try statement(key)
            try s.bind(text: village, at: 1)
            defer { s.reset() }
            if try s.step() { return true }
        }
        return false
    }
}

/// What the store holds of one outcome measure, for `noaber outcomes list`.
public struct OutcomeMeasureSummary: Hashable, Sendable, Codable {
    public var measure: String
    /// Areas with at least one figure, sorted by code.
    public var areas: [String]
    /// The calendar units the figures come in (`year`, `quarter`, `month`), coarsest first.
    public var units: [String]
    /// The first and last period held (canonical labels) and the number of distinct periods.
    public var firstPeriod: String
    public var lastPeriod: String
    public var periods: Int
    /// Figures held.
    public var rows: Int

    public init(measure: String, areas: [String], units: [String], firstPeriod: String, lastPeriod: String,
                periods: Int, rows: Int) {
        self.measure = measure
        self.areas = areas
        self.units = units
        self.firstPeriod = firstPeriod
        self.lastPeriod = lastPeriod
        self.periods = periods
        self.rows = rows
    }
}

extension NoaberStore {
    /// Every figure of `measure`, ordered by area and period start.
    ///
    /// - Throws: `noaberInvalidStoredValue` for a period another tool wrote in a form noaber
    ///   does not read.
    /// - Complexity: one pass over the measure's rows of `outcomes`.
    public func outcomes(measure: String) throws(StoreError) -> [OutcomeRecord] {
        let s = try database.prepare("""
            SELECT village, measure, period, value, population FROM outcomes
            WHERE measure = ?1 ORDER BY village, period_start, period_end DESC
            """)
        try s.bind(text: measure, at: 1)
        var result: [OutcomeRecord] = []
        while try s.step() {
            guard let period = OutcomePeriod(parsing: s.text(at: 2) ?? "") else {
                throw s.invalidValue("outcomes.period", expected: "a year, quarter or month (2024, 2024Q3, 2024-05)")
            }
            result.append(OutcomeRecord(village: s.text(at: 0) ?? "", measure: s.text(at: 1) ?? "", period: period,
                                        value: s.double(at: 3) ?? 0, population: Int(s.int64(at: 4) ?? 0)))
        }
        return result
    }

    /// The measures held, sorted by name, with their areas, units and period range.
    public func outcomeMeasures() throws(StoreError) -> [OutcomeMeasureSummary] {
        let s = try database.prepare("""
            SELECT measure, village, period FROM outcomes ORDER BY measure, village, period_start
            """)
        var byMeasure: [String: (areas: Set<String>, periods: Set<OutcomePeriod>, rows: Int)] = [:]
        while try s.step() {
            let measure = s.text(at: 0) ?? ""
            guard let period = OutcomePeriod(parsing: s.text(at: 2) ?? "") else {
                throw s.invalidValue("outcomes.period", expected: "a year, quarter or month (2024, 2024Q3, 2024-05)")
            }
            var entry = byMeasure[measure] ?? ([], [], 0)
            entry.areas.insert(s.text(at: 1) ?? "")
            entry.periods.insert(period)
            entry.rows += 1
            byMeasure[measure] = entry
        }
        return byMeasure.keys.sorted().compactMap { measure in
            guard let e = byMeasure[measure], let first = e.periods.min(), let last = e.periods.max() else { return nil }
            let units = OutcomePeriod.Unit.allCases.filter { unit in e.periods.contains { $0.unit == unit } }.map(\.rawValue)
            return OutcomeMeasureSummary(measure: measure, areas: e.areas.sorted(), units: units, firstPeriod: first.label,
                                         lastPeriod: last.label, periods: e.periods.count, rows: e.rows)
        }
    }
}
