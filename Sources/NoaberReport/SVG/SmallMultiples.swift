import NoaberModel

/// Small multiples: one small panel per village on shared axes, instead of every village's curve
/// and band on top of each other in one crowded panel (Tufte; six Kaplan–Meier bands in one plot
/// read as one grey smear). Every panel draws the pooled curve of all villages thinly in grey
/// behind its own, so each village is read against the same reference; the reader's own village
/// (`highlighted`) gets a heavy frame and a bold name.
///
/// The grid: up to three panels a row (two below 480 units), the value axis labelled on the left
/// of each row, the time axis under every panel; the value axis' title once, level above the grid.
struct PanelGrid {
    struct Frame {
        var plot: PlotArea
        /// Baseline of the panel's name.
        var labelY: Double
        var labelLines: [String]
        var column: Int
        var row: Int
    }

    var frames: [Frame]
    /// Bottom of the last row, below its tick labels.
    var bottom: Double

    /// Frames for `labels` (one panel each) between `left` and `right`, starting at `top`; each
    /// plot `plotHeight` high, with `belowPlot` units for tick labels under it.
    static func layout(labels: [String], left: Double, right: Double, top: Double, plotHeight: Double,
                       belowPlot: Double, gap: Double = 16) -> PanelGrid {
        let columns = max(1, min(labels.count, right - left < 480 ? 2 : 3))
        let panelWidth = (right - left - gap * Double(columns - 1)) / Double(columns)
        let lineStep = Draw.lineHeight(Draw.fontSize)
        var frames: [Frame] = []
        var rowTop = top
        var index = 0
        var row = 0
        while index < labels.count {
            let rowLabels = labels[index..<min(index + columns, labels.count)]
            let lines = rowLabels.map { TextMetrics.lines($0, maxWidth: panelWidth, fontSize: Draw.fontSize) }
            let labelHeight = Double(lines.map(\.count).max() ?? 1) * lineStep
            for (column, labelLines) in lines.enumerated() {
                let x = left + Double(column) * (panelWidth + gap)
                let plotTop = rowTop + labelHeight + 4
                frames.append(Frame(plot: PlotArea(left: x, top: plotTop, right: x + panelWidth, bottom: plotTop + plotHeight),
                                    labelY: rowTop + lineStep - 3, labelLines: labelLines, column: column, row: row))
            }
            rowTop += labelHeight + 4 + plotHeight + belowPlot
            index += columns
            row += 1
        }
        return PanelGrid(frames: frames, bottom: rowTop)
    }

    /// The panel's name (bold when highlighted) and, when highlighted, a heavy frame around it.
    static func decorations(_ frame: Frame, highlighted: Bool, ownWord: String) -> [SVGElement] {
        var elements: [SVGElement] = []
        for (n, line) in frame.labelLines.enumerated() {
            elements.append(Draw.text(line, x: frame.plot.left, y: frame.labelY + Double(n) * Draw.lineHeight(Draw.fontSize),
                                      fill: Palette.black, weight: highlighted ? "bold" : nil))
        }
        if highlighted {
            elements.append(Draw.rect(x: frame.plot.left - 3, y: frame.plot.top - 3, width: frame.plot.width + 6,
                                      height: frame.plot.height + 6, fill: "none",
                                      extra: [.init("stroke", Palette.black), .init("stroke-width", 2.5)]))
            elements.append(Draw.text(ownWord, x: frame.plot.right - 4, y: frame.plot.top + 14, anchor: "end",
                                      size: Draw.smallFontSize, fill: Palette.black, weight: "bold"))
        }
        return elements
    }

    /// A panel without a curve: the reason, centred.
    static func note(_ text: String, in plot: PlotArea) -> [SVGElement] {
        let lines = TextMetrics.lines(text, maxWidth: plot.width - 12, fontSize: Draw.smallFontSize)
        let step = Draw.lineHeight(Draw.smallFontSize)
        let first = (plot.top + plot.bottom) / 2 - Double(lines.count - 1) * step / 2 + 4
        return [Draw.rect(x: plot.left, y: plot.top, width: plot.width, height: plot.height, fill: "#F4F4F4")]
            + lines.enumerated().map { n, line in
                Draw.text(line, x: (plot.left + plot.right) / 2, y: first + Double(n) * step, anchor: "middle",
                          size: Draw.smallFontSize)
            }
    }
}

/// Kaplan–Meier curves per village as small multiples (`PanelGrid`): the share still waiting
/// against days, one panel per village, the pooled curve in grey in each.
public struct KaplanMeierPanels: SVGChart, Hashable {
    public struct Panel: Sendable, Hashable {
        public var label: String
        /// nil: no curve (too few cases); `note` says why.
        public var curve: KaplanMeierChart.Curve?
        public var note: String?
        public var highlighted: Bool

