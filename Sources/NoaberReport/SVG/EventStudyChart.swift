import NoaberModel

/// The event study of a staggered difference-in-differences: for each period relative to the
/// ondersteuner's start, the estimated effect with its 95% interval — before the start (shaded)
/// the placebo effects that should hover around zero, from the start on the effect itself.
///
/// A point with a vertical interval per relative period, a horizontal line at zero, and a dashed
/// line where the ondersteuner starts; the periods before it lie on a grey band labelled "vóór de
/// start". A hidden (suppressed) estimate is drawn as a small hatched box on the zero line, never
/// as a point. Texts are `Draw.smallFontSize` or larger, so a chart `width` 620 wide prints at
/// 8 pt or more stacked over its table.
public struct EventStudyChart: SVGChart, Hashable {
    public struct Point: Sendable, Hashable {
        /// Periods from the start: 0 = the first treated period, −1 the last one before it.
        public var relativePeriod: Int
        public var value: Double?
        public var lower: Double?
        public var upper: Double?
        public var suppressed: Bool

        public init(relativePeriod: Int, value: Double?, lower: Double?, upper: Double?, suppressed: Bool = false) {
            self.relativePeriod = relativePeriod
            self.value = value
            self.lower = lower
            self.upper = upper
            self.suppressed = suppressed
        }
    }

    public var title: String
    public var subtitle: String?
    public var points: [Point]
    /// The axis title of the values (e.g. "verschil per 1.000 inwoners per kwartaal").
    public var valueTitle: String
    /// The axis title of the relative periods (e.g. "kwartalen vanaf de start").
    public var periodTitle: String
    public var width: Double
    public var identifier: String

    public init(title: String, subtitle: String? = nil, points: [Point], valueTitle: String, periodTitle: String,
                width: Double = 620, identifier: String = "event-study") {
        self.title = title
        self.subtitle = subtitle
        self.points = points.sorted { $0.relativePeriod < $1.relativePeriod }
        self.valueTitle = valueTitle
        self.periodTitle = periodTitle
        self.width = width
        self.identifier = identifier
    }

    public func textAlternative(language: Language) -> String {
        let f = NumberFormatting(language: language)
        let shown = points.map { p -> String in
            let k = (p.relativePeriod > 0 ? "+" : "") + String(p.relativePeriod)
            if p.suppressed { return "\(k): " + language.pick("verborgen (kleine aantallen)", "hidden (small counts)") }
            guard let v = p.value else { return "\(k): –" }
            if let lo = p.lower, let hi = p.upper {
                return "\(k): " + f.interval(v, lower: lo, upper: hi, fractionDigits: 1)
            }
            return "\(k): " + f.decimal(v, fractionDigits: 1)
        }
        return language.pick("Event study, \(valueTitle), per periode ten opzichte van de start (0 = eerste periode met ondersteuner; negatief = ervóór, die horen rond nul te liggen): ",
                             "Event study, \(valueTitle), per period relative to the start (0 = first period with the support worker; negative = before it, which should lie around zero): ")
            + shown.joined(separator: "; ") + "."
    }

