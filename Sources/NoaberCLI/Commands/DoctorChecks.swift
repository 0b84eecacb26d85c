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

    /// Runs every check that applies.
    ///
    /// - Complexity: `integrity_check` reads the whole file; seconds for a store of millions of cases.
    func run() -> [DoctorFinding] {
        guard FileSystem.exists(storePath) else {
            return [.error("store", nl: "\(storePath) bestaat niet. Geef het juiste pad met --db, of maak een store met 'noaber villages import' en 'noaber import'.",
                           en: "\(storePath) does not exist. Pass the right path with --db, or create a store with 'noaber villages import' and 'noaber import'.")]
        }
        let db: StoreDiagnostics
        do { db = try StoreDiagnostics(path: storePath) } catch {
            return [storeFailure("store", error)]
        }
        var findings: [DoctorFinding] = []
        let schema = checkSchema(db)
        findings += schema
        guard !schema.contains(where: { $0.severity == .error }) else { return findings }
        findings.append(checkIntegrity(db))
        findings.append(checkForeignKeys(db))
        findings += checkStoredValues(db)
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

    func checkSchema(_ db: StoreDiagnostics) -> [DoctorFinding] {
        let id: Int64
        let version: Int
        do { (id, version) = try db.identity() } catch { return [storeFailure("store", error)] }
        guard id == StoreDiagnostics.applicationID else {
            return [.error("store", nl: "\(storePath) is een SQLite-bestand, maar geen noaber-store (application_id \(id)). Controleer het pad (--db).",
                           en: "\(storePath) is a SQLite file but not a noaber store (application_id \(id)). Check the path (--db).")]
        }
        let known = NoaberStore.schemaVersion
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

    func checkIntegrity(_ db: StoreDiagnostics) -> DoctorFinding {
        do {
            let lines = try db.integrityProblems()
            if lines.isEmpty {
                return .ok("integriteit", nl: "integriteitscontrole van SQLite: ok.", en: "SQLite integrity check: ok.")
            }
            let first = lines.prefix(3).joined(separator: "; ")
            return .error("integriteit", nl: "het bestand is beschadigd (\(lines.count) problemen, o.a.: \(first)). Schrijf er niet meer in en zet een back-up terug.",
                          en: "the file is damaged (\(lines.count) problems, e.g.: \(first)). Stop writing to it and restore a backup.")
        } catch {
            return storeFailure("integriteit", error)
        }
    }

    func checkForeignKeys(_ db: StoreDiagnostics) -> DoctorFinding {
        do {
            let dangling = try db.danglingReferences()
            if dangling.isEmpty {
                return .ok("verwijzingen", nl: "verwijzingscontrole van SQLite: geen losse verwijzingen.", en: "SQLite foreign key check: no dangling references.")
            }
            let tables = dangling.keys.sorted().joined(separator: ", ")
            let count = dangling.values.reduce(0, +)
            return .error("verwijzingen", nl: "\(count) rijen verwijzen naar iets dat niet bestaat (tabellen: \(tables)); de store is buiten noaber om gewijzigd. Zet een back-up terug.",
                          en: "\(count) rows refer to something that does not exist (tables: \(tables)); the store was changed outside noaber. Restore a backup.")
        } catch {
            return storeFailure("verwijzingen", error)
        }
    }

    func checkKey(_ db: StoreDiagnostics) -> DoctorFinding {
        let recorded: String?
        do { recorded = try db.keyFingerprint() } catch { return storeFailure("sleutel", error) }
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

    func checkData(_ db: StoreDiagnostics) -> [DoctorFinding] {
        var findings: [DoctorFinding] = []
        do {
            let broken = try db.unbalancedImports()
            findings.append(broken == 0
                ? .ok("boekhouding", nl: "bij elke import geldt gelezen = geaccepteerd + afgekeurd.", en: "every import has rows read = accepted + rejected.")
                : .error("boekhouding", nl: "\(broken) imports kloppen niet (gelezen ≠ geaccepteerd + afgekeurd); de store is buiten noaber om gewijzigd. Zet een back-up terug.",
                         en: "\(broken) imports do not add up (read ≠ accepted + rejected); the store was changed outside noaber. Restore a backup."))

            let (rejected, rejectedImports) = try db.rejectedRows()
            findings.append(rejected == 0
                ? .ok("afgekeurd", nl: "geen afgekeurde rijen.", en: "no rejected rows.")
                : .warning("afgekeurd", nl: "\(Language.nl.count(Int(rejected))) afgekeurde rijen in \(Language.nl.count(Int(rejectedImports))) imports wachten op correctie. Bekijk ze met 'noaber rejected --db \(storePath)' en vraag het dorp om een verbeterde export.",
                           en: "\(Language.en.count(Int(rejected))) rejected rows in \(Language.en.count(Int(rejectedImports))) imports await correction. See them with 'noaber rejected --db \(storePath)' and ask the village for a corrected export."))

            let missing = try db.villagesWithoutFacts()
            findings.append(missing.isEmpty
                ? .ok("dorpen", nl: "alle dorpen hebben inwonertallen en bekostiging.", en: "every village has population and funding facts.")
                : .warning("dorpen", nl: "dorpen zonder volledige bevolkings- of bekostigingsgegevens: \(missing.joined(separator: ", ")). Vul het dorpenbestand aan en importeer het opnieuw (noaber villages import).",
                           en: "villages without complete population or funding facts: \(missing.joined(separator: ", ")). Complete the villages file and import it again (noaber villages import)."))

            let latest = try db.latestCaseExports()
            var stale: [String] = []
            var never: [String] = []
            for (village, asOf) in latest {
                guard let date = asOf else { never.append(village); continue }
                let age = today.dayNumber - date.dayNumber
                if age > Self.staleExportDays { stale.append("\(village) (\(age) d)") }
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
            if let vanished = try db.vanishedCases() { findings.append(vanishedCasesFinding(vanished)) }
        } catch {
            findings.append(storeFailure("gegevens", error))
        }
        return findings
    }

    /// Cases that a newer full export no longer listed, per village and the export that dropped
    /// them: the metrics censor such an open case where it was last seen, but the village should
    /// say why it disappeared (deleted by mistake, or the export was really incremental).
    func vanishedCasesFinding(_ vanished: [VanishedCases]) -> DoctorFinding {
        guard !vanished.isEmpty else {
            return .ok("verdwenen", .data, nl: "geen hulpvragen verdwenen uit een nieuwere volledige export.",
                       en: "no cases disappeared from a newer full export.")
        }
        let list = vanished.map { "\($0.village): import \($0.importID) (\($0.fileName), \($0.asOf.iso)) \($0.cases) (open \($0.open))" }
            .joined(separator: "; ")
        return .warning("verdwenen",
                        nl: "hulpvragen die een nieuwere volledige export niet meer bevat (per dorp: de import die ze wegliet, aantal): \(list). Open hulpvragen tellen mee tot de laatste export waarin ze stonden. Vraag het dorp waarom ze ontbreken; was de export aanvullend, importeer hem dan met --incremental.",
                        en: "cases that a newer full export no longer lists (per village: the import that left them out, count): \(list). Open ones count up to the last export that listed them. Ask the village why they are missing; if the export was incremental, import it with --incremental.")
    }
}
