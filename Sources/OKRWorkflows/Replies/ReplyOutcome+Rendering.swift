import ChatPlatforms
import CheckinParser
import Foundation
public import OKRModel

extension ReplyOutcome {
    /// The stable JSON shape of `okrd checkin --format json`; chat confirmations are rendered from
    /// the same outcome.
    public func json() -> String {
        let checkIns: [JSONValue] = parse.checkIns.filter { !$0.isKPI }.map { c in
            .object([
                ("kr", .string(c.target)),
                ("value", .optional(c.value)),
                ("confidence", .optional(c.confidence)),
                ("status", .optional(c.status?.rawValue)),
                ("comment", .optional(c.comment)),
                ("line", .number(Double(c.line))),
                ("evaluated", .optional(reports[c.target]?.status.rawValue)),
            ])
        }
        let kpis: [JSONValue] = parse.checkIns.filter(\.isKPI).map { c in
            .object([("kpi", .string(c.target)), ("value", .optional(c.value)), ("comment", .optional(c.comment)), ("line", .number(Double(c.line)))])
        }
        let blockers: [JSONValue] = parse.blockers.map { b in
            .object([("kr", .optional(b.target)), ("text", .string(b.text)), ("line", .number(Double(b.line)))])
        }
        let actions: [JSONValue] = parse.actions.enumerated().map { index, a in
            .object([
                ("owner", .string(a.owner)),
                ("text", .string(a.text)),
                ("due", .optional(a.due?.description)),
                ("kr", .optional(a.target)),
                ("line", .number(Double(a.line))),
                ("id", .optional(index < actionIDs.count ? "AI-\(actionIDs[index])" : nil)),
            ])
        }
        let commands: [JSONValue] = parse.commands.map { c in
            .object([
                ("command", .string(c.kind.rawValue)),
                ("kr", .optional(c.target)),
                ("until", .optional(c.until?.description)),
                ("line", .number(Double(c.line))),
                ("from", .optional(c.from?.description)),
                ("action", .optional(c.action.map { "AI-\($0)" })),
            ])
        }
        let errors: [JSONValue] = parse.errors.map { e in .object([("line", .number(Double(e.line))), ("message", .string(e.message))]) }
        let clarifications: [JSONValue] = parse.clarifications.map { c in
            let proposed: JSONValue
            switch c.proposal {
            case .value(let key, let value, let confidence, _)?:
                proposed = .object([("kr", .string(key)), ("value", .number(value)), ("confidence", .optional(confidence))])
            case .done(let id)?:
                proposed = .object([("action", .string("AI-\(id)"))])
            case nil:
                proposed = .null
            }
            return .object([("line", .number(Double(c.line))), ("question", .string(c.question)), ("proposed", proposed)])
        }
        let cleared: [JSONValue] = parse.resolvedBlockers.map { r in .object([("kr", .optional(r.target)), ("line", .number(Double(r.line)))]) }
        return JSONValue.object([
            ("author", .string(input.author)),
            ("at", .string(StatusReport.iso(input.at, timeZone))),
            ("checkins", .array(checkIns)),
            ("blockers", .array(blockers)),
            ("actions", .array(actions)),
            ("commands", .array(commands)),
            ("errors", .array(errors)),
            ("clarifications", .array(clarifications)),
            ("blockersResolved", .array(cleared)),
            ("kpis", .array(kpis)),
            ("recorded", .bool(recorded)),
            ("duplicate", .bool(duplicateOf != nil)),
        ]).pretty()
    }

