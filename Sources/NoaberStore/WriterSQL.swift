/// The statements a `NoaberStore.Writer` prepares, keyed by a small integer for its cache.
enum WriterSQL: Int, CaseIterable {
    case upsertVillage, setMeta, insertImport, finishImport, insertRejectedRow
    case insertCase, compareCase, updateCase, advanceCaseAsOf
    case insertTask
    case villageExists, importExists, villageHasCases, setImportSHA256, insertImportVillage, villageScopes
    case insertOutcome, compareOutcome, updateOutcome, villageHasTasks

    var sql: String {
        switch self {
        case .upsertVillage:
            """
            INSERT INTO villages(village, name, municipality, inhabitants, inhabitants_75plus, paid_hours_per_week, cost_per_year_eur,
                registration_start, ondersteuner_start, comparison_area)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
            ON CONFLICT(village) DO UPDATE SET name = excluded.name, municipality = excluded.municipality,
                inhabitants = excluded.inhabitants, inhabitants_75plus = excluded.inhabitants_75plus,
                paid_hours_per_week = excluded.paid_hours_per_week, cost_per_year_eur = excluded.cost_per_year_eur,
                registration_start = excluded.registration_start, ondersteuner_start = excluded.ondersteuner_start,
                comparison_area = excluded.comparison_area
            """
        case .setMeta:
            "INSERT INTO meta(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value"
        case .insertImport:
            """
            INSERT INTO imports(file_name, sha256, kind, village, profile, as_of, encoding, delimiter,
                rows_read, accepted, rejected, inserted, updated, status, imported_at, sheet, id_scope, export_kind)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 0, 0, 0, 0, 0, 'completed', ?9, ?10, ?11, ?12)
            """
        case .finishImport:
            """
            UPDATE imports SET rows_read = ?1, accepted = ?2, rejected = ?3, inserted = ?4, updated = ?5,
                status = CASE WHEN ?3 > 0 THEN 'completed_with_rejections' ELSE 'completed' END
            WHERE import_id = ?6
            """
        case .insertRejectedRow:
            """
            INSERT INTO rejected_rows(import_id, line, field, reason, raw, source_field, blanked, reason_nl, reason_en)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
            """
        case .insertImportVillage:
            """
            INSERT INTO import_villages(import_id, village, rows) VALUES (?1, ?2, ?3)
            ON CONFLICT(import_id, village) DO UPDATE SET rows = excluded.rows
            """
        case .insertCase:
            """
            INSERT INTO cases(\(WriterSQL.caseColumns))
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)
            ON CONFLICT(village, case_id) DO NOTHING
            """
        case .compareCase:
            // Binds parameters 1…14 and 16…19 like insertCase; import_id (?15) is deliberately
            // not compared, so re-importing a copy of a file reads as unchanged.
            """
            SELECT as_of > ?14, as_of < ?14,
                   person_key IS ?3 AND age_band IS ?4 AND birth_year IS ?5 AND received IS ?6
                   AND first_contact IS ?7 AND closed IS ?8 AND source IS ?9 AND channel IS ?10
                   AND collective IS ?11 AND resolution IS ?12 AND support_minutes IS ?13
                   AND themes_mask IS ?16 AND referred_to_mask IS ?17 AND risks_mask IS ?18 AND escalated_to_mask IS ?19
            FROM cases WHERE village = ?1 AND case_id = ?2
            """
        case .updateCase:
            """
            UPDATE cases SET person_key = ?3, age_band = ?4, birth_year = ?5, received = ?6, first_contact = ?7,
                closed = ?8, source = ?9, channel = ?10, collective = ?11, resolution = ?12, support_minutes = ?13,
                as_of = ?14, import_id = ?15, themes_mask = ?16, referred_to_mask = ?17, risks_mask = ?18,
                escalated_to_mask = ?19
            WHERE village = ?1 AND case_id = ?2 AND as_of <= ?14
            """
        case .advanceCaseAsOf:
            "UPDATE cases SET as_of = ?14, import_id = ?15 WHERE village = ?1 AND case_id = ?2 AND as_of < ?14"
        case .villageScopes:
            """
            SELECT DISTINCT i.id_scope FROM import_villages v JOIN imports i ON i.import_id = v.import_id
            WHERE v.village = ?1 AND i.kind = ?2 AND i.import_id <> ?3 ORDER BY i.id_scope
            """
        case .villageExists: "SELECT 1 FROM villages WHERE village = ?1"
        case .importExists: "SELECT 1 FROM imports WHERE import_id = ?1"
        case .setImportSHA256: "UPDATE imports SET sha256 = ?1 WHERE import_id = ?2"
        case .villageHasCases: "SELECT 1 FROM cases WHERE village = ?1 LIMIT 1"
        case .villageHasTasks: "SELECT 1 FROM volunteer_tasks WHERE village = ?1 LIMIT 1"
        case .insertOutcome:
            """
            INSERT INTO outcomes(village, measure, period, period_start, period_end, value, population, import_id)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
            ON CONFLICT(village, measure, period) DO NOTHING
            """
        case .compareOutcome:
            // The stored row's import gives its as-of date: an older delivery never overwrites a
            // newer one, as for cases.
            """
            SELECT i.as_of > ?9, o.value IS ?6 AND o.population IS ?7
            FROM outcomes o JOIN imports i ON i.import_id = o.import_id
            WHERE o.village = ?1 AND o.measure = ?2 AND o.period = ?3
            """
        case .updateOutcome:
            """
            UPDATE outcomes SET value = ?6, population = ?7, import_id = ?8
            WHERE village = ?1 AND measure = ?2 AND period = ?3
            """
        case .insertTask:
            // `case_id IS ?2` matches NULL to NULL, which the UNIQUE constraint alone would not.
            """
            INSERT INTO volunteer_tasks(village, case_id, volunteer_key, date, hours, task, ordinal, import_id)
            SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8
            WHERE NOT EXISTS (SELECT 1 FROM volunteer_tasks
                WHERE village = ?1 AND case_id IS ?2 AND volunteer_key = ?3 AND date = ?4 AND task = ?6
                  AND hours = ?5 AND ordinal = ?7)
            """
        }
    }

    /// The start of `upsertCases`' multi-row INSERT (`BatchInsert` adds the VALUES tuples).
    static let batchCasePrefix = "INSERT OR FAIL INTO cases(\(WriterSQL.caseColumns)) VALUES "

    static let caseColumns = """
        village, case_id, person_key, age_band, birth_year, received, first_contact, closed, source, channel, \
        collective, resolution, support_minutes, as_of, import_id, themes_mask, referred_to_mask, risks_mask, escalated_to_mask
        """
}
