/// noaber's schema, as migrations. docs/schema.md documents every table and column for
/// researchers; keep the two in step.
///
/// Conventions: dates are ISO text (`yyyy-mm-dd`, or `yyyy-mm-ddThh:mm` for moments with a time)
/// so they sort as text and read naturally in R and pandas; codes are their stable English raw
/// values; multi-valued fields are bit masks of `cases` since version 3 (`Schema+Version3.swift`;
/// views give them as one row per value). The comments inside the DDL are kept by SQLite and
/// shown by `.schema`. Versions 1 and 2 stay as they were written: a new store runs every
/// migration in order, so old and new stores end in the same schema.
///
/// Code vocabularies are deliberately not CHECK-constrained: adding a code would otherwise need a
/// table rebuild. The reader validates every code it decodes instead.
///
/// `cases` is `WITHOUT ROWID`: keyed by `(village, case_id)` it is one B-tree rather than a rowid
/// table plus a unique index, which halves the B-tree work of every inserted case.
enum Schema {
    /// `PRAGMA application_id` of a noaber store: "NOAB" in ASCII.
    static let applicationID: Int32 = 0x4E4F_4142

    static let migrator = Migrator(applicationID: applicationID, migrations: [
        Migrator.Migration(version: 1, name: "initial schema") { (db: Database) throws(StoreError) in
            try db.execute(version1)
        },
        Migrator.Migration(version: 2, name: "cheaper date checks on cases", foreignKeysOff: true) { (db: Database) throws(StoreError) in
            try db.execute(version2)
        },
        Migrator.Migration(version: 3, name: "multi-valued fields as bit masks of cases", foreignKeysOff: true) { (db: Database) throws(StoreError) in
            try db.execute(version3CodesTable)
            try refuseUnknownChildCodes(db)
            try db.execute(version3)
        },
        Migrator.Migration(version: 4, name: "coverage, identity scope, export kind; workbooks and outcome series",
                           foreignKeysOff: true) { (db: Database) throws(StoreError) in
            try db.execute(version4)
        },
        Migrator.Migration(version: 5, name: "comparison areas marked in villages") { (db: Database) throws(StoreError) in
            try db.execute(version5)
        },
        Migrator.Migration(version: 6, name: "rejection reasons in both languages") { (db: Database) throws(StoreError) in
            try db.execute(version6)
        },
    ])

