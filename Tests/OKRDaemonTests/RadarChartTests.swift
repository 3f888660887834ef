import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ChatPlatforms
@testable import OKRDaemon
import OKRModel
import OKRStore
import Testing
import OKRWorkflows

@Suite("Radar charts as SVG and PNG")
struct RadarChartTests {
    let chart = RadarChart(title: "Sales <EMEA> & co", subtitle: "50% of the period elapsed", axes: [
        .init(label: "Move to a territory-focused sales model", actual: 0.5, expected: 0.5, status: .onTrack),
        .init(label: "Establish an active reseller channel", actual: 0.2, expected: 0.5, status: .inTrouble),
        .init(label: "Increase revenue from existing customers", actual: 1.0, expected: 0.5, status: .complete),
        .init(label: "Build a robust demo pipeline", actual: 0.35, expected: 0.5, status: .atRisk),
    ])

    @Test("SVG: an outline for the expected pace, a filled shape for actual progress, a point per objective in its status colour")
    func svg() throws {
        let svg = chart.svg()
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.components(separatedBy: "class=\"point\"").count - 1 == 4)
        #expect(svg.contains("class=\"expected\""))
        #expect(svg.contains("class=\"actual\""))
        #expect(svg.contains("fill=\"#22c55e\""))  // on track
        #expect(svg.contains("fill=\"#dc2626\""))  // in trouble
        #expect(svg.contains("fill=\"#15803d\""))  // complete
        #expect(svg.contains("fill=\"#f59e0b\""))  // at risk
        // The first axis points up: 50% of a 175 px radius above the centre (360, 305).
        #expect(svg.contains("cx=\"360.0\" cy=\"217.5\""))
        #expect(svg.contains("Sales &lt;EMEA&gt; &amp; co"))
        #expect(!svg.contains("<EMEA>"))
        // It parses as XML.
        #expect(XMLParser(data: Data(svg.utf8)).parse())
    }

    @Test("PNG through cairo: a valid image of the chart's size")
    func png() throws {
        let bytes = try chart.png()
        #expect(Array(bytes.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        func be32(_ offset: Int) -> Int { bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) } }
        #expect(String(decoding: bytes[12..<16], as: UTF8.self) == "IHDR")
        #expect(be32(16) == Int(RadarChart.width))
        #expect(be32(20) == Int(RadarChart.height))
        #expect(bytes.count > 5_000)
    }

    @Test("The scale rings are labelled and the legend names actual and expected, in SVG and PNG alike (one list of shapes)")
    func legendAndScale() throws {
        let svg = chart.svg()
        for label in [">25%<", ">50%<", ">75%<", ">100%<", ">actual<", ">expected<", ">on track<", ">in trouble<"] {
            #expect(svg.contains(label), "\(label)")
        }
        // Both drawings come from the same shapes: every text of the SVG is one the PNG draws.
        let texts = chart.shapes().compactMap { shape -> String? in if case .text(let string, _, _, _, _, _, _) = shape { return string } else { return nil } }
        #expect(texts.contains("expected") && texts.contains("actual") && texts.contains("25%"))
    }

    @Test("Fewer than three objectives: a bar each with its expected mark, not a line; none: a note", arguments: [0, 1, 2])
    func fewAxes(count: Int) throws {
        let few = RadarChart(title: "T", subtitle: "", axes: Array(chart.axes.prefix(count)))
        let svg = few.svg()
        #expect(!svg.contains("class=\"actual\""))
        #expect(svg.components(separatedBy: "class=\"bar\"").count - 1 == count)
        #expect(svg.components(separatedBy: "<line class=\"expected\"").count - 1 == count)
        if count == 0 { #expect(svg.contains("No objectives for this team yet")) }
        #expect(XMLParser(data: Data(svg.utf8)).parse())
        #expect(try few.png().count > 2_000)
    }
}

