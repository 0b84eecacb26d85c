/// Schema version 4: what every figure needs to know about the data behind it, and room for the
/// inputs that follow (workbooks, outcome series).
///
/// - `imports` gains `id_scope` (whose keys: `village`, the default, or `municipality`),
///   `export_kind` (`full`, the default, or `incremental`) and `sheet` (the worksheet of an
///   `.xlsx` file), and its `kind` may now be `outcomes`. SQLite cannot alter a CHECK, so
///   `imports` is rebuilt (SQLite's 12-step procedure, foreign keys off; the migrator runs
///   `foreign_key_check` before committing). It holds one row per imported file: the copy is
///   instant. Existing imports become `village` / `full`, which is what every export so far was
///   treated as; no pseudonym changes (under village scope a person is the village plus the
///   pseudonym, both already stored).
/// - `import_villages`: which villages each import listed, so that a multi-village file's
///   as-of date covers exactly the villages it named. Filled for existing imports from the rows
///   they still own.
/// - `villages` gains `registration_start` (the day the village began registering: where its
///   coverage starts) and `ondersteuner_start` (the day its ondersteuner began; areas without
///   one are comparison areas for effect estimates).
/// - `rejected_rows` gains `source_field` (the file's own column header of `field`, and its
///   letter in a workbook) and `blanked` (the file's own headers of the cells blanked in `raw`).
/// - `outcomes`: aggregated outcome series per area, period and measure (counts with the
///   population they refer to; never person-level).
extension Schema {
    static let version4 = """
    DROP VIEW v_import_accounting;

    CREATE TABLE imports_v4 (
        import_id   INTEGER PRIMARY KEY,
        file_name   TEXT NOT NULL,                -- base name only, never a directory
        sha256      TEXT NOT NULL,                -- of the file's bytes, lowercase hex
        kind        TEXT NOT NULL CHECK (kind IN ('cases', 'tasks', 'villages', 'outcomes')),
        village     TEXT,                         -- NULL when the file holds several villages
        profile     TEXT,                         -- mapping profile name; NULL = canonical format
        as_of       TEXT NOT NULL CHECK (as_of GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        encoding    TEXT,
        delimiter   TEXT,
        rows_read   INTEGER NOT NULL CHECK (rows_read >= 0),
        accepted    INTEGER NOT NULL CHECK (accepted >= 0),
        rejected    INTEGER NOT NULL CHECK (rejected >= 0),
        inserted    INTEGER NOT NULL DEFAULT 0 CHECK (inserted >= 0),
        updated     INTEGER NOT NULL DEFAULT 0 CHECK (updated >= 0),
        status      TEXT NOT NULL CHECK (status IN ('completed', 'completed_with_rejections')),
        imported_at TEXT NOT NULL,                -- UTC, ISO 8601
        sheet       TEXT,                         -- worksheet of an .xlsx file; NULL for CSV
        id_scope    TEXT NOT NULL DEFAULT 'village' CHECK (id_scope IN ('village', 'municipality')),   -- whose keys person_id / volunteer_id are
        export_kind TEXT NOT NULL DEFAULT 'full' CHECK (export_kind IN ('full', 'incremental')),    -- every case so far, or new and changed ones only
        CONSTRAINT rows_read_is_accepted_plus_rejected CHECK (rows_read = accepted + rejected),
        CONSTRAINT changes_within_accepted CHECK (inserted + updated <= accepted)
    );
    INSERT INTO imports_v4(import_id, file_name, sha256, kind, village, profile, as_of, encoding, delimiter,
                           rows_read, accepted, rejected, inserted, updated, status, imported_at)
    SELECT import_id, file_name, sha256, kind, village, profile, as_of, encoding, delimiter,
           rows_read, accepted, rejected, inserted, updated, status, imported_at FROM imports;
    DROP TABLE imports;
    ALTER TABLE imports_v4 RENAME TO imports;
    CREATE INDEX imports_by_sha256 ON imports(sha256);

    -- Per import: do the row counts add up, and is every rejected row kept?
    CREATE VIEW v_import_accounting AS
    SELECT i.import_id, i.file_name, i.kind, i.village, i.as_of, i.imported_at, i.status,
           i.rows_read, i.accepted, i.rejected, i.inserted, i.updated,
           i.accepted - i.inserted - i.updated AS no_change,
           (SELECT count(*) FROM rejected_rows r WHERE r.import_id = i.import_id) AS rejected_rows_kept,
           (i.rows_read = i.accepted + i.rejected
            AND i.rejected = (SELECT count(*) FROM rejected_rows r WHERE r.import_id = i.import_id)) AS balanced
    FROM imports i;

    -- Which villages an import of cases or tasks listed, and how many of its accepted rows were
    -- theirs: a file's as-of date covers exactly these villages.
    CREATE TABLE import_villages (
        import_id INTEGER NOT NULL REFERENCES imports ON DELETE CASCADE,
        village   TEXT NOT NULL REFERENCES villages,
        rows      INTEGER NOT NULL CHECK (rows >= 0),
        PRIMARY KEY (import_id, village)
    ) WITHOUT ROWID;
    INSERT INTO import_villages(import_id, village, rows)
    SELECT i.import_id, i.village, i.accepted FROM imports i
    WHERE i.kind IN ('cases', 'tasks') AND i.village IS NOT NULL AND i.village IN (SELECT village FROM villages);
    INSERT OR IGNORE INTO import_villages(import_id, village, rows)
    SELECT c.import_id, c.village, count(*) FROM cases c
    WHERE c.import_id IN (SELECT import_id FROM imports WHERE village IS NULL)
    GROUP BY c.import_id, c.village;
    INSERT OR IGNORE INTO import_villages(import_id, village, rows)
    SELECT t.import_id, t.village, count(*) FROM volunteer_tasks t
    WHERE t.import_id IN (SELECT import_id FROM imports WHERE village IS NULL)
    GROUP BY t.import_id, t.village;

    ALTER TABLE villages ADD COLUMN registration_start TEXT
        CHECK (registration_start BETWEEN '0000-01-01' AND '9999-12-31');   -- first day of registering; coverage starts here
    ALTER TABLE villages ADD COLUMN ondersteuner_start TEXT
        CHECK (ondersteuner_start BETWEEN '0000-01-01' AND '9999-12-31');   -- the ondersteuner began; NULL = comparison area

    ALTER TABLE rejected_rows ADD COLUMN source_field TEXT;   -- the file's own header of field (and column letter)
    ALTER TABLE rejected_rows ADD COLUMN blanked TEXT;        -- the file's own headers of the cells blanked in raw

    -- Aggregated outcome series (e.g. GP consultations) per area, period and measure.
    CREATE TABLE outcomes (
        village      TEXT NOT NULL REFERENCES villages,
        measure      TEXT NOT NULL CHECK (measure <> ''),
        period       TEXT NOT NULL,                  -- '2024', '2024Q3' or '2024-05'
        period_start TEXT NOT NULL CHECK (period_start BETWEEN '0000-01-01' AND '9999-12-31'),
        period_end   TEXT NOT NULL CHECK (period_end BETWEEN '0000-01-01' AND '9999-12-31'),
        value        REAL NOT NULL CHECK (value >= 0),        -- the count in the period
        population   INTEGER NOT NULL CHECK (population > 0), -- the population it refers to
        import_id    INTEGER NOT NULL REFERENCES imports,     -- the import that last wrote it
        PRIMARY KEY (village, measure, period)
    ) WITHOUT ROWID;
    """
}