        public init(label: String, curve: KaplanMeierChart.Curve?, note: String? = nil, highlighted: Bool = false) {
            self.label = label
            self.curve = curve
            self.note = note
            self.highlighted = highlighted
        }
    }

    public var title: String
    public var subtitle: String?
    public var panels: [Panel]
    /// Drawn thinly in grey in every panel (all villages together).
    public var reference: KaplanMeierChart.Curve?
    public var shareTitle: String
    public var timeTitle: String
    public var maximumTime: Double?
    public var width: Double
    public var identifier: String
    /// Words for readers without statistics: no "Kaplan–Meier" in the text alternative (see
    /// `KaplanMeierChart.plainWords`).
    public var plainWords = false

    public init(title: String, subtitle: String? = nil, panels: [Panel], reference: KaplanMeierChart.Curve? = nil,
                shareTitle: String, timeTitle: String, maximumTime: Double? = nil, width: Double = 620,
                identifier: String = "kaplan-meier-panels") {
        self.title = title
        self.subtitle = subtitle
        self.panels = panels
        self.reference = reference
        self.shareTitle = shareTitle
        self.timeTitle = timeTitle
        self.maximumTime = maximumTime
        self.width = width
        self.identifier = identifier
    }

    public func textAlternative(language: Language) -> String {
        let format = NumberFormatting(language: language)
        func describe(_ curve: KaplanMeierChart.Curve) -> String {
            curve.median.map { language.pick("mediaan \(format.decimal($0)) dagen", "median \(format.decimal($0)) days") }
                ?? language.pick("mediaan niet bereikt", "median not reached")
        }
        var items = panels.map { panel in
            "\(panel.label)" + (panel.highlighted ? language.pick(" (eigen dorp)", " (own village)") : "") + ": "
                + (panel.curve.map(describe) ?? panel.note ?? format.notAvailable)
        }
        if let reference { items.append("\(reference.label): " + describe(reference)) }
        let head = plainWords
            ? language.pick("Curven per dorp, elk in een eigen paneel met dezelfde assen: aandeel hulpvragen dat nog wacht tegen dagen. ",
                            "Curves per village, each in its own panel on the same axes: share of requests still waiting against days. ")
            : language.pick("Kaplan–Meier-curven per dorp, elk in een eigen paneel met dezelfde assen: aandeel nog niet bereikt tegen dagen. ",
                            "Kaplan–Meier curves per village, each in its own panel on the same axes: share not yet reached against days. ")
        return head
            + items.joined(separator: "; ") + "."
    }

