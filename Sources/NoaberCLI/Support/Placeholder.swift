import NoaberModel

/// The placeholders of option values and arguments in help and usage lines (`--db <pad>` /
/// `--db <path>`), one per kind of value so that every command names the same thing alike.
enum Placeholder {
    static let path = Localized(nl: "pad", en: "path")
    static let file = Localized(nl: "bestand", en: "file")
    static let dir = Localized(nl: "map", en: "dir")
    static let date = Localized(nl: "datum", en: "date")
    static let period = Localized(nl: "periode", en: "period")
    static let unit = Localized(nl: "eenheid", en: "unit")
    static let grouping = Localized(nl: "indeling", en: "grouping")
    static let format = Localized(nl: "formaat", en: "format")
    static let language = Localized(nl: "taal", en: "language")
    static let audience = Localized(nl: "publiek", en: "audience")
    static let kind = Localized(nl: "soort", en: "kind")
    static let scope = Localized(nl: "reikwijdte", en: "scope")
    static let hours = Localized(nl: "uren", en: "hours")
    static let sheet = Localized(nl: "naam|nummer", en: "name|number")
    static let family = Localized(nl: "groep", en: "family")
    static let name = Localized(nl: "naam", en: "name")
    static let nameOrCode = Localized(nl: "naam|code", en: "name|code")
    static let method = Localized(nl: "methode", en: "method")
    static let dialect = Localized(verbatim: "dialect")
    static let code = Localized(verbatim: "code")
    static let id = Localized(verbatim: "id")
    static let n = Localized(verbatim: "n")
    static let k = Localized(verbatim: "k")
}
