import ChatPlatforms
import Foundation
import OKRDaemon
import OKRModel
import OKRStore
import Synchronization
import Testing
import OKRWorkflows

/// A whole quarter of the example configuration (two teams, Berlin and New York, both DST changes)
/// with the demo's scripted replies, through the real scheduler, parser, ladder and dispatcher.
@Suite("A whole quarter on a virtual clock", .serialized)
struct QuarterSimulationTests {
    struct Sent: Hashable, CustomStringConvertible {
        var key: String
        var at: Date
        var description: String { "\(key) @ \(at)" }
    }

    /// Plays the quarter, with restarts at the given instants; returns what was delivered (from the
    /// console) and the outbox as the store has it.
    func play(restarts: [Date], editing edit: (String) -> String = { $0 }) async throws -> (delivered: [String], outbox: [OutboxMessage], config: OKRConfig) {
        let yaml = edit(try String(contentsOfFile: ConfigLoaderTests.examplePath, encoding: .utf8))
        let config = try ConfigLoader(environment: ["HOME": "/tmp"], now: Date(timeIntervalSince1970: 1_795_000_000)).load(yaml: yaml, file: ConfigLoaderTests.examplePath)
        let dir = NSTemporaryDirectory() + "okrd-quarter-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = try SQLiteStore(path: dir + "/okrd.sqlite")
        let period = config.organization.period
        let delivered = Mutex<[String]>([])
        let simulation = Simulation(config: config, store: store, start: period.start, replies: DemoScript(organization: config.organization).replies()) { event in
            if case .delivered(let at, let destination, let text) = event {
                delivered.withLock { $0.append("\(Int(at.timeIntervalSince1970)) \(destination) \(text.split(separator: "\n").first ?? "")") }
            }
        }
        try await simulation.run(until: period.end, restarts: restarts)
        let outbox = try await store.outbox(OutboxFilter(limit: 100_000))
        try await store.close()
        return (delivered.withLock { $0 }, outbox.reversed(), config)
    }

    @Test("Prompts, reminders, alerts and digests: the exact sequence, and the same with restarts injected at random points")
    func quarter() async throws {
        let baseline = try await play(restarts: [])
        let config = baseline.config
        let org = config.organization
        let berlin = org.team("sales-emea")!.timeZone
        let newYork = org.team("sales-americas")!.timeZone

        // Everything queued was delivered, once, when it was due (messages wait only for pacing).
        #expect(!baseline.outbox.isEmpty)
        #expect(baseline.outbox.allSatisfy { $0.state == .sent })
        #expect(Set(baseline.outbox.map(\.idempotencyKey)).count == baseline.outbox.count)
        #expect(baseline.delivered.count == baseline.outbox.count)
        for message in baseline.outbox {
            let delay = message.sentAt!.timeIntervalSince(message.notBefore)
            #expect(delay >= 0 && delay < 30, "\(message.idempotencyKey) waited \(delay) s")
        }

        // One prompt per team and week, Monday at the team's local time, across both DST changes.
        let prompts = baseline.outbox.filter { $0.kind == "prompt" }
        for (team, zone, minute) in [("sales-emea", berlin, 9 * 60 + 30), ("sales-americas", newYork, 10 * 60)] {
            let own = prompts.filter { $0.idempotencyKey.hasPrefix("prompt:\(team):") }
            #expect(own.count == 13, "\(team): \(own.count) prompts")
            for prompt in own {
                let day = LocalDate(prompt.createdAt, in: zone)
                let time = WallClock.time(of: prompt.createdAt, in: zone)
                #expect(day.isoWeekday == 1 && time.hour * 60 + time.minute == minute, "\(prompt.idempotencyKey) at \(prompt.createdAt)")
            }
            let weeks = own.map { MessageText.week($0.createdAt, in: zone) }
            #expect(Set(weeks).count == weeks.count)
            // A digest every Friday of the period.
            #expect(baseline.outbox.filter { $0.idempotencyKey.hasPrefix("digest:\(team):") }.count == 13)
            // The period's last day brings the retrospective, once, at the team's digest time.
            let retrospectives = baseline.outbox.filter { $0.idempotencyKey == "retrospective:\(team):2026-Q4" }
            #expect(retrospectives.count == 1)
            if let at = retrospectives.first?.createdAt {
                #expect(LocalDate(at, in: zone) == LocalDate(year: 2026, month: 12, day: 31))
                let time = WallClock.time(of: at, in: zone)
                #expect(time.hour == (team == "sales-emea" ? 16 : 15) && time.minute == 0, "\(at)")
            }
        }

        // The one in trouble (Sam) is escalated to the manager; the stalling one (Li) too, once he
        // stopped answering; the steady and the sandbagging ones never are.
        let escalations = baseline.outbox.filter { $0.kind == "escalation" }.compactMap { ChatMessage(jsonBytes: $0.payload) }
        let escalated = Set(escalations.flatMap(\.sections).flatMap(\.lines).flatMap(\.inlines).compactMap { inline -> String? in
            if case .mention(let person) = inline { return person }
            return nil
        })
        #expect(escalated.contains("sam"))
        #expect(escalated.contains("li"))
        #expect(!escalated.contains("priya"))
        // The first escalation of the Americas names Sam's manager, Carlos, up front.
        let firstAmericas = try #require(baseline.outbox.first { $0.idempotencyKey.hasPrefix("escalation:sales-americas") }.flatMap { ChatMessage(jsonBytes: $0.payload) })
        #expect(firstAmericas.intro.contains(.mention("carlos")))
        // Carlos is away from 16 to 27 November ("ooo until Nov 27"): no reminder names him then.
        let awayWeek = baseline.outbox.filter { $0.idempotencyKey == "reminder:sales-americas:2026-11-18T10:00" }.compactMap { ChatMessage(jsonBytes: $0.payload) }
        #expect(awayWeek.allSatisfy { !$0.sections.contains { $0.title == "Carlos Mendes" } })
        // Priya's early finish is flagged in the digests.
        let lastDigest = try #require(baseline.outbox.last { $0.idempotencyKey.hasPrefix("digest:sales-americas:") }.flatMap { ChatMessage(jsonBytes: $0.payload) })
        #expect(lastDigest.sections.flatMap(\.lines).contains { line in line.inlines.contains { if case .text(let t) = $0 { return t.contains("sandbagging") } else { return false } } })

        // Restarts at random instants (seeded): exactly the same messages at exactly the same times.
        var random = SystemRandomNumberGenerator()
        let seed = UInt64.random(in: 1...UInt64.max, using: &random)
        var rng = SeededRandom(seed: seed)
        let period = org.period
        let restarts = (0..<8).map { _ in period.start.addingTimeInterval(Double.random(in: 0..<period.duration, using: &rng)).rounded(to: 60) }
        let restarted = try await play(restarts: restarts)
        let expected = baseline.outbox.map { Sent(key: $0.idempotencyKey, at: $0.sentAt!) }
        let actual = restarted.outbox.map { Sent(key: $0.idempotencyKey, at: $0.sentAt ?? .distantPast) }
        #expect(actual == expected, "restarts (seed \(seed)) at \(restarts)")
        #expect(restarted.delivered == baseline.delivered, "seed \(seed)")
    }

