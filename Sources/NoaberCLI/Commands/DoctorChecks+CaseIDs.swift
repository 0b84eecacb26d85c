import NoaberImport
import NoaberStore

extension DoctorChecks {
    /// Case ids that look like a direct identifier: a name, e-mail address, phone number, BSN or
    /// IBAN stored as a village's file number.
    ///
    /// Since the import refuses such ids (`CaseIDRule`), only a store filled by an older noaber, or
    /// by another tool, can hold them. The finding counts them by kind and names the villages; it
    /// never prints an id. Pseudonymised ids (32 lowercase hex characters, from
    /// `case_id_is_personal`) are skipped.
    ///
    /// - Complexity: one pass over the case ids of `cases` and `volunteer_tasks`.
    func checkCaseIDs(_ db: StoreDiagnostics) -> DoctorFinding {
        var counts: [IdentifierDetector.Kind: Int] = [:]
        var villages: Set<String> = []
        do {
            try db.forEachCaseID { _, village, id in
                guard let kind = Self.identifierKind(ofCaseID: id) else { return }
                counts[kind, default: 0] += 1
                villages.insert(village)
            }
        } catch let error as StoreError {
            return storeFailure("dossiernummers", error)
        } catch {
            return .error("dossiernummers", .data, nl: "de dossiernummers konden niet gelezen worden.", en: "the case ids could not be read.")
        }
        guard !counts.isEmpty else {
            return .ok("dossiernummers", .data, nl: "geen dossiernummer (case_id) lijkt een naam, e-mailadres, telefoonnummer, BSN of IBAN.",
                       en: "no case id looks like a name, e-mail address, phone number, BSN or IBAN.")
        }
        let total = counts.values.reduce(0, +)
        let kinds = IdentifierDetector.Kind.allCases.filter { counts[$0] != nil }
        let nl = kinds.map { "\(counts[$0] ?? 0) × \($0.dutch)" }.joined(separator: ", ")
        let en = kinds.map { "\(counts[$0] ?? 0) × \($0.english)" }.joined(separator: ", ")
        let list = villages.sorted().joined(separator: ", ")
        return .error("dossiernummers", .data,
                      nl: "\(total) dossiernummers (case_id) lijken persoonsgegevens (\(nl)), in \(villages.count == 1 ? "dorp" : "dorpen") \(list); een import van deze noaber weigert die. Importeer de exports van deze dorpen opnieuw in een nieuwe store (met \"case_id_is_personal\": true in het profiel als hun dossiernummers zelf persoonsgegevens zijn) en verwijder de oude store en zijn kopieën.",
                      en: "\(total) case ids look like personal data (\(en)), in \(villages.count == 1 ? "village" : "villages") \(list); an import by this noaber refuses them. Import these villages' exports again into a new store (with \"case_id_is_personal\": true in the profile if their file numbers are themselves personal data) and delete the old store and its copies.")
    }

    /// What a stored case id looks like, if it looks like an identifier: the file-number rule's
    /// own check (BSN, phone, IBAN in a token), else the detector on text (names and e-mail,
    /// which need characters a file number may not have).
    static func identifierKind(ofCaseID id: String) -> IdentifierDetector.Kind? {
        if id.utf8.count == 32, id.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }) { return nil }
        if case .identifier(let kind)? = CaseIDRule.problem(id) { return kind }
        return IdentifierDetector.text.firstMatch(in: id)
    }
}
