/// Builds the `d` attribute of a path with fixed-precision numbers.
///
///     var path = SVGPath()
///     path.move(to: 0, 10); path.line(to: 5.5, 10); path.close()
///     path.data   // "M0 10L5.5 10Z"
public struct SVGPath: Sendable, Hashable {
    public private(set) var data = ""

    public init() {}

    public var isEmpty: Bool { data.isEmpty }

    public mutating func move(to x: Double, _ y: Double) {
        data += "M\(SVGNumber.string(x)) \(SVGNumber.string(y))"
    }

    public mutating func line(to x: Double, _ y: Double) {
        data += "L\(SVGNumber.string(x)) \(SVGNumber.string(y))"
    }

    public mutating func close() { data += "Z" }
}
