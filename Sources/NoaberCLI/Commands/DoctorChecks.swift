#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NoaberImport
import NoaberModel
import NoaberStore

/// The checks of `noaber doctor`, in the order a person would fix them: the file, its schema,
/// its integrity, the key, then what the data says needs attention.
///
/// The store is opened read-only and never migrated, so a doctor run cannot change, repair or
/// "fix" a damaged file: it only reads and tells. Later checks are skipped when the store cannot
/// be opened at all (there is nothing meaningful left to check).
struct DoctorChecks {
    let storePath: String
    let keyPath: String
    let today: CivilDate
    /// An export older than this many days earns a warning.
    static let staleExportDays = 90
    /// A WAL larger than this is worth a warning: a reader that never ends blocks checkpoints.
    static let largeWALBytes = 64 * 1024 * 1024
    /// The `application_id` of a noaber store ("NOAB").
    static let applicationID: Int64 = 0x4E4F_4142

    /// Runs every check that applies.
    ///
    /// - Complexity: `integrity_check` reads the whole file; seconds for a store of millions of cases.
    func run() -> [DoctorFinding] {
        guard FileSystem.exists(storePath) else {
            return [.error("store", nl: "\(storePath) bestaat niet. Geef het juiste pad met --db, of maak een store met 'noaber villages import' en 'noaber import'.",
                           en: "\(storePath) does not exist. Pass the right path with --db, or create a store with 'noaber villages import' and 'noaber import'.")]
        }
        let db: Database
        do { db = try Database(path: storePath, mode: .readOnly) } catch {
            return [storeFailure("store", error)]
        }
        var findings: [DoctorFinding] = []
        let schema = checkSchema(db)
        findings += schema
        guard !schema.contains(where: { $0.severity == .error }) else { return findings }
        findings.append(checkIntegrity(db))
        findings.append(checkForeignKeys(db))
        // An older schema has no mask columns; the next import migrates it (checkSchema warns).
        if schema.allSatisfy({ $0.severity == .ok }) { findings.append(checkStoredValues(db)) }
        findings.append(checkCaseIDs(db))
        findings.append(checkKey(db))
        findings.append(checkWAL())
        findings += checkData(db)
        return findings
    }

    /// A store error as a finding, with the store layer's plain advice when it has one.
    func storeFailure(_ check: String, _ error: StoreError) -> DoctorFinding {
        let advice: Localized
        if error.isCorrupt {
            advice = Localized(nl: "\(storePath) is beschadigd of geen SQLite-database (SQLite: \(error.message)). Schrijf er niet in en zet een back-up terug.",
                               en: "\(storePath) is damaged or not a SQLite database (SQLite: \(error.message)). Do not write to it; restore a backup.")
        } else if let known = error.advice {
            advice = Localized(nl: known.nl + " (SQLite: \(error.message))", en: known.en + " (SQLite: \(error.message))")
        } else {
            advice = Localized(nl: "de store kan niet worden gelezen (\(error.message)). Zet een back-up terug.",
                               en: "the store cannot be read (\(error.message)). Restore a backup.")
        }
        return DoctorFinding(check: check, severity: .error, area: .store, advice: advice)
    }

    private func scalar(_ db: Database, _ sql: String) throws(StoreError) -> Int64 {
        let statement = try db.prepare(sql)
        guard try statement.step() else { return 0 }
        return statement.int64(at: 0) ?? 0
    }

    private func texts(_ db: Database, _ sql: String, columns: Int32 = 1) throws(StoreError) -> [[String]] {
        let statement = try db.prepare(sql)
        var rows: [[String]] = []
        while try statement.step() {
            rows.append((0..<columns).map { statement.text(at: $0) ?? "" })
        }
        return rows
    }

    func checkSchema(_ db: Database) -> [DoctorFinding] {
        let id: Int64
        let version: Int64
        do {
            id = try scalar(db, "PRAGMA application_id")
            version = try scalar(db, "PRAGMA user_version")
        } catch { return [storeFailure("store", error)] }
        guard id == Self.applicationID else {
            return [.error("store", nl: "\(storePath) is een SQLite-bestand, maar geen noaber-store (application_id \(id)). Controleer het pad (--db).",
                           en: "\(storePath) is a SQLite file but not a noaber store (application_id \(id)). Check the path (--db).")]
        }
        let known = Int64(NoaberStore.schemaVersion)
        if version > known {
            return [.error("schema", nl: "de store heeft schemaversie \(version); deze noaber kent tot \(known). Gebruik een nieuwere noaber.",
                           en: "the store has schema version \(version); this noaber knows up to \(known). Use a newer noaber.")]
        }
        if version < known {
            return [.warning("schema", .store, nl: "schemaversie \(version), deze noaber gebruikt \(known); de eerstvolgende import werkt de store bij. Maak eerst een back-up.",
                             en: "schema version \(version), this noaber uses \(known); the next import upgrades the store. Make a backup first.")]
        }
        return [.ok("schema", nl: "noaber-store, schemaversie \(version).", en: "noaber store, schema version \(version).")]
    }

