import NoaberModel
/// Why a single value could not be read. Carries a short excerpt of the offending value only where
/// the value is not personal; the caller decides whether to show it.
public enum ValueProblem: Error, Sendable, Hashable {
    case notADate(String)
    case impossibleDate(String)
    case impossibleTime(String)
    case twoDigitYear(String)
    case excelSerialOutOfRange(String)
    case notANumber(String)
    case ambiguousNumber(String)
    /// One separator followed by exactly three digits (`34.320`, `1,700`), which Dutch writes for
    /// thousands and English for decimals: a factor 1,000 either way, so never guessed.
    case thousandsOrDecimals(String)
    case notABoolean(String)
    case notAWholeNumber(String)

    /// The message, optionally without the value (for columns that may hold personal data).
    ///
    /// Even when shown, the value is quoted only when `ShownValue` allows it (a short code-like,
    /// date-like or number-like value in which `IdentifierDetector` finds nothing); otherwise the
    /// message describes it: `geen datum (lijkt een BSN; niet getoond en niet bewaard)`.
    public func message(showingValue: Bool = true) -> Localized {
        let s: String
        switch self {
        case .notADate(let x), .impossibleDate(let x), .impossibleTime(let x), .twoDigitYear(let x),
             .excelSerialOutOfRange(let x), .notANumber(let x), .ambiguousNumber(let x), .thousandsOrDecimals(let x),
             .notABoolean(let x), .notAWholeNumber(let x):
            s = x
        }
        let v = showingValue ? ShownValue.fragment(s) : Localized(nl: "", en: "")
        let (n, e) = (v.nl, v.en)
        switch self {
        case .notADate:
            return Localized(nl: "geen datum\(n); verwacht bijv. 5-3-2024, 2024-03-05 of een Excel-datumgetal",
                             en: "not a date\(e); expected e.g. 5-3-2024, 2024-03-05 or an Excel serial date")
        case .impossibleDate:
            return Localized(nl: "datum bestaat niet\(n)", en: "date does not exist\(e)")
        case .impossibleTime:
            return Localized(nl: "tijd bestaat niet\(n); verwacht 0:00 tot 23:59", en: "time does not exist\(e); expected 0:00 to 23:59")
        case .twoDigitYear:
            return Localized(nl: "jaartal met twee cijfers\(n) is dubbelzinnig; gebruik vier cijfers",
                             en: "two-digit year\(e) is ambiguous; use four digits")
        case .excelSerialOutOfRange:
            return Localized(nl: "Excel-datumgetal buiten bereik\(n); verwacht 10000 tot 2958465",
                             en: "Excel serial date out of range\(e); expected 10000 to 2958465")
        case .notANumber:
            return Localized(nl: "geen getal\(n)", en: "not a number\(e)")
        case .ambiguousNumber:
            return Localized(nl: "getal\(n) is dubbelzinnig (punt en komma); gebruik één decimaalteken",
                             en: "number\(e) is ambiguous (both point and comma); use one decimal separator")
        case .thousandsOrDecimals:
            return Localized(nl: "getal\(n) is dubbelzinnig: een punt of komma voor drie cijfers kan duizendtallen of decimalen scheiden (34.320 of 34,320?); schrijf het getal zonder scheidingsteken, of zet decimal_separator in het profiel",
                             en: "number\(e) is ambiguous: a point or comma before three digits can separate thousands or decimals (34,320 or 34.320?); write the number without a separator, or set decimal_separator in the profile")
        case .notABoolean:
            return Localized(nl: "geen ja/nee-waarde\(n); verwacht ja, nee, j, n, x, 1, 0, true of false",
                             en: "not a yes/no value\(e); expected ja, nee, j, n, x, 1, 0, true or false")
        case .notAWholeNumber:
            return Localized(nl: "geen geheel getal\(n)", en: "not a whole number\(e)")
        }
    }
}
