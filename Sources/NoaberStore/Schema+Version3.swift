/// Schema version 3: a case's multi-valued fields (themes, referrals, risks, escalations) become
/// four bit-mask columns of `cases` instead of 2.3 rows per case in four child tables, and the
/// date checks of `cases` become comparisons instead of `GLOB` patterns.
///
/// Why: importing a million cases spent most of the store's time on those child rows (four more
/// B-trees, a file 55 % larger, written twice through the WAL) and on the `GLOB` matcher (about
/// 1,300 instructions per date). Copied by SQLite alone into the version 2 tables, a million
/// cases took 1.2–1.3× the sqlite3 shell's bare `.import` of the CSV; into these tables 0.7×.
/// See docs/benchmarks.md.
///
/// What readers keep: `case_themes`, `case_referrals`, `case_risks` and `case_escalations` are
/// now views with the same names and columns (one row per value), and `v_cases` is unchanged.
/// The table `codes` says which bit stands for which code, so the masks are readable without
/// noaber. Bits are fixed forever: a new code gets the next free bit (the Swift enums may only
/// append a case; `SchemaCodesTests` checks the two against each other).
///
/// What the cheaper date checks give up: a range comparison (`BETWEEN '0000-01-01' AND
/// '9999-12-31T23:59'`) refuses numbers, blobs, empty text and text outside those years, but not
/// malformed text inside the range (`2024-1-5`, `20240105`, `31-12-2024`; the `GLOB` checks of
/// version 2 refused those). Two reasons. The `GLOB` matcher cost about 1,300 instructions per
/// date. And any function in a CHECK (`GLOB`, even `length`) lets SQLite assume the statement
/// may abort half-way, so every multi-row INSERT kept a statement journal (a copy of each page
/// it touched that was already changed in the transaction): at a million cases 320,000
/// `pwrite` calls to a temporary file, more than the WAL. Copied by SQLite alone, a million
/// cases took 1.9-2.3 CPU s with `length` checks and 1.4 s with comparisons only.
/// noaber only writes dates it formatted itself, refuses a malformed stored date when it reads
/// one (`noaberInvalidStoredValue`), and `noaber doctor` checks every date of `cases` with the
/// exact pattern.
extension Schema {
    /// The bit of every code of the masked vocabularies, frozen at version 3 (the order of the
    /// Swift enums' cases then). Never edit a row: stored masks depend on it.
    static let version3Codes = """
    INSERT INTO codes(vocabulary, code, bit, mask) VALUES
        ('theme', 'loneliness', 0, 1),
        ('theme', 'housing', 1, 2),
        ('theme', 'transport', 2, 4),
        ('theme', 'household', 3, 8),
        ('theme', 'health_care', 4, 16),
        ('theme', 'caregiver_support', 5, 32),
        ('theme', 'finance_admin', 6, 64),
        ('theme', 'digital', 7, 128),
        ('theme', 'meaning', 8, 256),
        ('theme', 'participation', 9, 512),
        ('theme', 'safety', 10, 1024),
        ('theme', 'other', 11, 2048),
        ('referral', 'gp', 0, 1),
        ('referral', 'district_nurse', 1, 2),
        ('referral', 'wmo', 2, 4),
        ('referral', 'mental_health', 3, 8),
        ('referral', 'social_team', 4, 16),
        ('referral', 'welfare', 5, 32),
        ('referral', 'debt_help', 6, 64),
        ('referral', 'housing_corp', 7, 128),
        ('referral', 'other', 8, 256),
        ('risk', 'psychiatric_readmission', 0, 1),
        ('risk', 'nursing_home_admission', 1, 2),
        ('risk', 'caregiver_overload', 2, 4),
        ('risk', 'isolation', 3, 8),
        ('risk', 'fall', 4, 16),
        ('risk', 'debt', 5, 32),
        ('risk', 'wmo_household_help', 6, 64),
        ('risk', 'frequent_gp_use', 7, 128);

    """

