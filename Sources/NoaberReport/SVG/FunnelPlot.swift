import NoaberModel

/// A funnel plot: each unit's rate against its denominator, with the pooled rate and control
/// limits, so villages are compared without ranking noise.
///
/// The limits are computed by the caller (exact, or widened for overdispersion: `widened` says
/// which, for the legend) and passed as curves of (n, lower, upper); the chart interpolates them
/// linearly to classify points. Points beyond the 99.8% limits get a triangle (pointing up or
/// down); points between the 95% and 99.8% limits a hollow circle; the rest a filled circle; a
/// highlighted point (the reader's own village) a larger diamond with a black outline. Curves are
/// clipped to the plot, since limits at very small n run off any sensible axis.
///
/// Names: every point is named when there are at most `nameAllBelow` points (a lerend-netwerk
/// session where each coordinator looks for her village); above that the points outside the 95%
/// limits, or when those are more than `nameAllBelow`, the ones outside the 99.8% limits; and
/// always the highlighted ones. A name goes beside its point where it overlaps nothing, else
/// further out with a thin leader line.
public struct FunnelPlot: SVGChart, Hashable {
    public struct Point: Sendable, Hashable {
        public var label: String
        /// The denominator (inhabitants, cases): the x position.
        public var denominator: Double
        public var rate: Double
        /// The reader's own village (`--highlight`): a distinct marker, always named.
        public var highlighted: Bool

        public init(label: String, denominator: Double, rate: Double, highlighted: Bool = false) {
            self.label = label
            self.denominator = denominator
            self.rate = rate
            self.highlighted = highlighted
        }
    }

    /// Control limits at one denominator.
    public struct Limit: Sendable, Hashable {
        public var denominator: Double
        public var lower: Double
        public var upper: Double

        public init(denominator: Double, lower: Double, upper: Double) {
            self.denominator = denominator
            self.lower = lower
            self.upper = upper
        }
    }

    /// Where a point falls relative to the limits.
    public enum Position: Sendable, Hashable {
        case within95, between95And998, above998, below998
    }

    public var title: String
    public var subtitle: String?
    public var points: [Point]
    public var pooledRate: Double
    public var limits95: [Limit]
    public var limits998: [Limit]
    public var denominatorTitle: String
    public var rateTitle: String
    public var style: ValueStyle
    /// True when the limits are widened for overdispersion (the legend says so).
    public var widened: Bool
    public var width: Double
    public var height: Double
    public var identifier: String

    /// Up to this many points, every point is named.
    public static let nameAllBelow = 12

    public init(title: String, subtitle: String? = nil, points: [Point], pooledRate: Double, limits95: [Limit],
                limits998: [Limit], denominatorTitle: String, rateTitle: String,
                style: ValueStyle = .number(fractionDigits: 1), widened: Bool = false, width: Double = 640, height: Double = 440,
                identifier: String = "funnel") {
        self.title = title
        self.subtitle = subtitle
        self.points = points
        self.pooledRate = pooledRate
        self.limits95 = limits95.sorted { $0.denominator < $1.denominator }
        self.limits998 = limits998.sorted { $0.denominator < $1.denominator }
        self.denominatorTitle = denominatorTitle
        self.rateTitle = rateTitle
        self.style = style
        self.widened = widened
        self.width = width
        self.height = height
        self.identifier = identifier
    }

    /// The limits at `n`, interpolated linearly between the given curve points (held constant
    /// beyond the ends); nil for an empty curve.
    static func interpolate(_ limits: [Limit], at n: Double) -> (lower: Double, upper: Double)? {
        guard let first = limits.first, let last = limits.last else { return nil }
        if n <= first.denominator { return (first.lower, first.upper) }
        if n >= last.denominator { return (last.lower, last.upper) }
        for (a, b) in zip(limits, limits.dropFirst()) where n >= a.denominator && n <= b.denominator {
            let span = b.denominator - a.denominator
            let t = span > 0 ? (n - a.denominator) / span : 0
            return (a.lower + t * (b.lower - a.lower), a.upper + t * (b.upper - a.upper))
        }
        return (last.lower, last.upper)
    }

    /// Classifies a point against the limits.
    public func position(of point: Point) -> Position {
        if let outer = Self.interpolate(limits998, at: point.denominator) {
            if point.rate > outer.upper { return .above998 }
            if point.rate < outer.lower { return .below998 }
        }
        if let inner = Self.interpolate(limits95, at: point.denominator),
           point.rate > inner.upper || point.rate < inner.lower {
            return .between95And998
        }
        return .within95
    }

