import NoaberModel

/// A histogram of counts over numeric bins (hours per volunteer, days to first contact).
///
/// A suppressed bin (count hidden by disclosure control) is a hatched stub labelled "<k",
/// never an empty bin; a count label sits above each bar when the bar is wide enough for it.
public struct Histogram: SVGChart, Hashable {
    public struct Bin: Sendable, Hashable {
        public var lower: Double
        public var upper: Double
        /// nil means suppressed.
        public var count: Int?

        public init(lower: Double, upper: Double, count: Int?) {
            self.lower = lower
            self.upper = upper
            self.count = count
        }
    }

    public var title: String
    public var subtitle: String?
    public var bins: [Bin]
    public var valueTitle: String
    public var countTitle: String?
    public var minimumCell: Int
    public var width: Double
    public var height: Double
    public var identifier: String

    public init(title: String, subtitle: String? = nil, bins: [Bin], valueTitle: String, countTitle: String? = nil,
                minimumCell: Int = 5, width: Double = 640, height: Double = 360, identifier: String = "histogram") {
        self.title = title
        self.subtitle = subtitle
        self.bins = bins.sorted { $0.lower < $1.lower }
        self.valueTitle = valueTitle
        self.countTitle = countTitle
        self.minimumCell = minimumCell
        self.width = width
        self.height = height
        self.identifier = identifier
    }

    public func textAlternative(language: Language) -> String {
        let format = NumberFormatting(language: language)
        let items = bins.map {
            "\(format.decimal($0.lower, fractionDigits: 1))–\(format.decimal($0.upper, fractionDigits: 1)): "
                + ($0.count.map(format.integer) ?? format.suppressed(minimumCell: minimumCell))
        }
        return language.pick("Histogram, \(valueTitle). ", "Histogram, \(valueTitle). ") + items.joined(separator: "; ") + "."
    }

    public func svg(language: Language) -> String {
        let format = NumberFormatting(language: language)
        let id = SVGDocument.sanitizedIdentifier(identifier)
        let hatchID = "\(id)-hatch"
        let heading = Draw.heading(title: title, subtitle: subtitle, width: width)
        let maxCount = bins.compactMap(\.count).max() ?? 0
        let yTicks = Scale.niceTicks(min: 0, max: Double(max(maxCount, minimumCell)), count: 5)
        let edges = bins.flatMap { [$0.lower, $0.upper] }.filter(\.isFinite)
        let xTicks = Scale.niceTicks(min: edges.min() ?? 0, max: edges.max() ?? 1, count: 6)
        let yLabelWidth = yTicks.values.map { TextMetrics.width(format.decimal($0, fractionDigits: yTicks.fractionDigits), fontSize: Draw.fontSize) }.max() ?? 0
        let hasSuppressed = bins.contains { $0.count == nil }
        let legendItems = hasSuppressed ? [LegendItem(label: language.pick("\(format.suppressed(minimumCell: minimumCell)): te klein om te tonen",
                                                                          "\(format.suppressed(minimumCell: minimumCell)): too small to show"),
                                                      swatch: .box(fill: "url(#\(hatchID))", stroke: "#666666"))] : []
        let legendHeight = hasSuppressed ? Legend.height(legendItems, maxWidth: width - 24) : 0
        let plot = PlotArea(left: 12 + 18 + yLabelWidth + 8, top: heading.height + 16, right: width - 20,
                            bottom: height - legendHeight - 52)
        let x = Scale(domain: xTicks.domain, range: (plot.left, plot.right))
        let y = Scale(domain: yTicks.domain, range: (plot.bottom, plot.top))

        var content = [Draw.hatchDefinition(id: hatchID)] + heading.elements
        content += Axis.left(ticks: yTicks, scale: y, plot: plot, style: .number(fractionDigits: 0), format: format)
        content += Axis.bottom(ticks: xTicks, scale: x, plot: plot, style: .number(fractionDigits: 0), format: format)
        content += Axis.title(countTitle ?? language.pick("aantal", "count"), plot: plot, vertical: true, offset: yLabelWidth + 16)
        content += Axis.title(valueTitle, plot: plot, vertical: false, offset: 36)
        for bin in bins where bin.lower.isFinite && bin.upper.isFinite {
            let left = x(bin.lower) + 1, right = x(bin.upper) - 1
            let centre = (left + right) / 2
            guard let count = bin.count else {
                let text = format.suppressed(minimumCell: minimumCell)
                content.append(.group([], [
                    SVGElement("title", text: "\(format.decimal(bin.lower, fractionDigits: 1))–\(format.decimal(bin.upper, fractionDigits: 1)): \(text)"),
                    Draw.suppressedBox(x: left, y: plot.bottom - 14, width: right - left, height: 14, hatchID: hatchID),
                    Draw.text(text, x: centre, y: plot.bottom - 18, anchor: "middle", size: Draw.smallFontSize),
                ]))
                continue
            }
            let top = y(Double(count))
            var marks = [SVGElement("title", text: "\(format.decimal(bin.lower, fractionDigits: 1))–\(format.decimal(bin.upper, fractionDigits: 1)): \(format.integer(count))"),
                         Draw.rect(x: left, y: top, width: right - left, height: plot.bottom - top, fill: Palette.blue)]
            let label = format.integer(count)
            if TextMetrics.width(label, fontSize: Draw.smallFontSize) <= right - left + 2 {
                marks.append(Draw.text(label, x: centre, y: top - 4, anchor: "middle", size: Draw.smallFontSize))
            }
            content.append(.group([], marks))
        }
        if hasSuppressed {
            content += Legend.row(legendItems, x: 12, y: plot.bottom + 56, maxWidth: width - 24).elements
        }
        return SVGDocument.render(width: width, height: height, identifier: id, title: title,
                                  description: textAlternative(language: language), content: content)
    }
}
