import NoaberModel

/// Just enough JSON to write a mapping profile with its keys in a chosen order, so that a drafted
/// profile reads top to bottom as docs/profiles.md describes it and diffs cleanly.
///
///     JSONText.object([("name", .string("mijn-dorp")), ("drop", .array([.string("Naam")]))]).rendered()
///     // {
///     //   "name": "mijn-dorp",
///     //   "drop": ["Naam"]
///     // }
indirect enum JSONText: Sendable {
    case string(String), integer(Int), bool(Bool), null, object([(String, JSONText)]), array([JSONText])

    /// Two-space indentation; arrays of scalars and objects of at most three short strings on one
    /// line.
    func rendered(indent: String = "") -> String {
        let inner = indent + "  "
        switch self {
        case .string(let text): return "\"" + Self.escaped(text) + "\""
        case .integer(let n): return String(n)
        case .bool(let flag): return flag ? "true" : "false"
        case .null: return "null"
        case .array(let items):
            if items.isEmpty { return "[]" }
            return "[" + items.map { $0.rendered(indent: inner) }.joined(separator: ", ") + "]"
        case .object(let members):
            if members.isEmpty { return "{}" }
            return "{\n" + members.map { inner + "\"" + Self.escaped($0.0) + "\": " + $0.1.rendered(indent: inner) }
                .joined(separator: ",\n") + "\n" + indent + "}"
        }
    }

    /// The body of a JSON string (RFC 8259 §7).
    static func escaped(_ text: String) -> String { JSONStringEscaping.escaped(text) }
}
