public import ChatPlatforms
public import Foundation
public import OKRModel

/// Runs the escalation ladder over one team's key results and turns what it decides into store
/// changes: the ladder's new states and at most one message per kind and destination (alerts to
/// the team, escalations to the escalation destination, "back on track" notices), plus nudges for
/// blockers that came without an action item. The caller applies them together with the firing's
/// claim, so an evaluation is recorded, and its messages queued, exactly once.
public struct Escalator: Sendable {
    public let organization: Organization
    public let policy: EscalationPolicy
    public let writer: OutboxWriter

    public init(organization: Organization, settings: EscalationSettings, writer: OutboxWriter) {
        self.organization = organization
        policy = EscalationPolicy(repeatInterval: settings.repeatInterval, cyclesBeforeEscalation: settings.cyclesBeforeEscalation)
        self.writer = writer
    }

    /// One key result's decision, for messages and tests.
    public struct Decision: Sendable, Hashable {
        public var keyResult: String
        public var action: EscalationPolicy.Action
    }

    public struct Outcome: Sendable {
        public var changes: [StoreChange] = []
        public var decisions: [Decision] = []
        public var messages: [ChatMessage] = []
    }

    /// Evaluates `team` at `now`. `occurrence` keys the messages (one evaluation, one set of
    /// messages); `notBefore` holds them through quiet hours.
    public func evaluate(team: Team, snapshot: Snapshot, now: Date, occurrence: String, notBefore: Date) throws -> Outcome {
        var outcome = Outcome()
        let cycleStart = CheckInCycle.start(of: team, at: now)
        var alerts: [Int: [(KeyResultReport, String)]] = [2: [], 3: []]
        var resolved: [(KeyResultReport, String)] = []
        var objectiveReports: [String: ObjectiveReport] = [:]

        for objective in organization.objectives(ofTeam: team.id) {
            let objectiveReport = snapshot.report(for: objective)
            objectiveReports[objective.key] = objectiveReport
            for report in objectiveReport.keyResults {
                let kr = report.keyResult
                let stored = snapshot.escalation[kr.key]
                let memory = stored?.memory ?? EscalationPolicy.Memory()
                let owner = kr.owner.flatMap { organization.person($0) }
                // Off today (their weekend in their time zone, a holiday, time away): the ladder holds still.
                let away = owner.map { !snapshot.works($0.id, at: now) } ?? false
                let answered = kr.owner.map {
                    CheckInCycle.answered($0, keyResults: [kr], checkIns: snapshot.checkIns, since: cycleStart, through: now)
                } ?? true
                let (next, action) = policy.step(report, memory: memory, at: now, ownerAway: away, checkedInThisCycle: answered)
                if next != memory || stored == nil && next.level > 0 {
                    outcome.changes.append(.escalation(EscalationState(keyResult: kr.key, memory: next, ackedBy: next.ackedAt == nil ? nil : stored?.ackedBy)))
                }
                guard let action else { continue }
                outcome.decisions.append(Decision(keyResult: kr.key, action: action))
                switch action {
                case .alert(let level, let reason): alerts[level, default: []].append((report, reason))
                case .resolved(let reason): resolved.append((report, reason))
                }
            }
        }

        let week = MessageText.week(now, in: team.timeZone)
        if let message = alertMessage(level: 2, alerts[2] ?? [], team: team, objectives: objectiveReports, week: week) {
            outcome.messages.append(message)
            outcome.changes += try writer.enqueue(message, to: team.destination, key: "alert:\(team.id):\(occurrence)", at: now, notBefore: notBefore)
        }
        if let message = alertMessage(level: 3, alerts[3] ?? [], team: team, objectives: objectiveReports, week: week) {
            outcome.messages.append(message)
            outcome.changes += try writer.enqueue(message, to: team.escalation ?? team.destination, key: "escalation:\(team.id):\(occurrence)", at: now, notBefore: notBefore)
        }
        if !resolved.isEmpty {
            let message = resolvedMessage(resolved, team: team, week: week)
            outcome.messages.append(message)
            outcome.changes += try writer.enqueue(message, to: team.destination, key: "resolved:\(team.id):\(occurrence)", at: now, notBefore: notBefore)
        }
        for (blocker, message) in blockerNudges(team: team, snapshot: snapshot) {
            outcome.messages.append(message)
            outcome.changes += try writer.enqueue(message, to: team.destination, key: "nudge:blocker:\(blocker.id)", at: now, notBefore: notBefore)
        }
        // Sandbagged key results: once per key result and period, to owner and lead.
        let period = organization.period
        let inOrder = organization.objectives(ofTeam: team.id).compactMap { objectiveReports[$0.key] }.flatMap(\.keyResults)
        for report in inOrder where report.flags.contains(.sandbagging) {
            let message = sandbaggingMessage(report, team: team, elapsed: period.elapsedFraction(at: now))
            outcome.messages.append(message)
            outcome.changes += try writer.enqueue(message, to: team.destination, key: "sandbagging:\(report.keyResult.key):\(period.id)", at: now, notBefore: notBefore)
        }
        // KPIs unhealthy two weeks running: to the lead, once a week while it lasts.
        for kpi in organization.kpis where kpi.team == team.id {
            let weeks = Insight.unhealthyWeeks(kpi, snapshot: snapshot, zone: team.timeZone)
            guard weeks >= 2 else { continue }
            let message = kpiMessage(kpi, weeks: weeks, team: team, snapshot: snapshot, objectives: objectiveReports)
            outcome.messages.append(message)
            outcome.changes += try writer.enqueue(message, to: team.destination, key: "kpi-alert:\(kpi.key):\(week)", at: now, notBefore: notBefore)
        }
        return outcome
    }

