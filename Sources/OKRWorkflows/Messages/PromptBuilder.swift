public import ChatPlatforms
import Foundation
public import OKRModel

/// The weekly check-in prompt for a team: every member who works today (one of their work days in
/// their time zone, not away), with their own key results (current value, expected by now,
/// status), their open action items, one example line showing exactly how to answer, and the
/// team's KPIs. Someone off on the prompt day gets a personal prompt on their next work day.
public struct PromptBuilder: Sendable {
    public let snapshot: Snapshot
    /// A person's check-in page link, for destinations people cannot answer on.
    public let link: (@Sendable (String) -> String?)?
    /// A person's check-in page link for a button only (the destination takes replies but no forms).
    public let buttonLink: (@Sendable (String) -> String?)?
    /// Whether members off today (their weekend) are left out. Scheduled prompts do; an operator's
    /// `okrd prompt` asks for everyone who is not away.
    public let onlyAtWork: Bool

    public init(snapshot: Snapshot, link: (@Sendable (String) -> String?)? = nil, buttonLink: (@Sendable (String) -> String?)? = nil, onlyAtWork: Bool = true) {
        self.snapshot = snapshot
        self.link = link
        self.buttonLink = buttonLink
        self.onlyAtWork = onlyAtWork
    }

    /// The prompt, or nil when nobody in the team has anything to check in (everyone away or off).
    public func prompt(for team: Team, reminder: Bool = false, only people: Set<String>? = nil) -> ChatMessage? {
        let org = snapshot.organization
        let today = LocalDate(snapshot.at, in: team.timeZone)
        let week = MessageText.week(snapshot.at, in: team.timeZone)
        var sections: [ChatMessage.Section] = []
        var doneButtons: [ChatMessage.Button] = []
        var linkButtons: [ChatMessage.Button] = []
        for member in team.members {
            if let people, !people.contains(member) { continue }
            guard let person = org.person(member),
                  onlyAtWork ? snapshot.works(member, at: snapshot.at) : !snapshot.isAway(member, on: LocalDate(snapshot.at, in: person.timeZone)) else { continue }
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
                doneButtons.append(ChatMessage.Button(action: SlackInteraction.replyAction, label: "Done AI-\(action.id)",
                                                      value: SlackInteraction.replyValue("done AI-\(action.id)"), primary: false))
            }
            // The example shows the key result furthest behind: the one most worth a line.
            let focus = reports.max { $0.gap < $1.gap } ?? reports[0]
            if let url = link?(member) {
                lines.append(ChatMessage.Line([.mention(member), .text(" check in here: "), .link(url: url, label: "your check-in page"),
                                               .text(" (the link is yours alone; it works until this week's check-in closes)")]))
                linkButtons.append(ChatMessage.Button(action: "okrd_link", label: "Check in: \(person.name)", value: member, link: url))
            } else {
                lines.append(ChatMessage.Line([.mention(member), .text(" reply like: "), .code(MessageText.example(for: focus))]))
                if let url = buttonLink?(member) {
                    linkButtons.append(ChatMessage.Button(action: "okrd_link", label: "Check in: \(person.name)", value: member, link: url))
                }
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
        var built = message(title: title, intro: intro(reminder: reminder), sections: sections, reminder: reminder, team: team, week: week)
        // Where the platform can call okrd back, each open action item gets a "Done" button; where
        // it cannot, each person a button to their check-in page.
        let buttons = linkButtons + doneButtons
        built.buttons = buttons.isEmpty ? nil : buttons
        return built
    }

    /// The week's prompt for one member who was off when the team's prompt went out (their weekend,
    /// a holiday, time away), on their next work day; nil when they have nothing to check in.
    public func personalPrompt(for member: String, in team: Team, week: String) -> ChatMessage? {
        guard var message = prompt(for: team, reminder: true, only: [member]), let person = snapshot.organization.person(member) else { return nil }
        message.kind = .prompt
        message.title = "Weekly check-in · \(team.name) · \(week) · \(person.name)"
        message.intro = [.text("The team's check-in went out while you were off. How did your key results move this week? "),
                         .text("One line per key result: its key or #number, the new value, your confidence and a comment after a dash.")]
        message.threadKey = "prompt-\(team.id)-\(week)"
        return message
    }

    private func intro(reminder: Bool) -> [Inline] {
        reminder
            ? [.text("Still waiting for your check-in this week. One line per key result is enough.")]
            : [.text("How did your key results move this week? Reply with one line per key result: its key or #number, the new value, "),
               .text("your confidence (0-10 or 🟢🟡🔴) and a comment after a dash. Add "), .code("blocker: ..."), .text(" and "),
               .code("action: @owner task by Friday"), .text(" lines too.")]
    }

    private func message(title: String, intro: [Inline], sections: [ChatMessage.Section], reminder: Bool, team: Team, week: String) -> ChatMessage {
        ChatMessage(
            kind: reminder ? .reminder : .prompt, severity: .info, title: title, intro: intro, sections: sections,
            footer: [.text("Send "), .code("help"), .text(" for the reply format · "), .code("ooo until Dec 4"), .text(" when you are away")],
            threadKey: "prompt-\(team.id)-\(week)")
    }
}
