public import ChatPlatforms
import Foundation
public import OKRModel

/// The weekly digest for a team: status counts, every objective and key result with progress
/// against the pace, who has not checked in this cycle, what stalled, new and overdue action
/// items, and open blockers. Long digests are split by the renderers to fit each platform.
public struct DigestBuilder: Sendable {
    public let snapshot: Snapshot

    public init(snapshot: Snapshot) {
        self.snapshot = snapshot
    }

    public func digest(for team: Team) -> ChatMessage {
        let org = snapshot.organization
        let now = snapshot.at
        let cycleStart = CheckInCycle.start(of: team, at: now)
        let today = LocalDate(now, in: team.timeZone)
        let objectives = snapshot.objectiveReports(team: team.id)
        let reports = objectives.flatMap(\.keyResults)

        var counts: [Status: Int] = [:]
        for report in reports { counts[report.status, default: 0] += 1 }
        let summary = [Status.complete, .onTrack, .atRisk, .inTrouble, .noData].compactMap { status -> String? in
            guard let n = counts[status], n > 0 else { return nil }
            return "\(status.emoji) \(n) \(status.label)"
        }.joined(separator: " · ")

        var sections: [ChatMessage.Section] = objectives.map { objective in
            ChatMessage.Section(
                title: "\(objective.status.emoji) \(objective.objective.title) — \(percent(objective.progress)) (expected \(percent(objective.expected)))",
                lines: objective.keyResults.map { MessageText.keyResultLine($0) })
        }

        if let (lagging, leading) = Insight.imbalance(objectives) {
            sections.append(ChatMessage.Section(title: "Imbalance", lines: [ChatMessage.Line([
                .text("Objectives are far apart: \(leading.objective.title) is at \(percent(leading.progress)) while "),
                .text(lagging.map { "\($0.objective.title) is at \(percent($0.progress))" }.joined(separator: ", ")),
                .text(". Put the next week's effort where it lags."),
            ])]))
        }
        let kpis = org.kpis.filter { $0.team == team.id }
        if !kpis.isEmpty {
            sections.append(ChatMessage.Section(title: "KPIs", lines: kpis.map { kpi in
                let value = snapshot.currentValue(of: kpi)
                let side = kpi.direction == .atLeast ? "≥" : "≤"
                let weeks = Insight.unhealthyWeeks(kpi, snapshot: snapshot, zone: team.timeZone)
                let health = value.map { kpi.isHealthy($0) ? "✅ healthy" : "⚠️ unhealthy" + (weeks >= 2 ? " \(weeks) weeks running" : "") } ?? "no value yet"
                return ChatMessage.Line([.strong(kpi.key), .text(" \(kpi.title): \(value.map { kpi.unit.format($0) } ?? "—") (target \(side) \(kpi.unit.format(kpi.target))) \(health)")])
            }))
        }

        let silent = team.members.filter { member in
            guard let person = org.person(member), !snapshot.isAway(member, on: LocalDate(now, in: person.timeZone)) else { return false }
            let own = org.keyResults(ownedBy: member)
            return !own.isEmpty && !CheckInCycle.answered(member, keyResults: own, checkIns: snapshot.checkIns, since: cycleStart, through: now)
        }
        if !silent.isEmpty {
            sections.append(ChatMessage.Section(title: "Not checked in this week", lines: [ChatMessage.Line(Escalator.mentions(silent))]))
        }
        let away = team.members.filter { member in org.person(member).map { snapshot.isAway(member, on: LocalDate(now, in: $0.timeZone)) } ?? false }
        if !away.isEmpty {
            sections.append(ChatMessage.Section(title: "Away", lines: [ChatMessage.Line([.text(away.compactMap { org.person($0)?.name }.joined(separator: ", "))])]))
        }

        let stalled = reports.filter { $0.stalled }
        if !stalled.isEmpty {
            sections.append(ChatMessage.Section(title: "Stalled", lines: stalled.map { report in
                var line = MessageText.keyResultLine(report, mention: true)
                line.progress = nil
                if let last = report.lastCheckIn {
                    line.inlines.append(.text(" — last check-in \(LocalDate(last, in: team.timeZone))"))
                }
                return line
            }))
        }

        let teamKeys = Set(reports.map(\.keyResult.key))
        let relevant = snapshot.actionItems.filter { action in
            action.keyResult.map(teamKeys.contains) ?? team.members.contains(action.owner)
        }
        let new = relevant.filter { $0.createdAt > cycleStart && $0.doneAt == nil }
        let overdue = relevant.filter { $0.doneAt == nil && ($0.due.map { $0 < today } ?? false) }
        let done = relevant.filter { ($0.doneAt ?? .distantPast) > cycleStart }
        var actionLines: [ChatMessage.Line] = []
        for action in overdue {
            // Overdue is flagged to the owner in their prompt, then here to the lead.
            let lead = team.lead.map { [Inline.text(" · "), .mention($0)] } ?? []
            actionLines.append(ChatMessage.Line([.text("⏰ "), .code(action.reference), .text(" "), .mention(action.owner), .text(": "), .userText(action.text),
                                                 .text(" — overdue since \(action.due.map(\.description) ?? "?")")] + lead))
        }
        for action in new where !overdue.contains(action) {
            actionLines.append(ChatMessage.Line([.text("🆕 "), .code(action.reference), .text(" "), .mention(action.owner), .text(": "), .userText(action.text)]
                                                + (action.due.map { [.text(" — due \($0)")] } ?? [])))
        }
        if !done.isEmpty {
            actionLines.append(ChatMessage.Line([.text("✔️ \(done.count) done this week: ")] + done.prefix(8).flatMap { [Inline.code($0.reference), .text(" ")] }))
        }
        if !actionLines.isEmpty { sections.append(ChatMessage.Section(title: "Action items", lines: actionLines)) }

        let blockers = snapshot.openBlockers.filter { blocker in blocker.keyResult.map(teamKeys.contains) ?? team.members.contains(blocker.author) }
        if !blockers.isEmpty {
            sections.append(ChatMessage.Section(title: "Blockers", lines: blockers.map { blocker in
                ChatMessage.Line([.text("🚧 ")] + (blocker.keyResult.map { [Inline.strong($0), .text(" ")] } ?? []) + [.userText(blocker.text), .text(" — "), .mention(blocker.author)]
                    + (team.lead.map { lead in lead == blocker.author ? [] : [.text(" · lead "), .mention(lead)] } ?? []))
            }))
        }

        let week = MessageText.week(now, in: team.timeZone)
        let elapsed = Int((org.period.elapsedFraction(at: now) * 100).rounded())
        return ChatMessage(
            kind: .digest, severity: counts[.inTrouble, default: 0] > 0 ? .warning : .info,
            title: "Weekly digest · \(team.name) · \(week)",
            intro: [.text("\(org.period.id) is \(elapsed)% through. "), .text(summary.isEmpty ? "No key results." : summary)],
            sections: sections,
            footer: [.text("Expected progress follows each key result's pace; bars show progress, the number in brackets what is expected by now.")],
            threadKey: "digest-\(team.id)-\(week)")
    }

    private func percent(_ value: Double) -> String { "\(Int((min(9.99, max(-9.99, value)) * 100).rounded()))%" }
}
