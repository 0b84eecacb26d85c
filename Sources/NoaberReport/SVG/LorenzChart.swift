import NoaberModel

/// A Lorenz curve of volunteer hours: the cumulative share of hours (y) given by the
/// cumulative share of volunteers (x, from the fewest hours up), against the diagonal of an
/// equal distribution; the Gini coefficient is shown in the subtitle and the text alternative.
public struct LorenzChart: SVGChart, Hashable {
    public struct Point: Sendable, Hashable {
        /// Cumulative share of volunteers (0...1).
        public var volunteers: Double
        /// Cumulative share of hours (0...1).
        public var hours: Double

        public init(volunteers: Double, hours: Double) {
            self.volunteers = volunteers
            self.hours = hours
        }
    }

    public var title: String
    /// The curve from (0, 0) to (1, 1); (0, 0) is added when missing.
    public var points: [Point]
    public var gini: Double?
    public var width: Double
    public var identifier: String

    public init(title: String, points: [Point], gini: Double?, width: Double = 480, identifier: String = "lorenz") {
        self.title = title
        self.points = points.sorted { $0.volunteers < $1.volunteers }
        self.gini = gini
        self.width = width
        self.identifier = identifier
    }

    /// The curve and Gini from hours per volunteer (negative and non-finite hours are dropped).
    ///
    /// Gini = 1 − Σ (xₖ − xₖ₋₁)(yₖ + yₖ₋₁), the area form that matches the plotted curve;
    /// for n volunteers it ranges from 0 (all equal) to (n − 1)/n (one does everything).
    /// - Complexity: O(n log n).
    public init(title: String, hoursPerVolunteer: [Double], width: Double = 480, identifier: String = "lorenz") {
        let hours = hoursPerVolunteer.filter { $0.isFinite && $0 >= 0 }.sorted()
        let total = hours.reduce(0, +)
        var points = [Point(volunteers: 0, hours: 0)]
        var cumulative = 0.0
        var area = 0.0
        for (index, value) in hours.enumerated() {
            let previous = points[points.count - 1]
            cumulative += value
            let point = Point(volunteers: Double(index + 1) / Double(hours.count), hours: total > 0 ? cumulative / total : 0)
            area += (point.volunteers - previous.volunteers) * (point.hours + previous.hours)
            points.append(point)
        }
        self.init(title: title, points: points, gini: hours.isEmpty || total <= 0 ? nil : 1 - area, width: width,
                  identifier: identifier)
    }

    private func giniText(_ language: Language) -> String {
        let format = NumberFormatting(language: language)
        return language.pick("Gini-coëfficiënt: ", "Gini coefficient: ") + (gini.map { format.decimal($0, fractionDigits: 2) } ?? format.notAvailable)
    }

    public func textAlternative(language: Language) -> String {
        let format = NumberFormatting(language: language)
        var text = language.pick("Lorenzcurve van de uren per vrijwilliger. ", "Lorenz curve of hours per volunteer. ") + giniText(language) + "."
        // The share of hours given by the busiest 20% of volunteers, read off the curve.
        let cut = points.last { $0.volunteers <= 0.8 + 1e-9 }
        if let cut, points.count > 2 {
            text += language.pick(" De 20% meest actieve vrijwilligers geven ", " The most active 20% of volunteers give ")
                + format.percent(1 - cut.hours, fractionDigits: 0) + language.pick(" van de uren.", " of the hours.")
        }
        return text
    }

    public func svg(language: Language) -> String {
        let format = NumberFormatting(language: language)
        let id = SVGDocument.sanitizedIdentifier(identifier)
        let heading = Draw.heading(title: title, subtitle: giniText(language), width: width)
        let yTitle = language.pick("aandeel van de uren (cumulatief)", "share of hours (cumulative)")
        let xTitle = language.pick("aandeel van de vrijwilligers, van minst naar meest actief", "share of volunteers, least to most active")
        // A square plot; the vertical title's extra lines (if it wraps) widen the left margin.
        let estimatedSide = width - 12 - 18 - 36 - 20
        let extraLines = Double(Axis.verticalTitleLines(yTitle, plotHeight: estimatedSide) - 1) * Draw.lineHeight(Draw.fontSize)
        let left = 12 + 18 + 36 + extraLines
        let side = width - left - 20
        let plot = PlotArea(left: left, top: heading.height + 10, right: left + side, bottom: heading.height + 10 + side)
        let ticks = Scale.niceTicks(min: 0, max: 1, count: 5)
        let x = Scale(domain: 0...1, range: (plot.left, plot.right))
        let y = Scale(domain: 0...1, range: (plot.bottom, plot.top))
        let style = ValueStyle.percent(fractionDigits: 0)
        let legendItems = [
            LegendItem(label: language.pick("werkelijke verdeling", "actual distribution"), swatch: .line(color: Palette.blue, dash: "", marker: nil)),
            LegendItem(label: language.pick("gelijke verdeling", "equal distribution"), swatch: .line(color: Palette.axis, dash: "5 3", marker: nil)),
        ]
        let legendTop = plot.bottom + 56 + Axis.titleHeight(xTitle, width: plot.width)
        let legend = Legend.row(legendItems, x: 12, y: legendTop, maxWidth: width - 24)
        let height = legendTop + legend.height

        var content = heading.elements
        content += Axis.left(ticks: ticks, scale: y, plot: plot, style: style, format: format)
        content += Axis.bottom(ticks: ticks, scale: x, plot: plot, style: style, format: format)
        content += Axis.title(yTitle, plot: plot, vertical: true, offset: 46)
        content += Axis.title(xTitle, plot: plot, vertical: false, offset: 36)
        var curve = SVGPath()
        var shaded = SVGPath()
        let all = (points.first.map { $0.volunteers > 0 || $0.hours > 0 } ?? true) ? [Point(volunteers: 0, hours: 0)] + points : points
        for (index, point) in all.enumerated() {
            let px = x(min(max(point.volunteers, 0), 1)), py = y(min(max(point.hours, 0), 1))
            if index == 0 { curve.move(to: px, py); shaded.move(to: px, py) } else { curve.line(to: px, py); shaded.line(to: px, py) }
        }
        shaded.close()   // back along the diagonal to (0, 0)
        content.append(SVGElement("path", [.init("d", shaded.data), .init("fill", Palette.skyBlue), .init("fill-opacity", 0.25),
                                           .init("stroke", "none")]))
        content.append(Draw.line(x(0), y(0), x(1), y(1), stroke: Palette.axis, width: 1.2, dash: "5 3"))
        content.append(SVGElement("path", [.init("d", curve.data), .init("fill", "none"), .init("stroke", Palette.blue),
                                           .init("stroke-width", 2)]))
        content += legend.elements
        return SVGDocument.render(width: width, height: height, identifier: id, title: title,
                                  description: textAlternative(language: language), content: content)
    }
}
