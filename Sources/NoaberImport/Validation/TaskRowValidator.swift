import NoaberModel

/// Turns one row of a volunteer-task export into a `VolunteerTask`, or says why not.
public struct TaskRowValidator: Sendable {
    let context: RowContext
    let pseudonymise: @Sendable (UnsafeBufferPointer<UInt8>) -> String?
    /// The case id's pseudonym, when the profile says case ids are personal; nil: `CaseIDRule`.
    let pseudonymiseCaseID: (@Sendable (UnsafeBufferPointer<UInt8>) -> String?)?
    private let tasks: CodeLookup<TaskKind>
    private let caseIDField: RowContext.Field

    /// One task row covers one day: more than 24 hours is a typing error, not dedication.
    static let maximumHours = 24.0

    /// `caseIDs` as for `CaseRowValidator`: the same profile setting pseudonymises a task's
    /// case id in the same domain, so tasks keep linking to their cases.
    init(context: RowContext, caseIDs: (@Sendable (UnsafeBufferPointer<UInt8>) -> String?)? = nil,
         pseudonymise: @escaping @Sendable (UnsafeBufferPointer<UInt8>) -> String?) {
        self.context = context
        self.pseudonymise = pseudonymise
        pseudonymiseCaseID = context.plan.profile.caseIDIsPersonal ? (caseIDs ?? { _ in nil }) : nil
        tasks = CodeLookup(profileLabels: context.plan.profile.values["task"])
        caseIDField = context.field("case_id")
    }

    public func validate(_ row: some RowFields) -> Result<VolunteerTask, RowRejection> {
        if let problem = context.shapeProblem(row) { return .failure(problem) }
        do {
            return .success(try record(row))
        } catch {
            return .failure(error)
        }
    }

    private func record(_ row: some RowFields) throws(RowRejection) -> VolunteerTask {
        let c = context
        let village = try c.village(in: row).get()
        guard let volunteer = c.with("volunteer_id", in: row, { pseudonymise(ByteText.trimmed($0)) }) else {
            throw RowRejection(field: "volunteer_id", reason: Localized(nl: "volunteer_id ontbreekt", en: "volunteer_id missing"))
        }
        guard let date = try c.moment("date", in: row).get()?.date else {
            throw RowRejection(field: "date", reason: Localized(nl: "datum ontbreekt", en: "date missing"))
        }
        guard let hours = try c.duration(c.field("hours"), in: .hours, in: row).get() else {
            throw RowRejection(field: "hours", reason: Localized(nl: "uren ontbreken", en: "hours missing"))
        }
        guard hours > 0, hours <= Self.maximumHours else {
            let shown = ShownValue.numberFragment(hours)
            throw RowRejection(field: "hours", reason: Localized(
                nl: "uren\(shown.nl) buiten bereik (meer dan 0, hoogstens 24)", en: "hours\(shown.en) out of range (above 0, at most 24)"))
        }
        guard let task = try c.with("task", in: row, { tasks.code($0, field: "task") }).get() else {
            throw RowRejection(field: "task", reason: Localized(nl: "taak ontbreekt", en: "task missing"))
        }
        let caseID = try c.caseID(caseIDField, in: row, pseudonymise: pseudonymiseCaseID, optional: true).get()
        return VolunteerTask(village: village, caseID: caseID.isEmpty ? nil : caseID, volunteerKey: volunteer,
                             date: date, hours: hours, task: task)
    }

    /// What a rejected row's raw text keeps of the cell of `field` (see `CaseRowValidator.rawCell`).
    func rawCell(_ field: String, _ raw: UnsafeBufferPointer<UInt8>) -> RawCell {
        let b = ByteText.trimmed(raw)
        guard !b.isEmpty else { return .keep }
        switch field {
        case "case_id": return context.caseIDCell(b, pseudonymise: pseudonymiseCaseID)
        case "volunteer_id": return pseudonymise(b).map(RawCell.replace) ?? .blank
        case "village": return context.villages.code(forBytes: b) != nil ? .keep : .blank
        case "date": return context.isDate(b) ? .keep : .blank
        case "hours": return context.isDuration(b, in: .hours, range: Double.leastNonzeroMagnitude...Self.maximumHours) ? .keep : .blank
        case "task": return RowContext.verdict(tasks.code(b, field: field))
        default: return .blank
        }
    }
}