    func checkIntegrity(_ db: Database) -> DoctorFinding {
        do {
            let lines = try db.integrityCheck()
            if lines == ["ok"] {
                return .ok("integriteit", nl: "PRAGMA integrity_check: ok.", en: "PRAGMA integrity_check: ok.")
            }
            let first = lines.prefix(3).joined(separator: "; ")
            return .error("integriteit", nl: "het bestand is beschadigd (\(lines.count) problemen, o.a.: \(first)). Schrijf er niet meer in en zet een back-up terug.",
                          en: "the file is damaged (\(lines.count) problems, e.g.: \(first)). Stop writing to it and restore a backup.")
        } catch {
            return storeFailure("integriteit", error)
        }
    }

    func checkForeignKeys(_ db: Database) -> DoctorFinding {
        do {
            let rows = try texts(db, "PRAGMA foreign_key_check", columns: 3)
            if rows.isEmpty {
                return .ok("verwijzingen", nl: "PRAGMA foreign_key_check: geen losse verwijzingen.", en: "PRAGMA foreign_key_check: no dangling references.")
            }
            let tables = Set(rows.map { $0[0] }).sorted().joined(separator: ", ")
            return .error("verwijzingen", nl: "\(rows.count) rijen verwijzen naar iets dat niet bestaat (tabellen: \(tables)); de store is buiten noaber om gewijzigd. Zet een back-up terug.",
                          en: "\(rows.count) rows refer to something that does not exist (tables: \(tables)); the store was changed outside noaber. Restore a backup.")
        } catch {
            return storeFailure("verwijzingen", error)
        }
    }

    func checkKey(_ db: Database) -> DoctorFinding {
        let recorded: String?
        do {
            let rows = try texts(db, "SELECT value FROM meta WHERE key = 'key_fingerprint'")
            recorded = rows.first?.first
        } catch { return storeFailure("sleutel", error) }
        let present = FileSystem.exists(keyPath)
        guard let recorded else {
            return present
                ? .warning("sleutel", .key, nl: "er is nog niets met een sleutel geïmporteerd; \(keyPath) wordt bij de eerste import vastgelegd.",
                           en: "nothing has been imported with a key yet; \(keyPath) will be recorded at the first import.")
                : .ok("sleutel", .key, nl: "nog geen sleutel nodig; de eerste import maakt \(keyPath).",
                      en: "no key needed yet; the first import creates \(keyPath).")
        }
        guard present else {
            return .error("sleutel", .key, nl: "sleutelbestand \(keyPath) ontbreekt, maar de store is met een sleutel gemaakt. Zet het oorspronkelijke sleutelbestand terug (uit de back-up) of geef het met --key-file; maak géén nieuwe sleutel, dan worden inwoners niet meer gekoppeld.",
                          en: "key file \(keyPath) is missing, but the store was made with a key. Restore the original key file (from the backup) or pass it with --key-file; do not make a new key, it would stop linking residents.")
        }
        let key: KeyFile
        do { key = try KeyFile.load(at: keyPath) } catch {
            if case .keyFileInsecure = error.kind {
                return .error("sleutel", .key, nl: "sleutelbestand \(keyPath) is leesbaar voor anderen. Voer uit: chmod 600 \(keyPath)",
                              en: "key file \(keyPath) is readable by others. Run: chmod 600 \(keyPath)")
            }
            return .error("sleutel", .key, nl: "sleutelbestand \(keyPath) is onbruikbaar: \(error.description)",
                          en: "key file \(keyPath) is unusable: \(error.description)")
        }
        guard key.fingerprint == recorded else {
            return .error("sleutel", .key, nl: "sleutelbestand \(keyPath) hoort niet bij deze store (andere vingerafdruk). Geef de sleutel waarmee de store is gemaakt met --key-file.",
                          en: "key file \(keyPath) does not belong to this store (different fingerprint). Pass the key the store was made with using --key-file.")
        }
        return .ok("sleutel", .key, nl: "\(keyPath) aanwezig, alleen voor de eigenaar leesbaar, en hoort bij deze store.",
                   en: "\(keyPath) present, readable by its owner only, and belongs to this store.")
    }

