import ChatPlatforms
import Foundation
import OKRDaemon
import OKRModel
import OKRWorkflows
import Testing

/// People are asked on their own workdays: a Sunday-Thursday member of a Monday-Friday team is not
/// prompted or reminded on their Friday, but on their Sunday.
@Suite("Work weeks per person")
struct WorkWeekTests {
    static let yaml = """
        timezone: Europe/Berlin
        period: 2026-Q4
        people:
          - {id: maria, name: Maria, workdays: [sun, mon, tue, wed, thu]}
          - {id: li, name: Li}
        destinations: [{name: terminal, platform: console}]
        teams:
          - {id: t, name: Team, members: [maria, li], lead: li, destination: terminal, schedule: {prompt: "fri 09:30", reminder: "fri 15:00", digest: "off"}}
        objectives:
          - key: o
            title: O
            team: t
            top_level: true
            key_results:
              - {key: maria-kr, title: Maria's, owner: maria, baseline: 0, target: 10}
              - {key: li-kr, title: Li's, owner: li, baseline: 0, target: 10}
        """
    /// Friday 27 November 2026, 09:30 Berlin.
    static let friday = Date(timeIntervalSince1970: 1_795_768_200)

    func messages(_ kind: FiringKind, at instant: Date) throws -> [OutboxMessage] {
        let config = try ConfigLoader(now: instant).load(yaml: Self.yaml, file: "t.yaml")
        let team = try #require(config.organization.teams.first)
        let snapshot = Snapshot(organization: config.organization, at: instant, checkIns: [:], openBlockers: [], actionItems: [], escalation: [:], away: [], kpiValues: [:])
        let writer = OutboxWriter(destinations: config.destinations, directory: Directory(people: config.organization.people))
        let planner = FiringPlanner(config: config, writer: writer)
        let occurrence = ScheduleSpec.Occurrence(instant: instant, day: LocalDate(year: 2026, month: 11, day: 27), hour: 9, minute: 30)
        return try planner.plan(kind, team: team, occurrence: occurrence, snapshot: snapshot, now: instant).compactMap { change in
            if case .enqueue(let message) = change { return message } else { return nil }
        }
    }

    @Test("The team's Friday prompt leaves out the member whose Friday is off; they get theirs on Sunday at the same time")
    func prompt() throws {
        let queued = try messages(.prompt, at: Self.friday)
        let team = try #require(queued.first { $0.idempotencyKey == "prompt:t:2026-W48" })
        let text = String(decoding: team.payload, as: UTF8.self)
        #expect(text.contains("li-kr") && !text.contains("maria-kr"), "\(text)")
        let own = try #require(queued.first { $0.idempotencyKey == "prompt:t:2026-W48:maria" })
        #expect(String(decoding: own.payload, as: UTF8.self).contains("maria-kr"))
        // Sunday 29 November, 09:30 Berlin.
        #expect(own.notBefore == Self.friday.addingTimeInterval(2 * 86_400))
    }

    @Test("Reminders too: the member off today is reminded on their next workday")
    func reminder() throws {
        let afternoon = Self.friday.addingTimeInterval(5.5 * 3_600)
        let queued = try messages(.reminder, at: afternoon)
        #expect(queued.map(\.idempotencyKey).sorted() == ["reminder:t:2026-11-27T09:30", "reminder:t:2026-11-27T09:30:maria"])
        let own = try #require(queued.first { $0.idempotencyKey.hasSuffix(":maria") })
        #expect(own.notBefore == afternoon.addingTimeInterval(2 * 86_400))
    }
}