    /// The child tables of version 2 and the vocabulary of their value column.
    static let version2ChildTables: [(table: String, column: String, vocabulary: String)] = [
        ("case_themes", "theme", "theme"), ("case_referrals", "referred_to", "referral"),
        ("case_risks", "risk", "risk"), ("case_escalations", "risk", "risk"),
    ]

    /// Refuses to migrate a store whose child tables hold a value that is not a known code
    /// (another tool wrote it): it has no bit, and dropping it silently would lose data.
    static func refuseUnknownChildCodes(_ db: Database) throws(StoreError) {
        for child in version2ChildTables {
            let sql = """
                SELECT count(*), min(\(child.column)) FROM \(child.table)
                WHERE \(child.column) NOT IN (SELECT code FROM codes WHERE vocabulary = '\(child.vocabulary)')
                """
            let s = try db.prepare(sql)
            guard try s.step(), let unknown = s.int64(at: 0), unknown > 0 else { continue }
            throw StoreError(
                code: StoreError.noaberInvalidStoredValue,
                message: "cannot migrate to schema version 3: \(unknown) row(s) of \(child.table) hold a value that is not a known \(child.vocabulary) code (e.g. '\(s.text(at: 1) ?? "")'); correct or delete them with the sqlite3 shell and open the store again",
                sql: sql, path: db.path)
        }
    }

    /// Creates `codes` (run before `refuseUnknownChildCodes`, which reads it).
    static let version3CodesTable = """
    -- Which bit of a mask column of cases stands for which code. Bits never change.
    CREATE TABLE codes (
        vocabulary TEXT NOT NULL CHECK (vocabulary IN ('theme', 'referral', 'risk')),
        code       TEXT NOT NULL,
        bit        INTEGER NOT NULL CHECK (bit BETWEEN 0 AND 31),
        mask       INTEGER NOT NULL CHECK (mask = 1 << bit),
        PRIMARY KEY (vocabulary, code),
        UNIQUE (vocabulary, bit)
    ) WITHOUT ROWID;

    """ + version3Codes

    /// Rebuilds `cases` with the mask columns filled from the child tables, drops those tables and
    /// puts views of the same names in their place.
    static let version3 = """
    DROP VIEW v_cases;

    CREATE TABLE cases_v3 (
        village           TEXT NOT NULL REFERENCES villages,
        case_id           TEXT NOT NULL CHECK (case_id <> ''),
        person_key        TEXT,                   -- HMAC-SHA-256 pseudonym; NULL = anonymous
        age_band          TEXT,                   -- '0-17', '18-64', '65-74', '75-84', '85+'
        birth_year        INTEGER,
        received          TEXT NOT NULL CHECK (received BETWEEN '0000-01-01' AND '9999-12-31T23:59'),
        first_contact     TEXT CHECK (first_contact BETWEEN '0000-01-01' AND '9999-12-31T23:59'),
        closed            TEXT CHECK (closed BETWEEN '0000-01-01' AND '9999-12-31T23:59'),
        source            TEXT,
        channel           TEXT,
        themes_mask       INTEGER NOT NULL DEFAULT 0,   -- bits of codes (vocabulary 'theme'); view case_themes
        collective        INTEGER NOT NULL DEFAULT 0 CHECK (collective IN (0, 1)),
        resolution        TEXT,
        referred_to_mask  INTEGER NOT NULL DEFAULT 0,   -- bits of codes (vocabulary 'referral'); view case_referrals
        risks_mask        INTEGER NOT NULL DEFAULT 0,   -- bits of codes (vocabulary 'risk'); view case_risks
        escalated_to_mask INTEGER NOT NULL DEFAULT 0,   -- bits of codes (vocabulary 'risk'); view case_escalations
        support_minutes   REAL CHECK (support_minutes >= 0),
        as_of             TEXT NOT NULL CHECK (as_of BETWEEN '0000-01-01' AND '9999-12-31'),   -- export date; open cases are censored here
        import_id         INTEGER NOT NULL REFERENCES imports,    -- the import that last wrote this row
        PRIMARY KEY (village, case_id)
    ) WITHOUT ROWID;
    INSERT INTO cases_v3 SELECT c.village, c.case_id, c.person_key, c.age_band, c.birth_year, c.received,
        c.first_contact, c.closed, c.source, c.channel,
        (SELECT coalesce(sum(k.mask), 0) FROM case_themes t JOIN codes k ON k.vocabulary = 'theme' AND k.code = t.theme
            WHERE t.village = c.village AND t.case_id = c.case_id),
        c.collective, c.resolution,
        (SELECT coalesce(sum(k.mask), 0) FROM case_referrals r JOIN codes k ON k.vocabulary = 'referral' AND k.code = r.referred_to
            WHERE r.village = c.village AND r.case_id = c.case_id),
        (SELECT coalesce(sum(k.mask), 0) FROM case_risks r JOIN codes k ON k.vocabulary = 'risk' AND k.code = r.risk
            WHERE r.village = c.village AND r.case_id = c.case_id),
        (SELECT coalesce(sum(k.mask), 0) FROM case_escalations e JOIN codes k ON k.vocabulary = 'risk' AND k.code = e.risk
            WHERE e.village = c.village AND e.case_id = c.case_id),
        c.support_minutes, c.as_of, c.import_id
    FROM cases c;
    DROP TABLE case_themes;
    DROP TABLE case_referrals;
    DROP TABLE case_risks;
    DROP TABLE case_escalations;
    DROP TABLE cases;
    ALTER TABLE cases_v3 RENAME TO cases;

    """ + childViews + casesView3

