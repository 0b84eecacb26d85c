import NoaberModel

extension MetricsError {
    /// The message in `language`: ``description`` in English; in Dutch the same sentence, with
    /// the fixed reasons this module gives translated. Text that comes from elsewhere (a JSON
    /// decoder's detail, a price-index file's reasons) stays as it is.
    ///
    ///     MetricsError.invalidPeriod(input: "2024Q5", reason: "the quarter must be 1 to 4").message(.nl)
    ///     // "ongeldige periode '2024Q5': het kwartaal moet 1 tot en met 4 zijn (verwacht 2024, 2024Q3, …)"
    public func message(_ language: Language) -> String {
        guard language == .nl else { return description }
        switch self {
        case let .invalidPeriod(input, reason):
            return "ongeldige periode '\(input)': \(Self.dutch(reason)) (verwacht 2024, 2024Q3, 2024-05 of 2024-01-01..2024-06-30)"
        case let .invalidParameters(reason):
            return "ongeldige escalatieparameters: \(Self.dutch(reason))"
        case let .invalidOption(name, reason):
            return "ongeldige optie \(name): \(Self.dutch(reason))"
        case let .invalidPriceIndex(file, line, field, reason):
            return "ongeldige prijsindex \(file), regel \(line), \(field): \(reason)"
        case let .yearBeforePriceIndex(year, firstYear):
            return "geen prijsindex voor \(year): de reeks begint in \(firstYear)"
        }
    }

    /// Dutch for the reasons `Period`, `MetricsOptions` and `EscalationParameters` give; parts
    /// with values in them are matched on their fixed words. Unknown text is returned unchanged.
    static func dutch(_ reason: String) -> String {
        if let exact = dutchReasons[reason] { return exact }
        var text = reason
        for (english, dutch) in dutchFragments where text.contains(english) {
            text = text.replacing(english, with: dutch)
        }
        return text
    }

    private static let dutchReasons: [String: String] = [
        "the end is before the start": "het einde ligt voor het begin",
        "the start is not a valid yyyy-mm-dd date": "het begin is geen geldige datum jjjj-mm-dd",
        "the end is not a valid yyyy-mm-dd date": "het einde is geen geldige datum jjjj-mm-dd",
        "year out of range": "jaar buiten het bereik",
        "the quarter must be 1 to 4": "het kwartaal moet 1 tot en met 4 zijn",
        "the month must be 01 to 12": "de maand moet 01 tot en met 12 zijn",
        "empty": "leeg",
        "unrecognised form": "onbekende vorm",
        "must be at least 1": "moet minstens 1 zijn",
        "must be a non-negative number": "moet een getal van 0 of meer zijn",
        "must be ≥ 0": "moet ≥ 0 zijn",
        "must be between 0 and 1": "moet tussen 0 en 1 liggen",
        "must be 0 or more": "moet 0 of meer zijn",
        "at least 2 are needed": "er zijn er minstens 2 nodig",
        "every rate must be a finite number": "elk cijfer moet een eindig getal zijn",
    ]

    private static let dutchFragments: [(String, String)] = [
        ("not a valid parameter file: ", "geen geldig parameterbestand: "),
        (" is not supported (only 'triangular')", " wordt niet ondersteund (alleen 'triangular')"),
        ("distribution '", "verdeling '"),
        ("follow_up_days must be ≥ 0", "follow_up_days moet ≥ 0 zijn"),
        ("unknown risk '", "onbekend risico '"),
        ("; expected one of ", "; verwacht een van "),
        (": need low ≤ most_likely ≤ high", ": low ≤ most_likely ≤ high is vereist"),
        (": must lie in ", ": moet liggen in "),
    ]
}