    /// The confirmation a person gets in chat: what was recorded, where it leaves each key result,
    /// and what was not understood, line by line.
    public func confirmation(organization: Organization) -> [String] {
        var lines: [String] = []
        let name = organization.person(input.author)?.name ?? input.author
        if duplicateOf != nil {
            return ["Already recorded: this message arrived twice, nothing was stored again."]
        }
        let understood = !parse.checkIns.isEmpty || !parse.blockers.isEmpty || !parse.actions.isEmpty || !parse.resolvedBlockers.isEmpty
            || parse.commands.contains { $0.kind != .help && $0.kind != .confirm && $0.kind != .decline }
        if understood {
            lines.append(input.dryRun ? "Dry run for \(name), nothing stored. This reply would record:" : "Thanks \(name). Recorded:")
        }
        for checkIn in parse.checkIns {
            if checkIn.isKPI {
                guard let kpi = organization.kpi(checkIn.target) else { continue }
                let value = checkIn.value
                let healthy = kpi.isHealthy(value)
                let side = kpi.direction == .atLeast ? "at least" : "at most"
                lines.append("• KPI \(kpi.key): \(kpi.unit.format(value)) (target \(side) \(kpi.unit.format(kpi.target)): \(healthy ? "healthy" : "unhealthy"))")
                continue
            }
            guard let kr = organization.keyResult(checkIn.target) else { continue }
            var text = "• \(kr.key): "
            let value = checkIn.value
            text += kr.format(value)
            if let before = previousValues[kr.key], before != value { text += " (was \(kr.format(before)))" }
            if let confidence = checkIn.confidence { text += ", confidence \(confidence)/10" }
            if let status = checkIn.status { text += ", you said \(status.rawValue.replacingOccurrences(of: "_", with: " "))" }
            if let comment = checkIn.comment { text += " — “\(comment)”" }
            if let report = reports[kr.key] {
                text += ". Now \(report.status.label) \(report.status.emoji): \(percent(report.clampedProgress)) done, \(percent(report.expected)) expected by now"
                if report.has(.sandbagging) { text += "; well ahead of pace, consider a stretch target" }
            }
            lines.append(text + ".")
        }
        for resolved in parse.resolvedBlockers {
            lines.append("• Cleared the open blockers\(resolved.target.map { " on \($0)" } ?? ""): marked resolved.")
        }
        for blocker in parse.blockers {
            lines.append("• Blocker\(blocker.target.map { " on \($0)" } ?? ""): \(blocker.text)")
        }
        for (index, action) in parse.actions.enumerated() {
            let owner = organization.person(action.owner)?.name ?? action.owner
            let id = index < actionIDs.count ? "AI-\(actionIDs[index]) " : ""
            let due = action.due.map { ", due \(Self.describe($0))" } ?? ""
            lines.append("• Action \(id)for \(owner): \(action.text)\(due)")
        }
        for command in parse.commands {
            switch command.kind {
            case .snooze: lines.append("• Snoozed \(command.target ?? "") until the end of \(command.until.map(Self.describe) ?? "?"): no alerts until then.")
            case .ack: lines.append("• Acknowledged the alert on \(command.target ?? ""): no repeats until its status changes.")
            case .ooo:
                // ("Away on Fri 4 Dec" for one day, not "from Fri 4 Dec until Fri 4 Dec".)
                let when = command.from != nil && command.from == command.until ? "on \(command.until.map(Self.describe) ?? "?")"
                    : (command.from.map { "from \(Self.describe($0)) " } ?? "") + "until \(command.until.map(Self.describe) ?? "?")"
                lines.append("• Away \(when): no prompts or reminders, and it does not count as silence.")
            case .done: lines.append("• Closed \(command.action.map { "AI-\($0)" } ?? "the action item").")
            case .undo:
                if let undone {
                    lines.append("• Withdrew your previous reply (“\(undone.text.prefix(60))\(undone.text.count > 60 ? "…" : "")”).")
                } else {
                    lines.append("• There was nothing to undo.")
                }
            case .confirm, .decline: break
            case .help:
                lines += ReplyHelp.lines(example: organization.keyResults(updatableBy: input.author).first?.key ?? "kr1")
            }
        }
        if !parse.blockers.isEmpty && parse.actions.isEmpty {
            lines.append("Tip: a blocker moves when someone owns the next step. Add one, e.g. `action: @\(organization.team(ofKeyResult: parse.blockers[0].target ?? "")?.lead ?? input.author) ask legal for a review date by Friday`.")
        }
        if !parse.errors.isEmpty {
            lines.append(understood ? "Not understood:" : "I couldn't record anything from this reply:")
            for error in parse.errors { lines.append("• Line \(error.line): \(error.message)") }
        }
        if !parse.clarifications.isEmpty {
            let asked = parse.clarifications.count == 1 ? "one question" : "\(parse.clarifications.count) questions"
            lines.append(understood || !parse.errors.isEmpty ? "Not recorded yet, \(asked):" : "Nothing recorded yet, \(asked) first:")
            for clarification in parse.clarifications { lines.append("• Line \(clarification.line): \(clarification.question)") }
        }
        if declinedQuestion, lines.isEmpty {
            lines.append("OK, I dropped my question; nothing was recorded for it. Write the value when you have it.")
        }
        if lines.isEmpty {
            lines.append("Nothing to record in this reply. Send `help` to see how to check in.")
        }
        return lines
    }

    private func percent(_ fraction: Double) -> String { "\(Int((fraction * 100).rounded()))%" }

    /// `Fri 4 Dec`
    static func describe(_ day: LocalDate) -> String {
        let weekday = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][day.isoWeekday - 1]
        let month = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][day.month - 1]
        return "\(weekday) \(day.day) \(month)"
    }
}

/// The answer to `help`.
public enum ReplyHelp {
    public static func lines(example key: String) -> [String] {
        [
            "How to check in (one statement per line):",
            "• `\(key) 42` — the new value; also `#2 45%`, `$120k`, `3 of 5`, `from 35 to 42`, `+5`, `done`",
            "• `\(key) 42 conf 7 - two deals slipped` — confidence 0-10 (or 🟢 🟡 🔴) and a comment after a dash",
            "• `\(key) 42 at risk` — say on track, at risk, off track or blocked",
            "• `blocker: legal has not reviewed the contract` — what is in the way",
            "• `action: @maria send the draft to legal by Friday` — an action item (also `todo`, `- [ ]`)",
            "• `done AI-12` — close an action item; `snooze \(key) 1w`, `ack \(key)`, `ooo until Dec 4`, `undo`",
        ]
    }
}