    func checkWAL() -> DoctorFinding {
        var info = stat()
        let size = stat(storePath + "-wal", &info) == 0 ? Int(info.st_size) : 0
        let mib = size / (1024 * 1024)
        if size > Self.largeWALBytes {
            return .warning("wal", .store, nl: "het WAL-bestand is \(mib) MiB; een lezer die niet stopt houdt het groot. Sluit andere programma's die de store open hebben.",
                            en: "the WAL file is \(mib) MiB; a reader that never stops keeps it large. Close other programs that have the store open.")
        }
        return .ok("wal", nl: "WAL-bestand \(size) bytes.", en: "WAL file \(size) bytes.")
    }

    func checkData(_ db: Database) -> [DoctorFinding] {
        var findings: [DoctorFinding] = []
        do {
            let broken = try scalar(db, "SELECT count(*) FROM imports WHERE rows_read <> accepted + rejected")
            findings.append(broken == 0
                ? .ok("boekhouding", nl: "bij elke import geldt gelezen = geaccepteerd + afgekeurd.", en: "every import has rows read = accepted + rejected.")
                : .error("boekhouding", nl: "\(broken) imports kloppen niet (gelezen ≠ geaccepteerd + afgekeurd); de store is buiten noaber om gewijzigd. Zet een back-up terug.",
                         en: "\(broken) imports do not add up (read ≠ accepted + rejected); the store was changed outside noaber. Restore a backup."))

            let rejected = try scalar(db, "SELECT count(*) FROM rejected_rows")
            let rejectedImports = try scalar(db, "SELECT count(DISTINCT import_id) FROM rejected_rows")
            findings.append(rejected == 0
                ? .ok("afgekeurd", nl: "geen afgekeurde rijen.", en: "no rejected rows.")
                : .warning("afgekeurd", nl: "\(rejected) afgekeurde rijen in \(rejectedImports) imports wachten op correctie. Bekijk ze met 'noaber rejected --db \(storePath)' en vraag het dorp om een verbeterde export.",
                           en: "\(rejected) rejected rows in \(rejectedImports) imports await correction. See them with 'noaber rejected --db \(storePath)' and ask the village for a corrected export."))

            // Comparison areas (schema version 5) have no ondersteuner: no funding facts and no
            // exports are expected of them.
            let marksComparison = try db.userVersion() >= 5
            let comparisonAreas = Set(marksComparison
                ? try texts(db, "SELECT village FROM villages WHERE comparison_area = 1").map { $0[0] } : [])
            let missing = try texts(db, marksComparison
                ? "SELECT village FROM villages WHERE comparison_area = 0 AND (inhabitants_75plus IS NULL OR paid_hours_per_week IS NULL OR cost_per_year_eur IS NULL) ORDER BY village"
                : "SELECT village FROM villages WHERE inhabitants_75plus IS NULL OR paid_hours_per_week IS NULL OR cost_per_year_eur IS NULL ORDER BY village")
                .map { $0[0] }
            findings.append(missing.isEmpty
                ? .ok("dorpen", nl: "alle dorpen hebben inwonertallen en bekostiging.", en: "every village has population and funding facts.")
                : .warning("dorpen", nl: "dorpen zonder volledige bevolkings- of bekostigingsgegevens: \(missing.joined(separator: ", ")). Vul het dorpenbestand aan en importeer het opnieuw (noaber villages import).",
                           en: "villages without complete population or funding facts: \(missing.joined(separator: ", ")). Complete the villages file and import it again (noaber villages import)."))

            // An export imported without --village records no village on the import, so the
            // cases' own as-of dates count too (as in `NoaberStore.latestAsOf`).
            let latest = try texts(db, """
                SELECT v.village,
                       max(coalesce((SELECT max(as_of) FROM imports i WHERE i.village = v.village AND i.kind = 'cases'), ''),
                           coalesce((SELECT max(as_of) FROM cases c WHERE c.village = v.village), ''))
                FROM villages v ORDER BY v.village
                """, columns: 2).filter { !comparisonAreas.contains($0[0]) }
            var stale: [String] = []
            var never: [String] = []
            for row in latest {
                guard let date = CivilDate(iso: row[1]) else { never.append(row[0]); continue }
                let age = today.dayNumber - date.dayNumber
                if age > Self.staleExportDays { stale.append("\(row[0]) (\(age) d)") }
            }
            if !never.isEmpty {
                findings.append(.warning("exports", nl: "dorpen zonder enige hulpvragen-export: \(never.joined(separator: ", ")). Importeer hun export met 'noaber import'.",
                                         en: "villages without any case export: \(never.joined(separator: ", ")). Import their export with 'noaber import'."))
            }
            if !stale.isEmpty {
                findings.append(.warning("exports", nl: "laatste export ouder dan \(Self.staleExportDays) dagen: \(stale.joined(separator: ", ")). Vraag deze dorpen om een nieuwe export.",
                                         en: "latest export older than \(Self.staleExportDays) days: \(stale.joined(separator: ", ")). Ask these villages for a new export."))
            }
            if latest.isEmpty {
                findings.append(.warning("exports", nl: "de store is leeg: er zijn nog geen dorpen en geen exports. Importeer eerst het dorpenbestand (noaber villages import) en dan de exports (noaber import).",
                                         en: "the store is empty: no villages and no exports yet. Import the villages file first (noaber villages import), then the exports (noaber import)."))
            } else if never.isEmpty && stale.isEmpty {
                findings.append(.ok("exports", nl: "elk dorp heeft een export van de laatste \(Self.staleExportDays) dagen.",
                                    en: "every village has an export from the last \(Self.staleExportDays) days."))
            }
            if try db.userVersion() >= 4 { findings += try vanishedCases(db) }
        } catch {
            findings.append(storeFailure("gegevens", error))
        }
        return findings
    }

