#if canImport(Glibc)
    import Glibc
#endif

/// A line chart of runtime against size as plain SVG (no script, no style sheet, no fonts beyond
/// the viewer's sans-serif): the x axis in log2 of the size, the y axis in seconds on a log scale,
/// one polyline with a marker per point for each series, gridlines, tick labels, axis labels and a
/// legend. Written by hand so that the package needs nothing to draw its benchmarks.
///
/// ```swift
/// let chart = LineChart(title: "haversine_torch", series: [
///     .init(name: "cpu", points: [(20, 0.004), (22, 0.016)], color: "#1f77b4"),
/// ])
/// let svg = chart.svg()   // "<?xml version=\"1.0\" …<svg …>…</svg>\n"
/// ```
public struct LineChart: Sendable {
    /// One line.
    public struct Series: Sendable {
        /// The legend's text.
        public var name: String
        /// (log2 of the size, seconds); points with seconds ≤ 0 or not finite are left out.
        public var points: [(x: Double, y: Double)]
        /// An SVG color.
        public var color: String
        /// Dashed (peers) or solid (ours).
        public var dashed: Bool

        /// A series; points that a log scale cannot show (seconds ≤ 0, NaN, infinite) are dropped.
        public init(name: String, points: [(x: Double, y: Double)], color: String, dashed: Bool = false) {
            self.name = name
            self.points = points.filter { $0.x.isFinite && $0.y.isFinite && $0.y > 0 }
            self.color = color
            self.dashed = dashed
        }
    }

    /// Where the plot sits in the picture and which values its edges stand for.
    public struct Layout: Equatable, Sendable {
        /// The picture's width in SVG units (the legend sits right of the plot).
        public static let width = 780.0
        /// The picture's height in SVG units.
        public static let height = 460.0
        /// The plot area's left and top edges and size, in SVG units.
        public static let left = 78.0
        /// See `left`.
        public static let top = 44.0
        /// See `left`.
        public static let plotWidth = 512.0
        /// See `left`.
        public static let plotHeight = 354.0

        /// The log2 sizes at the left and right edges.
        public var x: ClosedRange<Double>
        /// The decades (log10 seconds) at the bottom and top edges (whole numbers).
        public var decades: ClosedRange<Double>

        /// Where the point (`x`, `seconds`) is drawn.
        public func position(x: Double, seconds: Double) -> (x: Double, y: Double) {
            let across = (x - self.x.lowerBound) / (self.x.upperBound - self.x.lowerBound)
            let up = (log10(seconds) - decades.lowerBound) / (decades.upperBound - decades.lowerBound)
            return (Self.left + across * Self.plotWidth, Self.top + Self.plotHeight * (1 - up))
        }
    }

    /// The heading above the plot (also the SVG's `<title>`).
    public var title: String
    /// The label under the x axis.
    public var xLabel: String
    /// The label beside the y axis.
    public var yLabel: String
    /// The lines, in legend order.
    public var series: [Series]

