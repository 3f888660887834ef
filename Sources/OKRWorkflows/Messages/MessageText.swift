public import ChatPlatforms
public import Foundation
public import OKRModel

/// Shared wording for messages: week labels, value lines, example replies.
public enum MessageText {
    /// `2026-W48`: the ISO week of `instant` in `timeZone`.
    public static func week(_ instant: Date, in timeZone: TimeZone) -> String {
        let calendar = Calendar.gregorian(timeZone)
        let parts = calendar.dateComponents([.yearForWeekOfYear, .weekOfYear], from: instant)
        return String(format: "%04d-W%02d", parts.yearForWeekOfYear ?? 0, parts.weekOfYear ?? 0)
    }

    /// A key result as a line: bar, `#n key`, title, current value, expected, flags.
    public static func keyResultLine(_ report: KeyResultReport, number: Int? = nil, mention: Bool = false) -> ChatMessage.Line {
        let kr = report.keyResult
        var inlines: [Inline] = []
        if mention, let owner = kr.owner { inlines += [.mention(owner), .text(" ")] }
        if let number { inlines.append(.text("#\(number) ")) }
        inlines.append(.strong(kr.key))
        inlines.append(.text(" \(kr.title): "))
        if report.lastCheckIn == nil {
            inlines.append(.text("no check-in yet" + (goal(kr).map { ", \($0)" } ?? "")))
        } else {
            inlines.append(.text(value(report)))
        }
        if let confidence = report.confidence { inlines.append(.text(", confidence \(confidence)/10")) }
        let notable = report.flags.filter { $0 != .ownerAway }
        if !notable.isEmpty { inlines.append(.text(" · " + notable.map { $0.rawValue.replacingOccurrences(of: "_", with: " ") }.joined(separator: ", "))) }
        return ChatMessage.Line(inlines, progress: ChatMessage.Progress(actual: report.clampedProgress, expected: report.expected, status: report.status.rawValue))
    }

    /// The current value as people read it against the goal: "3 of 8", "10.4% (from 11% to 8%)"
    /// for a decrease, "89% (keep ≥ 90%)" for a threshold, "2 of 4" milestones.
    public static func value(_ report: KeyResultReport) -> String {
        let kr = report.keyResult
        let now = kr.format(report.currentValue)
        switch kr.kind {
        case .milestone:
            return now
        case .increase:
            return kr.target.map { "\(now) of \(kr.format($0))" } ?? now
        case .decrease, .threshold:
            return goal(kr).map { "\(now) (\($0))" } ?? now
        }
    }

    /// What the key result aims at, in words: "target 8", "from 11% to 8%", "keep ≥ 90%".
    static func goal(_ kr: KeyResult) -> String? {
        guard let target = kr.target, kr.kind != .milestone else { return nil }
        switch kr.kind {
        case .threshold: return "keep \(kr.direction == .atLeast ? "≥" : "≤") \(kr.format(target))"
        case .decrease: return kr.baseline.map { "from \(kr.format($0)) to \(kr.format(target))" } ?? "target \(kr.format(target))"
        default: return "target \(kr.format(target))"
        }
    }

    /// An example reply line for a key result: its key and a plausible next value.
    public static func example(for report: KeyResultReport) -> String {
        let kr = report.keyResult
        let next: Double
        switch kr.kind {
        case .milestone: next = min(Double(kr.milestones.count), report.currentValue + 1)
        case .increase, .decrease, .threshold:
            let step = abs(kr.goalValue - kr.startValue) / 10
            let moved = kr.kind == .decrease ? report.currentValue - step : report.currentValue + step
            next = (moved * 100).rounded() / 100
        }
        let value = kr.kind == .milestone ? "\(Int(next)) of \(kr.milestones.count)" : kr.unit.format(kr.unit == .count ? next.rounded() : next)
        return "\(kr.key) \(value) conf 7 - what moved it"
    }
}
