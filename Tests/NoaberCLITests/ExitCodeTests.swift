import Foundation
import Testing
import NoaberCLI

@Suite("ExitCode")
struct ExitCodeTests {
    @Test func valuesAreDistinct() {
        let values = ExitCode.allCases.map(\.rawValue)
        #expect(Set(values).count == values.count)
    }

    @Test func valuesFollowSysexits() {
        #expect(ExitCode.success.rawValue == 0)
        #expect(ExitCode.failure.rawValue == 1)
        #expect(ExitCode.usage.rawValue == 64)          // EX_USAGE
        #expect(ExitCode.dataError.rawValue == 65)      // EX_DATAERR
        #expect(ExitCode.noInput.rawValue == 66)        // EX_NOINPUT
        #expect(ExitCode.internalError.rawValue == 70)  // EX_SOFTWARE
        #expect(ExitCode.cannotCreate.rawValue == 73)   // EX_CANTCREAT
        #expect(ExitCode.storeError.rawValue == 74)     // EX_IOERR
        #expect(ExitCode.configError.rawValue == 78)    // EX_CONFIG
    }

    @Test func everyCodeFitsInAByteAndStaysBelowSignalRange() {
        for code in ExitCode.allCases {
            #expect((0..<126).contains(code.rawValue), "\(code)")
        }
    }

    /// docs/exit-codes.md is the user-facing contract: every code must have a row there.
    @Test func documentationListsEveryCode() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent("docs/exit-codes.md"), encoding: .utf8)
        for code in ExitCode.allCases {
            #expect(text.contains("| \(code.rawValue) | `\(code)` |"), "docs/exit-codes.md has no row for \(code)")
        }
    }
}