    /// A chart of `series` with these labels.
    public init(
        title: String, xLabel: String = "elements (log2 scale)",
        yLabel: String = "median seconds (log scale)",
        series: [Series]
    ) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.series = series
    }

    /// The chart of one benchmark of a summary: a line per mode (solid) and per peer (dashed).
    public init(_ group: ResultsSummary.Group) {
        var palette = ["#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f"]
        let colors = ["cpu": "#1f77b4", "gpu": "#d62728", "bach": "#2ca02c"]
        let series = group.series.map { series in
            let color =
                (series.isPeer ? nil : colors[series.name])
                ?? (palette.isEmpty ? "#000000" : palette.removeFirst())
            return Series(
                name: series.label,
                points: series.points.compactMap { point in
                    point.median.map { (log2(Double(point.size)), $0) }
                },
                color: color, dashed: series.isPeer)
        }
        self.init(title: "\(group.benchmark): median time against size", series: series)
    }

    /// Log2 units left free beside the first and last sizes, so that markers clear the frame.
    public static let xMargin = 0.25

    /// The ranges the axes cover: whole log2 sizes around every point widened by `xMargin` on each
    /// side, and whole decades (2^10…2^12 and 1 ms…1 s when there is no point); at least one unit.
    public var layout: Layout {
        let points = series.flatMap(\.points)
        guard let first = points.first else {
            return Layout(x: 10 - Self.xMargin...12 + Self.xMargin, decades: -3...0)
        }
        var (xLow, xHigh, yLow, yHigh) = (first.x, first.x, first.y, first.y)
        for point in points {
            (xLow, xHigh) = (Swift.min(xLow, point.x), Swift.max(xHigh, point.x))
            (yLow, yHigh) = (Swift.min(yLow, point.y), Swift.max(yHigh, point.y))
        }
        var x = xLow.rounded(.down)...xHigh.rounded(.up)
        if x.lowerBound == x.upperBound { x = x.lowerBound - 1...x.upperBound + 1 }
        x = x.lowerBound - Self.xMargin...x.upperBound + Self.xMargin
        var decades = log10(yLow).rounded(.down)...log10(yHigh).rounded(.up)
        if decades.lowerBound == decades.upperBound { decades = decades.lowerBound...decades.upperBound + 1 }
        return Layout(x: x, decades: decades)
    }

    /// The chart as an SVG document.
    public func svg() -> String {
        let layout = layout
        let (left, top, width, height) = (Layout.left, Layout.top, Layout.plotWidth, Layout.plotHeight)
        var out: [String] = [
            #"<?xml version="1.0" encoding="UTF-8"?>"#,
            #"<svg xmlns="http://www.w3.org/2000/svg" width="\#(Int(Layout.width))" height="\#(Int(Layout.height))" "#
                + #"viewBox="0 0 \#(Int(Layout.width)) \#(Int(Layout.height))" font-family="sans-serif" font-size="12">"#,
            "<title>\(Self.escape(title))</title>",
            #"<rect x="0" y="0" width="\#(Int(Layout.width))" height="\#(Int(Layout.height))" fill="white"/>"#,
            #"<text x="\#(f(left + width / 2))" y="24" text-anchor="middle" font-size="15" font-weight="bold">"#
                + "\(Self.escape(title))</text>",
        ]
        out += yAxis(layout) + xAxis(layout)
        out.append(
            #"<rect x="\#(f(left))" y="\#(f(top))" width="\#(f(width))" height="\#(f(height))" fill="none" stroke="\#(Self.ink)"/>"#
        )
        for series in series {
            let positions = series.points.sorted { $0.x < $1.x }.map {
                layout.position(x: $0.x, seconds: $0.y)
            }
            let dash = series.dashed ? #" stroke-dasharray="6 4""# : ""
            out.append(
                #"<polyline fill="none" stroke="\#(Self.escape(series.color))" stroke-width="2"\#(dash) points=""#
                    + positions.map { "\(f($0.x)),\(f($0.y))" }.joined(separator: " ") + #""/>"#)
            for position in positions {
                out.append(
                    #"<circle cx="\#(f(position.x))" cy="\#(f(position.y))" r="3" fill="\#(Self.escape(series.color))"/>"#
                )
            }
        }
        if series.allSatisfy(\.points.isEmpty) {
            out.append(
                #"<text x="\#(f(left + width / 2))" y="\#(f(top + height / 2))" text-anchor="middle" fill="\#(Self.muted)">"#
                    + "no valid results</text>")
        }
        out += legend()
        out.append("</svg>")
        return out.joined(separator: "\n") + "\n"
    }

    /// Gridlines and labels at every decade; unlabelled lines at 2…9 × each decade, labelled at 2
    /// and 5 when the axis spans two decades or less.
    private func yAxis(_ layout: Layout) -> [String] {
        var out: [String] = []
        let (left, width) = (Layout.left, Layout.plotWidth)
        let few = layout.decades.upperBound - layout.decades.lowerBound <= 2
        for decade in stride(from: layout.decades.lowerBound, through: layout.decades.upperBound, by: 1) {
            for multiple in 1...9 {
                let seconds = Double(multiple) * pow(10, decade)
                let y = layout.position(x: layout.x.lowerBound, seconds: seconds).y
                guard y >= Layout.top - 0.01 else { break }
                let major = multiple == 1
                out.append(
                    #"<line x1="\#(f(left))" y1="\#(f(y))" x2="\#(f(left + width))" y2="\#(f(y))" "#
                        + #"stroke="\#(major ? Self.majorGrid : Self.minorGrid)" stroke-width="1"/>"#)
                if major || (few && (multiple == 2 || multiple == 5)) {
                    out.append(
                        #"<text x="\#(f(left - 6))" y="\#(f(y + 4))" text-anchor="end">"#
                            + "\(Self.escape(Seconds.label(seconds)))</text>")
                }
            }
        }
        let middle = Layout.top + Layout.plotHeight / 2
        out.append(
            #"<text x="18" y="\#(f(middle))" text-anchor="middle" transform="rotate(-90 18 \#(f(middle)))">"#
                + "\(Self.escape(yLabel))</text>")
        return out
    }

    /// A tick, gridline and 2^k label at whole log2 sizes (every second or more when there are many).
    private func xAxis(_ layout: Layout) -> [String] {
        var out: [String] = []
        let (top, bottom) = (Layout.top, Layout.top + Layout.plotHeight)
        let span = layout.x.upperBound - layout.x.lowerBound
        let step = Swift.max(1, (span / 16).rounded(.up))
        for k in stride(from: layout.x.lowerBound.rounded(.up), through: layout.x.upperBound, by: step) {
            let x = layout.position(x: k, seconds: pow(10, layout.decades.lowerBound)).x
            out.append(
                #"<line x1="\#(f(x))" y1="\#(f(top))" x2="\#(f(x))" y2="\#(f(bottom + 5))" stroke="\#(Self.minorGrid)" stroke-width="1"/>"#
            )
            out.append(
                #"<line x1="\#(f(x))" y1="\#(f(bottom))" x2="\#(f(x))" y2="\#(f(bottom + 5))" stroke="\#(Self.ink)" stroke-width="1"/>"#
            )
            out.append(
                #"<text x="\#(f(x))" y="\#(f(bottom + 20))" text-anchor="middle">2<tspan dy="-6" font-size="9">"#
                    + "\(Int(k))</tspan></text>")
        }
        out.append(
            #"<text x="\#(f(Layout.left + Layout.plotWidth / 2))" y="\#(f(bottom + 46))" text-anchor="middle">"#
                + "\(Self.escape(xLabel))</text>")
        return out
    }

    /// A row per series right of the plot: a line sample (dashed for peers), a marker and the name.
    private func legend() -> [String] {
        var out: [String] = []
        let x = Layout.left + Layout.plotWidth + 16
        for (index, series) in series.enumerated() {
            let y = Layout.top + 12 + Double(index) * 20
            let dash = series.dashed ? #" stroke-dasharray="6 4""# : ""
            out.append(
                #"<line x1="\#(f(x))" y1="\#(f(y))" x2="\#(f(x + 26))" y2="\#(f(y))" stroke="\#(Self.escape(series.color))" "#
                    + #"stroke-width="2"\#(dash)/>"#)
            out.append(
                #"<circle cx="\#(f(x + 13))" cy="\#(f(y))" r="3" fill="\#(Self.escape(series.color))"/>"#)
            out.append(#"<text x="\#(f(x + 34))" y="\#(f(y + 4))">\#(Self.escape(series.name))</text>"#)
        }
        return out
    }

    private static let ink = "#333333"
    private static let muted = "#666666"
    private static let majorGrid = "#cccccc"
    private static let minorGrid = "#eeeeee"

    /// `value` rounded to hundredths, without trailing zeros.
    private func f(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        return rounded == rounded.rounded() ? "\(Int(rounded))" : "\(rounded)"
    }

    /// `text` with the five XML special characters escaped.
    static func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            default: result.append(character)
            }
        }
        return result
    }
}
