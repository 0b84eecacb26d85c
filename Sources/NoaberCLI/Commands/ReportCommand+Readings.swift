import NoaberReport

extension ReportCommand {
    /// The audiences named with `--audience`, in their order. `all` is the three reports: the
    /// village pages add a folder per village (a hundred for a large municipality), so they are
    /// written only when `dorp` is named (`demo` writes them too).
    static func audiences(_ names: [String]) -> [Audience] {
        Audience.allCases.filter { names.contains($0.rawValue) || (names.contains("all") && $0 != .dorp) }
    }

    /// One reading of the store and the audiences written from it.
    struct Reading: Equatable {
        let audiences: [Audience]
        /// The villages read; nil: every village.
        let villages: [String]?
    }

    /// How the store is read for `audiences`. A village page compares its village with all
    /// villages, so the pages are computed over every village and `--village` only says which
    /// pages to write; the other reports are computed over the villages asked for. With
    /// `--village` and both kinds of audience that makes two readings; otherwise one, so that
    /// `demo` and `--audience all` compute the metrics once.
    static func readings(_ audiences: [Audience], villages: [String]?) -> [Reading] {
        guard audiences.contains(.dorp), villages != nil else { return [Reading(audiences: audiences, villages: villages)] }
        let others = audiences.filter { $0 != .dorp }
        return (others.isEmpty ? [] : [Reading(audiences: others, villages: villages)]) + [Reading(audiences: [.dorp], villages: nil)]
    }
}