    public func textAlternative(language: Language) -> String {
        let format = NumberFormatting(language: language)
        let outside = points.filter { [.above998, .below998].contains(position(of: $0)) }.map(\.label)
        var text = language.pick("Trechterdiagram", "Funnel plot") + ", \(rateTitle) " + language.pick("tegen", "against")
            + " \(denominatorTitle). " + language.pick("Gemiddelde van alle", "Pooled rate of all") + ": \(style.label(pooledRate, format)). "
        if widened {
            text += language.pick("Grenzen verbreed voor spreiding tussen de dorpen. ", "Limits widened for the spread between villages. ")
        }
        let own = points.filter(\.highlighted).map(\.label)
        if !own.isEmpty { text += language.pick("Gemarkeerd: ", "Highlighted: ") + own.joined(separator: ", ") + ". " }
        text += outside.isEmpty
            ? language.pick("Geen punten buiten de 99,8%-grenzen. ", "No points outside the 99.8% limits. ")
            : language.pick("Buiten de 99,8%-grenzen: ", "Outside the 99.8% limits: ") + outside.joined(separator: ", ") + ". "
        text += points.map { "\($0.label): \(style.label($0.rate, format)) (n = \(format.decimal($0.denominator)))" }
            .joined(separator: "; ") + "."
        return text
    }

