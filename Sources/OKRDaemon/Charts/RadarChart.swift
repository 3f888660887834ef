import CCairo
import Foundation
public import OKRModel
public import OKRWorkflows

/// A team's radar chart, as in the case study: one axis per objective, the progress expected by
/// now as a dashed outline, actual progress as a filled shape, each point coloured by its status,
/// rings labelled 25/50/75/100 %. With fewer than three objectives (where a radar is a line or a
/// dot) it is a bar per objective against its expected mark. The layout is one list of shapes,
/// drawn as SVG by okrd itself or as PNG through cairo, so both show the same chart and legend.
public struct RadarChart: Sendable {
    public struct Axis: Sendable, Hashable {
        public var label: String
        /// Clamped to 0...1.
        public var actual: Double
        public var expected: Double
        public var status: Status

        public init(label: String, actual: Double, expected: Double, status: Status) {
            self.label = label
            self.actual = actual
            self.expected = expected
            self.status = status
        }
    }

    public var title: String
    public var subtitle: String
    public var axes: [Axis]

    public static let width = 720.0
    public static let height = 580.0
    static let center = (x: 360.0, y: 305.0)
    static let radius = 175.0

    public init(title: String, subtitle: String, axes: [Axis]) {
        self.title = title
        self.subtitle = subtitle
        self.axes = axes
    }

    /// The chart of a team's objectives as of the snapshot.
    public init(team: Team, snapshot: Snapshot) {
        let reports = snapshot.objectiveReports(team: team.id)
        self.init(
            title: "\(team.name) · \(snapshot.organization.period.id)",
            subtitle: "\(Int((snapshot.organization.period.elapsedFraction(at: snapshot.at) * 100).rounded()))% of the period elapsed",
            axes: reports.map { Axis(label: $0.objective.title, actual: min(1, max(0, $0.progress)), expected: min(1, max(0, $0.expected)), status: $0.status) })
    }

    // MARK: Shapes

    struct Colour: Sendable, Hashable {
        var rgb: UInt32
        var a: Double = 1
        var r: Double { Double(rgb >> 16 & 0xFF) / 255 }
        var g: Double { Double(rgb >> 8 & 0xFF) / 255 }
        var b: Double { Double(rgb & 0xFF) / 255 }
        var hex: String { String(format: "#%06x", rgb) }
        static let ink = Colour(rgb: 0x111827)
        static let muted = Colour(rgb: 0x4b5563)
        static let legend = Colour(rgb: 0x374151)
        static let grid = Colour(rgb: 0xe5e7eb)
        static let axis = Colour(rgb: 0xd1d5db)
        static let actual = Colour(rgb: 0x2563eb)
        static let white = Colour(rgb: 0xffffff)
    }

    enum Anchor: String { case start, middle, end }

