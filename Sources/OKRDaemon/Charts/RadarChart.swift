import CCairo
import Foundation
public import OKRModel
public import OKRWorkflows

/// A team's radar chart, as in the case study: one axis per objective, the progress expected by
/// now as a dashed outline, actual progress as a filled shape, each point coloured by its status.
/// One geometry, drawn as SVG by okrd itself or as PNG through cairo.
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

    // MARK: Geometry

    /// The point at `fraction` of the radius on axis `index` (the first axis points up).
    func point(_ index: Int, _ fraction: Double) -> (x: Double, y: Double) {
        let angle = -Double.pi / 2 + 2 * Double.pi * Double(index) / Double(max(axes.count, 1))
        return (Self.center.x + cos(angle) * Self.radius * fraction, Self.center.y + sin(angle) * Self.radius * fraction)
    }

    static func color(_ status: Status) -> (r: Double, g: Double, b: Double, hex: String) {
        switch status {
        case .complete: (0.08, 0.50, 0.24, "#15803d")
        case .onTrack: (0.13, 0.77, 0.37, "#22c55e")
        case .atRisk: (0.96, 0.62, 0.04, "#f59e0b")
        case .inTrouble: (0.86, 0.15, 0.15, "#dc2626")
        case .noData: (0.61, 0.64, 0.69, "#9ca3af")
        }
    }

    /// A label in lines of at most 22 characters, at most three of them.
    static func lines(_ label: String, percent: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in label.split(separator: " ") {
            if current.isEmpty { current = String(word) } else if current.count + 1 + word.count <= 22 { current += " " + word } else {
                lines.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty { lines.append(current) }
        if lines.count > 3 { lines = Array(lines.prefix(3)); lines[2] = String(lines[2].prefix(20)) + "…" }
        lines = lines.map { $0.count > 24 ? String($0.prefix(23)) + "…" : $0 }
        lines[lines.count - 1] += " \(percent)%"
        return lines
    }

    // MARK: SVG

    public func svg() -> String {
        func f(_ value: Double) -> String { String(format: "%.1f", value) }
        func polygon(_ fractions: [Double]) -> String {
            fractions.enumerated().map { index, fraction in let p = point(index, fraction); return "\(f(p.x)),\(f(p.y))" }.joined(separator: " ")
        }
        var out = """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(Self.width))" height="\(Int(Self.height))" viewBox="0 0 \(Int(Self.width)) \(Int(Self.height))" role="img" aria-label="\(escape(title))">
        <rect width="100%" height="100%" fill="#ffffff"/>
        <text x="\(f(Self.center.x))" y="28" text-anchor="middle" font-family="sans-serif" font-size="18" font-weight="bold" fill="#111827">\(escape(title))</text>
        <text x="\(f(Self.center.x))" y="48" text-anchor="middle" font-family="sans-serif" font-size="12" fill="#4b5563">\(escape(subtitle))</text>

        """
        for ring in [0.25, 0.5, 0.75, 1.0] {
            if axes.count >= 3 {
                out += "<polygon points=\"\(polygon(Array(repeating: ring, count: axes.count)))\" fill=\"none\" stroke=\"#e5e7eb\" stroke-width=\"1\"/>\n"
            } else {
                out += "<circle cx=\"\(f(Self.center.x))\" cy=\"\(f(Self.center.y))\" r=\"\(f(Self.radius * ring))\" fill=\"none\" stroke=\"#e5e7eb\" stroke-width=\"1\"/>\n"
            }
        }
        for index in axes.indices {
            let end = point(index, 1)
            out += "<line x1=\"\(f(Self.center.x))\" y1=\"\(f(Self.center.y))\" x2=\"\(f(end.x))\" y2=\"\(f(end.y))\" stroke=\"#d1d5db\" stroke-width=\"1\"/>\n"
        }
        if axes.count >= 2 {
            out += "<polygon class=\"expected\" points=\"\(polygon(axes.map(\.expected)))\" fill=\"none\" stroke=\"#374151\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>\n"
            out += "<polygon class=\"actual\" points=\"\(polygon(axes.map(\.actual)))\" fill=\"#2563eb\" fill-opacity=\"0.22\" stroke=\"#2563eb\" stroke-width=\"2\"/>\n"
        }
        for (index, axis) in axes.enumerated() {
            let p = point(index, axis.actual)
            out += "<circle class=\"point\" cx=\"\(f(p.x))\" cy=\"\(f(p.y))\" r=\"6\" fill=\"\(Self.color(axis.status).hex)\" stroke=\"#ffffff\" stroke-width=\"1.5\"><title>\(escape(axis.label)): \(Int((axis.actual * 100).rounded()))% (expected \(Int((axis.expected * 100).rounded()))%), \(axis.status.label)</title></circle>\n"
            let label = point(index, 1.1)
            let anchor = abs(label.x - Self.center.x) < 10 ? "middle" : (label.x < Self.center.x ? "end" : "start")
            let lines = Self.lines(axis.label, percent: Int((axis.actual * 100).rounded()))
            let top = label.y < Self.center.y - 10 ? label.y - Double(lines.count - 1) * 14 : label.y + (abs(label.y - Self.center.y) < 10 ? -Double(lines.count - 1) * 7 : 8)
            for (row, line) in lines.enumerated() {
                out += "<text x=\"\(f(label.x))\" y=\"\(f(top + Double(row) * 14 + 4))\" text-anchor=\"\(anchor)\" font-family=\"sans-serif\" font-size=\"12\" fill=\"#111827\">\(escape(line))</text>\n"
            }
        }
        var x = 40.0
        for status in [Status.complete, .onTrack, .atRisk, .inTrouble] {
            out += "<circle cx=\"\(f(x))\" cy=\"\(f(Self.height - 22))\" r=\"5\" fill=\"\(Self.color(status).hex)\"/><text x=\"\(f(x + 9))\" y=\"\(f(Self.height - 18))\" font-family=\"sans-serif\" font-size=\"11\" fill=\"#374151\">\(status.label)</text>\n"
            x += 95
        }
        out += "<line x1=\"\(f(x))\" y1=\"\(f(Self.height - 22))\" x2=\"\(f(x + 22))\" y2=\"\(f(Self.height - 22))\" stroke=\"#374151\" stroke-dasharray=\"6 4\"/><text x=\"\(f(x + 27))\" y=\"\(f(Self.height - 18))\" font-family=\"sans-serif\" font-size=\"11\" fill=\"#374151\">expected</text>\n"
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

        okrd_cairo_set_source_rgb(cr, 1, 1, 1)
        okrd_cairo_paint(cr)
        okrd_cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD)
        text(cr, title, x: Self.center.x, y: 28, size: 18, anchor: "middle", rgb: (0.07, 0.09, 0.15))
        okrd_cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL)
        text(cr, subtitle, x: Self.center.x, y: 48, size: 12, anchor: "middle", rgb: (0.29, 0.33, 0.39))

        okrd_cairo_set_line_width(cr, 1)
        okrd_cairo_set_source_rgb(cr, 0.90, 0.91, 0.92)
        for ring in [0.25, 0.5, 0.75, 1.0] {
            if axes.count >= 3 { path(cr, Array(repeating: ring, count: axes.count)) } else {
                okrd_cairo_new_sub_path(cr)
                okrd_cairo_arc(cr, Self.center.x, Self.center.y, Self.radius * ring, 0, 2 * Double.pi)
            }
            okrd_cairo_stroke(cr)
        }
        okrd_cairo_set_source_rgb(cr, 0.82, 0.84, 0.86)
        for index in axes.indices {
            let end = point(index, 1)
            okrd_cairo_move_to(cr, Self.center.x, Self.center.y)
            okrd_cairo_line_to(cr, end.x, end.y)
            okrd_cairo_stroke(cr)
        }
        if axes.count >= 2 {
            var dashes = [6.0, 4.0]
            okrd_cairo_set_dash(cr, &dashes, 2, 0)
            okrd_cairo_set_line_width(cr, 1.5)
            okrd_cairo_set_source_rgb(cr, 0.22, 0.25, 0.32)
            path(cr, axes.map(\.expected))
            okrd_cairo_stroke(cr)
            okrd_cairo_set_dash(cr, nil, 0, 0)
            path(cr, axes.map(\.actual))
            okrd_cairo_set_source_rgba(cr, 0.15, 0.39, 0.92, 0.22)
            okrd_cairo_fill_preserve(cr)
            okrd_cairo_set_source_rgb(cr, 0.15, 0.39, 0.92)
            okrd_cairo_set_line_width(cr, 2)
            okrd_cairo_stroke(cr)
        }
        for (index, axis) in axes.enumerated() {
            let p = point(index, axis.actual)
            let color = Self.color(axis.status)
            okrd_cairo_new_sub_path(cr)
            okrd_cairo_arc(cr, p.x, p.y, 6, 0, 2 * Double.pi)
            okrd_cairo_set_source_rgb(cr, color.r, color.g, color.b)
            okrd_cairo_fill_preserve(cr)
            okrd_cairo_set_source_rgb(cr, 1, 1, 1)
            okrd_cairo_set_line_width(cr, 1.5)
            okrd_cairo_stroke(cr)
            let label = point(index, 1.1)
            let anchor = abs(label.x - Self.center.x) < 10 ? "middle" : (label.x < Self.center.x ? "end" : "start")
            let lines = Self.lines(axis.label, percent: Int((axis.actual * 100).rounded()))
            let top = label.y < Self.center.y - 10 ? label.y - Double(lines.count - 1) * 14 : label.y + (abs(label.y - Self.center.y) < 10 ? -Double(lines.count - 1) * 7 : 8)
            for (row, line) in lines.enumerated() {
                text(cr, line, x: label.x, y: top + Double(row) * 14 + 4, size: 12, anchor: anchor, rgb: (0.07, 0.09, 0.15))
            }
        }
        var x = 40.0
        for status in [Status.complete, .onTrack, .atRisk, .inTrouble] {
            let color = Self.color(status)
            okrd_cairo_new_sub_path(cr)
            okrd_cairo_arc(cr, x, Self.height - 22, 5, 0, 2 * Double.pi)
            okrd_cairo_set_source_rgb(cr, color.r, color.g, color.b)
            okrd_cairo_fill(cr)
            text(cr, status.label, x: x + 9, y: Self.height - 18, size: 11, anchor: "start", rgb: (0.22, 0.25, 0.32))
            x += 95
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

    private func path(_ cr: OpaquePointer, _ fractions: [Double]) {
        for (index, fraction) in fractions.enumerated() {
            let p = point(index, fraction)
            if index == 0 { okrd_cairo_move_to(cr, p.x, p.y) } else { okrd_cairo_line_to(cr, p.x, p.y) }
        }
        okrd_cairo_close_path(cr)
    }

    private func text(_ cr: OpaquePointer, _ string: String, x: Double, y: Double, size: Double, anchor: String, rgb: (Double, Double, Double)) {
        okrd_cairo_set_font_size(cr, size)
        okrd_cairo_set_source_rgb(cr, rgb.0, rgb.1, rgb.2)
        var extents = cairo_text_extents_t()
        okrd_cairo_text_extents(cr, string, &extents)
        let dx = anchor == "middle" ? -extents.x_advance / 2 : (anchor == "end" ? -extents.x_advance : 0)
        okrd_cairo_move_to(cr, x + dx, y)
        okrd_cairo_show_text(cr, string)
    }
}
