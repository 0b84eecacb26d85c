import Foundation

/// JSON as noaber prints it: sorted keys, pretty, no escaped slashes, so output is stable for diffs.
enum JSONOutput {
    static func render<T: Encodable>(_ value: T) throws(CLIFailure) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
        } catch {
            throw .internal("JSON encoding failed: \(error)")
        }
    }
}