    /// The version 2 child tables as views: one row per case and value, same names and columns.
    static let childViews = """
    -- One row per case and theme (what the table case_themes held before schema version 3).
    CREATE VIEW case_themes AS
    SELECT c.village, c.case_id, k.code AS theme
    FROM cases c JOIN codes k ON k.vocabulary = 'theme' AND c.themes_mask & k.mask <> 0;

    -- One row per case and formal provision referred to.
    CREATE VIEW case_referrals AS
    SELECT c.village, c.case_id, k.code AS referred_to
    FROM cases c JOIN codes k ON k.vocabulary = 'referral' AND c.referred_to_mask & k.mask <> 0;

    -- One row per case and escalation risk noted at intake.
    CREATE VIEW case_risks AS
    SELECT c.village, c.case_id, k.code AS risk
    FROM cases c JOIN codes k ON k.vocabulary = 'risk' AND c.risks_mask & k.mask <> 0;

    -- One row per case and risk whose formal event did happen.
    CREATE VIEW case_escalations AS
    SELECT c.village, c.case_id, k.code AS risk
    FROM cases c JOIN codes k ON k.vocabulary = 'risk' AND c.escalated_to_mask & k.mask <> 0;

    """

    /// `v_cases` over the masks: the same columns and values as versions 1 and 2.
    static let casesView3 = """
    -- Cases with their multi-valued fields as '|'-joined, alphabetically sorted text
    -- (NULL when there is none), in the canonical CSV's column order.
    CREATE VIEW v_cases AS
    SELECT c.village, c.case_id, c.person_key, c.age_band, c.birth_year,
           c.received, c.first_contact, c.closed, c.source, c.channel,
           (SELECT group_concat(code, '|') FROM (SELECT code FROM codes
                WHERE vocabulary = 'theme' AND c.themes_mask & mask <> 0 ORDER BY code)) AS themes,
           c.collective, c.resolution,
           (SELECT group_concat(code, '|') FROM (SELECT code FROM codes
                WHERE vocabulary = 'referral' AND c.referred_to_mask & mask <> 0 ORDER BY code)) AS referred_to,
           (SELECT group_concat(code, '|') FROM (SELECT code FROM codes
                WHERE vocabulary = 'risk' AND c.risks_mask & mask <> 0 ORDER BY code)) AS risks,
           (SELECT group_concat(code, '|') FROM (SELECT code FROM codes
                WHERE vocabulary = 'risk' AND c.escalated_to_mask & mask <> 0 ORDER BY code)) AS escalated_to,
           c.support_minutes, c.as_of, c.import_id
    FROM cases c;
    """
}
