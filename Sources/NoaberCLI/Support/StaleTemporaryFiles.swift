#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Removes the temporary files a killed report left behind.
///
/// Report files are written to `<name>.tmp-<pid>` and renamed onto `<name>` (`FileSink`), so a
/// `kill -9` can leave a temporary file but never a half-written file under a final name. A later
/// successful run into the same folder removes those leftovers: only names of that exact form
/// (a report, figure or table name, `.tmp-`, digits) whose process no longer runs, so a report
/// being written right now by another process is left alone.
enum StaleTemporaryFiles {
    /// The folders a report writes into, relative to `--out`.
    static let folders = ["", "figures", "tables"]

    /// Removes the stale temporary files under `out`; returns the paths removed.
    @discardableResult
    static func remove(in out: String) -> [String] {
        var removed: [String] = []
        for folder in folders {
            let dir = folder.isEmpty ? out : out + "/" + folder
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else { continue }
            for name in names {
                guard let pid = writerPID(of: name), !isRunning(pid) else { continue }
                let path = dir + "/" + name
                if unlink(path) == 0 { removed.append(path) }
            }
        }
        return removed
    }

    /// The writer's process id when `name` is `<x>.html|svg|csv.tmp-<digits>`, else nil.
    static func writerPID(of name: String) -> pid_t? {
        guard let range = name.range(of: ".tmp-", options: .backwards) else { return nil }
        let base = name[..<range.lowerBound]
        let digits = name[range.upperBound...]
        guard [".html", ".svg", ".csv"].contains(where: { base.hasSuffix($0) }),
              !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return pid_t(digits)
    }

    /// True when a process with this id exists (EPERM: it exists but belongs to someone else).
    static func isRunning(_ pid: pid_t) -> Bool {
        pid == getpid() || kill(pid, 0) == 0 || errno == EPERM
    }
}