    public func svg(language: Language) -> String {
        let format = NumberFormatting(language: language)
        let id = SVGDocument.sanitizedIdentifier(identifier)
        let hatch = id + "-hatch"
        let heading = Draw.heading(title: title, subtitle: subtitle, width: width)
        let ks = points.map(\.relativePeriod)
        let first = ks.min() ?? -1, last = ks.max() ?? 0
        let values = points.flatMap { [$0.value, $0.lower, $0.upper].compactMap { $0 } }.filter(\.isFinite) + [0]
        let ticks = Scale.niceTicks(min: values.min() ?? -1, max: values.max() ?? 1, count: 6)
        let tickLabels = ticks.values.map { ValueStyle.number(fractionDigits: 1).tick($0, ticks: ticks, format) }
        let labelWidth = tickLabels.map { TextMetrics.width($0, fontSize: Draw.fontSize) }.max() ?? 20
        var plot = PlotArea(left: 12 + Draw.fontSize + 8 + labelWidth + 8, top: heading.height + 24, right: width - 16, bottom: 0)
        plot.bottom = plot.top + 240
        let y = Scale(domain: ticks.domain, range: (plot.bottom, plot.top))
        let slot = plot.width / Double(max(1, last - first + 1))
        func x(_ k: Int) -> Double { plot.left + (Double(k - first) + 0.5) * slot }

        var content: [SVGElement] = heading.elements
        content.append(Draw.hatchDefinition(id: hatch))
        // The periods before the start, shaded, with their label.
        if first < 0 {
            let right = min(plot.right, x(-1) + slot / 2)
            content.append(Draw.rect(x: plot.left, y: plot.top, width: right - plot.left, height: plot.height, fill: "#F0F0F0"))
            content.append(Draw.text(language.pick("vóór de start", "before the start"), x: plot.left + 4, y: plot.top - 6,
                                     size: Draw.smallFontSize))
        }
        content += Axis.left(ticks: ticks, scale: y, plot: plot, style: .number(fractionDigits: 1), format: format)
        // The zero line and the start.
        content.append(Draw.line(plot.left, y(0), plot.right, y(0), stroke: Palette.black, width: 1))
        if first <= 0 && last >= 0 {
            let start = x(0) - slot / 2
            content.append(Draw.line(start, plot.top - 2, start, plot.bottom, stroke: Palette.black, width: 1.5, dash: "4 3"))
            content.append(Draw.text(language.pick("start", "start"), x: start + 4, y: plot.top + 12, size: Draw.smallFontSize,
                                     fill: Palette.black))
        }
        // Relative-period labels: every period when they fit, else every 2nd, 4th, … with 0 always.
        let labelStep = [1, 2, 4, 5, 10, 20].first { step in
            slot * Double(step) >= TextMetrics.width("-00", fontSize: Draw.smallFontSize) + 6
        } ?? 20
        content.append(Draw.line(plot.left, plot.bottom, plot.right, plot.bottom))
        for k in first...last where k % labelStep == 0 {
            content.append(Draw.line(x(k), plot.bottom, x(k), plot.bottom + 4))
            content.append(Draw.text(String(k), x: x(k), y: plot.bottom + 16, anchor: "middle", size: Draw.smallFontSize))
        }
        content.append(Draw.text(periodTitle, x: (plot.left + plot.right) / 2, y: plot.bottom + 34, anchor: "middle"))
        let axisX = 12 + Draw.fontSize, axisY = (plot.top + plot.bottom) / 2
        content.append(Draw.text(valueTitle, x: axisX, y: axisY, anchor: "middle", rotate: -90))
        // The estimates.
        for p in points {
            let cx = x(p.relativePeriod)
            let color = p.relativePeriod < 0 ? Palette.axis : Palette.blue
            let k = (p.relativePeriod > 0 ? "+" : "") + String(p.relativePeriod)
            if p.suppressed {
                content.append(Draw.suppressedBox(x: cx - 4, y: y(0) - 4, width: 8, height: 8, hatchID: hatch))
                continue
            }
            guard let v = p.value, v.isFinite else { continue }
            var marks: [SVGElement] = []
            var tip = "\(k): " + format.decimal(v, fractionDigits: 1)
            if let lo = p.lower, let hi = p.upper, lo.isFinite, hi.isFinite {
                marks.append(Draw.line(cx, y.clamped(lo), cx, y.clamped(hi), stroke: color, width: 1.5))
                let cap = min(4, slot / 3)
                marks.append(Draw.line(cx - cap, y.clamped(lo), cx + cap, y.clamped(lo), stroke: color, width: 1.5))
                marks.append(Draw.line(cx - cap, y.clamped(hi), cx + cap, y.clamped(hi), stroke: color, width: 1.5))
                tip += " (" + format.decimal(lo, fractionDigits: 1) + " – " + format.decimal(hi, fractionDigits: 1) + ")"
            }
            let r = min(3.5, max(2, slot / 4))
            marks.append(SVGElement("circle", [.init("cx", cx), .init("cy", y(v)), .init("r", r),
                                               .init("fill", p.relativePeriod < 0 ? "#FFFFFF" : color), .init("stroke", color),
                                               .init("stroke-width", 1.5)]))
            content.append(.group([], [SVGElement("title", text: tip)] + marks))
        }
        let legendItems = [
            LegendItem(label: language.pick("effect met 95%-BI", "effect with 95% CI"),
                       swatch: .marker(.circle, fill: Palette.blue, stroke: Palette.blue)),
            LegendItem(label: language.pick("vóór de start (hoort rond 0 te liggen)", "before the start (should lie around 0)"),
                       swatch: .marker(.circle, fill: "#FFFFFF", stroke: Palette.axis)),
        ]
        let legend = Legend.row(legendItems, x: 12, y: plot.bottom + 56, maxWidth: width - 24)
        content += legend.elements
        let height = plot.bottom + 56 + legend.height
        return SVGDocument.render(width: width, height: height, identifier: id, title: title,
                                  description: textAlternative(language: language), content: content)
    }
}
