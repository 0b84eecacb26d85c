/// The two text encodings noaber meets in village exports.
///
/// Excel on a Dutch Windows machine writes "CSV" as Windows-1252; newer exports and every
/// other tool write UTF-8, sometimes with a byte order mark. The reader transcodes
/// Windows-1252 to UTF-8 as it streams, so everything above it sees UTF-8 only.
/// The raw values are the WHATWG labels, so they can be shown to users and stored as-is.
public enum TextEncoding: String, Sendable {
    case utf8 = "utf-8"
    case windows1252 = "windows-1252"
}