/// The PNG radar compared by pixels with reviewed images, one per number of objectives.
/// `OKRD_UPDATE_GOLDENS=1` rewrites them; look at every changed picture before committing it.
@Suite("Radar PNGs against reviewed golden images")
struct RadarGoldenTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden").path

    /// A team with `count` objectives, every status and both sides of the pace among them.
    static func chart(objectives count: Int) -> RadarChart {
        let titles = ["Move to a territory-focused sales model", "Establish an active reseller channel", "Increase revenue from existing customers",
                      "Build a robust demo pipeline for the Americas", "Establish strategic partnerships and channels", "Cut the sales cycle for mid-market deals",
                      "Make forecasts a team habit", "Grow the installed base in the Nordics"]
        let progress: [(Double, Status)] = [(0.62, .onTrack), (0.18, .inTrouble), (1.0, .complete), (0.41, .atRisk), (0.55, .onTrack), (0.05, .noData), (0.74, .onTrack), (0.3, .atRisk)]
        let axes = (0..<count).map { RadarChart.Axis(label: titles[$0], actual: progress[$0].0, expected: 0.55, status: progress[$0].1) }
        return RadarChart(title: "Sales EMEA · 2026-Q4", subtitle: "55% of the period elapsed", axes: axes)
    }

    @Test("Each drawing matches its reviewed image by pixels", arguments: [0, 1, 2, 3, 5, 8])
    func golden(objectives count: Int) throws {
        let png = try Self.chart(objectives: count).png()
        let golden = "\(Self.directory)/radar-\(count).png"
        if ProcessInfo.processInfo.environment["OKRD_UPDATE_GOLDENS"] == "1" {
            try Data(png).write(to: URL(fileURLWithPath: golden))
        }
        let drawn = NSTemporaryDirectory() + "okrd-radar-\(count)-\(UUID().uuidString).png"
        try Data(png).write(to: URL(fileURLWithPath: drawn))
        defer { try? FileManager.default.removeItem(atPath: drawn) }
        let actual = try RadarChart.pixels(ofPNG: drawn)
        let expected = try RadarChart.pixels(ofPNG: golden)
        #expect(actual.width == expected.width && actual.height == expected.height)
        guard actual.argb.count == expected.argb.count else { return }
        // Shapes must match exactly; text may be drawn by another version of the system's sans-serif
        // font, so a few pixels (glyph edges) may differ a little. A moved shape, a missing legend or
        // a wrong colour changes far more than this.
        var differing = 0
        for (a, e) in zip(actual.argb, expected.argb) where a != e {
            var largest = 0
            for shift in stride(from: UInt32(0), to: 32, by: 8) {
                let left = Int((a >> shift) & 0xFF)
                let right = Int((e >> shift) & 0xFF)
                largest = max(largest, abs(left - right))
            }
            if largest > 48 { differing += 1 }
        }
        let share = Double(differing) / Double(actual.argb.count)
        #expect(share < 0.01, "\(differing) pixels (\(String(format: "%.2f", share * 100)) %) differ from \(golden)")
    }

    @Test("The comparison notices a change: another status colour fails it")
    func noticesChange() throws {
        var chart = Self.chart(objectives: 3)
        chart = RadarChart(title: chart.title, subtitle: chart.subtitle, axes: chart.axes.map { RadarChart.Axis(label: $0.label, actual: min(1, $0.actual + 0.2), expected: $0.expected, status: .inTrouble) })
        let drawn = NSTemporaryDirectory() + "okrd-radar-changed-\(UUID().uuidString).png"
        try Data(try chart.png()).write(to: URL(fileURLWithPath: drawn))
        defer { try? FileManager.default.removeItem(atPath: drawn) }
        let changed = try RadarChart.pixels(ofPNG: drawn).argb
        let golden = try RadarChart.pixels(ofPNG: "\(Self.directory)/radar-3.png").argb
        let differing = zip(changed, golden).filter { $0 != $1 }.count
        #expect(Double(differing) / Double(golden.count) > 0.01)
    }
}

@Suite("Queueing an image for Matrix")
struct MatrixImageQueueTests {
    @Test("A message with an image okrd drew becomes the text, then the image as its own event, under one key")
    func split() throws {
        let destination = Destination(name: "room", platform: .matrix, homeserver: "https://matrix.example.org", room: "!r:example.org",
                                      accessToken: Secret("t", source: "test"))
        let writer = OutboxWriter(destinations: [destination], directory: Directory(people: []))
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 1, 2, 3]
        let digest = ChatMessage(kind: .digest, title: "Weekly digest", sections: [.init(lines: [.init([.text("a line")])])],
                                 image: ChatMessage.Image(url: "", alt: "Radar chart", png: png))
        let queued = try writer.enqueue(digest, to: "room", key: "digest:t:2026-W48", at: Date()).compactMap { change -> OutboxMessage? in
            if case .enqueue(let message) = change { return message } else { return nil }
        }
        #expect(queued.map(\.idempotencyKey) == ["digest:t:2026-W48", "digest:t:2026-W48#image"])
        #expect(queued[0].rendered?.contentType == "application/json")
        let text = String(decoding: queued[0].rendered?.body ?? [], as: UTF8.self)
        #expect(!text.contains("Radar chart"))
        #expect(queued[1].rendered?.contentType == MatrixImage.contentType)
        #expect(queued[1].rendered?.body == png)
    }
}
