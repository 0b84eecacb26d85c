/// The Okabe–Ito colour-blind-safe palette, with a marker shape and dash pattern per series so
/// that no series is told apart by colour alone.
public enum Palette {
    public static let black = "#000000"
    public static let orange = "#E69F00"
    public static let skyBlue = "#56B4E9"
    public static let bluishGreen = "#009E73"
    public static let yellow = "#F0E442"
    public static let blue = "#0072B2"
    public static let vermillion = "#D55E00"
    public static let reddishPurple = "#CC79A7"
    /// Axis lines, tick labels and grid.
    public static let axis = "#333333"
    public static let grid = "#DDDDDD"

    /// Series colours in order of contrast on white (yellow last: it is faint on paper).
    public static let series = [blue, vermillion, bluishGreen, orange, reddishPurple, skyBlue, black, yellow]

    /// Dash patterns per series (solid first); "" means solid.
    public static let dashes = ["", "6 3", "2 3", "8 3 2 3", "4 4", "1 2", "10 4", "3 2 1 2"]

    public static func color(_ index: Int) -> String { series[index % series.count] }
    public static func dash(_ index: Int) -> String { dashes[index % dashes.count] }
    public static func marker(_ index: Int) -> Marker { Marker.allCases[index % Marker.allCases.count] }
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
