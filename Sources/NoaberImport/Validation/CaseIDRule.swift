import NoaberModel

/// What a `case_id` must look like to be stored as written: the shape of a file number.
///
/// A case id is stored, shown by `noaber rejected` and used to update a case from a newer export,
/// so it must never be a name, phone number, e-mail address or BSN — which is exactly what it
/// becomes when a row shifts in Excel or a worker writes a name where the number belongs. A case
/// id is therefore accepted as written only when it
/// - has 1–64 characters, each an ASCII letter, a digit, `-`, `_`, `/` or `.` (no spaces, so no
///   name or address fits);
/// - holds at least one digit (a single surname does not);
/// - and `IdentifierDetector.token` finds no BSN, phone number or IBAN in it.
///
/// Such ids (`DEU-00001`, `K-2024-017`, `CL/2024/00917`, `2024.017`, `17`) are stored byte for
/// byte. Any other id rejects its row with a reason that describes the value without quoting it,
/// and the id is blanked in the rejected row's raw text. A village whose file numbers are
/// themselves personal (a name, a BSN, or any shape this rule refuses) sets
/// `"case_id_is_personal": true` in its profile: its ids are then stored as keyed pseudonyms
/// (`Pseudonymizer.Domain.caseID`) and this rule does not apply (docs/privacy.md).
///
/// - Complexity: one pass over the id's bytes; the detector runs only for ids with nine digits or
///   more, or fifteen characters or more, so ordinary file numbers cost a byte loop.
public enum CaseIDRule {
    /// Longest `case_id` accepted, in characters; longer values are almost certainly a shifted column.
    public static let maximumLength = 64

    /// Why a case id is not a file number.
    public enum Problem: Sendable, Hashable {
        case tooLong
        /// A character other than an ASCII letter, a digit, `-`, `_`, `/` or `.` (e.g. a space).
        case characters
        case noDigit
        /// It holds a BSN, phone number or IBAN.
        case identifier(IdentifierDetector.Kind)
    }

    /// The problem with the trimmed, non-empty case id `b`, or nil for a valid file number.
    public static func problem(_ b: UnsafeBufferPointer<UInt8>) -> Problem? {
        if b.count > maximumLength, String(decoding: b, as: UTF8.self).count > maximumLength { return .tooLong }
        // Every id of every row passes here, so digits and letters (nearly every byte of an id)
        // are recognised first, with one subtraction and comparison each. Measured with callgrind
        // on a 50,000-row synthetic import: about 130 instructions per id of 10 bytes, 0.4 % of
        // the 35,000 a row costs (a 256-bit table lookup per byte, branch-free, cost 210).
        var digits = 0
        for byte in b {
            if byte &- 0x30 < 10 { digits += 1; continue }
            if (byte | 0x20) &- 0x61 < 26 { continue }
            if byte == 0x2D || byte == 0x5F || byte == 0x2F || byte == 0x2E { continue }
            return .characters
        }
        if digits == 0 { return .noDigit }
        if digits >= 9 || b.count >= 15, let kind = IdentifierDetector.token.firstMatch(in: b) { return .identifier(kind) }
        return nil
    }

    /// `problem(_:)` of a String (trimmed by the caller).
    public static func problem(_ text: String) -> Problem? {
        var copy = text
        return copy.withUTF8 { problem($0) }
    }

    /// The rejection for a case id with `problem`; never quotes the id.
    static func rejection(_ problem: Problem, _ bytes: UnsafeBufferPointer<UInt8>, field: String = "case_id") -> RowRejection {
        let hint = Localized(
            nl: "; zijn de dossiernummers van dit dorp zelf persoonsgegevens, zet dan \"case_id_is_personal\": true in het profiel",
            en: "; if this village's file numbers are themselves personal data, set \"case_id_is_personal\": true in the profile")
        switch problem {
        case .tooLong:
            return RowRejection(field: field, reason: Localized(
                nl: "\(field) langer dan \(maximumLength) tekens (niet getoond en niet bewaard)",
                en: "\(field) longer than \(maximumLength) characters (not shown and not stored)"))
        case .identifier(let kind):
            return RowRejection(field: field, reason: Localized(
                nl: "\(field) lijkt \(kind.dutch) (niet getoond en niet bewaard); een dossiernummer mag geen persoonsgegeven zijn" + hint.nl,
                en: "\(field) looks like \(kind.english) (not shown and not stored); a file number must not be personal data" + hint.en))
        case .characters, .noDigit:
            let shown = ShownValue.description(String(decoding: bytes, as: UTF8.self))
            return RowRejection(field: field, reason: Localized(
                nl: "\(field) heeft niet de vorm van een dossiernummer\(shown.nl): verwacht letters, cijfers en - _ / . met minstens één cijfer" + hint.nl,
                en: "\(field) does not have the shape of a file number\(shown.en): expected letters, digits and - _ / . with at least one digit" + hint.en))
        }
    }
}