    public func svg(language: Language) -> String {
        let format = NumberFormatting(language: language)
        let id = SVGDocument.sanitizedIdentifier(identifier)
        let heading = Draw.heading(title: title, subtitle: subtitle, width: width)
        let finite = points.filter { $0.rate.isFinite && $0.denominator.isFinite }
        let smallestN = finite.map(\.denominator).min() ?? 0
        var yValues = finite.map(\.rate) + [pooledRate]
        for limit in limits95 + limits998 where limit.denominator >= smallestN {
            yValues += [limit.lower, limit.upper]
        }
        yValues = yValues.filter(\.isFinite)
        let yTicks = Scale.niceTicks(min: yValues.min() ?? 0, max: yValues.max() ?? 1, count: 6)
        let xTicks = Scale.niceTicks(min: 0, max: finite.map(\.denominator).max() ?? 1, count: 6)
        let yLabelWidth = yTicks.values.map { TextMetrics.width(style.tick($0, ticks: yTicks, format), fontSize: Draw.fontSize) }.max() ?? 0

        let limitsWord = widened ? language.pick("grenzen, verbreed", "limits, widened") : language.pick("grenzen", "limits")
        var legendItems = [
            LegendItem(label: language.pick("gemiddelde", "pooled rate"), swatch: .line(color: Palette.black, dash: "", marker: nil)),
            LegendItem(label: language.pick("95%-", "95% ") + limitsWord, swatch: .line(color: Palette.secondary, dash: "6 3", marker: nil)),
            LegendItem(label: language.pick("99,8%-", "99.8% ") + limitsWord, swatch: .line(color: Palette.black, dash: "2 2", marker: nil)),
            LegendItem(label: language.pick("binnen 95%", "within 95%"), swatch: .marker(.circle, fill: Palette.blue, stroke: Palette.blue)),
            LegendItem(label: language.pick("tussen 95% en 99,8%", "between 95% and 99.8%"), swatch: .marker(.circle, fill: "#FFFFFF", stroke: Palette.blue)),
            LegendItem(label: language.pick("buiten 99,8%", "outside 99.8%"), swatch: .marker(.triangle, fill: Palette.vermillion, stroke: Palette.black)),
        ]
        if points.contains(where: \.highlighted) {
            legendItems.append(LegendItem(label: language.pick("eigen dorp", "own village"),
                                          swatch: .marker(.diamond, fill: Palette.reddishPurpleLine, stroke: Palette.black)))
        }
        let legendHeight = Legend.height(legendItems, maxWidth: width - 24)
        let xTitleHeight = Axis.titleHeight(denominatorTitle, width: width - 100)
        let bottom = height - legendHeight - 52 - xTitleHeight
        let titleLines = Double(Axis.verticalTitleLines(rateTitle, plotHeight: bottom - heading.height - 10) - 1)
        let plot = PlotArea(left: 12 + 18 + yLabelWidth + 8 + titleLines * Draw.lineHeight(Draw.fontSize), top: heading.height + 10,
                            right: width - 52, bottom: bottom)
        let x = Scale(domain: xTicks.domain, range: (plot.left, plot.right))
        let y = Scale(domain: yTicks.domain, range: (plot.bottom, plot.top))

        var content = heading.elements
        content.append(SVGElement("clipPath", [.init("id", "\(id)-clip")], children: [
            .element(Draw.rect(x: plot.left, y: plot.top, width: plot.width, height: plot.height, fill: "#FFFFFF")),
        ]))
        content += Axis.left(ticks: yTicks, scale: y, plot: plot, style: style, format: format)
        content += Axis.bottom(ticks: xTicks, scale: x, plot: plot, style: .number(fractionDigits: 0), format: format)
        content += Axis.title(rateTitle, plot: plot, vertical: true, offset: yLabelWidth + 16)
        content += Axis.title(denominatorTitle, plot: plot, vertical: false, offset: 36)

        var curves: [SVGElement] = []
        func curve(_ limits: [Limit], lower: Bool, stroke: String, dash: String) {
            var path = SVGPath()
            for (index, limit) in limits.enumerated() where limit.denominator.isFinite {
                let value = lower ? limit.lower : limit.upper
                guard value.isFinite else { continue }
                if index == 0 || path.isEmpty { path.move(to: x(limit.denominator), y(value)) } else {
                    path.line(to: x(limit.denominator), y(value))
                }
            }
            guard !path.isEmpty else { return }
            curves.append(SVGElement("path", [.init("d", path.data), .init("fill", "none"), .init("stroke", stroke),
                                              .init("stroke-width", 1.2), .init("stroke-dasharray", dash)]))
        }
        curve(limits95, lower: true, stroke: Palette.secondary, dash: "6 3")
        curve(limits95, lower: false, stroke: Palette.secondary, dash: "6 3")
        curve(limits998, lower: true, stroke: Palette.black, dash: "2 2")
        curve(limits998, lower: false, stroke: Palette.black, dash: "2 2")
        curves.append(Draw.line(plot.left, y(pooledRate), plot.right, y(pooledRate), stroke: Palette.black, width: 1.5))
        content.append(.group([.init("clip-path", "url(#\(id)-clip)")], curves))
        // Direct labels for the curves at the right edge.
        var edgeLabels: [(y: Double, text: String)] = [(y(pooledRate), language.pick("gem.", "pooled"))]
        if let last = limits95.last {
            edgeLabels += [(y.clamped(last.upper), "95%"), (y.clamped(last.lower), "95%")]
        }
        if let last = limits998.last {
            edgeLabels += [(y.clamped(last.upper), language.pick("99,8%", "99.8%")), (y.clamped(last.lower), language.pick("99,8%", "99.8%"))]
        }
        content += Self.spread(edgeLabels, minGap: 12, top: plot.top, bottom: plot.bottom).map {
            Draw.text($0.text, x: plot.right + 4, y: $0.y + 4, size: Draw.smallFontSize)
        }

        let positions = finite.map { position(of: $0) }
        let outside95 = finite.indices.filter { positions[$0] != .within95 }
        let outside998 = finite.indices.filter { positions[$0] == .above998 || positions[$0] == .below998 }
        let named: Set<Int> = {
            var set = Set(finite.indices.filter { finite[$0].highlighted })
            if finite.count <= Self.nameAllBelow { set.formUnion(finite.indices) }
            else if outside95.count <= Self.nameAllBelow { set.formUnion(outside95) }
            else { set.formUnion(outside998) }
            return set
        }()
        var markerBoxes: [LabelBox] = []
        var highlighted: [SVGElement] = []
        for (index, point) in finite.enumerated() {
            let px = x(point.denominator), py = y.clamped(point.rate)
            markerBoxes.append(LabelBox(left: px - 6, top: py - 6, right: px + 6, bottom: py + 6))
            let tooltip = SVGElement("title", text: "\(point.label): \(style.label(point.rate, format)) (n = \(format.decimal(point.denominator)))")
            let marker: SVGElement
            switch positions[index] {
            case .within95: marker = Marker.circle.element(x: px, y: py, size: 8, fill: Palette.blue, stroke: Palette.blue)
            case .between95And998: marker = Marker.circle.element(x: px, y: py, size: 8, fill: "#FFFFFF", stroke: Palette.blue)
            case .above998: marker = Marker.triangle.element(x: px, y: py, size: 10, fill: Palette.vermillion, stroke: Palette.black)
            case .below998: marker = Marker.triangleDown.element(x: px, y: py, size: 10, fill: Palette.vermillion, stroke: Palette.black)
            }
            content.append(.group([], [tooltip, marker]))
            if point.highlighted {
                // Drawn last, on top: a larger diamond around the point's own marker.
                var ring = Marker.diamond.element(x: px, y: py, size: 13, fill: "none", stroke: Palette.black)
                ring.attributes.append(.init("stroke-width", 2))
                highlighted.append(ring)
                highlighted.append(Marker.diamond.element(x: px, y: py, size: 7, fill: Palette.reddishPurpleLine, stroke: Palette.black))
                markerBoxes[index] = LabelBox(left: px - 9, top: py - 9, right: px + 9, bottom: py + 9)
            }
        }
        content += highlighted
        // Names: highlighted first (they get the best place), then from top to bottom.
        let order = named.sorted { a, b in
            finite[a].highlighted != finite[b].highlighted ? finite[a].highlighted : (y.clamped(finite[a].rate), a) < (y.clamped(finite[b].rate), b)
        }
        var placed: [LabelBox] = []
        let bounds = LabelBox(left: plot.left + 2, top: plot.top + 2, right: plot.right - 2, bottom: plot.bottom - 2)
        for index in order {
            let point = finite[index]
            let px = x(point.denominator), py = y.clamped(point.rate)
            let size = Draw.smallFontSize
            let textWidth = TextMetrics.width(point.label, fontSize: size)
            guard let spot = Self.place(width: textWidth, height: size + 2, at: (px, py), within: bounds,
                                        avoiding: placed + markerBoxes.enumerated().filter { $0.offset != index }.map(\.element)) else {
                continue
            }
            placed.append(spot.box)
            if spot.leader {
                let cx = min(max(px, spot.box.left), spot.box.right), cy = min(max(py, spot.box.top), spot.box.bottom)
                content.append(Draw.line(px, py, cx, cy, stroke: Palette.secondary, width: 0.8))
            }
            // A translucent white backing keeps the name readable where it crosses a limit curve.
            content.append(Draw.rect(x: spot.box.left - 1, y: spot.box.top, width: spot.box.right - spot.box.left + 2,
                                     height: spot.box.bottom - spot.box.top, fill: "#FFFFFF", extra: [.init("fill-opacity", 0.85)]))
            content.append(Draw.text(point.label, x: spot.box.left, y: spot.box.bottom - 3, size: size, fill: Palette.black,
                                     weight: point.highlighted ? "bold" : nil))
        }
        content += Legend.row(legendItems, x: 12, y: plot.bottom + 56 + xTitleHeight, maxWidth: width - 24).elements
        return SVGDocument.render(width: width, height: height, identifier: id, title: title,
                                  description: textAlternative(language: language), content: content)
    }

