import NoaberModel
import NoaberStore

extension MetricsInput {
    /// Reads everything the metrics need from a store: villages, cases, tasks, each village's
    /// latest as-of date (where its open cases are censored) and its import facts for the
    /// data-quality figures.
    ///
    /// Cases are read per village into `CaseFacts` (56 bytes each, no references): about 60 MB
    /// per million cases instead of the kilobyte per case that full records would take.
    ///
    /// `villages` restricts the input to these codes (nil: all). Rejection reasons are counted by
    /// the field that failed (`row` when the row as a whole was refused), a stable code that does
    /// not depend on the language the import ran in.
    public static func load(from store: NoaberStore, villages codes: [String]? = nil) throws(StoreError) -> MetricsInput {
        let wanted = codes.map(Set.init)
        let villages = try store.villages().filter { wanted?.contains($0.code) ?? true }
        let selected = villages.map(\.code)
        // One village at a time, straight into compact facts: no `CaseRecord` is ever built.
        var cases = CaseTable()
        for code in selected { cases.set(try store.caseFacts(village: code), village: code) }
        let tasks = try store.tasks(villages: selected)
        let asOf = try store.latestAsOf().filter { wanted?.contains($0.key) ?? true }
        var facts: [String: QualityFacts] = [:]
        let imports = try store.imports()
        var villageOfImport: [Int64: String] = [:]
        for i in imports where i.kind == .cases {
            guard let v = i.village, wanted?.contains(v) ?? true else { continue }
            villageOfImport[i.id] = v
            var f = facts[v] ?? QualityFacts(rowsRead: 0, rowsRejected: 0)
            f.rowsRead += i.rowsRead
            f.rowsRejected += i.rejected
            f.latestExport = max(f.latestExport ?? i.asOf, i.asOf)
            facts[v] = f
        }
        for r in try store.rejectedRows() {
            guard let v = villageOfImport[r.importID] else { continue }
            facts[v]?.rejectedReasons[r.field ?? "row", default: 0] += 1
        }
        return MetricsInput(villages: villages, caseTable: cases, tasks: tasks, asOf: asOf, qualityFacts: facts)
    }
}
