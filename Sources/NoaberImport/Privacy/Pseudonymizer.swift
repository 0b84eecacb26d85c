/// Keyed pseudonyms for source ids: lowercase hex of the first 16 bytes of
/// `HMAC-SHA-256(key, domain ‖ 0x1F ‖ trimmed id)`.
///
/// The same id under the same key always gives the same pseudonym, so a person links across
/// exports and imports; without the key nobody can recompute or reverse it (see docs/privacy.md).
/// The domain (`person`, `volunteer` or `case`) keeps a resident, a volunteer and a file number
/// that share a source id apart. The unit separator 0x1F cannot occur in a domain name, so no (domain, id) pair collides
/// with another by concatenation.
///
/// Trimming removes leading and trailing ASCII whitespace (space, tab, LF, VT, FF, CR) and
/// U+00A0 NO-BREAK SPACE, which spreadsheets pad cells with. Nothing else is normalised: ids are
/// case-sensitive and compared byte for byte. An id that is empty after trimming means
/// "anonymous" and has no pseudonym (`nil`).
///
/// ```swift
/// let pseudonymizer = Pseudonymizer(keyBytes: key)
/// pseudonymizer.pseudonym(for: " P-0042 ", in: .person)   // 32 hex characters, same as for "P-0042"
/// pseudonymizer.pseudonym(for: "  ", in: .person)         // nil
/// ```
/// - Complexity: O(id length); two SHA-256 compressions for ids up to 45 bytes; one allocation
///   (the returned string).
public struct Pseudonymizer: Sendable {
    /// The kind of identifier being pseudonymised; its raw value is hashed before the id.
    public enum Domain: String, Sendable {
        case person
        case volunteer
        /// Case ids of a village whose profile says `case_id_is_personal` (see `CaseIDRule`).
        case caseID = "case"
    }

    private let mac: HMACSHA256
    /// `mac`'s inner hasher after absorbing "person" ‖ 0x1F.
    private let personStart: SHA256
    /// `mac`'s inner hasher after absorbing "volunteer" ‖ 0x1F.
    private let volunteerStart: SHA256
    /// `mac`'s inner hasher after absorbing "case" ‖ 0x1F.
    private let caseStart: SHA256

    /// A pseudonymiser using the key in `key`.
    public init(key: KeyFile) {
        self.init(keyBytes: key.key)
    }

    /// A pseudonymiser using `keyBytes` as the HMAC key (normally 32 random bytes).
    public init(keyBytes: [UInt8]) {
        let mac = HMACSHA256(key: keyBytes)
        func start(_ domain: Domain) -> SHA256 {
            var inner = mac.innerStart
            inner.update(domain.rawValue)
            inner.update([Self.separator])
            return inner
        }
        self.mac = mac
        personStart = start(.person)
        volunteerStart = start(.volunteer)
        caseStart = start(.caseID)
    }

    /// Separates the domain from the id: ASCII unit separator, which no domain name contains.
    static let separator: UInt8 = 0x1F

    /// The 32-character pseudonym of `id` in `domain`, or nil when `id` is empty or only whitespace.
    public func pseudonym(for id: some StringProtocol, in domain: Domain) -> String? {
        if let result = id.utf8.withContiguousStorageIfAvailable({ pseudonym(forBytes: $0, in: domain) }) {
            return result
        }
        let bytes = Array(id.utf8)
        return bytes.withUnsafeBufferPointer { pseudonym(forBytes: $0, in: domain) }
    }

    /// The same pseudonym as `pseudonym(for:in:)` for the UTF-8 bytes `id`, without making a String.
    ///
    /// The importer calls this with a slice of its CSV read buffer.
    public func pseudonym(forBytes id: UnsafeBufferPointer<UInt8>, in domain: Domain) -> String? {
        let trimmed = Self.trimmed(id)
        guard !trimmed.isEmpty else { return nil }
        let inner: SHA256
        switch domain {
        case .person: inner = personStart
        case .volunteer: inner = volunteerStart
        case .caseID: inner = caseStart
        }
        return mac.finish(inner: inner, appending: UnsafeRawBufferPointer(trimmed)).hex(wordCount: 4)
    }

    /// `id` without leading and trailing ASCII whitespace and U+00A0 (UTF-8 `C2 A0`).
    static func trimmed(_ id: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var start = 0
        var end = id.count
        while start < end {
            if isASCIIWhitespace(id[start]) {
                start += 1
            } else if id[start] == 0xC2, start + 1 < end, id[start + 1] == 0xA0 {
                start += 2
            } else {
                break
            }
        }
        while end > start {
            if isASCIIWhitespace(id[end - 1]) {
                end -= 1
            } else if id[end - 1] == 0xA0, end - 2 >= start, id[end - 2] == 0xC2 {
                end -= 2
            } else {
                break
            }
        }
        return UnsafeBufferPointer(rebasing: id[start..<end])
    }

    @inline(__always)
    private static func isASCIIWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
    }
}
