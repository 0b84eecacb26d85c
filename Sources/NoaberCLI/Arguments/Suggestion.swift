import NoaberModel

/// "Did you mean …?" for a mistyped subcommand or option name.
///
/// ```swift
/// Suggestion.closest(to: "improt", among: ["import", "export"])  // "import"
/// Suggestion.closest(to: "rep", among: ["report", "villages"])   // "report" (unique prefix)
/// ```
public enum Suggestion {
    /// " Bedoelde u '--strict'?" / " Did you mean '--strict'?", with its leading space: appended to
    /// a message about an unknown name.
    public static func didYouMean(_ suggestion: String) -> Localized {
        Localized(nl: " Bedoelde u '\(suggestion)'?", en: " Did you mean '\(suggestion)'?")
    }

    /// The candidate the user most likely meant, or `nil` when none is close.
    ///
    /// Comparison ignores case. In order:
    /// 1. a candidate equal to the input ignoring case;
    /// 2. the only candidate that starts with the input (a unique prefix);
    /// 3. the candidate at the smallest Damerau–Levenshtein distance (optimal string alignment:
    ///    insertions, deletions, substitutions and adjacent transpositions), if that distance is
    ///    at most 2 and smaller than the longer of the two lengths (so `ab` never suggests `cd`).
    ///
    /// Ties go to the first candidate in code-point order (alphabetical for lowercase names), so the answer does not depend on the order
    /// of the candidates. An empty input or an empty candidate list gives `nil`.
    /// - Complexity: O(n · m · k) for k candidates of length about m and an input of length n.
    public static func closest(to input: String, among candidates: [String]) -> String? {
        guard !input.isEmpty, !candidates.isEmpty else { return nil }
        let sorted = candidates.sorted()
        let lowerInput = input.lowercased()
        if let exact = sorted.first(where: { $0.lowercased() == lowerInput }) {
            return exact
        }
        let prefixed = sorted.filter { $0.lowercased().hasPrefix(lowerInput) }
        if prefixed.count == 1 {
            return prefixed[0]
        }
        var best: (candidate: String, distance: Int)?
        let inputCharacters = Array(lowerInput)
        for candidate in sorted {
            let candidateCharacters = Array(candidate.lowercased())
            let distance = damerauLevenshtein(inputCharacters, candidateCharacters)
            guard distance <= 2, distance < max(inputCharacters.count, candidateCharacters.count) else { continue }
            if best == nil || distance < (best?.distance ?? Int.max) {
                best = (candidate, distance)
            }
        }
        return best?.candidate
    }

    /// The optimal-string-alignment distance between two character arrays: the fewest
    /// insertions, deletions, substitutions and adjacent transpositions turning `a` into `b`,
    /// where no substring is edited twice (so `ca` → `abc` is 3, not 2).
    /// - Complexity: O(a.count · b.count) time, O(b.count) memory (three rolling rows).
    static func damerauLevenshtein(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previousPrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, previousPrevious[j - 2] + 1)
                }
                current[j] = value
            }
            (previousPrevious, previous, current) = (previous, current, previousPrevious)
        }
        return previous[b.count]
    }
}
