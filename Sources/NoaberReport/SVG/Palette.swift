#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The Okabe–Ito colour-blind-safe palette, with a marker shape and dash pattern per series so
/// that no series is told apart by colour alone.
///
/// Lines and markers must stand out from white by 3:1 (WCAG 2.1 success criterion 1.4.11,
/// non-text contrast). Four Okabe–Ito colours do not: orange 2.25:1, sky blue 2.31:1, yellow
/// 1.32:1 and reddish purple 3.06:1 (too close to call). Their `…Line` variants keep the hue and
/// darken it (HLS lightness) to 3.4:1 or more; the series use those. Text is `axis` or `black`
/// (12.6:1 and 21:1, above the 4.5:1 text needs). `PaletteContrastTests` computes every ratio.
public enum Palette {
    public static let black = "#000000"
    public static let orange = "#E69F00"
    public static let skyBlue = "#56B4E9"
    public static let bluishGreen = "#009E73"
    public static let yellow = "#F0E442"
    public static let blue = "#0072B2"
    public static let vermillion = "#D55E00"
    public static let reddishPurple = "#CC79A7"
    /// Darker variants for lines and markers (3.4:1 or more on white).
    public static let orangeLine = "#B87F00"
    public static let skyBlueLine = "#1C92D4"
    public static let yellowLine = "#958B0C"
    public static let reddishPurpleLine = "#C76C9F"
    /// Axis lines, tick labels, chart text.
    public static let axis = "#333333"
    /// Secondary lines (95% limits, the 50% line), also readable as text (7.5:1).
    public static let secondary = "#555555"
    /// A reference drawn behind the series (the pooled curve in every panel): 3.5:1.
    public static let reference = "#888888"
    /// Grid lines: decoration, not information, exempt from 1.4.11.
    public static let grid = "#DDDDDD"

    /// Series colours, each 3:1 or more on white, most contrasting first.
    public static let series = [blue, vermillion, bluishGreen, orangeLine, reddishPurpleLine, skyBlueLine, black, yellowLine]

    /// The colours the charts draw text in: 4.5:1 or more on white.
    public static let text = [axis, black, secondary]

    /// Dash patterns per series (solid first); "" means solid.
    public static let dashes = ["", "6 3", "2 3", "8 3 2 3", "4 4", "1 2", "10 4", "3 2 1 2"]

    public static func color(_ index: Int) -> String { series[index % series.count] }
    public static func dash(_ index: Int) -> String { dashes[index % dashes.count] }
    public static func marker(_ index: Int) -> Marker { Marker.allCases[index % Marker.allCases.count] }

    /// The WCAG 2.1 contrast ratio of two `#RRGGBB` colours, (L1 + 0.05) / (L2 + 0.05) with L the
    /// relative luminance; nil for anything else.
    public static func contrastRatio(_ a: String, _ b: String = "#FFFFFF") -> Double? {
        guard let la = luminance(a), let lb = luminance(b) else { return nil }
        return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
    }

    static func luminance(_ hex: String) -> Double? {
        let digits = Array(hex.utf8)
        guard digits.count == 7, digits[0] == UInt8(ascii: "#") else { return nil }
        var channels: [Double] = []
        for i in stride(from: 1, to: 7, by: 2) {
            guard let value = UInt8(String(decoding: digits[i..<i + 2], as: UTF8.self), radix: 16) else { return nil }
            let c = Double(value) / 255
            channels.append(c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4))
        }
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]
    }
}

/// A point marker shape.
public enum Marker: Sendable, CaseIterable {
    case circle, square, triangle, diamond, cross, triangleDown

    /// The marker centred on (x, y), `size` pixels across.
    public func element(x: Double, y: Double, size: Double, fill: String, stroke: String) -> SVGElement {
        let r = size / 2
        func polygon(_ points: [(Double, Double)]) -> SVGElement {
            var path = SVGPath()
            for (index, point) in points.enumerated() {
                if index == 0 { path.move(to: point.0, point.1) } else { path.line(to: point.0, point.1) }
            }
            path.close()
            return SVGElement("path", [.init("d", path.data), .init("fill", fill), .init("stroke", stroke)])
        }
        switch self {
        case .circle:
            return SVGElement("circle", [.init("cx", x), .init("cy", y), .init("r", r), .init("fill", fill), .init("stroke", stroke)])
        case .square:
            return polygon([(x - r, y - r), (x + r, y - r), (x + r, y + r), (x - r, y + r)])
        case .triangle:
            return polygon([(x, y - r * 1.15), (x + r * 1.15, y + r * 0.85), (x - r * 1.15, y + r * 0.85)])
        case .triangleDown:
            return polygon([(x, y + r * 1.15), (x + r * 1.15, y - r * 0.85), (x - r * 1.15, y - r * 0.85)])
        case .diamond:
            return polygon([(x, y - r * 1.3), (x + r * 1.3, y), (x, y + r * 1.3), (x - r * 1.3, y)])
        case .cross:
            var path = SVGPath()
            path.move(to: x - r, y - r); path.line(to: x + r, y + r)
            path.move(to: x - r, y + r); path.line(to: x + r, y - r)
            return SVGElement("path", [.init("d", path.data), .init("fill", "none"), .init("stroke", stroke), .init("stroke-width", 2)])
        }
    }
}
