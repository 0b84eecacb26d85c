import NoaberModel

/// Places a village's own value label on one of noaber's codes, for `noaber profile draft`, and
/// says how sure it is. Everything is compared `Folded` (accents, case and punctuation ignored).
///
/// 1. **exact**: the code itself, or noaber's Dutch or English label (`eenzaamheid`, `GP`);
/// 2. **synonym**: a word villages use for it (`DraftLexicon.labels`: `mantelzorg`, `telefonisch`);
/// 3. **near**: one code only is close — the label is the start of one of its names (`huish.`),
///    contains one of its names as whole words (`vervoer naar ziekenhuis`), or is one typing
///    error away from one (two from a word of ten letters or more: `eenzaamheit`, `neighbor`).
///
/// Age groups are read by their numbers (`75 t/m 84` → `75-84`, `85+`); yes/no by `BooleanParser`
/// and the yes/no words of `DraftLexicon`. Anything else, or anything close to two codes, is nil:
/// the draft writes `"?"` for a person to decide, never a guess.
struct LabelMatcher: Sendable {
    enum How: String, Sendable {
        case exact, synonym, near
    }

    let field: String
    /// Folded name → code, for exact names (codes and noaber's labels).
    private var exactNames: [String: String] = [:]
    /// Folded synonym → code.
    private var synonymNames: [String: String] = [:]
    /// Every name with its code and words, for near matches.
    private var names: [(key: String, words: [String], code: String)] = []

    init?(field: String) {
        self.field = field
        switch field {
        case "source": load(Source.self)
        case "channel": load(Channel.self)
        case "themes": load(Theme.self)
        case "resolution": load(Resolution.self)
        case "referred_to": load(Referral.self)
        case "risks", "escalated_to": load(Risk.self)
        case "task": load(TaskKind.self)
        case "age_band":
            for band in AgeBand.allCases {
                for name in [band.rawValue, band.dutchLabel, band.englishLabel] { exactNames[Folded.key(name)] = band.rawValue }
            }
        case "collective":
            for word in DraftLexicon.yes { exactNames[Folded.key(word)] = "true" }
            for word in DraftLexicon.no { exactNames[Folded.key(word)] = "false" }
        default:
            return nil
        }
    }

    private mutating func load<C: Code>(_ type: C.Type) {
        for code in C.allCases {
            for name in [code.rawValue, code.dutchLabel, code.englishLabel] {
                let key = Folded.key(name)
                exactNames[key] = code.rawValue
                names.append((key, key.split(separator: " ").map(String.init), code.rawValue))
            }
        }
        // A raw code with an underscore (`health_care`) folds to two words; the label lookup of
        // the importer matches it as written, which `exactNames` now also does.
        for (code, words) in DraftLexicon.labels(C.self) {
            for key in words where exactNames[key] == nil {
                synonymNames[key] = code.rawValue
                names.append((key, key.split(separator: " ").map(String.init), code.rawValue))
            }
        }
    }

    /// The code a label means, and how it was found; nil when no single code fits.
    func match(_ label: String) -> (code: String, how: How)? {
        let key = Folded.key(label)
        guard !key.isEmpty else { return nil }
        if let code = exactNames[key] { return (code, .exact) }
        if let code = synonymNames[key] { return (code, .synonym) }
        if field == "age_band" { return Self.ageBand(key, raw: label).map { ($0, .near) } }
        if field == "collective" { return nil }
        return near(key)
    }

    private func near(_ key: String) -> (code: String, how: How)? {
        let words = key.split(separator: " ").map(String.init)
        func unique(_ codes: [String]) -> String? {
            let set = Set(codes)
            return set.count == 1 ? set.first : nil
        }
        // The start of one code's name: `huish` (huishouden), `digi` (digitale vaardigheden).
        if key.count >= 3 {
            let starts = names.filter { $0.key.hasPrefix(key) || ($0.words.first?.hasPrefix(key) ?? false) }.map(\.code)
            if let code = unique(starts) { return (code, .near) }
            if !starts.isEmpty { return nil }
        }
        // A name inside the label as whole words: `vervoer naar het ziekenhuis`.
        let inside = names.filter { name in
            guard name.words.count > 1 || (name.words.first?.count ?? 0) >= 4 else { return false }
            return Self.contains(words, name.words)
        }
        if !inside.isEmpty {
            // The longest name wins when it is one code's (`sociaal isolement` over `isolement`).
            let longest = inside.map(\.words.count).max() ?? 0
            if let code = unique(inside.filter { $0.words.count == longest }.map(\.code)) { return (code, .near) }
            return nil
        }
        // One or two typing errors.
        // One error in a word of 4–9 letters, two from 10 (`wandelen` is two from `winkelen`:
        // another word, not a typing error).
        guard key.count >= 4 else { return nil }
        let limit = key.count >= 10 ? 2 : 1
        var best = limit + 1
        var codes: [String] = []
        for name in names where abs(name.key.count - key.count) <= limit {
            let d = Folded.distance(key, name.key, limit: limit)
            if d < best { best = d; codes = [name.code] } else if d == best { codes.append(name.code) }
        }
        if best <= limit, let code = unique(codes) { return (code, .near) }
        return nil
    }

    private static func contains(_ words: [String], _ phrase: [String]) -> Bool {
        guard !phrase.isEmpty, words.count >= phrase.count else { return false }
        for start in 0...(words.count - phrase.count) where Array(words[start..<(start + phrase.count)]) == phrase { return true }
        return false
    }

    /// An age group by its numbers: `75-84`, `75 t/m 84`, `75 tot 85`, `85+`, `85 en ouder`,
    /// `<18`, `onder 18`, `0 tot 18`.
    static func ageBand(_ key: String, raw: String) -> String? {
        let words = key.split(separator: " ").map(String.init)
        let numbers = words.compactMap { Int($0) }
        let upward = words.contains { ["ouder", "plus", "over", "older", "and", "en", "above", "boven"].contains($0) }
            || raw.contains("+") || raw.contains(">") || raw.contains("\u{2265}")
        let downward = words.contains { ["onder", "jonger", "under", "younger", "below"].contains($0) } || raw.contains("<")
        let bands: [(lower: Int, upper: Int, code: String)] = [(0, 17, "0-17"), (18, 64, "18-64"), (65, 74, "65-74"),
                                                               (75, 84, "75-84"), (85, 200, "85+")]
        if numbers.count == 2 {
            let (a, b) = (numbers[0], numbers[1])
            return bands.first { $0.lower == a && ($0.upper == b || $0.upper + 1 == b) }?.code
        }
        if numbers.count == 1 {
            let n = numbers[0]
            if n == 85, upward { return "85+" }
            if n == 18, downward { return "0-17" }
        }
        return nil
    }
}
