/// One attribute of an SVG element; the value is escaped when the element is rendered.
public struct SVGAttribute: Sendable, Hashable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }

    /// A numeric attribute written with `SVGNumber` (two decimals at most).
    public init(_ name: String, _ value: Double) {
        self.init(name, SVGNumber.string(value))
    }
}

/// A node of the tree: an element or a run of text.
public enum SVGNode: Sendable, Hashable {
    case element(SVGElement)
    case text(String)
}

/// A tiny SVG element tree that renders to deterministic text.
///
/// Attributes keep their insertion order and all text is escaped once, on rendering, so callers
/// pass raw strings (a village named `<script>` is safe). Elements whose children are elements
/// are written one child per line with two-space indentation; elements containing text are
/// written on one line so no whitespace is added to what is shown.
///
///     SVGElement("rect", [.init("x", 10), .init("fill", "#0072B2")]).rendered()
///     // <rect x="10" fill="#0072B2"/>
public struct SVGElement: Sendable, Hashable {
    public var name: String
    public var attributes: [SVGAttribute]
    public var children: [SVGNode]

    public init(_ name: String, _ attributes: [SVGAttribute] = [], children: [SVGNode] = []) {
        self.name = name
        self.attributes = attributes
        self.children = children
    }

    /// An element whose only child is text.
    public init(_ name: String, _ attributes: [SVGAttribute] = [], text: String) {
        self.init(name, attributes, children: [.text(text)])
    }

    /// A group of elements.
    public static func group(_ attributes: [SVGAttribute] = [], _ elements: [SVGElement]) -> SVGElement {
        SVGElement("g", attributes, children: elements.map(SVGNode.element))
    }

    /// Renders the element and its subtree.
    /// - Complexity: O(size of the subtree).
    public func rendered(indent: Int = 0) -> String {
        var output = ""
        write(to: &output, depth: indent)
        return output
    }

    func write(to output: inout String, depth: Int) {
        output += String(repeating: "  ", count: depth)
        writeTag(to: &output)
        guard !children.isEmpty else {
            output += "/>"
            return
        }
        output += ">"
        let hasText = children.contains { if case .text = $0 { return true } else { return false } }
        if hasText {
            for child in children {
                switch child {
                case .text(let text): output += XMLEscaping.text(text)
                case .element(let element): element.write(to: &output, depth: 0)
                }
            }
        } else {
            for child in children {
                if case .element(let element) = child {
                    output += "\n"
                    element.write(to: &output, depth: depth + 1)
                }
            }
            output += "\n" + String(repeating: "  ", count: depth)
        }
        output += "</\(name)>"
    }

    private func writeTag(to output: inout String) {
        output += "<\(name)"
        for attribute in attributes {
            output += " \(attribute.name)=\"\(XMLEscaping.attribute(attribute.value))\""
        }
    }
}
