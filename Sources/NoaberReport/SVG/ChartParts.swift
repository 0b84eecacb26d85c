import NoaberModel

/// The rectangle inside the axes.
struct PlotArea: Sendable {
    var left: Double, top: Double, right: Double, bottom: Double
    var width: Double { right - left }
    var height: Double { bottom - top }
}

/// Small element builders shared by the charts.
///
/// Every text is at least `smallFontSize` (11 units): a chart printed at 420 units across the
/// 110 mm column of an A4 report gives 11 units 8.1 pt (`PrintLayout`). Labels are never cut: a
/// label too long for its place is wrapped onto more lines, and the chart grows to hold them.
enum Draw {
    static let fontSize = 12.0
    static let smallFontSize = 11.0
    static let headingFontSize = 14.0

    /// The distance between two lines of wrapped text.
    static func lineHeight(_ size: Double) -> Double { (size * 1.25).rounded() }

    /// A text element.
    static func text(_ text: String, x: Double, y: Double, anchor: String = "start", size: Double = fontSize,
                     fill: String = Palette.axis, weight: String? = nil, rotate: Double? = nil) -> SVGElement {
        var attributes: [SVGAttribute] = [.init("x", x), .init("y", y)]
        if anchor != "start" { attributes.append(.init("text-anchor", anchor)) }
        if size != fontSize { attributes.append(.init("font-size", size)) }
        attributes.append(.init("fill", fill))
        if let weight { attributes.append(.init("font-weight", weight)) }
        if let rotate {
            attributes.append(.init("transform", "rotate(\(SVGNumber.string(rotate)) \(SVGNumber.string(x)) \(SVGNumber.string(y)))"))
        }
        return SVGElement("text", attributes, text: text)
    }

    /// A label wrapped to `maxWidth`, one `<text>` per line from baseline `y` down; the lines and
    /// the height they take (`lines × lineHeight`).
    static func wrappedText(_ text: String, maxWidth: Double, x: Double, y: Double, anchor: String = "start",
                            size: Double = fontSize, fill: String = Palette.axis,
                            weight: String? = nil) -> (elements: [SVGElement], height: Double) {
        let lines = TextMetrics.lines(text, maxWidth: maxWidth, fontSize: size)
        let step = lineHeight(size)
        let elements = lines.enumerated().map { index, line in
            Draw.text(line, x: x, y: y + Double(index) * step, anchor: anchor, size: size, fill: fill, weight: weight)
        }
        return (elements, Double(lines.count) * step)
    }

    /// How many lines `text` takes at `maxWidth`.
    static func lineCount(_ text: String, maxWidth: Double, size: Double = fontSize) -> Int {
        TextMetrics.lines(text, maxWidth: maxWidth, fontSize: size).count
    }

    static func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String = Palette.axis,
                     width: Double = 1, dash: String = "") -> SVGElement {
        var attributes: [SVGAttribute] = [.init("x1", x1), .init("y1", y1), .init("x2", x2), .init("y2", y2),
                                          .init("stroke", stroke)]
        if width != 1 { attributes.append(.init("stroke-width", width)) }
        if !dash.isEmpty { attributes.append(.init("stroke-dasharray", dash)) }
        return SVGElement("line", attributes)
    }

    static func rect(x: Double, y: Double, width: Double, height: Double, fill: String,
                     extra: [SVGAttribute] = []) -> SVGElement {
        SVGElement("rect", [.init("x", x), .init("y", y), .init("width", max(0, width)),
                            .init("height", max(0, height)), .init("fill", fill)] + extra)
    }

    /// The `<defs>` with a diagonal hatch pattern, used for suppressed cells.
    static func hatchDefinition(id: String) -> SVGElement {
        SVGElement("defs", children: [.element(SVGElement("pattern", [
            .init("id", id), .init("width", 6), .init("height", 6), .init("patternUnits", "userSpaceOnUse"),
            .init("patternTransform", "rotate(45)"),
        ], children: [.element(line(0, 0, 0, 6, stroke: "#888888", width: 2))]))])
    }

    /// A chart heading: the bold title and an optional subtitle, each wrapped to the width.
    static func heading(title: String, subtitle: String?, width: Double) -> (elements: [SVGElement], height: Double) {
        let titleLines = wrappedText(title, maxWidth: width - 24, x: 12, y: 22, size: headingFontSize, fill: Palette.black,
                                     weight: "bold")
        var elements = titleLines.elements
        var height = 14 + titleLines.height
        if let subtitle {
            let sub = wrappedText(subtitle, maxWidth: width - 24, x: 12, y: height + 12, fill: Palette.axis)
            elements += sub.elements
            height += sub.height + 4
        }
        return (elements, height)
    }

    /// The place-holder for a suppressed cell: a small hatched box with a dashed outline.
    static func suppressedBox(x: Double, y: Double, width: Double, height: Double, hatchID: String) -> SVGElement {
        rect(x: x, y: y, width: width, height: height, fill: "url(#\(hatchID))",
             extra: [.init("stroke", "#666666"), .init("stroke-dasharray", "3 2")])
    }
}

