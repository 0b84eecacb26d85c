import NoaberModel

/// Kaplan–Meier step curves (share of cases where the event has "not yet" happened, against
/// days) with a shaded confidence band, a dashed 50% line and optional censor ticks.
///
/// Each curve starts at (0, 100%); every `Step` is the estimate just after an event time. The
/// band is drawn as steps too, since a smooth band would suggest precision between events.
/// Series differ by colour, dash pattern and legend, never by colour alone.
public struct KaplanMeierChart: SVGChart, Hashable {
    public struct Step: Sendable, Hashable {
        public var time: Double
        /// The estimate (0...1) from this time on.
        public var survival: Double
        public var lower: Double
        public var upper: Double

        public init(time: Double, survival: Double, lower: Double, upper: Double) {
            self.time = time
            self.survival = survival
            self.lower = lower
            self.upper = upper
        }
    }

    public struct Curve: Sendable, Hashable {
        public var label: String
        public var steps: [Step]
        /// Times at which cases left observation without the event (drawn as small ticks).
        public var censorTimes: [Double]

        public init(label: String, steps: [Step], censorTimes: [Double] = []) {
            self.label = label
            self.steps = steps.sorted { $0.time < $1.time }
            self.censorTimes = censorTimes
        }

        /// The estimate at `time` (1 before the first step).
        public func survival(at time: Double) -> Double {
            steps.last { $0.time <= time }?.survival ?? 1
        }

        /// The first time the estimate reaches 50% or less; nil when it never does.
        public var median: Double? { steps.first { $0.survival <= 0.5 }?.time }
    }

    public var title: String
    public var subtitle: String?
    public var curves: [Curve]
    /// The axis title for the share ("nog niet bereikt").
    public var shareTitle: String?
    /// The axis title for time ("dagen sinds aanmelding").
    public var timeTitle: String?
    /// The right end of the time axis; by default the last step or censor time.
    public var maximumTime: Double?
    public var showsCensorTicks: Bool
    /// Words for readers without statistics (a council, a learning network): no "Kaplan–Meier"
    /// or "gecensureerd" in the legend and the text alternative. The onderzoek report keeps the
    /// technical terms.
    public var plainWords = false
    public var width: Double
    public var height: Double
    public var identifier: String

    public init(title: String, subtitle: String? = nil, curves: [Curve], shareTitle: String? = nil,
                timeTitle: String? = nil, maximumTime: Double? = nil, showsCensorTicks: Bool = true,
                width: Double = 640, height: Double = 400, identifier: String = "kaplan-meier") {
        self.title = title
        self.subtitle = subtitle
        self.curves = curves
        self.shareTitle = shareTitle
        self.timeTitle = timeTitle
        self.maximumTime = maximumTime
        self.showsCensorTicks = showsCensorTicks
        self.width = width
        self.height = height
        self.identifier = identifier
    }

    public func textAlternative(language: Language) -> String {
        let format = NumberFormatting(language: language)
        let items = curves.map { curve -> String in
            let median = curve.median.map { language.pick("mediaan \(format.decimal($0)) dagen", "median \(format.decimal($0)) days") }
                ?? language.pick("mediaan niet bereikt", "median not reached")
            let end = curve.steps.last.map { language.pick("na \(format.decimal($0.time)) dagen nog \(format.percent($0.survival, fractionDigits: 0))",
                                                               "after \(format.decimal($0.time)) days \(format.percent($0.survival, fractionDigits: 0)) remain") }
            return "\(curve.label): " + ([median] + (end.map { [$0] } ?? [])).joined(separator: ", ")
        }
        let head = plainWords
            ? language.pick("Curven van het aandeel hulpvragen dat nog wacht, tegen dagen. ",
                            "Curves of the share of requests still waiting, against days. ")
            : language.pick("Kaplan–Meier-curven, aandeel nog niet bereikt tegen dagen. ",
                            "Kaplan–Meier curves, share not yet reached against days. ")
        return head + items.joined(separator: "; ") + "."
    }

