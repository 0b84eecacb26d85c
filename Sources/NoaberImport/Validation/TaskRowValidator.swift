import NoaberModel

/// Turns one row of a volunteer-task export into a `VolunteerTask`, or says why not.
public struct TaskRowValidator: Sendable {
    let context: RowContext
    let pseudonymise: @Sendable (UnsafeBufferPointer<UInt8>) -> String?
    private let tasks: CodeLookup<TaskKind>

    /// One task row covers one day: more than 24 hours is a typing error, not dedication.
    static let maximumHours = 24.0

    init(context: RowContext, pseudonymise: @escaping @Sendable (UnsafeBufferPointer<UInt8>) -> String?) {
        self.context = context
        self.pseudonymise = pseudonymise
        tasks = CodeLookup(profileLabels: context.plan.profile.values["task"])
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
        guard let hours = try c.decimal("hours", in: row).get() else {
            throw RowRejection(field: "hours", reason: Localized(nl: "uren ontbreken", en: "hours missing"))
        }
        guard hours > 0, hours <= Self.maximumHours else {
            throw RowRejection(field: "hours", reason: Localized(
                nl: "uren \(hours) buiten bereik (meer dan 0, hoogstens 24)", en: "hours \(hours) out of range (above 0, at most 24)"))
        }
        guard let task = try c.with("task", in: row, { tasks.code($0, field: "task") }).get() else {
            throw RowRejection(field: "task", reason: Localized(nl: "taak ontbreekt", en: "task missing"))
        }
        let caseID = c.text("case_id", in: row)
        return VolunteerTask(village: village, caseID: caseID.isEmpty ? nil : caseID, volunteerKey: volunteer,
                             date: date, hours: hours, task: task)
    }
}
