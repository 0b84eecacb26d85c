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
    case notABoolean(String)
    case notAWholeNumber(String)

    /// The message, optionally without the value (for columns that may hold personal data).
    public func message(showingValue: Bool = true) -> Localized {
        let v: String
        switch self {
        case .notADate(let s), .impossibleDate(let s), .impossibleTime(let s), .twoDigitYear(let s),
             .excelSerialOutOfRange(let s), .notANumber(let s), .ambiguousNumber(let s), .notABoolean(let s),
             .notAWholeNumber(let s):
            v = showingValue ? " '\(s)'" : ""
        }
        switch self {
        case .notADate:
            return Localized(nl: "geen datum\(v); verwacht bijv. 5-3-2024, 2024-03-05 of een Excel-datumgetal",
                             en: "not a date\(v); expected e.g. 5-3-2024, 2024-03-05 or an Excel serial date")
        case .impossibleDate:
            return Localized(nl: "datum bestaat niet\(v)", en: "date does not exist\(v)")
        case .impossibleTime:
            return Localized(nl: "tijd bestaat niet\(v); verwacht 0:00 tot 23:59", en: "time does not exist\(v); expected 0:00 to 23:59")
        case .twoDigitYear:
            return Localized(nl: "jaartal met twee cijfers\(v) is dubbelzinnig; gebruik vier cijfers",
                             en: "two-digit year\(v) is ambiguous; use four digits")
        case .excelSerialOutOfRange:
            return Localized(nl: "Excel-datumgetal buiten bereik\(v); verwacht 10000 tot 2958465",
                             en: "Excel serial date out of range\(v); expected 10000 to 2958465")
        case .notANumber:
            return Localized(nl: "geen getal\(v)", en: "not a number\(v)")
        case .ambiguousNumber:
            return Localized(nl: "getal\(v) is dubbelzinnig (punt en komma); gebruik één decimaalteken",
                             en: "number\(v) is ambiguous (both point and comma); use one decimal separator")
        case .notABoolean:
            return Localized(nl: "geen ja/nee-waarde\(v); verwacht ja, nee, j, n, x, 1, 0, true of false",
                             en: "not a yes/no value\(v); expected ja, nee, j, n, x, 1, 0, true or false")
        case .notAWholeNumber:
            return Localized(nl: "geen geheel getal\(v)", en: "not a whole number\(v)")
        }
    }
}