    public func svg(language: Language) -> String {
        let format = NumberFormatting(language: language)
        let id = SVGDocument.sanitizedIdentifier(identifier)
        let heading = Draw.heading(title: title, subtitle: subtitle, width: width)
        let all = panels.compactMap(\.curve) + (reference.map { [$0] } ?? [])
        let lastTime = all.flatMap { $0.steps.map(\.time) + $0.censorTimes }.filter(\.isFinite).max() ?? 1
        let xTicks = Scale.niceTicks(min: 0, max: maximumTime ?? lastTime, count: 4)
        let yTicks = Scale.niceTicks(min: 0, max: 1, count: 3)
        let style = ValueStyle.percent(fractionDigits: 0)
        let yLabelWidth = TextMetrics.width("100%", fontSize: Draw.fontSize)
        let left = 12 + yLabelWidth + 8
        // The value axis' title goes above the grid, level: along a 110-unit axis it would break.
        let valueLabel = Draw.wrappedText(shareTitle, maxWidth: width - 24, x: 12, y: heading.height + 12, size: Draw.smallFontSize)
        let grid = PanelGrid.layout(labels: panels.map(\.label), left: left, right: width - 12,
                                    top: heading.height + valueLabel.height + 8, plotHeight: 110, belowPlot: 28)
        var legendItems = [LegendItem(label: language.pick("dit dorp, met 95%-band", "this village, with 95% band"),
                                      swatch: .line(color: Palette.blue, dash: "", marker: nil))]
        if let reference {
            legendItems.append(LegendItem(label: reference.label, swatch: .line(color: Palette.reference, dash: "", marker: nil)))
        }
        let xTitleTop = grid.bottom + 4
        let legendTop = xTitleTop + Axis.titleHeight(timeTitle, width: width - left - 12) + 22
        let legend = Legend.row(legendItems, x: 12, y: legendTop, maxWidth: width - 24)
        let height = legendTop + legend.height

        var content = heading.elements + valueLabel.elements
        let end = xTicks.domain.upperBound
        for (panel, frame) in zip(panels, grid.frames) {
            let plot = frame.plot
            let x = Scale(domain: xTicks.domain, range: (plot.left, plot.right))
            let y = Scale(domain: 0...1, range: (plot.bottom, plot.top))
            var marks: [SVGElement] = [SVGElement("title", text: panel.label)]
            marks += PanelGrid.decorations(frame, highlighted: panel.highlighted, ownWord: language.pick("eigen dorp", "own village"))
            for value in yTicks.values {
                marks.append(Draw.line(plot.left, y(value), plot.right, y(value), stroke: Palette.grid))
                if frame.column == 0 {
                    marks.append(Draw.text(style.tick(value, ticks: yTicks, format), x: plot.left - 6, y: y(value) + 4, anchor: "end"))
                }
            }
            for value in xTicks.values {
                marks.append(Draw.line(x(value), plot.bottom, x(value), plot.bottom + 4))
                marks.append(Draw.text(format.decimal(value, fractionDigits: xTicks.fractionDigits), x: x(value), y: plot.bottom + 16,
                                       anchor: "middle", size: Draw.smallFontSize))
            }
            marks.append(Draw.line(plot.left, plot.top, plot.left, plot.bottom))
            marks.append(Draw.line(plot.left, plot.bottom, plot.right, plot.bottom))
            marks.append(Draw.line(plot.left, y(0.5), plot.right, y(0.5), stroke: Palette.secondary, dash: "4 3"))
            if let reference {
                marks += KaplanMeierChart.marks(reference, x: x, y: y, end: end, color: Palette.reference, dash: "",
                                                censorTicks: false, bandOpacity: 0, lineWidth: 1.5)
            }
            if let curve = panel.curve {
                marks += KaplanMeierChart.marks(curve, x: x, y: y, end: end, color: Palette.blue, dash: "", censorTicks: false)
            } else {
                marks += PanelGrid.note(panel.note ?? format.notAvailable, in: plot)
            }
            content.append(.group([], marks))
        }
        if !grid.frames.isEmpty {
            content += Draw.wrappedText(timeTitle, maxWidth: width - left - 12, x: (left + width - 12) / 2, y: xTitleTop + 12,
                                        anchor: "middle").elements
        }
        content += legend.elements
        return SVGDocument.render(width: width, height: height, identifier: id, title: title,
                                  description: textAlternative(language: language), content: content)
    }
}

/// A metric over periods per village as small multiples (`PanelGrid`): one panel per village on
/// the same value axis, the pooled series in grey in each. A gap (no figure or suppressed) breaks
/// the line; nothing is drawn across it.
public struct TrendPanels: SVGChart, Hashable {
    public struct Panel: Sendable, Hashable {
        public var label: String
        /// One entry per period; nil where there is no figure (missing or suppressed).
        public var values: [TrendChart.Value?]
        public var highlighted: Bool

        public init(label: String, values: [TrendChart.Value?], highlighted: Bool = false) {
            self.label = label
            self.values = values
            self.highlighted = highlighted
        }
    }

    public var title: String
    public var subtitle: String?
    public var periods: [String]
    public var panels: [Panel]
    public var reference: TrendChart.Series?
    public var valueTitle: String
    public var style: ValueStyle
    public var includesZero: Bool
    public var width: Double
    public var identifier: String

    public init(title: String, subtitle: String? = nil, periods: [String], panels: [Panel], reference: TrendChart.Series? = nil,
                valueTitle: String, style: ValueStyle = .number(fractionDigits: 1), includesZero: Bool = true,
                width: Double = 620, identifier: String = "trend-panels") {
        self.title = title
        self.subtitle = subtitle
        self.periods = periods
        self.panels = panels
        self.reference = reference
        self.valueTitle = valueTitle
        self.style = style
        self.includesZero = includesZero
        self.width = width
        self.identifier = identifier
    }

    public func textAlternative(language: Language) -> String {
        let format = NumberFormatting(language: language)
        let dates = DateFormatting(language: language)
        func describe(_ values: [TrendChart.Value?]) -> String {
            periods.enumerated().map { index, period in
                let value = index < values.count ? values[index] : nil
                return "\(dates.shortPeriodLabel(period)) " + (value.map { style.label($0.estimate, format) } ?? format.notAvailable)
            }.joined(separator: ", ")
        }
        var items = panels.map {
            $0.label + ($0.highlighted ? language.pick(" (eigen dorp)", " (own village)") : "") + ": " + describe($0.values)
        }
        if let reference { items.append("\(reference.label): " + describe(reference.values)) }
        return language.pick("Lijndiagrammen per dorp, elk in een eigen paneel met dezelfde assen, \(valueTitle). ",
                             "Line charts per village, each in its own panel on the same axes, \(valueTitle). ")
            + items.joined(separator: "; ") + "."
    }

