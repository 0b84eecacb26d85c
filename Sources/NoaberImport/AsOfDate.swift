import Foundation
import NoaberModel

/// Decides the as-of date of an export when `--as-of` is not given: a date in the file name
/// (`…2025-01-15…` or `…20250115…`, as export tools name files), else the file's modification
/// date. The report says which was used, so a wrong guess is visible.
enum AsOfDate {
    static func resolve(option: CivilDate?, path: String) -> (date: CivilDate, source: String)? {
        if let option { return (option, "option") }
        if let fromName = fromFileName((path as NSString).lastPathComponent) { return (fromName, "file_name") }
        if let attributes = try? FileManager.default.attributesOfItem(atPath: path),
           let modified = attributes[.modificationDate] as? Date {
            return (SystemClock.today(modified), "file_modified")
        }
        return nil
    }

    static func fromFileName(_ name: String) -> CivilDate? {
        let u = Array(name.utf8)
        guard u.count >= 8 else { return nil }
        func digit(_ i: Int) -> Int? { i < u.count && u[i] &- 48 < 10 ? Int(u[i] - 48) : nil }
        func number(_ i: Int, _ n: Int) -> Int? {
            var v = 0
            for k in i..<(i + n) { guard let d = digit(k) else { return nil }; v = v * 10 + d }
            return v
        }
        var i = 0
        while i + 8 <= u.count {
            let boundaryBefore = i == 0 || digit(i - 1) == nil
            if boundaryBefore, let y = number(i, 4), (1990...2100).contains(y) {
                if i + 10 <= u.count, u[i + 4] == UInt8(ascii: "-"), u[i + 7] == UInt8(ascii: "-"),
                   let m = number(i + 5, 2), let d = number(i + 8, 2), digit(i + 10) == nil,
                   let date = CivilDate(year: y, month: m, day: d) { return date }
                if let m = number(i + 4, 2), let d = number(i + 6, 2), digit(i + 8) == nil,
                   let date = CivilDate(year: y, month: m, day: d) { return date }
            }
            i += 1
        }
        return nil
    }
}
