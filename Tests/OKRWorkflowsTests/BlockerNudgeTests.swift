import ChatPlatforms
import Foundation
import OKRModel
import OKRWorkflows
import Testing

/// A blocker without a next step: one nudge, to its author and the team's lead; the digest names both.
@Suite("Blockers go to the lead")
struct BlockerNudgeTests {
    static let config = ReplyCorpusTests.corpus.config
    /// Tuesday 24 November 2026, 11:00 Berlin: the escalation check.
    static let tuesday = Date(timeIntervalSince1970: 1_795_514_400)

    func snapshot(actions: [ActionItem] = []) -> Snapshot {
        let blocker = Blocker(id: 5, keyResult: "reseller-partners", author: "maria", text: "legal has not reviewed the contract", at: Self.tuesday.addingTimeInterval(-86_400))
        return Snapshot(organization: Self.config.organization, at: Self.tuesday, checkIns: [:], openBlockers: [blocker], actionItems: actions,
                        escalation: [:], away: [], kpiValues: [:])
    }

    func texts(_ changes: [StoreChange]) -> [String] {
        changes.compactMap { change -> String? in
            guard case .enqueue(let message) = change, message.idempotencyKey.hasPrefix("nudge:blocker:") else { return nil }
            return String(decoding: message.payload, as: UTF8.self)
        }
    }

    @Test("The nudge mentions the blocker's author and the team's lead, once; an action item on the key result since silences it")
    func nudge() throws {
        let team = try #require(Self.config.organization.teams.first { $0.id == "sales-emea" })
        let writer = OutboxWriter(destinations: Self.config.destinations, directory: Directory(people: Self.config.organization.people))
        let escalator = Escalator(organization: Self.config.organization, settings: Self.config.escalation, writer: writer)
        let changes = try escalator.evaluate(team: team, snapshot: snapshot(), now: Self.tuesday, occurrence: "2026-11-24T11:00", notBefore: Self.tuesday).changes
        let nudges = texts(changes)
        #expect(nudges.count == 1)
        #expect(nudges.first?.contains("\"maria\"") == true, "\(nudges)")
        #expect(nudges.first?.contains("\"dana\"") == true, "\(nudges)")

        let action = ActionItem(id: 9, owner: "dana", author: "maria", text: "chase legal", due: nil, keyResult: "reseller-partners", createdAt: Self.tuesday.addingTimeInterval(-3_600))
        let covered = try escalator.evaluate(team: team, snapshot: snapshot(actions: [action]), now: Self.tuesday, occurrence: "2026-11-24T11:00", notBefore: Self.tuesday).changes
        #expect(texts(covered).isEmpty)
    }

    @Test("The digest's Blockers section names the lead beside the author")
    func digest() throws {
        let team = try #require(Self.config.organization.teams.first { $0.id == "sales-emea" })
        let message = DigestBuilder(snapshot: snapshot()).digest(for: team)
        let line = try #require(message.sections.first { $0.title == "Blockers" }?.lines.first)
        #expect(line.inlines.contains(.mention("maria")))
        #expect(line.inlines.contains(.mention("dana")))
    }
}