/// How category labels along a horizontal axis are laid out so that they never overlap.
struct CategoryLabelLayout: Sendable, Equatable {
    /// Show every `step`-th label (1 = all).
    var step: Int
    /// Rotated by -45 degrees.
    var rotated: Bool
    /// Vertical space the labels need below the axis.
    var height: Double
    /// The first labelled index; labels are shown at `offset`, `offset + step`, ….
    var offset = 0

    /// Whether the label at `index` is shown.
    func shows(_ index: Int) -> Bool { index >= offset && (index - offset) % max(1, step) == 0 }

    /// Horizontal when the widest label fits its slot; otherwise thin out up to every third label;
    /// otherwise rotate (and thin to the rotated labels' line height).
    static func compute(labels: [String], slotWidth: Double, fontSize: Double = Draw.fontSize) -> CategoryLabelLayout {
        let widest = labels.map { TextMetrics.width($0, fontSize: fontSize) }.max() ?? 0
        let usable = max(1, slotWidth)
        let needed = widest + 8
        if needed <= usable { return CategoryLabelLayout(step: 1, rotated: false, height: fontSize + 8) }
        let step = Int((needed / usable).rounded(.up))
        if step <= 3 { return CategoryLabelLayout(step: step, rotated: false, height: fontSize + 8) }
        let rotatedStep = max(1, Int((fontSize * 1.6 / usable).rounded(.up)))
        return CategoryLabelLayout(step: rotatedStep, rotated: true, height: widest * 0.71 + fontSize + 8)
    }
}

extension CategoryLabelLayout {
    /// Labels of consecutive calendar periods (`2024Q1`, `2024-03`, `2024`): thinned to a
    /// calendar step — every 2nd or 4th quarter, every 2nd, 3rd, 6th or 12th month, every 2nd,
    /// 5th or 10th year — and started on a year (or half-year) boundary, so that a long trend reads
    /// "K1 2022, K1 2023, …" level, not rotated. Falls back to `compute` for other codes or when
    /// even the largest step does not fit.
    static func periods(_ codes: [String], labels: [String], slotWidth: Double,
                        fontSize: Double = Draw.fontSize) -> CategoryLabelLayout {
        let parsed = codes.map(PeriodCode.init)
        let steps: [Int]
        switch parsed.first ?? nil {
        case .quarter: steps = [1, 2, 4, 8, 12, 20, 40]
        case .month: steps = [1, 2, 3, 6, 12, 24, 36, 60]
        case .year: steps = [1, 2, 5, 10, 20, 50]
        case .day, nil: return compute(labels: labels, slotWidth: slotWidth, fontSize: fontSize)
        }
        let widest = labels.map { TextMetrics.width($0, fontSize: fontSize) }.max() ?? 0
        let needed = widest + 8, usable = max(1, slotWidth)
        guard let step = steps.first(where: { needed <= usable * Double($0) }) else {
            return compute(labels: labels, slotWidth: slotWidth, fontSize: fontSize)
        }
        /// True where a label of this step belongs: a quarter or month on a boundary of the step
        /// within the year, a year divisible by the step.
        func aligned(_ code: PeriodCode?) -> Bool {
            switch code {
            case .quarter(_, let q)?: return (q - 1) % min(step, 4) == 0
            case .month(_, let m)?: return (m - 1) % min(step, 12) == 0
            case .year(let y)?: return y % step == 0
            default: return false
            }
        }
        let offset = parsed.prefix(step).firstIndex(where: aligned) ?? 0
        return CategoryLabelLayout(step: step, rotated: false, height: fontSize + 8, offset: offset)
    }
}