    /// A date column holds `yyyy-mm-dd`; a moment column may add `Thh:mm`.
    static let version1 = """
    CREATE TABLE meta (
        key   TEXT PRIMARY KEY,      -- 'key_fingerprint', 'created_at', …
        value TEXT NOT NULL
    );

    CREATE TABLE villages (
        village             TEXT PRIMARY KEY CHECK (village <> ''),   -- short stable code, e.g. 'SAA'
        name                TEXT NOT NULL,
        municipality        TEXT NOT NULL,
        inhabitants         INTEGER NOT NULL CHECK (inhabitants > 0),
        inhabitants_75plus  INTEGER CHECK (inhabitants_75plus >= 0 AND inhabitants_75plus <= inhabitants),
        paid_hours_per_week REAL CHECK (paid_hours_per_week >= 0),
        cost_per_year_eur   REAL CHECK (cost_per_year_eur >= 0)
    );

    CREATE TABLE imports (
        import_id   INTEGER PRIMARY KEY,
        file_name   TEXT NOT NULL,                -- base name only, never a directory
        sha256      TEXT NOT NULL,                -- of the file's bytes, lowercase hex
        kind        TEXT NOT NULL CHECK (kind IN ('cases', 'tasks', 'villages')),
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
        CONSTRAINT rows_read_is_accepted_plus_rejected CHECK (rows_read = accepted + rejected),
        CONSTRAINT changes_within_accepted CHECK (inserted + updated <= accepted)
    );
    CREATE INDEX imports_by_sha256 ON imports(sha256);

    CREATE TABLE cases (
        village         TEXT NOT NULL REFERENCES villages,
        case_id         TEXT NOT NULL CHECK (case_id <> ''),
        person_key      TEXT,                     -- HMAC-SHA-256 pseudonym; NULL = anonymous
        age_band        TEXT,                     -- '0-17', '18-64', '65-74', '75-84', '85+'
        birth_year      INTEGER,
        received        TEXT NOT NULL CHECK (received GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
                                             OR received GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]'),
        first_contact   TEXT CHECK (first_contact GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
                                    OR first_contact GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]'),
        closed          TEXT CHECK (closed GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
                                    OR closed GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]'),
        source          TEXT,
        channel         TEXT,
        collective      INTEGER NOT NULL DEFAULT 0 CHECK (collective IN (0, 1)),
        resolution      TEXT,
        support_minutes REAL CHECK (support_minutes >= 0),
        as_of           TEXT NOT NULL CHECK (as_of GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),   -- export date; open cases are censored here
        import_id       INTEGER NOT NULL REFERENCES imports,    -- the import that last wrote this row
        PRIMARY KEY (village, case_id)
    ) WITHOUT ROWID;

    CREATE TABLE case_themes (
        village TEXT NOT NULL,
        case_id TEXT NOT NULL,
        theme   TEXT NOT NULL,
        PRIMARY KEY (village, case_id, theme),
        FOREIGN KEY (village, case_id) REFERENCES cases ON DELETE CASCADE
    ) WITHOUT ROWID;

    CREATE TABLE case_referrals (
        village     TEXT NOT NULL,
        case_id     TEXT NOT NULL,
        referred_to TEXT NOT NULL,
        PRIMARY KEY (village, case_id, referred_to),
        FOREIGN KEY (village, case_id) REFERENCES cases ON DELETE CASCADE
    ) WITHOUT ROWID;

    CREATE TABLE case_risks (
        village TEXT NOT NULL,
        case_id TEXT NOT NULL,
        risk    TEXT NOT NULL,                    -- escalation risk noted at intake
        PRIMARY KEY (village, case_id, risk),
        FOREIGN KEY (village, case_id) REFERENCES cases ON DELETE CASCADE
    ) WITHOUT ROWID;

    CREATE TABLE case_escalations (
        village TEXT NOT NULL,
        case_id TEXT NOT NULL,
        risk    TEXT NOT NULL,                    -- the formal event of this risk that did happen
        PRIMARY KEY (village, case_id, risk),
        FOREIGN KEY (village, case_id) REFERENCES cases ON DELETE CASCADE
    ) WITHOUT ROWID;

    CREATE TABLE volunteer_tasks (
        task_row      INTEGER PRIMARY KEY,
        village       TEXT NOT NULL REFERENCES villages,
        case_id       TEXT CHECK (case_id <> ''),            -- NULL = not linked to a case
        volunteer_key TEXT NOT NULL,                         -- HMAC-SHA-256 pseudonym
        date          TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        hours         REAL NOT NULL CHECK (hours >= 0),
        task          TEXT NOT NULL,
        ordinal       INTEGER NOT NULL CHECK (ordinal >= 0), -- numbers identical rows within one export
        import_id     INTEGER NOT NULL REFERENCES imports,   -- the import that first stored this row
        UNIQUE (village, case_id, volunteer_key, date, task, hours, ordinal)
    );

    CREATE TABLE rejected_rows (
        import_id INTEGER NOT NULL REFERENCES imports ON DELETE CASCADE,
        line      INTEGER NOT NULL CHECK (line > 0),   -- 1-based physical line in the file
        field     TEXT,                                -- canonical field name; NULL = whole row
        reason    TEXT NOT NULL,
        raw       TEXT NOT NULL,                       -- the row as read, identifier columns masked by the importer
        PRIMARY KEY (import_id, line)
    );

    """ + casesView + """

    -- Per import: do the row counts add up, and is every rejected row kept?
    CREATE VIEW v_import_accounting AS
    SELECT i.import_id, i.file_name, i.kind, i.village, i.as_of, i.imported_at, i.status,
           i.rows_read, i.accepted, i.rejected, i.inserted, i.updated,
           i.accepted - i.inserted - i.updated AS no_change,
           (SELECT count(*) FROM rejected_rows r WHERE r.import_id = i.import_id) AS rejected_rows_kept,
           (i.rows_read = i.accepted + i.rejected
            AND i.rejected = (SELECT count(*) FROM rejected_rows r WHERE r.import_id = i.import_id)) AS balanced
    FROM imports i;

    INSERT INTO meta(key, value) VALUES ('created_at', strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));
    """

