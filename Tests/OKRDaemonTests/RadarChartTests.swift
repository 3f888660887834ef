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