    public func svg(language: Language) -> String {
        let format = NumberFormatting(language: language)
        let dates = DateFormatting(language: language)
        let id = SVGDocument.sanitizedIdentifier(identifier)
        let heading = Draw.heading(title: title, subtitle: subtitle, width: width)
        let everything = panels.map(\.values) + (reference.map { [$0.values] } ?? [])
        var values = everything.flatMap { $0.compactMap { $0 }.flatMap { [$0.estimate, $0.lower, $0.upper].compactMap { $0 } } }
            .filter(\.isFinite)
        if includesZero { values.append(0) }
        let yTicks = Scale.niceTicks(min: values.min() ?? 0, max: values.max() ?? 1, count: 4)
        let yLabelWidth = yTicks.values.map { TextMetrics.width(style.tick($0, ticks: yTicks, format), fontSize: Draw.fontSize) }.max() ?? 0
        let left = 12 + yLabelWidth + 8
        let valueLabel = Draw.wrappedText(valueTitle, maxWidth: width - 24, x: 12, y: heading.height + 12, size: Draw.smallFontSize)
        let labels = periods.map(dates.shortPeriodLabel)
        let probe = PanelGrid.layout(labels: panels.map(\.label), left: left, right: width - 12, top: 0, plotHeight: 100, belowPlot: 0)
        let panelWidth = probe.frames.first?.plot.width ?? (width - left)
        let slot = panelWidth / Double(max(1, periods.count))
        let layout = CategoryLabelLayout.periods(periods, labels: labels, slotWidth: slot, fontSize: Draw.smallFontSize)
        let grid = PanelGrid.layout(labels: panels.map(\.label), left: left, right: width - 12,
                                    top: heading.height + valueLabel.height + 8, plotHeight: 100, belowPlot: layout.height + 6)
        var legendItems = [LegendItem(label: language.pick("dit dorp, met 95%-BI", "this village, with 95% CI"),
                                      swatch: .line(color: Palette.blue, dash: "", marker: .circle))]
        if let reference {
            legendItems.append(LegendItem(label: reference.label, swatch: .line(color: Palette.reference, dash: "", marker: nil)))
        }
        let legend = Legend.row(legendItems, x: 12, y: grid.bottom + 12, maxWidth: width - 24)
        let height = grid.bottom + 12 + legend.height

        var content = heading.elements + valueLabel.elements
        for (panel, frame) in zip(panels, grid.frames) {
            let plot = frame.plot
            let y = Scale(domain: yTicks.domain, range: (plot.bottom, plot.top))
            let positions = periods.indices.map { plot.left + slot * (Double($0) + 0.5) }
            var marks: [SVGElement] = [SVGElement("title", text: panel.label)]
            marks += PanelGrid.decorations(frame, highlighted: panel.highlighted, ownWord: language.pick("eigen dorp", "own village"))
            for value in yTicks.values {
                marks.append(Draw.line(plot.left, y(value), plot.right, y(value), stroke: Palette.grid))
                if frame.column == 0 {
                    marks.append(Draw.text(style.tick(value, ticks: yTicks, format), x: plot.left - 6, y: y(value) + 4, anchor: "end"))
                }
            }
            marks.append(Draw.line(plot.left, plot.top, plot.left, plot.bottom))
            for (index, label) in labels.enumerated() {
                marks.append(Draw.line(positions[index], plot.bottom, positions[index], plot.bottom + 3))
                guard layout.shows(index) else { continue }
                if layout.rotated {
                    marks.append(Draw.text(label, x: positions[index], y: plot.bottom + 13, anchor: "end", size: Draw.smallFontSize, rotate: -45))
                } else {
                    marks.append(Draw.text(label, x: positions[index], y: plot.bottom + 15, anchor: "middle", size: Draw.smallFontSize))
                }
            }
            marks.append(Draw.line(plot.left, plot.bottom, plot.right, plot.bottom))
            if let reference {
                marks += TrendChart.marks(reference.values.map { $0.map { TrendChart.Value($0.estimate) } }, positions: positions, y: y,
                                          color: Palette.reference, dash: "", marker: .circle, markerSize: 3, lineWidth: 1.5)
            }
            marks += TrendChart.marks(panel.values, positions: positions, y: y, color: Palette.blue, dash: "", marker: .circle,
                                      markerSize: 6)
            content.append(.group([], marks))
        }
        content += legend.elements
        return SVGDocument.render(width: width, height: height, identifier: id, title: title,
                                  description: textAlternative(language: language), content: content)
    }
}
