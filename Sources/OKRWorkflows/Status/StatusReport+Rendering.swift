import ChatPlatforms
import Foundation
import OKRModel

extension StatusReport {
    /// The stable JSON shape of `okrd status --format json`.
    public func json() -> String {
        let objectives: [JSONValue] = objectives.map { objective in
            .object([
                ("key", .string(objective.objective.key)),
                ("title", .string(objective.objective.title)),
                ("team", .string(objective.objective.team)),
                ("progress", .number(Self.round(objective.progress))),
                ("expected", .number(Self.round(objective.expected))),
                ("status", .string(objective.status.rawValue)),
                ("reasons", .array(objective.reasons.map { .string($0) })),
                ("keyResults", .array(objective.keyResults.map(keyResultJSON))),
            ])
        }
        return JSONValue.object([
            ("asOf", .string(Self.iso(asOf, timeZone))),
            ("period", .string(period.id)),
            ("elapsed", .number(Self.round(elapsed))),
            ("objectives", .array(objectives)),
        ]).pretty()
    }

    private func keyResultJSON(_ report: KeyResultReport) -> JSONValue {
        let kr = report.keyResult
        var pairs: [(String, JSONValue)] = [
            ("key", .string(kr.key)),
            ("title", .string(kr.title)),
            ("owner", .optional(kr.owner)),
            ("progress", .number(Self.round(report.progress))),
            ("expected", .number(Self.round(report.expected))),
            ("status", .string(report.status.rawValue)),
            ("confidence", .optional(report.confidence)),
            ("lastCheckin", .optional(report.lastCheckIn.map { Self.iso($0, timeZone) })),
            ("stalled", .bool(report.stalled)),
            ("flags", .array(report.flags.map { .string($0.rawValue) })),
            ("value", .number(report.currentValue)),
            ("unit", .string(kr.kind == .milestone ? "milestones" : kr.unit.description)),
            ("reasons", .array(report.reasons.map { .string($0) })),
        ]
        let level = escalation[kr.key]
        pairs.append(("escalation", .object([
            ("level", .number(Double(level?.level ?? 0))),
            ("since", .optional(level?.since.map { Self.iso($0, timeZone) })),
            ("reason", .optional(level?.reason)),
        ])))
        return .object(pairs)
    }

    static func round(_ value: Double) -> Double {
        (value * 10_000).rounded() / 10_000
    }

    static func iso(_ date: Date, _ zone: TimeZone) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = zone
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    // MARK: Table

    /// A table for a terminal: aligned columns and progress bars; ANSI colour only when `colour`.
    public func table(colour: Bool, width: Int = 100) -> String {
        let local = DateFormatter()
        local.locale = Locale(identifier: "en_US_POSIX")
        local.timeZone = timeZone
        local.dateFormat = "yyyy-MM-dd HH:mm"
        var lines: [String] = []
        lines.append("okrd status · \(period.id) · as of \(local.string(from: asOf)) \(timeZone.identifier) · \(Int((elapsed * 100).rounded()))% of the period elapsed")
        lines.append("")

        let titleWidth = max(24, min(48, width - 66))
        let header = Self.pad("OBJECTIVE / KEY RESULT", titleWidth) + "  " + Self.pad("OWNER", 8) + "  " + Self.pad("NOW", 13)
            + "  " + Self.pad("PROGRESS", 17) + "  " + Self.pad("EXP", 4) + "  " + Self.pad("STATUS", 10) + "  FLAGS"
        lines.append(paint(header, .bold, colour))

        for objective in objectives {
            lines.append("")
            let title = Self.pad(Self.truncate(objective.objective.title, titleWidth), titleWidth)
            let row = paint(title, .bold, colour) + "  " + Self.pad(Self.truncate(objective.objective.owner ?? "—", 8), 8) + "  " + Self.pad("", 13) + "  "
                + Self.bar(objective.progress) + "  " + Self.pad(Self.percent(objective.expected), 4) + "  "
                + paint(Self.pad(objective.status.label, 10), objective.status, colour)
                + (objective.reasons.isEmpty ? "" : "  " + objective.reasons.joined(separator: "; "))
            lines.append(row)
            for report in objective.keyResults {
                let kr = report.keyResult
                var flags = report.flags.map(\.rawValue)
                if let level = escalation[kr.key]?.level, level > 0 { flags.append("L\(level)") }
                let confidence = report.confidence.map { " c\($0)" } ?? ""
                let line = "  " + Self.pad(Self.truncate(kr.title, titleWidth - 2), titleWidth - 2) + "  "
                    + Self.pad(Self.truncate(kr.owner ?? "—", 8), 8) + "  "
                    + Self.pad(Self.truncate(report.lastCheckIn == nil ? "—" : kr.format(report.currentValue), 13), 13) + "  "
                    + Self.bar(report.progress) + "  " + Self.pad(Self.percent(report.expected), 4) + "  "
                    + paint(Self.pad(report.status.label, 10), report.status, colour)
                    + "  " + (flags.joined(separator: ",") + confidence).trimmingCharacters(in: .whitespaces)
                lines.append(line)
            }
        }
        let counts = Dictionary(grouping: objectives.flatMap(\.keyResults), by: \.status).mapValues(\.count)
        let summary = Status.allCases.compactMap { status in counts[status].map { "\($0) \(status.label)" } }
        lines.append("")
        lines.append("key results: " + summary.joined(separator: " · "))
        return lines.joined(separator: "\n") + "\n"
    }

    private enum Style { case bold }

    private func paint(_ text: String, _ style: Style, _ colour: Bool) -> String {
        colour ? "\u{1B}[1m\(text)\u{1B}[0m" : text
    }

    private func paint(_ text: String, _ status: Status, _ colour: Bool) -> String {
        guard colour else { return text }
        let code: String
        switch status {
        case .complete: code = "32"
        case .onTrack: code = "32"
        case .noData: code = "90"
        case .atRisk: code = "33"
        case .inTrouble: code = "31"
        }
        return "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }

    /// `██████░░░░  58%`: ten cells and the clamped percentage.
    static func bar(_ progress: Double) -> String {
        let clamped = min(1, max(0, progress))
        let filled = Int((clamped * 10).rounded())
        return String(repeating: "█", count: filled) + String(repeating: "░", count: 10 - filled) + " " + pad(percent(progress), 5, right: true)
    }

    static func percent(_ fraction: Double) -> String {
        "\(Int((fraction * 100).rounded()))%"
    }

    static func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let count = text.count
        guard count < width else { return text }
        let spaces = String(repeating: " ", count: width - count)
        return right ? spaces + text : text + spaces
    }

    static func truncate(_ text: String, _ width: Int) -> String {
        text.count <= width ? text : String(text.prefix(max(1, width - 1))) + "…"
    }
}