    /// Cases that a newer full export no longer listed, per village and the export that dropped
    /// them: the metrics censor such an open case where it was last seen, but the village should
    /// say why it disappeared (deleted by mistake, or the export was really incremental).
    /// Needs schema version 4 (`import_villages`, `imports.export_kind`).
    func vanishedCases(_ db: Database) throws(StoreError) -> [DoctorFinding] {
        let fulls = try texts(db, """
            SELECT v.village, i.import_id, i.file_name, i.as_of FROM import_villages v JOIN imports i ON i.import_id = v.import_id
            WHERE i.kind = 'cases' AND i.export_kind = 'full' ORDER BY v.village, i.as_of, i.import_id
            """, columns: 4)
        let groups = try texts(db, "SELECT village, as_of, count(*), sum(closed IS NULL) FROM cases GROUP BY village, as_of",
                               columns: 4)
        var dropped: [String] = []
        let fullsByVillage = Dictionary(grouping: fulls, by: { $0[0] })
        var perImport: [String: (village: String, file: String, asOf: String, cases: Int, open: Int)] = [:]
        for g in groups {
            // The first full export after the date the case was last listed left it out.
            guard let next = fullsByVillage[g[0]]?.first(where: { $0[3] > g[1] }) else { continue }
            var entry = perImport[next[1]] ?? (g[0], next[2], next[3], 0, 0)
            entry.cases += Int(g[2]) ?? 0
            entry.open += Int(g[3]) ?? 0
            perImport[next[1]] = entry
        }
        for (id, e) in perImport.sorted(by: { ($0.value.village, Int($0.key) ?? 0) < ($1.value.village, Int($1.key) ?? 0) }) {
            dropped.append("\(e.village): import \(id) (\(e.file), \(e.asOf)) \(e.cases) (open \(e.open))")
        }
        guard !dropped.isEmpty else {
            return [.ok("verdwenen", .data, nl: "geen hulpvragen verdwenen uit een nieuwere volledige export.",
                        en: "no cases disappeared from a newer full export.")]
        }
        return [.warning("verdwenen",
                         nl: "hulpvragen die een nieuwere volledige export niet meer bevat (per dorp: de import die ze wegliet, aantal): \(dropped.joined(separator: "; ")). Open hulpvragen tellen mee tot de laatste export waarin ze stonden. Vraag het dorp waarom ze ontbreken; was de export aanvullend, importeer hem dan met --incremental.",
                         en: "cases that a newer full export no longer lists (per village: the import that left them out, count): \(dropped.joined(separator: "; ")). Open ones count up to the last export that listed them. Ask the village why they are missing; if the export was incremental, import it with --incremental.")]
    }
}
