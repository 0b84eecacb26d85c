import NoaberModel

/// Excel's 1900 date system, as exports without date formatting show it.
///
/// Serial 1 is 1900-01-01. Excel keeps Lotus 1-2-3's bug that 1900 was a leap year, so serial
/// 60 is the non-date 1900-02-29 and every later serial is one more than the day count: from
/// 1900-03-01 on, serial = days since 1899-12-30. A fractional part is the time of day.
///
///     ExcelSerial.serial(for: CivilDate(year: 2024, month: 3, day: 5)!)   // 45356
public enum ExcelSerial {
    /// Day number (days since 1970-01-01) of 1899-12-30, serial 0 for dates after the fake leap day.
    static let epochAfterLeapBug = -25569
    /// Day number of 1900-03-01, the first day after the fake 1900-02-29.
    static let firstDayAfterLeapBug = -25508

    /// The serial of a date, or nil before 1900-01-01 (which Excel cannot express).
    public static func serial(for date: CivilDate) -> Int? {
        let n = date.dayNumber
        if n >= firstDayAfterLeapBug { return n - epochAfterLeapBug }
        let serial = n - epochAfterLeapBug - 1
        return serial >= 1 ? serial : nil
    }

    /// The date of a whole serial; nil for 60 (the fake 1900-02-29) and below 1.
    public static func date(forSerial serial: Int) -> CivilDate? {
        if serial > 60 { return CivilDate(dayNumber: serial + epochAfterLeapBug) }
        guard serial >= 1, serial < 60 else { return nil }
        return CivilDate(dayNumber: serial + epochAfterLeapBug + 1)
    }

    /// The fractional serial of a date and time (minute precision).
    public static func serial(for moment: Moment) -> Double? {
        guard let day = serial(for: moment.date) else { return nil }
        return Double(day) + Double(moment.minuteOfDay ?? 0) / 1440.0
    }
}