    public func svg(language: Language) -> String {
        let format = NumberFormatting(language: language)
        let id = SVGDocument.sanitizedIdentifier(identifier)
        let heading = Draw.heading(title: title, subtitle: subtitle, width: width)
        let lastTime = curves.flatMap { $0.steps.map(\.time) + $0.censorTimes }.filter(\.isFinite).max() ?? 1
        let xTicks = Scale.niceTicks(min: 0, max: maximumTime ?? lastTime, count: 6)
        let yTicks = Scale.niceTicks(min: 0, max: 1, count: 5)
        let style = ValueStyle.percent(fractionDigits: 0)
        var legendItems = curves.enumerated().map { index, curve in
            LegendItem(label: curve.label, swatch: .line(color: Palette.color(index), dash: Palette.dash(index), marker: nil))
        }
        if showsCensorTicks, curves.contains(where: { !$0.censorTimes.isEmpty }) {
            let censored = plainWords ? language.pick("nog open op de exportdatum", "still open at the export date")
                                      : language.pick("gecensureerd (nog open)", "censored (still open)")
            legendItems.append(LegendItem(label: censored,
                                          swatch: .tick(color: Palette.axis)))
        }
        let legendHeight = Legend.height(legendItems, maxWidth: width - 24)
        let yTitle = shareTitle ?? language.pick("nog niet bereikt", "not yet reached")
        let xTitle = timeTitle ?? language.pick("dagen", "days")
        let bottom = height - legendHeight - 52 - Axis.titleHeight(xTitle, width: width - 126)
        let titleLines = Double(Axis.verticalTitleLines(yTitle, plotHeight: bottom - heading.height - 10) - 1)
        let plot = PlotArea(left: 12 + 18 + 36 + titleLines * Draw.lineHeight(Draw.fontSize), top: heading.height + 10,
                            right: width - 60, bottom: bottom)
        let x = Scale(domain: xTicks.domain, range: (plot.left, plot.right))
        let y = Scale(domain: 0...1, range: (plot.bottom, plot.top))

        var content = heading.elements
        content += Axis.left(ticks: yTicks, scale: y, plot: plot, style: style, format: format)
        content += Axis.bottom(ticks: xTicks, scale: x, plot: plot, style: .number(fractionDigits: 0), format: format)
        content += Axis.title(yTitle, plot: plot, vertical: true, offset: 46)
        content += Axis.title(xTitle, plot: plot, vertical: false, offset: 36)
        content.append(Draw.line(plot.left, y(0.5), plot.right, y(0.5), stroke: Palette.secondary, dash: "4 3"))
        content.append(Draw.text("50%", x: plot.right + 4, y: y(0.5) + 4, size: Draw.smallFontSize))

        let end = xTicks.domain.upperBound
        for (index, curve) in curves.enumerated() {
            content.append(.group([], [SVGElement("title", text: curve.label)]
                + Self.marks(curve, x: x, y: y, end: end, color: Palette.color(index), dash: Palette.dash(index),
                             censorTicks: showsCensorTicks)))
        }
        content += Legend.row(legendItems, x: 12, y: plot.bottom + 56 + Axis.titleHeight(xTitle, width: plot.width),
                              maxWidth: width - 24).elements
        return SVGDocument.render(width: width, height: height, identifier: id, title: title,
                                  description: textAlternative(language: language), content: content)
    }

    /// One curve: its band (steps, shaded), the estimate (a step line) and, optionally, censor
    /// ticks, in the scales given; the time axis ends at `end`.
    static func marks(_ curve: Curve, x: Scale, y: Scale, end: Double, color: String, dash: String,
                      censorTicks: Bool, bandOpacity: Double = 0.15, lineWidth: Double = 2) -> [SVGElement] {
        let steps = curve.steps.filter { $0.time.isFinite && $0.time <= end }
        // Steps closer together than one unit are drawn as one (see `visibleSteps`).
        let uppers = visibleSteps(steps.map { (x($0.time), y($0.upper)) })
        let lowers = [(x(0), y(1))] + visibleSteps(steps.map { (x($0.time), y($0.lower)) })
        let estimates = visibleSteps(steps.map { (x($0.time), y($0.survival)) })
        var marks: [SVGElement] = []
        if bandOpacity > 0 {
            // Band: upper steps forward, lower steps backward.
            var band = SVGPath()
            band.move(to: x(0), y(1))
            var previous = y(1)
            for step in uppers {
                band.line(to: step.x, previous)
                band.line(to: step.x, step.y)
                previous = step.y
            }
            band.line(to: x(end), previous)
            band.line(to: x(end), lowers.last?.y ?? y(1))
            for index in lowers.indices.reversed() where index > 0 {
                band.line(to: lowers[index].x, lowers[index].y)
                band.line(to: lowers[index].x, lowers[index - 1].y)
            }
            band.close()
            marks.append(SVGElement("path", [.init("d", band.data), .init("fill", color), .init("fill-opacity", bandOpacity),
                                             .init("stroke", "none")]))
        }
        var line = SVGPath()
        line.move(to: x(0), y(1))
        var previous = y(1)
        for step in estimates {
            line.line(to: step.x, previous)
            line.line(to: step.x, step.y)
            previous = step.y
        }
        line.line(to: x(min(end, max(steps.last?.time ?? 0, curve.censorTimes.max() ?? 0))), previous)
        var attributes: [SVGAttribute] = [.init("d", line.data), .init("fill", "none"), .init("stroke", color), .init("stroke-width", lineWidth)]
        if !dash.isEmpty { attributes.append(.init("stroke-dasharray", dash)) }
        marks.append(SVGElement("path", attributes))
        if censorTicks {
            // Ticks that would land on the same spot are drawn once.
            var drawn = Set<[Int]>()
            for time in curve.censorTimes where time.isFinite && time <= end {
                let cx = x(time), cy = y(curve.survival(at: time))
                guard drawn.insert([Int((cx * 2).rounded()), Int((cy * 2).rounded())]).inserted else { continue }
                marks.append(Draw.line(cx, cy - 4, cx, cy + 4, stroke: color, width: 1.5))
            }
        }
        return marks
    }

    /// Step corners in chart units, with every run of steps closer than `resolution` to the run's
    /// first corner merged into one corner at that x with the run's last value.
    ///
    /// Durations in hours over 20,000 requests give thousands of steps within a few hundred
    /// units; drawn one by one they made a 300 KB path of corners a printer cannot separate.
    /// Merging moves no drop by more than `resolution` (one unit: 0.2 mm of a 560-unit chart on
    /// A4, about a pixel on screen) and never changes a level, so the curve reads the same; the
    /// path then costs at most one corner per unit of width, whatever the number of cases.
    /// - Complexity: O(steps).
    static func visibleSteps(_ corners: [(x: Double, y: Double)], resolution: Double = 1) -> [(x: Double, y: Double)] {
        var kept: [(x: Double, y: Double)] = []
        kept.reserveCapacity(min(corners.count, 1024))
        for corner in corners {
            if let last = kept.last, corner.x - last.x < resolution {
                kept[kept.count - 1].y = corner.y
            } else {
                kept.append(corner)
            }
        }
        return kept
    }
}
