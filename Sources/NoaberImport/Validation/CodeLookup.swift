import NoaberModel

/// Maps the labels a file uses to one vocabulary's codes: the canonical code itself, noaber's
/// Dutch and English labels, and whatever the profile adds — all compared case-insensitively
/// after trimming.
///
/// An unknown label is refused in the file's own words when a profile gives labels for the field:
/// the reason lists the profile's labels (the village's vocabulary) and says where to add the new
/// one, instead of listing noaber's codes.
struct CodeLookup<C: Code>: Sendable {
    private var table: [String: C] = [:]
    /// The profile's labels for this field that may be shown, in the vocabulary's order.
    private var profileLabelList: [String] = []
    /// The canonical codes' bytes, for a hash-free first look: canonical exports hit it on every
    /// value. Only codes the table itself maps to themselves are listed, so the fast path can never
    /// disagree with the table (a profile label may take over a code's spelling).
    /// `bit` is the code's `CodeSet` bit, so that `codes` sets it without searching `allCases`.
    private var canonical: [(bytes: [UInt8], code: C, bit: UInt32)] = []

    init(profileLabels: [String: String]?) {
        for c in C.allCases {
            table[c.rawValue] = c
            table[c.dutchLabel.lowercased()] = c
            table[c.englishLabel.lowercased()] = c
        }
        for (label, code) in profileLabels ?? [:] {
            if let c = C(rawValue: code) { table[label.trimmingCharacters(in: .whitespaces).lowercased()] = c }
        }
        let order = Dictionary(uniqueKeysWithValues: C.allCases.enumerated().map { ($0.element.rawValue, $0.offset) })
        profileLabelList = (profileLabels ?? [:]).filter { C(rawValue: $0.value) != nil && ShownValue.isShowable($0.key.trimmingCharacters(in: .whitespaces)) }
            .sorted { (order[$0.value] ?? 0, $0.key) < (order[$1.value] ?? 0, $1.key) }
            .map { $0.key.trimmingCharacters(in: .whitespaces) }
        canonical = C.allCases.filter { table[$0.rawValue] == $0 }.map { (Array($0.rawValue.utf8), $0, CodeSet<C>.bit($0)) }
    }

    /// The code whose canonical spelling is exactly `b`, without hashing or making a `String`.
    /// - Complexity: O(number of codes) byte comparisons, which beats hashing for ≤ 20 codes.
    @inline(__always)
    private func canonicalEntry(_ b: UnsafeBufferPointer<UInt8>) -> (code: C, bit: UInt32)? {
        for entry in canonical where entry.bytes.count == b.count {
            if entry.bytes.withUnsafeBufferPointer({ $0.elementsEqual(b) }) { return (entry.code, entry.bit) }
        }
        return nil
    }

    /// nil for an empty value; throws the problem for an unknown label.
    func code(_ raw: UnsafeBufferPointer<UInt8>, field: String) -> Result<C?, RowRejection> {
        let b = ByteText.trimmed(raw)
        if b.isEmpty { return .success(nil) }
        if let entry = canonicalEntry(b) { return .success(entry.code) }
        return labelled(b, field: field).map { $0 }
    }

    /// The slow path for trimmed, non-empty bytes that are not a canonical code: a label of the
    /// table (as written, then lowercased), or the problem.
    private func labelled(_ b: UnsafeBufferPointer<UInt8>, field: String) -> Result<C, RowRejection> {
        let text = ByteText.string(b)
        if let c = table[text] ?? table[text.lowercased()] { return .success(c) }
        return .failure(unknown(text, field: field))
    }

    /// Several codes separated by `separator`; empty parts are skipped, duplicates merged.
    func codes(_ raw: UnsafeBufferPointer<UInt8>, separator: [UInt8], field: String) -> Result<CodeSet<C>, RowRejection> {
        var result = CodeSet<C>()
        var start = 0
        var i = 0
        let n = raw.count
        let sepCount = separator.count
        func take(_ from: Int, _ to: Int) -> RowRejection? {
            let b = ByteText.trimmed(UnsafeBufferPointer(rebasing: raw[from..<to]))
            if b.isEmpty { return nil }
            if let entry = canonicalEntry(b) {
                result = CodeSet(mask: result.mask | entry.bit)
                return nil
            }
            switch labelled(b, field: field) {
            case .success(let c): result.insert(c); return nil
            case .failure(let r): return r
            }
        }
        // An empty separator (possible through `MappingProfile`'s initialiser, though a profile
        // file refuses it) would match everywhere without advancing: read one code instead.
        guard sepCount > 0 else {
            if let r = take(0, n) { return .failure(r) }
            return .success(result)
        }
        while i + sepCount <= n {
            var match = true
            for k in 0..<sepCount where raw[i + k] != separator[k] { match = false; break }
            if match {
                if let r = take(start, i) { return .failure(r) }
                i += sepCount
                start = i
            } else {
                i += 1
            }
        }
        if let r = take(start, n) { return .failure(r) }
        return .success(result)
    }

    /// The value is quoted only when `ShownValue` allows it: a name typed into a code column is
    /// described, never repeated.
    private func unknown(_ text: String, field: String) -> RowRejection {
        let shown = ShownValue.fragment(text)
        if !profileLabelList.isEmpty {
            let list = profileLabelList.prefix(12).joined(separator: ", ") + (profileLabelList.count > 12 ? ", …" : "")
            return RowRejection(field: field, reason: Localized(
                nl: "onbekend label\(shown.nl); het profiel kent: \(list); zet een nieuw label in values.\(field) van het profiel",
                en: "unknown label\(shown.en); the profile knows: \(list); put a new label in values.\(field) of the profile"))
        }
        let expected = C.allCodes.joined(separator: ", ")
        return RowRejection(field: field, reason: Localized(
            nl: "onbekende waarde\(shown.nl); verwacht een van: \(expected) (of een vertaling in het profiel)",
            en: "unknown value\(shown.en); expected one of: \(expected) (or a label mapped in the profile)"))
    }
}