    func sandbaggingMessage(_ report: KeyResultReport, team: Team, elapsed: Double) -> ChatMessage {
        let kr = report.keyResult
        let why = report.status == .complete
            ? "complete with \(percent(1 - elapsed)) of the period still to go"
            : "\(percent(report.progress - report.expected)) ahead of the pace"
        var lines = [MessageText.keyResultLine(report, mention: true)]
        if let suggestion = Insight.suggestedTarget(report, elapsed: elapsed) {
            lines.append(ChatMessage.Line([.text("At this pace it would end near \(kr.format(suggestion)); consider raising the target from \(kr.target.map { kr.format($0) } ?? "?") to about that.")]))
        } else {
            lines.append(ChatMessage.Line([.text("Consider a more ambitious target or an additional milestone.")]))
        }
        let people = Self.unique([kr.owner, team.lead].compactMap { $0 })
        return ChatMessage(
            kind: .alert, severity: .info, title: "Target too easy? · \(kr.key)",
            intro: Self.mentions(people) + [.text(": \(kr.title) is \(why). Key results should stretch.")],
            sections: [ChatMessage.Section(lines: lines)], threadKey: "sandbagging-\(kr.key)")
    }

    func kpiMessage(_ kpi: KPI, weeks: Int, team: Team, snapshot: Snapshot, objectives: [String: ObjectiveReport]) -> ChatMessage {
        let value = snapshot.currentValue(of: kpi)
        let side = kpi.direction == .atLeast ? "at least" : "at most"
        var lines = [ChatMessage.Line([.strong(kpi.key), .text(" \(kpi.title): \(value.map { kpi.unit.format($0) } ?? "no value"), target \(side) \(kpi.unit.format(kpi.target)), unhealthy \(weeks) weeks running")])]
        if let heals = kpi.heals, let objective = organization.objectives.first(where: { $0.key == heals }) {
            let report = objectives[heals] ?? snapshot.report(for: objective)
            lines.append(ChatMessage.Line([.text("The objective meant to heal it: \(report.status.emoji) \(objective.title) — \(percent(report.progress)) against \(percent(report.expected)) expected.")]))
        } else {
            lines.append(ChatMessage.Line([.text("No objective is linked to heal it: consider one for the next period (set "), .code("heals: \(kpi.key)"), .text(" on its KPI entry).")]))
        }
        let people = Self.unique([team.lead, kpi.owner].compactMap { $0 })
        return ChatMessage(
            kind: .kpiAlert, severity: .warning, title: "KPI unhealthy · \(kpi.title)",
            intro: Self.mentions(people) + [.text(": a health metric of \(team.name) has been on the wrong side of its target for \(weeks) weeks.")],
            sections: [ChatMessage.Section(lines: lines)], threadKey: "kpi-\(kpi.key)")
    }

    // MARK: Messages

