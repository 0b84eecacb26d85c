import NoaberModel
import NoaberStore

extension Importer {
    /// Rows per batch handed from the reading thread to the writing thread: large enough that the
    /// hand-off costs nothing per row, small enough that the queue holds a few MB at most.
    static let batchSize = 2_048
    /// Batches that may wait between the threads (see `BatchQueue`).
    static let queuedBatches = 3

    /// Reads a file's rows into `rows`, by kind. Cases and tasks go through the pipeline of two
    /// threads (`makeProducer` reads and judges, this thread writes; docs/design/import-pipeline.md),
    /// with `afterBatch` called after each batch is written and before progress is reported;
    /// villages and outcome files are small and read on this thread.
    func readRows<Source: RowSource>(_ reader: Source, of file: FileImport, context: RowContext, size: Int,
                                     into rows: inout RowSink, afterBatch: () throws -> Void) throws {
        let (kind, format, language) = (file.plan.kind, file.format, file.options.language)
        switch kind {
        case .cases, .tasks:
            let produce = makeProducer(reader, kind: kind, context: context, format: format, language: language)
            try runPipeline(capacity: Self.queuedBatches, produce: produce) { batch in
                for item in batch.items { try rows.consume(item) }
                try rows.write(cases: batch.cases)
                try afterBatch()
                reportProgress(batch.bytesRead, size)
            }
        case .villages:
            try importVillages(reader, context: context, format: format, language: language, sink: &rows)
        case .outcomes:
            try importOutcomes(reader, path: file.path, context: context, format: format, language: language, sink: &rows)
        }
    }

    /// The reading half of a case or task import, run on its own thread by `runPipeline`: reads
    /// each record, validates and pseudonymises it, detects in-file duplicates and task ordinals
    /// (in an `ImportScratch`, so memory stays flat) and hands batches of verdicts to the writer.
    ///
    /// The closure takes over `reader`; it captures no part of `self` (only `Sendable` values).
    private func makeProducer<Source: RowSource>(_ reader: Source, kind: RecordKind, context: RowContext, format: SourceFormat,
                                                 language: Language) -> (_ put: (ImportBatch) -> Bool) throws -> Void {
        let p = pseudonymizer
        let plan = context.plan
        // Repeated ids are looked up instead of hashed again (see `PseudonymCache`).
        let people = p.map { PseudonymCache($0, domain: .person) }
        let volunteers = p.map { PseudonymCache($0, domain: .volunteer) }
        // Only under `case_id_is_personal`: case ids become pseudonyms (see `CaseIDRule`).
        let caseIDs = p.flatMap { plan.profile.caseIDIsPersonal ? PseudonymCache($0, domain: .caseID) : nil }
        var caseIDPseudonym: (@Sendable (UnsafeBufferPointer<UInt8>) -> String?)?
        if let caseIDs { caseIDPseudonym = { caseIDs.pseudonym(forBytes: $0) } }
        let caseValidator = CaseRowValidator(context: context, caseIDs: caseIDPseudonym) { people?.pseudonym(forBytes: $0) }
        let taskValidator = TaskRowValidator(context: context, caseIDs: caseIDPseudonym) { volunteers?.pseudonym(forBytes: $0) }
        return { put in
            let scratch = try ImportScratch()
            var batch = ImportBatch()
            batch.items.reserveCapacity(Self.batchSize)
            batch.cases.reserveCapacity(Self.batchSize)
            let delimiter = format.rawDelimiter
            let sourceField = format.sourceField
            func reject(_ line: Int, _ field: String?, _ reason: Localized) {
                let text = RejectedRowText.make(reader, delimiter: delimiter, plan: plan, language: language) { field, bytes in
                    kind == .cases ? caseValidator.rawCell(field, bytes) : taskValidator.rawCell(field, bytes)
                }
                batch.items.append(.rejected(line: line, field: field, reason: context.inFileWords(field: field, reason), raw: text.raw,
                                             sourceField: sourceField(field) ?? plan.sourceName(of: field), blanked: text.blanked))
            }
            while try reader.nextRow() {
                let line = reader.line
                if kind == .cases {
                    switch caseValidator.validate(reader) {
                    case .success(let record):
                        if let earlier = try scratch.earlierLine(village: record.village, caseID: record.caseID, line: line) {
                            reject(line, "case_id", Localized(
                                nl: "case_id komt al voor op regel \(earlier) van dit bestand",
                                en: "case_id already appears on line \(earlier) of this file"))
                        } else {
                            batch.items.append(.acceptedCase)
                            batch.cases.append(record)
                        }
                    case .failure(let rejection):
                        reject(line, rejection.field, rejection.reason)
                    }
                } else {
                    switch taskValidator.validate(reader) {
                    case .success(let task):
                        let ordinal = try scratch.ordinal(village: task.village, caseID: task.caseID, volunteer: task.volunteerKey,
                                                          day: task.date.dayNumber, task: task.task.rawValue, hours: task.hours)
                        batch.items.append(.acceptedTask(task, ordinal: ordinal))
                    case .failure(let rejection):
                        reject(line, rejection.field, rejection.reason)
                    }
                }
                if batch.items.count >= Self.batchSize {
                    batch.bytesRead = reader.bytesRead
                    guard put(batch) else { return }
                    batch = ImportBatch()
                    batch.items.reserveCapacity(Self.batchSize)
                    batch.cases.reserveCapacity(Self.batchSize)
                }
            }
            if !batch.items.isEmpty {
                batch.bytesRead = reader.bytesRead
                _ = put(batch)
            }
        }
    }

