import Foundation
import NoaberModel

/// The one place noaber asks the system for the date, so tests and reproducible runs can pass
/// their own.
public enum SystemClock {
    /// UTC timestamp `yyyy-mm-ddThh:mm:ssZ`, for provenance only (never used in a metric).
    public static func timestamp(_ date: Date = Date()) -> String {
        let seconds = Int(date.timeIntervalSince1970)
        let day = CivilDate(dayNumber: Int((Double(seconds) / 86400).rounded(.down)))
        let s = seconds - day.dayNumber * 86400
        return day.iso + "T" + pad(s / 3600) + ":" + pad(s / 60 % 60) + ":" + pad(s % 60) + "Z"
    }

    public static func today(_ date: Date = Date()) -> CivilDate {
        CivilDate(dayNumber: Int((date.timeIntervalSince1970 / 86400).rounded(.down)))
    }

    private static func pad(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
}