    /// One message for every alert of a level. An objective that is itself at risk or in trouble
    /// with two or more of its key results alerting is reported once, as the objective, with its key
    /// results folded under it (inhibition: no separate alert per key result).
    func alertMessage(level: Int, _ alerts: [(KeyResultReport, String)], team: Team, objectives: [String: ObjectiveReport], week: String) -> ChatMessage? {
        guard !alerts.isEmpty else { return nil }
        var sections: [ChatMessage.Section] = []
        var byObjective: [String: [(KeyResultReport, String)]] = [:]
        var order: [String] = []
        for alert in alerts {
            let key = organization.objective(containing: alert.0.keyResult.key)?.key ?? ""
            if byObjective[key] == nil { order.append(key) }
            byObjective[key, default: []].append(alert)
        }
        for key in order {
            let group = byObjective[key] ?? []
            let objective = objectives[key]
            let inhibited = group.count >= 2 && (objective?.status == .atRisk || objective?.status == .inTrouble)
            var lines: [ChatMessage.Line] = []
            for (report, reason) in group {
                var line = MessageText.keyResultLine(report, mention: !inhibited)
                if !inhibited { line.inlines.append(.text(" — \(reason)")) }
                lines.append(line)
            }
            if let objective {
                let title = inhibited
                    ? "\(objective.status.emoji) Objective \(objective.objective.title) is \(objective.status.label): \(percent(objective.progress)) against \(percent(objective.expected)) expected"
                    : objective.objective.title
                if inhibited, let owner = objective.objective.owner { lines.insert(ChatMessage.Line([.text("Owner: "), .mention(owner)]), at: 0) }
                if inhibited { lines.append(ChatMessage.Line([.text("Its key results' owners: ")] + Self.mentions(group.compactMap(\.0.keyResult.owner)))) }
                sections.append(ChatMessage.Section(title: title, lines: lines))
            } else {
                sections.append(ChatMessage.Section(lines: lines))
            }
        }
        let count = alerts.count == 1 ? "1 key result" : "\(alerts.count) key results"
        var intro: [Inline]
        if level == 3 {
            let managers = Self.unique(alerts.compactMap { $0.0.keyResult.owner.flatMap { organization.person($0)?.manager } } + [team.lead].compactMap { $0 })
            intro = Self.mentions(managers) + [.text(managers.isEmpty ? "" : ": "), .text("\(count) in \(team.name) need\(alerts.count == 1 ? "s" : "") your help.")]
        } else {
            let lead = team.lead.map { [Inline.mention($0), .text(": ")] } ?? []
            intro = lead + [.text("\(count) in \(team.name) \(alerts.count == 1 ? "is" : "are") falling behind or stalled.")]
        }
        return ChatMessage(
            kind: level == 3 ? .escalation : .alert, severity: level == 3 ? .critical : .warning,
            title: level == 3 ? "Escalation · \(team.name) · \(count)" : "At risk · \(team.name) · \(count)",
            intro: intro, sections: sections,
            footer: [.text("Reply "), .code("snooze KEY 1w"), .text(" to pause these, or "), .code("ack KEY"), .text(" if you are on it.")],
            threadKey: "alerts-\(team.id)-\(week)")
    }

    func resolvedMessage(_ resolved: [(KeyResultReport, String)], team: Team, week: String) -> ChatMessage {
        let lines = resolved.map { report, reason in
            var line = MessageText.keyResultLine(report, mention: true)
            line.inlines.append(.text(" — \(reason)"))
            return line
        }
        let count = resolved.count == 1 ? "1 key result" : "\(resolved.count) key results"
        return ChatMessage(
            kind: .resolved, severity: .success, title: "Back on track · \(team.name) · \(count)",
            intro: [.text("Good news: no longer at risk.")], sections: [ChatMessage.Section(lines: lines)], threadKey: "alerts-\(team.id)-\(week)")
    }

    /// Open blockers on the team's key results (or reported by its members) with no action item on
    /// the same key result since: one nudge each, to whoever reported it and the team's lead (who
    /// can clear the way).
    func blockerNudges(team: Team, snapshot: Snapshot) -> [(Blocker, ChatMessage)] {
        let teamKeys = Set(organization.objectives(ofTeam: team.id).flatMap(\.keyResults).map(\.key))
        var result: [(Blocker, ChatMessage)] = []
        for blocker in snapshot.openBlockers where blocker.keyResult.map(teamKeys.contains) ?? team.members.contains(blocker.author) {
            // An action on the same key result (or, for a blocker on none, by the same person)
            // reported with it or since.
            let covered = snapshot.actionItems.contains { action in
                guard action.createdAt >= blocker.at.addingTimeInterval(-60) else { return false }
                return blocker.keyResult.map { action.keyResult == $0 } ?? (action.author == blocker.author)
            }
            if covered { continue }
            let on = blocker.keyResult.map { [Inline.text(" on "), .strong($0)] } ?? []
            let message = ChatMessage(
                kind: .nudge, severity: .info, title: "A blocker without a next step",
                intro: [.mention(blocker.author), .text(", you reported a blocker")] + on + [.text(": ")] + [.userText(blocker.text)]
                    + (team.lead.map { lead in lead == blocker.author ? [] : [.text(" · "), .mention(lead), .text(", your team's lead, for a hand")] } ?? []),
                sections: [ChatMessage.Section(lines: [ChatMessage.Line([
                    .text("What will unblock it, and who does it? Reply with an action, e.g. "),
                    .code("action: @\(team.lead ?? blocker.author) \(blocker.keyResult.map { "unblock \($0)" } ?? "unblock it") by Friday"),
                ])])],
                threadKey: "blocker-\(blocker.id)")
            result.append((blocker, message))
        }
        return result
    }

    private func percent(_ value: Double) -> String { "\(Int((min(9.99, max(-9.99, value)) * 100).rounded()))%" }

    static func mentions(_ people: [String]) -> [Inline] {
        var inlines: [Inline] = []
        for (index, person) in unique(people).enumerated() {
            if index > 0 { inlines.append(.text(", ")) }
            inlines.append(.mention(person))
        }
        return inlines
    }

    static func unique(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.filter { seen.insert($0).inserted }
    }
}