/// Axis drawing: ticks, tick labels and light grid lines.
enum Axis {
    /// A vertical value axis at the plot's left edge, with horizontal grid lines.
    static func left(ticks: NiceTicks, scale: Scale, plot: PlotArea, style: ValueStyle,
                     format: NumberFormatting) -> [SVGElement] {
        var elements: [SVGElement] = []
        for value in ticks.values {
            let y = scale(value)
            elements.append(Draw.line(plot.left, y, plot.right, y, stroke: Palette.grid))
            elements.append(Draw.text(style.tick(value, ticks: ticks, format), x: plot.left - 6, y: y + 4, anchor: "end"))
        }
        elements.append(Draw.line(plot.left, plot.top, plot.left, plot.bottom))
        return elements
    }

    /// A horizontal value axis at the plot's bottom, with vertical grid lines; labels that would
    /// collide are thinned to every second (or more) tick.
    static func bottom(ticks: NiceTicks, scale: Scale, plot: PlotArea, style: ValueStyle,
                       format: NumberFormatting) -> [SVGElement] {
        let labels = ticks.values.map { style.tick($0, ticks: ticks, format) }
        let spacing = ticks.values.count > 1 ? abs(scale(ticks.values[1]) - scale(ticks.values[0])) : plot.width
        let layout = CategoryLabelLayout.compute(labels: labels, slotWidth: spacing)
        let step = layout.rotated ? Int((Double(layout.step) * 2).rounded(.up)) : layout.step
        var elements: [SVGElement] = []
        for (index, value) in ticks.values.enumerated() {
            let x = scale(value)
            elements.append(Draw.line(x, plot.top, x, plot.bottom, stroke: Palette.grid))
            elements.append(Draw.line(x, plot.bottom, x, plot.bottom + 4))
            if index % max(1, step) == 0 {
                elements.append(Draw.text(labels[index], x: x, y: plot.bottom + 17, anchor: "middle"))
            }
        }
        elements.append(Draw.line(plot.left, plot.bottom, plot.right, plot.bottom))
        return elements
    }

    /// Category labels centred on `positions` below the plot, laid out by `layout`.
    static func categories(_ labels: [String], positions: [Double], plot: PlotArea,
                           layout: CategoryLabelLayout) -> [SVGElement] {
        var elements: [SVGElement] = [Draw.line(plot.left, plot.bottom, plot.right, plot.bottom)]
        for (index, label) in labels.enumerated() where index < positions.count {
            let x = positions[index]
            elements.append(Draw.line(x, plot.bottom, x, plot.bottom + 4))
            guard layout.shows(index) else { continue }
            if layout.rotated {
                elements.append(Draw.text(label, x: x, y: plot.bottom + 14, anchor: "end", rotate: -45))
            } else {
                elements.append(Draw.text(label, x: x, y: plot.bottom + 17, anchor: "middle"))
            }
        }
        return elements
    }

    /// The lines of a vertical axis title along a plot of this height.
    static func verticalTitleLines(_ text: String, plotHeight: Double) -> Int {
        Draw.lineCount(text, maxWidth: max(plotHeight, 40))
    }

