import Testing

@testable import Workloads

/// The SVG charts of `bach report`: well-formed, one polyline per series, points where the axes
/// put them.
struct LineChartTests {
    static let chart = LineChart(
        title: "test <chart>",
        series: [
            .init(name: "cpu", points: [(12, 0.1), (10, 0.001)], color: "#1f77b4"),
            .init(name: "gpu", points: [(11, 0.01)], color: "#d62728"),
            .init(
                name: "numpy & \"co\" (peer)", points: [(10, 0.002), (11, 0), (12, .nan)], color: "#9467bd",
                dashed: true),
        ])

    @Test func theSVGIsWellFormedWithOnePolylinePerSeries() throws {
        let elements = try checkXML(Self.chart.svg())
        #expect(elements.first?.name == "svg")
        #expect(elements.first?.attributes["xmlns"] == "http://www.w3.org/2000/svg")
        #expect(elements.first?.attributes["viewBox"] == "0 0 780 460")
        let polylines = elements.filter { $0.name == "polyline" }
        #expect(polylines.map { $0.attributes["stroke"] } == ["#1f77b4", "#d62728", "#9467bd"])
        #expect(polylines.map { $0.attributes["stroke-dasharray"] } == [nil, nil, "6 4"])
        // A marker per point (2 + 1 + 1: the peer's zero and NaN are left out) and one per legend row.
        #expect(elements.filter { $0.name == "circle" }.count == 4 + 3)
        #expect(!elements.contains { $0.name == "script" || $0.name == "style" })
    }

    /// x from 9.75 to 12.25 (whole log2 sizes around the points, a quarter more on each side), y from
    /// 1 ms to 100 ms (whole decades): 2^10 at 1 ms is 0.25/2.5 of the way across at the bottom,
    /// 2^12 at 100 ms 2.25/2.5 across at the top, 2^11 at 10 ms half way across and half way up.
    @Test func pointsArePlacedOnTheLogAxes() throws {
        let layout = Self.chart.layout
        #expect(layout == LineChart.Layout(x: 9.75...12.25, decades: -3 ... -1))
        let polylines = try checkXML(Self.chart.svg()).filter { $0.name == "polyline" }
        let points = polylines.map { polyline in
            polyline.attributes["points"]!.split(separator: " ").map { pair in
                pair.split(separator: ",").map { Double($0)! }
            }
        }
        let (left, top, width, height) = (78.0, 44.0, 512.0, 354.0)
        // The peer's 2 ms is log10(2) = 0.30103 of a decade above the bottom decade, of two.
        let expected = [
            [[left + 0.1 * width, top + height], [left + 0.9 * width, top]],
            [[left + 0.5 * width, top + height / 2]],
            [[left + 0.1 * width, top + height * (1 - 0.30103 / 2)]],
        ]
        #expect(points.map(\.count) == expected.map(\.count))
        for (got, wanted) in zip(points.joined(), expected.joined()) {
            // Coordinates are written to hundredths.
            #expect(
                abs(got[0] - wanted[0]) <= 0.005 && abs(got[1] - wanted[1]) <= 0.005, "\(got) vs \(wanted)")
        }
    }

    @Test func ticksAndLabelsAreThere() {
        let svg = Self.chart.svg()
        // Two decades: labels at each decade and at 2 and 5 times it.
        for label in ["1 ms", "2 ms", "5 ms", "10 ms", "20 ms", "50 ms", "100 ms"] {
            #expect(svg.contains(">\(label)</text>"), "\(label)")
        }
        for k in 10...12 {
            #expect(svg.contains(#">2<tspan dy="-6" font-size="9">\#(k)</tspan></text>"#))
        }
        #expect(!svg.contains(">9</tspan>") && !svg.contains(">13</tspan>"))
        #expect(svg.contains(">elements (log2 scale)</text>"))
        #expect(svg.contains(">median seconds (log scale)</text>"))
        #expect(svg.contains("<title>test &lt;chart&gt;</title>"))
        #expect(svg.contains(">numpy &amp; &quot;co&quot; (peer)</text>"))
    }

    /// The checker the tests above rely on refuses what is not well-formed.
    @Test(arguments: [
        "<svg><g></svg>", "<svg a=\"1\" a=\"2\"/>", "<svg>&</svg>", "<svg a=1/>", "<svg/><svg/>", "<svg>",
        "text<svg/>", "<svg a=\"<\"/>", "<svg>&nbsp;</svg>",
    ])
    func theXMLCheckerRefusesMalformedDocuments(_ text: String) {
        #expect(throws: XMLProblem.self) { try checkXML(text) }
    }

    @Test func aChartWithoutPointsSaysSoAndStaysWellFormed() throws {
        let chart = LineChart(title: "empty", series: [.init(name: "cpu", points: [], color: "#1f77b4")])
        let svg = chart.svg()
        #expect(try checkXML(svg).filter { $0.name == "polyline" }.count == 1)
        #expect(svg.contains(">no valid results</text>"))
        #expect(chart.layout == LineChart.Layout(x: 9.75...12.25, decades: -3...0))
    }

    @Test func aSingleSizeAndValueStillSpanAUnit() {
        let chart = LineChart(
            title: "one", series: [.init(name: "cpu", points: [(20, 1.0)], color: "#1f77b4")])
        #expect(chart.layout == LineChart.Layout(x: 18.75...21.25, decades: 0...1))
    }

    @Test func theChartOfASummaryHasALinePerModeAndDashedPeers() throws {
        let summary = ResultsSummary(records: [
            ResultRecord(benchmark: "pca", series: "bach", size: 1 << 8, times: [0.02], validation: "ok"),
            ResultRecord(benchmark: "pca", series: "cpu", size: 1 << 8, times: [0.01], validation: "ok"),
            ResultRecord(benchmark: "pca", series: "cpu", size: 1 << 9, times: [], validation: "error: x"),
            ResultRecord(
                benchmark: "pca", series: "sklearn", isPeer: true, size: 1 << 8, times: [0.03],
                validation: "ok"),
        ])
        let chart = LineChart(summary.groups[0])
        #expect(chart.title == "pca: median time against size")
        #expect(chart.series.map(\.name) == ["cpu", "bach", "sklearn (peer)"])
        #expect(chart.series.map(\.color) == ["#1f77b4", "#2ca02c", "#9467bd"])
        #expect(chart.series.map(\.dashed) == [false, false, true])
        #expect(chart.series[0].points.map(\.x) == [8], "the failed size has no point")
        #expect(chart.series[0].points.map(\.y) == [0.01])
    }
}