    /// Villages files are small (one row per village), so they are read and written on one thread.
    private func importVillages<Source: RowSource>(_ reader: Source, context: RowContext, format: SourceFormat, language: Language,
                                                   sink: inout RowSink) throws {
        let validator = VillageRowValidator(context: context)
        var seen: Set<String> = []
        func reject(_ rejection: RowRejection) throws {
            let text = RejectedRowText.make(reader, delimiter: format.rawDelimiter, plan: context.plan, language: language,
                                            cell: validator.rawCell)
            try sink.reject(line: reader.line, field: rejection.field, reason: context.inFileWords(field: rejection.field, rejection.reason), raw: text.raw,
                            sourceField: format.sourceField(rejection.field) ?? context.plan.sourceName(of: rejection.field),
                            blanked: text.blanked)
        }
        while try reader.nextRow() {
            switch validator.validate(reader) {
            case .success(let village):
                if village.isComparisonArea, try sink.writer.villageHasRecords(village.code) {
                    try reject(RowRejection(field: "comparison_area", reason: Localized(
                        nl: "dorp \(village.code) heeft al hulpvragen of vrijwilligerstaken in de store en kan geen vergelijkingsgebied zijn",
                        en: "village \(village.code) already has cases or volunteer tasks in the store and cannot be a comparison area")))
                } else if seen.insert(village.code).inserted {
                    try sink.accept(village: village)
                } else {
                    try reject(RowRejection(field: "village", reason: Localized(
                        nl: "dorpscode \(village.code) komt twee keer voor", en: "village code \(village.code) appears twice")))
                }
            case .failure(let rejection):
                try reject(rejection)
            }
        }
    }

    /// Outcome files are small (one row per area, measure and period), so they are read and
    /// written on one thread. Rows that fail their own checks are rejected as in any file; a file
    /// that breaks `OutcomeRules` (a repeated area-measure-period, a population under 50) is
    /// refused whole: the thrown error rolls the transaction back.
    private func importOutcomes<Source: RowSource>(_ reader: Source, path: String, context: RowContext, format: SourceFormat,
                                                   language: Language, sink: inout RowSink) throws {
        let validator = OutcomeRowValidator(context: context)
        /// The line of each (area, measure, period) accepted so far.
        var seen: [String: Int] = [:]
        while try reader.nextRow() {
            switch validator.validate(reader) {
            case .success(let outcome):
                let line = reader.line
                if outcome.population < OutcomeRules.minimumPopulation {
                    throw ImportError.notAggregated(file: path, problem: Localized(
                        nl: "regel \(line): populatie \(outcome.population) is kleiner dan \(OutcomeRules.minimumPopulation); een aantal onder zo weinig mensen zegt iets over personen",
                        en: "line \(line): population \(outcome.population) is below \(OutcomeRules.minimumPopulation); a count among so few people says something about individuals"))
                }
                let key = outcome.village + "\u{1F}" + outcome.measure + "\u{1F}" + outcome.period.label
                if let earlier = seen[key] {
                    throw ImportError.notAggregated(file: path, problem: Localized(
                        nl: "regel \(line) herhaalt gebied \(outcome.village), maat \(outcome.measure) en periode \(outcome.period.label) van regel \(earlier); een uitkomstreeks heeft één rij per gebied, maat en periode (rijen per persoon of per gebeurtenis worden niet opgeteld)",
                        en: "line \(line) repeats area \(outcome.village), measure \(outcome.measure) and period \(outcome.period.label) of line \(earlier); an outcome series has one row per area, measure and period (rows per person or per event are not summed)"))
                }
                seen[key] = line
                try sink.accept(outcome: outcome)
            case .failure(let rejection):
                let text = RejectedRowText.make(reader, delimiter: format.rawDelimiter, plan: context.plan, language: language,
                                                cell: validator.rawCell)
                try sink.reject(line: reader.line, field: rejection.field, reason: rejection.reason, raw: text.raw,
                                sourceField: format.sourceField(rejection.field) ?? context.plan.sourceName(of: rejection.field),
                                blanked: text.blanked)
            }
        }
    }

    /// Called on the importing thread once per batch, never from the reading thread.
    private func reportProgress(_ bytesRead: Int, _ size: Int) {
        progress?(bytesRead, size)
    }
}
