import NoaberModel
import NoaberReport

/// Numbers in text people read in the terminal, in the language's style: `1.137 hulpvragen`,
/// `1,137 cases`, `12,5` / `12.5`. Machine output (CSV, JSON) never goes through here: it keeps
/// plain digits and a decimal point.
///
/// Line numbers, import ids and years are identifiers, not quantities, and stay without
/// separators.
extension Language {
    /// A count with thousands separators.
    func count(_ n: Int) -> String { NumberFormatting(language: self).integer(n) }

    /// A quantity with at most `digits` decimals, trailing zeros dropped: `12`, `12,5`, `1.234,75`.
    func quantity(_ value: Double, digits: Int = 2) -> String {
        let format = NumberFormatting(language: self)
        var text = format.decimal(value, fractionDigits: digits)
        let mark = Character(format.decimalSeparator)
        guard text.contains(mark) else { return text }
        while text.last == "0" { text.removeLast() }
        if text.last == mark { text.removeLast() }
        return text
    }
}
