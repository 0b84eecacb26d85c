/// Recognises headers that name a direct identifier, so that an export with a "Naam" or "BSN"
/// column cannot be imported by accident. Only columns the profile neither maps nor drops are
/// checked: a mapped `person_id` column is pseudonymised, a dropped column is never read.
enum IdentifierColumns {
    /// Fragments that, found in a header (lowercased, letters only), mark an identifier.
    private static let fragments = [
        "naam", "name", "adres", "address", "straat", "street", "huisnummer", "housenumber", "postcode",
        "zipcode", "woonplaats", "telefoon", "phone", "mobiel", "mobile", "email", "mail", "bsn",
        "burgerservicenummer", "socialsecurity", "geboortedatum", "dateofbirth", "birthdate", "iban",
    ]
    /// Whole headers that are identifiers but too short to search for inside other words.
    private static let exact: Set<String> = ["tel", "telnr", "gsm", "dob", "ssn"]

    static func looksLikeIdentifier(_ header: String) -> Bool {
        let letters = String(header.lowercased().unicodeScalars.filter { ($0.value >= 97 && $0.value <= 122) })
        if exact.contains(letters) { return true }
        return fragments.contains { letters.contains($0) }
    }
}