    /// A rectangle in chart units, for placing names.
    struct LabelBox: Equatable {
        var left: Double, top: Double, right: Double, bottom: Double
        func overlaps(_ other: LabelBox) -> Bool {
            left < other.right && other.left < right && top < other.bottom && other.top < bottom
        }
        func inside(_ other: LabelBox) -> Bool {
            left >= other.left && right <= other.right && top >= other.top && bottom <= other.bottom
        }
    }

    /// Where a name of this size goes next to (px, py): the first of eight places around the point
    /// (right, left, above, below, then the corners) that stays within `bounds` and overlaps nothing
    /// in `avoiding`; then the same further out, up to four steps, with a leader line. Nil when
    /// nothing fits (the name is left to the table and the tooltip).
    static func place(width: Double, height: Double, at point: (Double, Double), within bounds: LabelBox,
                      avoiding: [LabelBox]) -> (box: LabelBox, leader: Bool)? {
        let (px, py) = point
        for step in 1...4 {
            let d = 7 + Double(step - 1) * 14
            let candidates: [(Double, Double)] = [
                (px + d, py - height / 2), (px - d - width, py - height / 2),
                (px - width / 2, py - d - height), (px - width / 2, py + d),
                (px + d * 0.7, py - d * 0.7 - height), (px + d * 0.7, py + d * 0.7),
                (px - d * 0.7 - width, py - d * 0.7 - height), (px - d * 0.7 - width, py + d * 0.7),
            ]
            for (left, top) in candidates {
                let box = LabelBox(left: left, top: top, right: left + width, bottom: top + height)
                if box.inside(bounds), !avoiding.contains(where: box.overlaps) { return (box, step > 1) }
            }
        }
        return nil
    }

    /// Sorts labels by y and pushes them apart to at least `minGap`, staying within top...bottom.
    static func spread(_ labels: [(y: Double, text: String)], minGap: Double, top: Double, bottom: Double) -> [(y: Double, text: String)] {
        var sorted = labels.sorted { $0.y < $1.y }
        for index in sorted.indices {
            sorted[index].y = max(sorted[index].y, top)
            if index > 0 { sorted[index].y = max(sorted[index].y, sorted[index - 1].y + minGap) }
        }
        // If the last ones ran past the bottom, push back upwards.
        for index in sorted.indices.reversed() {
            let limit = index == sorted.count - 1 ? bottom : sorted[index + 1].y - minGap
            sorted[index].y = min(sorted[index].y, limit)
        }
        return sorted
    }
}
