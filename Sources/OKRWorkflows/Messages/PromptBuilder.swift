public import ChatPlatforms
import Foundation
public import OKRModel

/// The weekly check-in prompt for a team: every member who is not away, with their own key
/// results (current value, expected by now, status), their open action items, one example line
/// showing exactly how to answer, and the team's KPIs.
public struct PromptBuilder: Sendable {
    public let snapshot: Snapshot
    /// A person's check-in page link, for destinations people cannot answer on.
    public let link: (@Sendable (String) -> String?)?

    public init(snapshot: Snapshot, link: (@Sendable (String) -> String?)? = nil) {
        self.snapshot = snapshot
        self.link = link
    }

    /// The prompt, or nil when nobody in the team has anything to check in (everyone away).
    public func prompt(for team: Team, reminder: Bool = false, only people: Set<String>? = nil) -> ChatMessage? {
        let org = snapshot.organization
        let today = LocalDate(snapshot.at, in: team.timeZone)
        let week = MessageText.week(snapshot.at, in: team.timeZone)
        var sections: [ChatMessage.Section] = []
        for member in team.members {
            if let people, !people.contains(member) { continue }
            guard let person = org.person(member), !snapshot.isAway(member, on: LocalDate(snapshot.at, in: person.timeZone)) else { continue }
            let own = org.keyResults(ownedBy: member)
            guard !own.isEmpty else { continue }
            var lines: [ChatMessage.Line] = []
            var reports: [KeyResultReport] = []
            for (index, kr) in own.enumerated() {
                let report = snapshot.report(for: kr)
                reports.append(report)
                lines.append(MessageText.keyResultLine(report, number: index + 1))
            }
            for action in snapshot.actionItems where action.owner == member && action.doneAt == nil {
                let due = action.due.map { $0 < today ? " (overdue since \($0))" : " (due \($0))" } ?? ""
                lines.append(ChatMessage.Line([.text("Open action "), .code("AI-\(action.id)"), .text(" "), .userText(action.text), .text(due + " · reply "), .code("done AI-\(action.id)"), .text(" when it is")]))
            }
            // The example shows the key result furthest behind: the one most worth a line.
            let focus = reports.max { $0.gap < $1.gap } ?? reports[0]
            if let url = link?(member) {
                lines.append(ChatMessage.Line([.mention(member), .text(" check in here: "), .link(url: url, label: "your check-in page"),
                                               .text(" (the link is yours alone; it works until this week's check-in closes)")]))
            } else {
                lines.append(ChatMessage.Line([.mention(member), .text(" reply like: "), .code(MessageText.example(for: focus))]))
            }
            sections.append(ChatMessage.Section(title: person.name, lines: lines))
        }
        guard !sections.isEmpty else { return nil }
        let kpis = org.kpis.filter { $0.team == team.id }
        if !kpis.isEmpty, !reminder {
            let lines = kpis.map { kpi -> ChatMessage.Line in
                let value = snapshot.currentValue(of: kpi)
                let healthy = value.map { kpi.isHealthy($0) }
                let side = kpi.direction == .atLeast ? "≥" : "≤"
                return ChatMessage.Line([
                    .strong(kpi.key), .text(" \(kpi.title): \(value.map { kpi.unit.format($0) } ?? "no value") (target \(side) \(kpi.unit.format(kpi.target)))"),
                    .text(healthy.map { $0 ? " ✅ healthy" : " ⚠️ unhealthy" } ?? ""),
                ])
            }
            sections.append(ChatMessage.Section(title: "KPIs (report like `\(kpis[0].key) 42`)", lines: lines))
        }
        let title = reminder ? "Reminder: check-in for \(team.name) · \(week)" : "Weekly check-in · \(team.name) · \(week)"
        let intro: [Inline] = reminder
            ? [.text("Still waiting for your check-in this week. One line per key result is enough.")]
            : [.text("How did your key results move this week? Reply with one line per key result: its key or #number, the new value, "),
               .text("your confidence (0-10 or 🟢🟡🔴) and a comment after a dash. Add "), .code("blocker: ..."), .text(" and "),
               .code("action: @owner task by Friday"), .text(" lines too.")]
        return ChatMessage(
            kind: reminder ? .reminder : .prompt, severity: .info, title: title, intro: intro, sections: sections,
            footer: [.text("Send "), .code("help"), .text(" for the reply format · "), .code("ooo until Dec 4"), .text(" when you are away")],
            threadKey: "prompt-\(team.id)-\(week)")
    }
}