    @Test("Work weeks per person over the quarter: a Sunday-Thursday member is never reminded on a Friday, a Monday holiday brings a personal prompt on Tuesday, the same with restarts")
    func workWeeks() async throws {
        // Li works Sunday to Thursday; his team reminds on Wednesday and Friday. Sam (who answers
        // only on Wednesdays) is off on Monday 2 November.
        let edit = { (yaml: String) in
            yaml.replacingOccurrences(of: "  - id: li\n    name: Li Wei\n", with: "  - id: li\n    name: Li Wei\n    workdays: [sun, mon, tue, wed, thu]\n")
                .replacingOccurrences(of: #"schedule: {prompt: "mon 09:30", reminder: "wed 09:30", digest: "fri 16:00"}"#,
                                      with: #"schedule: {prompt: "mon 09:30", reminder: "wed,fri 09:30", digest: "fri 16:00"}"#)
                .replacingOccurrences(of: "    manager: carlos\n    handles: {slack: U03SAM,", with: "    manager: carlos\n    holidays: [2026-11-02]\n    handles: {slack: U03SAM,")
        }
        let baseline = try await play(restarts: [], editing: edit)
        let org = baseline.config.organization
        #expect(org.person("li")?.workdays.contains(.friday) == false)
        let berlin = try #require(org.team("sales-emea")).timeZone
        func names(_ message: OutboxMessage) -> [String] { ChatMessage(jsonBytes: message.payload)?.sections.compactMap(\.title) ?? [] }

        // Every prompt and reminder that names Li goes out on one of his work days; Friday's
        // reminders go out (to the others) without him.
        let emea = baseline.outbox.filter { $0.idempotencyKey.hasPrefix("prompt:sales-emea") || $0.idempotencyKey.hasPrefix("reminder:sales-emea") }
        let fridays = emea.filter { $0.kind == "reminder" && LocalDate($0.createdAt, in: berlin).isoWeekday == 5 }
        #expect(!fridays.isEmpty)
        for message in emea where names(message).contains("Li Wei") {
            #expect(LocalDate(message.createdAt, in: berlin).isoWeekday != 5 && LocalDate(message.createdAt, in: berlin).isoWeekday != 6, "\(message.idempotencyKey)")
        }
        // Monday 2 November's prompt leaves Sam out; he gets his on Tuesday at the prompt's time (10:00
        // in New York), once.
        let newYork = try #require(org.team("sales-americas")).timeZone
        let monday = try #require(baseline.outbox.first { $0.idempotencyKey == "prompt:sales-americas:2026-W45" })
        #expect(!names(monday).contains("Sam Rivera"))
        let personal = baseline.outbox.filter { $0.idempotencyKey.hasPrefix("prompt:sales-americas:") && $0.idempotencyKey.split(separator: ":").count == 4 }
        #expect(personal.map(\.idempotencyKey) == ["prompt:sales-americas:2026-W45:sam"])
        if let tuesday = personal.first {
            #expect(LocalDate(tuesday.createdAt, in: newYork) == LocalDate(year: 2026, month: 11, day: 3))
            #expect(WallClock.time(of: tuesday.createdAt, in: newYork).hour == 10)
            #expect(names(tuesday) == ["Sam Rivera"])
        }

        // Restarts at random instants (seeded) change nothing.
        var random = SystemRandomNumberGenerator()
        let seed = UInt64.random(in: 1...UInt64.max, using: &random)
        var rng = SeededRandom(seed: seed)
        let period = org.period
        let restarts = (0..<6).map { _ in period.start.addingTimeInterval(Double.random(in: 0..<period.duration, using: &rng)).rounded(to: 60) }
        let restarted = try await play(restarts: restarts, editing: edit)
        #expect(restarted.outbox.map(\.idempotencyKey) == baseline.outbox.map(\.idempotencyKey), "restarts (seed \(seed)) at \(restarts)")
        #expect(restarted.delivered == baseline.delivered, "seed \(seed)")
    }
}

/// SplitMix64, so a failing seed can be replayed.
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension Date {
    func rounded(to seconds: TimeInterval) -> Date {
        Date(timeIntervalSince1970: (timeIntervalSince1970 / seconds).rounded(.down) * seconds)
    }
}
