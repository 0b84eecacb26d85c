import NoaberModel
import NoaberReport
import NoaberStore

/// The to-do material of the village pages (`report --audience dorp`), read from the store's
/// typed answers: every rejected row of a village's imports, named as `noaber rejected
/// --for-village` names it (file, line, the file's own column header, the reason), and the cases
/// newer full exports no longer listed (`StoreDiagnostics.vanishedCases`, which opens the file a
/// second time, read-only).
enum VillageFeedbackReader {
    static func read(_ store: NoaberStore, databasePath: String, villages: [String], language: Language) throws(CLIFailure) -> [String: VillageFeedback] {
        do {
            let files = Dictionary(try store.imports().map { ($0.id, $0.fileName) }, uniquingKeysWith: { a, _ in a })
            let vanished = try StoreDiagnostics(path: databasePath).vanishedCases() ?? []
            var feedback: [String: VillageFeedback] = [:]
            for code in villages {
                let rejected = try store.rejectedRows(village: code).map {
                    VillageFeedback.RejectedLine(file: files[$0.importID] ?? "", line: $0.line,
                                                 column: $0.sourceField ?? $0.field ?? "", reason: $0.reason(in: language),
                                                 reasonMayBeInAnotherLanguage: !$0.hasReason(in: language))
                }
                let gone = vanished.filter { $0.village == code }.sorted { ($0.asOf, $0.importID) < ($1.asOf, $1.importID) }.map {
                    VillageFeedback.VanishedCases(file: $0.fileName, asOf: $0.asOf, cases: $0.cases, open: $0.open)
                }
                feedback[code] = VillageFeedback(rejected: rejected, vanished: gone)
            }
            return feedback
        } catch {
            throw .store(error, path: databasePath)
        }
    }
}
