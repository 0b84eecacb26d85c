import NoaberModel

/// Reach (bereik): how many residents the ondersteuner reached, and with what.
///
/// Rows per group and period (cases received in the period):
/// - `cases`, `anonymous_cases` (no person key, not collective), `collective_cases`;
/// - `residents_reached`: distinct person keys with ≥ 1 non-collective case;
/// - `reach_per_1000` = 1000 · residents / inhabitants, Wilson 95% on residents / inhabitants;
/// - `residents_reached_75plus` and `reach_75plus_pct` = 100 · residents 75+ / inhabitants 75+
///   (age band at intake, from `birth_year` when no band was given), Wilson;
/// - `cases_per_1000` = 1000 · cases / inhabitants (no interval: cases are not a proportion of
///   residents, one resident can bring several);
/// - `new_residents` and `new_residents_pct`: residents whose first case in all input falls in the
///   period, as a share of residents reached, Wilson. In a village's first exported period
///   everyone is new: read the first period with that in mind;
/// - `theme:<code>` / `theme_pct:<code>` (a case may carry several themes, so shares can sum past
///   100) and `source:<code>` / `source_pct:<code>`, as counts and % of cases with Wilson.
enum ReachMetrics {
    /// What the reach rows of one group and period are made of, filled one village at a time
    /// (villages in code order): counts add up, residents are a set of resident numbers.
    struct Tally: Sendable {
        var cases = 0, anonymous = 0, collective = 0
        var themes = [Int](repeating: 0, count: Theme.allCases.count)
        var sources = [Int](repeating: 0, count: Source.allCases.count)
        var residents: ResidentSet
        var residents75: ResidentSet

        init(residents: Int) {
            self.residents = ResidentSet(universe: residents)
            residents75 = ResidentSet(universe: residents)
        }

        mutating func add(_ slice: VillageCases) {
            cases += slice.cases.count
            let ids = slice.persons
            for i in slice.cases.indices {
                let c = slice.cases[i]
                c.themes.forEachOffset { themes[$0] += 1 }
                if let s = c.source, let k = Source.allCases.firstIndex(of: s) { sources[k] += 1 }
                if c.collective { collective += 1; continue }
                guard c.hasPerson else { anonymous += 1; continue }
                residents.insert(ids[i])
                if c.ageBand?.isSeventyFivePlus == true { residents75.insert(ids[i]) }
            }
        }
    }

    static func rows(_ t: Tally, group: MetricGroup, period: Period, index: ResidentIndex) -> [MetricRow] {
        var b = RowBuilder(group: group, period: period)
        var reached = 0, newResidents = 0
        t.residents.forEachDistinct { id in
            reached += 1
            if index.firstDay(of: id) >= period.start.dayNumber { newResidents += 1 }
        }
        let residents75Count = t.residents75.count
        let caseCount = t.cases
        let inhabitants = group.inhabitants
        b.count(.cases, caseCount)
        b.count(.residentsReached, reached)
        b.proportion(.reachPer1000, reached, of: inhabitants, scale: 1000)
        b.count(.residentsReached75plus, residents75Count)
        b.proportion(.reach75plusPct, residents75Count, of: group.inhabitants75Plus, scale: 100)
        b.add(.casesPer1000, inhabitants > 0 ? 1000 * Double(caseCount) / Double(inhabitants) : nil, n: inhabitants)
        b.count(.newResidents, newResidents)
        b.proportion(.newResidentsPct, newResidents, of: reached, scale: 100)
        b.count(.anonymousCases, t.anonymous)
        b.count(.collectiveCases, t.collective)
        for (i, theme) in Theme.allCases.enumerated() {
            b.count(MetricID(.theme, theme.rawValue), t.themes[i])
            b.proportion(MetricID(.themePct, theme.rawValue), t.themes[i], of: caseCount, scale: 100)
        }
        for (i, s) in Source.allCases.enumerated() {
            b.count(MetricID(.source, s.rawValue), t.sources[i])
            b.proportion(MetricID(.sourcePct, s.rawValue), t.sources[i], of: caseCount, scale: 100)
        }
        return b.rows
    }

    /// The distinct resident numbers among `ids`, each once, in no particular order.
    ///
    /// Resident numbers lie in `0..<residents`. A large slice is deduplicated with a bit set
    /// (one pass, no sort); a slice much smaller than the bit set would be sorted instead, which
    /// is then cheaper than clearing the bits.
    /// - Complexity: O(n + residents / 64), or O(n log n) for small n.
    static func distinct(_ ids: [Int32], residents: Int) -> [Int32] {
        let words = (residents + 63) / 64
        if ids.count < words / 8 {
            var out = ids.sorted()
            var w = 0
            for i in out.indices where i == 0 || out[i] != out[i - 1] {
                out[w] = out[i]
                w += 1
            }
            out.removeLast(out.count - w)
            return out
        }
        var bits = [UInt64](repeating: 0, count: words)
        var out: [Int32] = []
        out.reserveCapacity(ids.count)
        for id in ids where id >= 0 && Int(id) < residents {
            let word = Int(id) >> 6, bit = UInt64(1) << UInt64(id & 63)
            if bits[word] & bit == 0 {
                bits[word] |= bit
                out.append(id)
            }
        }
        return out
    }
}
