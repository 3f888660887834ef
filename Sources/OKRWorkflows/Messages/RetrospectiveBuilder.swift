public import ChatPlatforms
import Foundation
public import OKRModel

/// The end-of-period grades and retrospective of a team: each key result graded 0.0-1.0 (its
/// clamped progress), objectives the weighted mean, then what to learn from: sandbagged and
/// unrealistic targets, key results that never moved, action items still open, and a request to
/// each owner for a one-line reflection (answered like a check-in comment: `KEY - what we learned`).
public struct RetrospectiveBuilder: Sendable {
    public let snapshot: Snapshot

    public init(snapshot: Snapshot) {
        self.snapshot = snapshot
    }

    public struct KeyResultGrade: Sendable, Hashable {
        public var key: String
        public var title: String
        public var owner: String?
        public var grade: Double
        public var band: Grading.Band
        public var sandbagged: Bool
        public var unrealistic: Bool
        public var neverMoved: Bool
    }

    public struct ObjectiveGrade: Sendable, Hashable {
        public var key: String
        public var title: String
        public var team: String
        public var grade: Double
        public var band: Grading.Band
        public var keyResults: [KeyResultGrade]
    }

    public func grades(team: String? = nil) -> [ObjectiveGrade] {
        // Lint only the objectives being graded: one team's retrospective need not lint the company.
        let organization = snapshot.organization
        let graded = Organization(period: organization.period, people: organization.people, teams: organization.teams,
                                  objectives: team.map { organization.objectives(ofTeam: $0) } ?? organization.objectives, policy: organization.policy)
        let unrealistic = Set(Linter().lint(graded).filter { $0.rule == .unrealisticTarget }.compactMap(\.keyResult))
        return snapshot.objectiveReports(team: team).map { report in
            ObjectiveGrade(
                key: report.objective.key, title: report.objective.title, team: report.objective.team,
                grade: Grading.score(report), band: Grading.band(Grading.score(report)),
                keyResults: report.keyResults.map { kr in
                    let moved = (snapshot.checkIns[kr.keyResult.key] ?? []).contains { checkIn in
                        checkIn.value.map { abs($0 - kr.keyResult.startValue) > 1e-9 } ?? false
                    }
                    return KeyResultGrade(
                        key: kr.keyResult.key, title: kr.keyResult.title, owner: kr.keyResult.owner, grade: Grading.score(kr),
                        band: Grading.band(Grading.score(kr)), sandbagged: kr.flags.contains(.sandbagging),
                        unrealistic: unrealistic.contains(kr.keyResult.key), neverMoved: !moved)
                })
        }
    }

    /// The retrospective message for a team.
    public func retrospective(for team: Team) -> ChatMessage {
        let organization = snapshot.organization
        let grades = grades(team: team.id)
        var sections: [ChatMessage.Section] = []
        for objective in grades {
            var lines = [ChatMessage.Line([.strong("\(Self.format(objective.grade)) \(Self.emoji(objective.band))"), .text(" \(objective.title) (objective)")])]
            for kr in objective.keyResults {
                var notes: [String] = []
                if kr.sandbagged { notes.append("sandbagged: reached early, the target was too low") }
                if kr.unrealistic { notes.append("the target was unrealistic against its baseline") }
                if kr.neverMoved { notes.append("never moved") }
                lines.append(ChatMessage.Line([.code(Self.format(kr.grade)), .text(" \(Self.emoji(kr.band)) \(kr.title) "), .code(kr.key)]
                    + (kr.owner.map { [.text(" · "), .mention($0)] } ?? [])
                    + (notes.isEmpty ? [] : [.text(" — " + notes.joined(separator: "; "))])))
            }
            sections.append(ChatMessage.Section(title: objective.key, lines: lines))
        }
        let open = snapshot.actionItems.filter { action in
            action.doneAt == nil && (team.members.contains(action.owner) || action.keyResult.map { key in grades.contains { $0.keyResults.contains { $0.key == key } } } ?? false)
        }
        if !open.isEmpty {
            sections.append(ChatMessage.Section(title: "Action items still open", lines: open.map { action in
                ChatMessage.Line([.code("AI-\(action.id)"), .text(" "), .userText(action.text), .text(" · "), .mention(action.owner)])
            }))
        }
        let owners = Array(Set(grades.flatMap { $0.keyResults.compactMap(\.owner) })).sorted()
        if !owners.isEmpty {
            sections.append(ChatMessage.Section(title: "One line of reflection each", lines: owners.map { owner in
                let example = grades.flatMap(\.keyResults).first { $0.owner == owner }?.key ?? "kr"
                return ChatMessage.Line([.mention(owner), .text(" what did you learn? Reply "), .code("\(example) - what we learned")])
            }))
        }
        let mean = grades.isEmpty ? 0 : grades.reduce(0) { $0 + $1.grade } / Double(grades.count)
        let period = organization.period
        // Before the end the figures are provisional: what each key result would get today.
        let over = snapshot.at >= period.end.addingTimeInterval(-1)
        let intro = over
            ? "The period is over: each key result is graded by how far it got (0.0-1.0; 0.7 is a good stretch result). Team average \(Self.format(Grading.rounded(mean)))."
            : "Grades so far (the period ends on \(ShortDay.format(period.end.addingTimeInterval(-1), in: period.timeZone))): provisional, each key result graded by how far it got until now (0.0-1.0; 0.7 is a good stretch result). Team average so far \(Self.format(Grading.rounded(mean)))."
        return ChatMessage(
            kind: .retrospective, severity: .info, title: "\(over ? "Retrospective" : "Grades so far") · \(team.name) · \(period.id)",
            intro: [.text(intro)],
            sections: sections, footer: [.text("Grades: okrd grade --team \(team.id) · export: okrd export --format csv")],
            threadKey: "retrospective-\(team.id)-\(organization.period.id)")
    }

    static func format(_ grade: Double) -> String { String(format: "%.2f", grade) }

    static func emoji(_ band: Grading.Band) -> String {
        switch band {
        case .green: "🟢"
        case .yellow: "🟡"
        case .red: "🔴"
        }
    }
}