    /// The date CHECKs of `cases` as `CASE length(x) WHEN 10 THEN x GLOB date WHEN 16 THEN x GLOB
    /// moment ELSE x IS NULL END`: the same values pass as with version 1's `x GLOB date OR x GLOB
    /// moment` (both patterns match only ASCII of exactly that length; NULL passes either way),
    /// but a moment costs one GLOB instead of a failed one plus a matching one. The GLOB matcher is
    /// the expensive part: about 0.4 µs per moment, a tenth of the importer's writing thread.
    ///
    /// SQLite cannot alter a CHECK, so `cases` is rebuilt (SQLite's documented 12-step procedure):
    /// with foreign keys off (`foreignKeysOff`), else dropping the old table would cascade into
    /// the child tables; the migrator runs `foreign_key_check` before committing. `v_cases` reads
    /// `cases` and is recreated unchanged. Columns, their order, types and the key are the same.
    static let version2 = casesRebuild + casesView

    private static let casesRebuild = """
    DROP VIEW v_cases;

    CREATE TABLE cases_v2 (
        village         TEXT NOT NULL REFERENCES villages,
        case_id         TEXT NOT NULL CHECK (case_id <> ''),
        person_key      TEXT,                     -- HMAC-SHA-256 pseudonym; NULL = anonymous
        age_band        TEXT,                     -- '0-17', '18-64', '65-74', '75-84', '85+'
        birth_year      INTEGER,
        received        TEXT NOT NULL CHECK (CASE length(received) WHEN 10 THEN received GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
                                         WHEN 16 THEN received GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]'
                                         ELSE received IS NULL END),
        first_contact   TEXT CHECK (CASE length(first_contact) WHEN 10 THEN first_contact GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
                                WHEN 16 THEN first_contact GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]'
                                ELSE first_contact IS NULL END),
        closed          TEXT CHECK (CASE length(closed) WHEN 10 THEN closed GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
                                WHEN 16 THEN closed GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]'
                                ELSE closed IS NULL END),
        source          TEXT,
        channel         TEXT,
        collective      INTEGER NOT NULL DEFAULT 0 CHECK (collective IN (0, 1)),
        resolution      TEXT,
        support_minutes REAL CHECK (support_minutes >= 0),
        as_of           TEXT NOT NULL CHECK (as_of GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),   -- export date; open cases are censored here
        import_id       INTEGER NOT NULL REFERENCES imports,    -- the import that last wrote this row
        PRIMARY KEY (village, case_id)
    ) WITHOUT ROWID;
    INSERT INTO cases_v2 SELECT village, case_id, person_key, age_band, birth_year, received, first_contact, closed,
        source, channel, collective, resolution, support_minutes, as_of, import_id FROM cases;
    DROP TABLE cases;
    ALTER TABLE cases_v2 RENAME TO cases;

    """

    /// `v_cases`, created by version 1 and recreated unchanged by version 2 after it rebuilds
    /// `cases`: one text, so the two cannot drift apart.
    static let casesView = """
    -- Cases with their multi-valued fields as '|'-joined, alphabetically sorted text
    -- (NULL when there is none), in the canonical CSV's column order.
    CREATE VIEW v_cases AS
    SELECT c.village, c.case_id, c.person_key, c.age_band, c.birth_year,
           c.received, c.first_contact, c.closed, c.source, c.channel,
           (SELECT group_concat(theme, '|') FROM (SELECT theme FROM case_themes t
                WHERE t.village = c.village AND t.case_id = c.case_id ORDER BY theme)) AS themes,
           c.collective, c.resolution,
           (SELECT group_concat(referred_to, '|') FROM (SELECT referred_to FROM case_referrals r
                WHERE r.village = c.village AND r.case_id = c.case_id ORDER BY referred_to)) AS referred_to,
           (SELECT group_concat(risk, '|') FROM (SELECT risk FROM case_risks k
                WHERE k.village = c.village AND k.case_id = c.case_id ORDER BY risk)) AS risks,
           (SELECT group_concat(risk, '|') FROM (SELECT risk FROM case_escalations e
                WHERE e.village = c.village AND e.case_id = c.case_id ORDER BY risk)) AS escalated_to,
           c.support_minutes, c.as_of, c.import_id
    FROM cases c;
    """
}