    /// An axis title: centred below the plot (wrapped to its width, lines going down from
    /// `plot.bottom + offset`), or rotated along its left side (wrapped to its height, the last line
    /// at `plot.left − offset` and earlier lines further out: leave `verticalTitleLines − 1` line
    /// heights of margin for them).
    static func title(_ text: String, plot: PlotArea, vertical: Bool, offset: Double) -> [SVGElement] {
        if vertical {
            let lines = TextMetrics.lines(text, maxWidth: max(plot.height, 40), fontSize: Draw.fontSize)
            let y = (plot.top + plot.bottom) / 2
            return lines.enumerated().map { index, line in
                let x = plot.left - offset - Double(lines.count - 1 - index) * Draw.lineHeight(Draw.fontSize)
                return Draw.text(line, x: x, y: y, anchor: "middle", rotate: -90)
            }
        }
        return Draw.wrappedText(text, maxWidth: plot.width, x: (plot.left + plot.right) / 2, y: plot.bottom + offset,
                                anchor: "middle").elements
    }

    /// The height a horizontal axis title takes below its first baseline.
    static func titleHeight(_ text: String, width: Double) -> Double {
        Double(Draw.lineCount(text, maxWidth: width) - 1) * Draw.lineHeight(Draw.fontSize)
    }
}

/// One entry of a legend.
struct LegendItem: Sendable {
    enum Swatch: Sendable {
        case line(color: String, dash: String, marker: Marker?)
        case box(fill: String, stroke: String?)
        case marker(Marker, fill: String, stroke: String)
        case tick(color: String)
    }
    var label: String
    var swatch: Swatch
}

enum Legend {
    /// Lays the items out left to right from (x, y), wrapping within `maxWidth`; a label too long
    /// for one line is wrapped and its row grows.
    static func row(_ items: [LegendItem], x: Double, y: Double, maxWidth: Double) -> (elements: [SVGElement], height: Double) {
        var elements: [SVGElement] = []
        var cursorX = x, cursorY = y
        var rowHeight = 18.0
        let step = Draw.lineHeight(Draw.smallFontSize)
        for item in items {
            let lines = TextMetrics.lines(item.label, maxWidth: maxWidth - 40, fontSize: Draw.smallFontSize)
            let labelWidth = lines.map { TextMetrics.width($0, fontSize: Draw.smallFontSize) }.max() ?? 0
            let itemWidth = 28 + labelWidth + 16
            if cursorX > x, cursorX + itemWidth > x + maxWidth {
                cursorX = x
                cursorY += rowHeight
                rowHeight = 18
            }
            rowHeight = max(rowHeight, 18 + Double(lines.count - 1) * step)
            switch item.swatch {
            case .line(let color, let dash, let marker):
                elements.append(Draw.line(cursorX, cursorY, cursorX + 22, cursorY, stroke: color, width: 2, dash: dash))
                if let marker {
                    elements.append(marker.element(x: cursorX + 11, y: cursorY, size: 7, fill: color, stroke: color))
                }
            case .box(let fill, let stroke):
                var extra: [SVGAttribute] = []
                if let stroke { extra = [.init("stroke", stroke)] }
                elements.append(Draw.rect(x: cursorX + 4, y: cursorY - 6, width: 14, height: 12, fill: fill, extra: extra))
            case .marker(let marker, let fill, let stroke):
                elements.append(marker.element(x: cursorX + 11, y: cursorY, size: 8, fill: fill, stroke: stroke))
            case .tick(let color):
                elements.append(Draw.line(cursorX + 11, cursorY - 5, cursorX + 11, cursorY + 5, stroke: color, width: 1.5))
            }
            for (index, line) in lines.enumerated() {
                elements.append(Draw.text(line, x: cursorX + 28, y: cursorY + 4 + Double(index) * step, size: Draw.smallFontSize))
            }
            cursorX += itemWidth
        }
        return (elements, cursorY - y + rowHeight)
    }

    /// The height `row` will need, computed without drawing (to size the document first).
    static func height(_ items: [LegendItem], maxWidth: Double) -> Double {
        row(items, x: 0, y: 0, maxWidth: maxWidth).height
    }
}
