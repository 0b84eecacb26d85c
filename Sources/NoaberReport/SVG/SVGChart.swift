import NoaberModel

/// A chart that writes itself as a standalone SVG document.
///
/// Every chart is a value type holding plain data (no metric types), so the same chart can be
/// drawn from a test fixture, the CLI or a notebook. `svg(language:)` is a pure function: the
/// same chart and language always give the same bytes, which the golden-file tests rely on.
public protocol SVGChart: Sendable {
    /// Shown as the heading and as the SVG `<title>`.
    var title: String { get }
    /// Prefix of the ids inside the SVG; give every chart on one HTML page its own.
    var identifier: String { get }
    /// The standalone SVG document (no XML declaration, so it also inlines into HTML).
    func svg(language: Language) -> String
    /// The text alternative written into `<desc>`: what the chart shows, in words and numbers.
    func textAlternative(language: Language) -> String
}

/// Helpers for the Dutch/English strings of the charts.
extension Language {
    func pick(_ dutch: String, _ english: String) -> String { self == .nl ? dutch : english }
}
