import ChatPlatforms
import Foundation
import OKRDaemon
import OKRModel
import OKRStore
import Testing
import OKRWorkflows

@Suite("KPI alerts, sandbagging notices and imbalance in the digest")
struct InsightTests {
    let config = try! ConfigLoader(environment: ["HOME": "/tmp"], now: Date(timeIntervalSince1970: 1_795_000_000)).load(path: ConfigLoaderTests.examplePath)

    func store() throws -> SQLiteStore {
        let dir = NSTemporaryDirectory() + "okrd-insight-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return try SQLiteStore(path: dir + "/okrd.sqlite")
    }

    func berlin(_ month: Int, _ day: Int, _ hour: Int = 10) -> Date {
        WallClock.instant(day: LocalDate(year: 2026, month: month, day: day), hour: hour, minute: 0, in: TimeZone(identifier: "Europe/Berlin")!)
    }

    func evaluate(_ store: any Store, at now: Date) async throws -> Escalator.Outcome {
        let snapshot = try await Snapshot.load(config.organization, store: store, at: now)
        let writer = OutboxWriter(destinations: config.destinations, directory: Directory(people: config.organization.people))
        let team = try #require(config.organization.team("sales-emea"))
        return try Escalator(organization: config.organization, settings: config.escalation, writer: writer)
            .evaluate(team: team, snapshot: snapshot, now: now, occurrence: "test", notBefore: now)
    }

    @Test("A KPI unhealthy two weeks running alerts the lead and names the objective that heals it; one bad week does not")
    func kpiAlert() async throws {
        let store = try store()
        let processor = ReplyIntake(organization: config.organization, store: store)
        _ = try await processor.process(ReplyInput(author: "dana", text: "deal-size $48k", at: berlin(11, 9)))
        _ = try await processor.process(ReplyInput(author: "dana", text: "deal-size $39k", at: berlin(11, 16)))
        var outcome = try await evaluate(store, at: berlin(11, 17, 11))
        #expect(!outcome.messages.contains { $0.kind == .kpiAlert })

        _ = try await processor.process(ReplyInput(author: "dana", text: "deal-size $38k", at: berlin(11, 23)))
        outcome = try await evaluate(store, at: berlin(11, 24, 11))
        let alert = try #require(outcome.messages.first { $0.kind == .kpiAlert })
        #expect(alert.intro.contains(.mention("dana")))
        let text = alert.sections.flatMap(\.lines).flatMap(\.inlines).map { if case .text(let t) = $0 { t } else { "" } }.joined()
        #expect(text.contains("unhealthy 2 weeks running"))
        #expect(text.contains("Increase revenue from existing customers"), "names the objective it heals: \(text)")

        // The digest shows KPI health.
        let snapshot = try await Snapshot.load(config.organization, store: store, at: berlin(11, 27, 16))
        let digest = DigestBuilder(snapshot: snapshot).digest(for: try #require(config.organization.team("sales-emea")))
        let kpiSection = try #require(digest.sections.first { $0.title == "KPIs" })
        #expect(kpiSection.lines.count == 1)
    }

    @Test("A key result complete before half the period is flagged to owner and lead with a higher target to consider")
    func sandbagging() async throws {
        let store = try store()
        let processor = ReplyIntake(organization: config.organization, store: store)
        _ = try await processor.process(ReplyInput(author: "maria", text: "reseller-partners 5", at: berlin(10, 20)))
        let outcome = try await evaluate(store, at: berlin(10, 20, 11))
        let notice = try #require(outcome.messages.first { $0.title.contains("reseller-partners") })
        #expect(notice.intro.contains(.mention("maria")))
        #expect(notice.intro.contains(.mention("dana")))
        let text = notice.sections.flatMap(\.lines).flatMap(\.inlines).map { if case .text(let t) = $0 { t } else { "" } }.joined()
        #expect(text.contains("consider raising the target from 5 to about"))
    }

    @Test("Objectives far apart in progress are called out in the digest, naming the lagging ones")
    func imbalance() async throws {
        let store = try store()
        let processor = ReplyIntake(organization: config.organization, store: store)
        _ = try await processor.process(ReplyInput(author: "maria", text: "reseller-partners 5\nreseller-deals 8\nreseller-pipeline $250k", at: berlin(11, 20)))
        let snapshot = try await Snapshot.load(config.organization, store: store, at: berlin(11, 20, 16))
        let digest = DigestBuilder(snapshot: snapshot).digest(for: try #require(config.organization.team("sales-emea")))
        let section = try #require(digest.sections.first { $0.title == "Imbalance" })
        let text = section.lines.flatMap(\.inlines).map { if case .text(let t) = $0 { t } else { "" } }.joined()
        #expect(text.contains("Establish an active reseller channel is at 100%"))
        #expect(text.contains("Move to a territory-focused sales model is at 0%"))
    }
}
