import NoaberModel

/// Whether a value a row got wrong may be quoted in its rejection reason, and how it is described
/// when it may not.
///
/// A reason is read by the village, stored in `rejected_rows`, printed by `noaber rejected` and
/// `noaber import`. It quotes the offending value only when the value has a harmless shape — a
/// short code-like token (`eenzaamheid`, `veel`, `Hendrika`), a date-like string (`31-2-2024`) or a
/// short number (`30001`, `45356.604167`) — and `IdentifierDetector` finds nothing in it.
/// Otherwise it says what the value was like without showing it:
/// `(lijkt een telefoonnummer; niet getoond en niet bewaard)` or
/// `(12 tekens, met spaties; niet getoond en niet bewaard omdat het een naam of nummer kan zijn)`.
///
/// The shapes (docs/privacy.md):
/// - a spreadsheet error value (`#DIV/0!`, `#N/A`, …) is always shown;
/// - every other value: 1–32 characters, no control characters;
/// - code-like: at least one letter; only letters, digits, spaces and `- _ / . , & ( ) ' +`; at
///   most 4 digits (client numbers such as `KLT-778201` are not shown) and at most three words;
/// - date-like: digits and `- / . : T` and spaces only, with a `-`, `/`, `.` or `:`, no group of
///   more than four digits;
/// - number-like: an optional sign, at most six digits before the decimal separator (a BSN has
///   nine, a phone number ten) and at most six after it.
enum ShownValue {
    /// The longest value ever quoted, in characters.
    static let maximumLength = 32

    /// `'value'` when `text` (trimmed) may be shown, else nil.
    static func quoted(_ text: String) -> String? {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard isShowable(t) else { return nil }
        return "'\(t)'"
    }

    /// The fragment that stands for the value in a message: ` 'value'`, or a description in
    /// brackets; with a leading space, so it reads `onbekende waarde 'x'` or
    /// `onbekende waarde (…)`.
    static func fragment(_ text: String) -> Localized {
        if let q = quoted(text) { return Localized(nl: " " + q, en: " " + q) }
        return description(text)
    }

    /// The bracketed description of a value that is not shown.
    static func description(_ text: String) -> Localized {
        let t = text.trimmingCharacters(in: .whitespaces)
        if let kind = IdentifierDetector.text.firstMatch(in: t) {
            return Localized(nl: " (lijkt \(kind.dutch); niet getoond en niet bewaard)",
                             en: " (looks like \(kind.english); not shown and not stored)")
        }
        let n = t.count
        let spaces = t.contains(" ")
        let digits = t.contains { $0.isNumber }
        let nl = [spaces ? "spaties" : nil, digits ? "cijfers" : nil].compactMap { $0 }.joined(separator: " en ")
        let en = [spaces ? "spaces" : nil, digits ? "digits" : nil].compactMap { $0 }.joined(separator: " and ")
        return Localized(
            nl: " (\(n) \(n == 1 ? "teken" : "tekens")\(nl.isEmpty ? "" : ", met " + nl); niet getoond en niet bewaard omdat het een naam of nummer kan zijn)",
            en: " (\(n) \(n == 1 ? "character" : "characters")\(en.isEmpty ? "" : ", with " + en); not shown and not stored, as it may be a name or number)")
    }

    /// A number as it may appear in a range message (`support_minutes 30001 buiten bereik`), or
    /// nil when it is too long to be a plausible typing error of the field (seven digits or
    /// more before the decimal point: a BSN, phone or client number typed into a number column).
    static func number(_ value: Double) -> String? {
        guard value.isFinite, abs(value) < 1_000_000 else { return nil }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        let text = String(value)
        return text.count <= 14 ? text : nil
    }

    /// `number(value)` with a leading space, or the description ` (niet getoond: …)`.
    static func numberFragment(_ value: Double) -> Localized {
        if let n = number(value) { return Localized(nl: " " + n, en: " " + n) }
        return Localized(nl: " (een getal van meer dan zes cijfers; niet getoond en niet bewaard)",
                         en: " (a number of more than six digits; not shown and not stored)")
    }

    /// A spreadsheet's error values (a workbook cell whose formula failed): never personal, and the
    /// village needs to see which one it was to find the cell.
    static let spreadsheetErrors: Set<String> = ["#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!",
                                                  "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#UNKNOWN!", "#CONNECT!",
                                                  "#BUSY!", "#GETTING_DATA"]

    static func isShowable(_ t: String) -> Bool {
        if spreadsheetErrors.contains(t.uppercased()) { return true }
        let scalars = Array(t.unicodeScalars)
        guard !scalars.isEmpty, t.count <= maximumLength else { return false }
        guard !scalars.contains(where: { $0.properties.generalCategory == .control || $0.properties.generalCategory == .format }) else {
            return false
        }
        guard isCodeLike(scalars) || isDateLike(scalars) || isNumberLike(scalars) else { return false }
        return IdentifierDetector.text.firstMatch(in: t) == nil
    }

    private static func isDigit(_ s: Unicode.Scalar) -> Bool { s >= "0" && s <= "9" }

    static func isCodeLike(_ s: [Unicode.Scalar]) -> Bool {
        var letters = 0, digits = 0, spaces = 0
        for c in s {
            if c.properties.isAlphabetic { letters += 1 }
            else if isDigit(c) { digits += 1 }
            else if c == " " { spaces += 1 }
            else if !"-_/.,&()'+".unicodeScalars.contains(c) { return false }
        }
        return letters > 0 && digits <= 4 && spaces <= 2
    }

    static func isDateLike(_ s: [Unicode.Scalar]) -> Bool {
        var separator = false
        var group = 0
        for c in s {
            if isDigit(c) {
                group += 1
                if group > 4 { return false }
            } else if c == "-" || c == "/" || c == "." || c == ":" {
                separator = true
                group = 0
            } else if c == "T" || c == " " {
                group = 0
            } else {
                return false
            }
        }
        return separator
    }

    static func isNumberLike(_ s: [Unicode.Scalar]) -> Bool {
        var body = s[...]
        if let first = body.first, first == "-" || first == "+" { body = body.dropFirst() }
        var before = 0, after = 0, separators = 0
        for c in body {
            if isDigit(c) {
                if separators == 0 { before += 1 } else { after += 1 }
            } else if c == "." || c == "," {
                separators += 1
                if separators > 1 { return false }
            } else {
                return false
            }
        }
        return before + after > 0 && before <= 6 && after <= 6
    }
}