    /// What the chart is made of, in drawing order.
    enum Shape {
        case polygon([(x: Double, y: Double)], fill: Colour?, stroke: Colour?, width: Double, dashed: Bool, role: String?)
        case circle(x: Double, y: Double, r: Double, fill: Colour, stroke: Colour?, role: String?, tooltip: String?)
        case line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: Colour, width: Double, dashed: Bool, role: String?)
        case rect(x: Double, y: Double, w: Double, h: Double, fill: Colour, role: String?)
        case text(String, x: Double, y: Double, size: Double, anchor: Anchor, bold: Bool, colour: Colour)
    }

    static func color(_ status: Status) -> Colour {
        switch status {
        case .complete: Colour(rgb: 0x15803d)
        case .onTrack: Colour(rgb: 0x22c55e)
        case .atRisk: Colour(rgb: 0xf59e0b)
        case .inTrouble: Colour(rgb: 0xdc2626)
        case .noData: Colour(rgb: 0x9ca3af)
        }
    }

    /// The point at `fraction` of the radius on axis `index` (the first axis points up).
    func point(_ index: Int, _ fraction: Double) -> (x: Double, y: Double) {
        let angle = -Double.pi / 2 + 2 * Double.pi * Double(index) / Double(max(axes.count, 1))
        return (Self.center.x + cos(angle) * Self.radius * fraction, Self.center.y + sin(angle) * Self.radius * fraction)
    }

    /// A label in lines of at most `width` characters, at most three of them.
    static func lines(_ label: String, percent: Int?, width: Int = 22) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in label.split(separator: " ") {
            if current.isEmpty { current = String(word) } else if current.count + 1 + word.count <= width { current += " " + word } else {
                lines.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty { lines.append(current) }
        if lines.isEmpty { lines = [""] }
        if lines.count > 3 { lines = Array(lines.prefix(3)); lines[2] = String(lines[2].prefix(width - 2)) + "…" }
        lines = lines.map { $0.count > width + 2 ? String($0.prefix(width + 1)) + "…" : $0 }
        if let percent { lines[lines.count - 1] += " \(percent)%" }
        return lines
    }

    func shapes() -> [Shape] {
        var shapes: [Shape] = [
            .text(title, x: Self.center.x, y: 28, size: 18, anchor: .middle, bold: true, colour: .ink),
            .text(subtitle, x: Self.center.x, y: 48, size: 12, anchor: .middle, bold: false, colour: .muted),
        ]
        if axes.count >= 3 { shapes += radar() } else { shapes += bars() }
        shapes += legend()
        return shapes
    }

    private func radar() -> [Shape] {
        var shapes: [Shape] = []
        for ring in [0.25, 0.5, 0.75, 1.0] {
            shapes.append(.polygon(axes.indices.map { point($0, ring) }, fill: nil, stroke: .grid, width: 1, dashed: false, role: nil))
        }
        for index in axes.indices {
            let end = point(index, 1)
            shapes.append(.line(x1: Self.center.x, y1: Self.center.y, x2: end.x, y2: end.y, stroke: .axis, width: 1, dashed: false, role: nil))
        }
        // The scale, along the first axis (up).
        for ring in [0.25, 0.5, 0.75, 1.0] {
            let p = point(0, ring)
            shapes.append(.text("\(Int(ring * 100))%", x: p.x + 4, y: p.y + 11, size: 9, anchor: .start, bold: false, colour: .muted))
        }
        shapes.append(.polygon(axes.indices.map { point($0, axes[$0].expected) }, fill: nil, stroke: .legend, width: 1.5, dashed: true, role: "expected"))
        var fill = Colour.actual
        fill.a = 0.22
        shapes.append(.polygon(axes.indices.map { point($0, axes[$0].actual) }, fill: fill, stroke: .actual, width: 2, dashed: false, role: "actual"))
        for (index, axis) in axes.enumerated() {
            let p = point(index, axis.actual)
            shapes.append(.circle(x: p.x, y: p.y, r: 6, fill: Self.color(axis.status), stroke: .white, role: "point", tooltip: tooltip(axis)))
            let label = point(index, 1.1)
            let anchor: Anchor = abs(label.x - Self.center.x) < 10 ? .middle : (label.x < Self.center.x ? .end : .start)
            let lines = Self.lines(axis.label, percent: Int((axis.actual * 100).rounded()))
            let top = label.y < Self.center.y - 10 ? label.y - Double(lines.count - 1) * 14 : label.y + (abs(label.y - Self.center.y) < 10 ? -Double(lines.count - 1) * 7 : 8)
            for (row, line) in lines.enumerated() {
                shapes.append(.text(line, x: label.x, y: top + Double(row) * 14 + 4, size: 12, anchor: anchor, bold: false, colour: .ink))
            }
        }
        return shapes
    }

    /// Fewer than three objectives: a bar each, its expected progress marked.
    private func bars() -> [Shape] {
        guard !axes.isEmpty else {
            return [.text("No objectives for this team yet", x: Self.center.x, y: Self.center.y, size: 14, anchor: .middle, bold: false, colour: .muted)]
        }
        var shapes: [Shape] = []
        let left = 240.0, right = 660.0, span = right - left
        let top = 120.0, rowHeight = 110.0
        let bottom = top + rowHeight * Double(axes.count) - 40
        for tick in [0.0, 0.25, 0.5, 0.75, 1.0] {
            let x = left + span * tick
            shapes.append(.line(x1: x, y1: top - 14, x2: x, y2: bottom + 6, stroke: .grid, width: 1, dashed: false, role: nil))
            shapes.append(.text("\(Int(tick * 100))%", x: x, y: bottom + 22, size: 10, anchor: .middle, bold: false, colour: .muted))
        }
        for (index, axis) in axes.enumerated() {
            let y = top + rowHeight * Double(index)
            let lines = Self.lines(axis.label, percent: nil, width: 28)
            for (row, line) in lines.enumerated() {
                shapes.append(.text(line, x: left - 14, y: y + 10 + Double(row) * 15 - Double(lines.count - 1) * 7, size: 12, anchor: .end, bold: false, colour: .ink))
            }
            shapes.append(.rect(x: left, y: y, w: span, h: 24, fill: .grid, role: nil))
            var fill = Self.color(axis.status)
            fill.a = 0.9
            shapes.append(.rect(x: left, y: y, w: span * axis.actual, h: 24, fill: fill, role: "bar"))
            let mark = left + span * axis.expected
            shapes.append(.line(x1: mark, y1: y - 8, x2: mark, y2: y + 32, stroke: .legend, width: 2, dashed: true, role: "expected"))
            shapes.append(.text("\(Int((axis.actual * 100).rounded()))% · expected \(Int((axis.expected * 100).rounded()))% · \(axis.status.label)",
                                x: left, y: y + 48, size: 11, anchor: .start, bold: false, colour: .legend))
        }
        return shapes
    }

    private func legend() -> [Shape] {
        var shapes: [Shape] = []
        let y = Self.height - 22
        var x = 30.0
        for status in [Status.complete, .onTrack, .atRisk, .inTrouble] {
            shapes.append(.circle(x: x, y: y, r: 5, fill: Self.color(status), stroke: nil, role: nil, tooltip: nil))
            shapes.append(.text(status.label, x: x + 9, y: y + 4, size: 11, anchor: .start, bold: false, colour: .legend))
            x += 88
        }
        var fill = Colour.actual
        fill.a = 0.22
        shapes.append(.rect(x: x - 5, y: y - 6, w: 18, h: 12, fill: fill, role: nil))
        shapes.append(.text("actual", x: x + 18, y: y + 4, size: 11, anchor: .start, bold: false, colour: .legend))
        x += 80
        shapes.append(.line(x1: x, y1: y, x2: x + 22, y2: y, stroke: .legend, width: 1.5, dashed: true, role: nil))
        shapes.append(.text("expected", x: x + 27, y: y + 4, size: 11, anchor: .start, bold: false, colour: .legend))
        return shapes
    }

    private func tooltip(_ axis: Axis) -> String {
        "\(axis.label): \(Int((axis.actual * 100).rounded()))% (expected \(Int((axis.expected * 100).rounded()))%), \(axis.status.label)"
    }

    // MARK: SVG

    public func svg() -> String {
        func f(_ value: Double) -> String { String(format: "%.1f", value) }
        func paint(_ colour: Colour?) -> String { colour.map { $0.hex } ?? "none" }
        func opacity(_ colour: Colour?, _ name: String) -> String { colour.map { $0.a < 1 ? " \(name)-opacity=\"\(f($0.a))\"" : "" } ?? "" }
        func role(_ role: String?) -> String { role.map { " class=\"\($0)\"" } ?? "" }
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(Self.width))\" height=\"\(Int(Self.height))\" viewBox=\"0 0 \(Int(Self.width)) \(Int(Self.height))\" role=\"img\" aria-label=\"\(escape(title))\">\n"
        out += "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n"
        for shape in shapes() {
            switch shape {
            case .polygon(let points, let fill, let stroke, let width, let dashed, let name):
                let list = points.map { "\(f($0.x)),\(f($0.y))" }.joined(separator: " ")
                out += "<polygon\(role(name)) points=\"\(list)\" fill=\"\(paint(fill))\"\(opacity(fill, "fill")) stroke=\"\(paint(stroke))\" stroke-width=\"\(f(width))\"\(dashed ? " stroke-dasharray=\"6 4\"" : "")/>\n"
            case .circle(let x, let y, let r, let fill, let stroke, let name, let tooltip):
                let tip = tooltip.map { "<title>\(escape($0))</title>" } ?? ""
                out += "<circle\(role(name)) cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"\(f(r))\" fill=\"\(fill.hex)\"\(stroke.map { " stroke=\"\($0.hex)\" stroke-width=\"1.5\"" } ?? "")>\(tip)</circle>\n"
            case .line(let x1, let y1, let x2, let y2, let stroke, let width, let dashed, let name):
                out += "<line\(role(name)) x1=\"\(f(x1))\" y1=\"\(f(y1))\" x2=\"\(f(x2))\" y2=\"\(f(y2))\" stroke=\"\(stroke.hex)\" stroke-width=\"\(f(width))\"\(dashed ? " stroke-dasharray=\"6 4\"" : "")/>\n"
            case .rect(let x, let y, let w, let h, let fill, let name):
                out += "<rect\(role(name)) x=\"\(f(x))\" y=\"\(f(y))\" width=\"\(f(w))\" height=\"\(f(h))\" fill=\"\(fill.hex)\"\(opacity(fill, "fill"))/>\n"
            case .text(let string, let x, let y, let size, let anchor, let bold, let colour):
                out += "<text x=\"\(f(x))\" y=\"\(f(y))\" text-anchor=\"\(anchor.rawValue)\" font-family=\"sans-serif\" font-size=\"\(f(size))\"\(bold ? " font-weight=\"bold\"" : "") fill=\"\(colour.hex)\">\(escape(string))</text>\n"
            }
        }
        out += "</svg>\n"
        return out
    }

    private func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    // MARK: PNG (cairo)

    public enum PNGError: Error, CustomStringConvertible {
        case cairo(String)
        public var description: String {
            switch self { case .cairo(let status): "cairo could not draw the chart: \(status)" }
        }
    }

    /// The same chart as a PNG, drawn with cairo.
    public func png() throws(PNGError) -> [UInt8] {
        guard okrd_cairo_load() != 0 else { throw .cairo("libcairo.so.2 cannot be loaded (apt-get install libcairo2)") }
        guard let surface = okrd_cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(Self.width), Int32(Self.height)) else { throw .cairo("no surface") }
        defer { okrd_cairo_surface_destroy(surface) }
        guard let cr = okrd_cairo_create(surface) else { throw .cairo("no context") }
        defer { okrd_cairo_destroy(cr) }

        func source(_ colour: Colour) { okrd_cairo_set_source_rgba(cr, colour.r, colour.g, colour.b, colour.a) }
        func dash(_ on: Bool) {
            if on {
                var dashes = [6.0, 4.0]
                okrd_cairo_set_dash(cr, &dashes, 2, 0)
            } else {
                okrd_cairo_set_dash(cr, nil, 0, 0)
            }
        }
        source(.white)
        okrd_cairo_paint(cr)
        for shape in shapes() {
            switch shape {
            case .polygon(let points, let fill, let stroke, let width, let dashed, _):
                guard let first = points.first else { continue }
                okrd_cairo_move_to(cr, first.x, first.y)
                for p in points.dropFirst() { okrd_cairo_line_to(cr, p.x, p.y) }
                okrd_cairo_close_path(cr)
                if let fill { source(fill); okrd_cairo_fill_preserve(cr) }
                if let stroke {
                    source(stroke)
                    okrd_cairo_set_line_width(cr, width)
                    dash(dashed)
                    okrd_cairo_stroke(cr)
                    dash(false)
                } else {
                    okrd_cairo_new_path(cr)
                }
            case .circle(let x, let y, let r, let fill, let stroke, _, _):
                okrd_cairo_new_sub_path(cr)
                okrd_cairo_arc(cr, x, y, r, 0, 2 * Double.pi)
                source(fill)
                if let stroke {
                    okrd_cairo_fill_preserve(cr)
                    source(stroke)
                    okrd_cairo_set_line_width(cr, 1.5)
                    okrd_cairo_stroke(cr)
                } else {
                    okrd_cairo_fill(cr)
                }
            case .line(let x1, let y1, let x2, let y2, let stroke, let width, let dashed, _):
                okrd_cairo_move_to(cr, x1, y1)
                okrd_cairo_line_to(cr, x2, y2)
                source(stroke)
                okrd_cairo_set_line_width(cr, width)
                dash(dashed)
                okrd_cairo_stroke(cr)
                dash(false)
            case .rect(let x, let y, let w, let h, let fill, _):
                okrd_cairo_rectangle(cr, x, y, w, h)
                source(fill)
                okrd_cairo_fill(cr)
            case .text(let string, let x, let y, let size, let anchor, let bold, let colour):
                okrd_cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
                okrd_cairo_set_font_size(cr, size)
                source(colour)
                var extents = cairo_text_extents_t()
                okrd_cairo_text_extents(cr, string, &extents)
                let dx = anchor == .middle ? -extents.x_advance / 2 : (anchor == .end ? -extents.x_advance : 0)
                okrd_cairo_move_to(cr, x + dx, y)
                okrd_cairo_show_text(cr, string)
            }
        }
        okrd_cairo_surface_flush(surface)
        let status = okrd_cairo_status(cr)
        guard status == CAIRO_STATUS_SUCCESS else { throw .cairo(String(cString: okrd_cairo_status_to_string(status))) }

        final class Sink { var bytes: [UInt8] = [] }
        let sink = Sink()
        let written = okrd_cairo_surface_write_to_png_stream(surface, { closure, data, length in
            guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
            let sink = Unmanaged<Sink>.fromOpaque(closure).takeUnretainedValue()
            sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
            return CAIRO_STATUS_SUCCESS
        }, Unmanaged.passUnretained(sink).toOpaque())
        guard written == CAIRO_STATUS_SUCCESS else { throw .cairo(String(cString: okrd_cairo_status_to_string(written))) }
        return sink.bytes
    }

    /// A PNG file's pixels as cairo reads it (premultiplied ARGB, one `UInt32` per pixel, rows top
    /// down), for comparing a chart with a reviewed image.
    public static func pixels(ofPNG path: String) throws(PNGError) -> (width: Int, height: Int, argb: [UInt32]) {
        guard okrd_cairo_load() != 0 else { throw .cairo("libcairo.so.2 cannot be loaded (apt-get install libcairo2)") }
        guard let surface = okrd_cairo_image_surface_create_from_png(path) else { throw .cairo("cannot read \(path)") }
        defer { okrd_cairo_surface_destroy(surface) }
        let status = okrd_cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else { throw .cairo("\(path): \(String(cString: okrd_cairo_status_to_string(status)))") }
        okrd_cairo_surface_flush(surface)
        let width = Int(okrd_cairo_image_surface_get_width(surface))
        let height = Int(okrd_cairo_image_surface_get_height(surface))
        let stride = Int(okrd_cairo_image_surface_get_stride(surface))
        guard let data = okrd_cairo_image_surface_get_data(surface) else { throw .cairo("\(path): no pixel data") }
        var argb = [UInt32](repeating: 0, count: width * height)
        for y in 0..<height {
            let row = UnsafeRawPointer(data + y * stride)
            for x in 0..<width { argb[y * width + x] = row.loadUnaligned(fromByteOffset: x * 4, as: UInt32.self) }
        }
        return (width, height, argb)
    }
}
