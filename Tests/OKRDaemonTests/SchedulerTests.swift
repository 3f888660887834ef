import ChatPlatforms
import Foundation
import Logging
import OKRDaemon
import OKRModel
import OKRStore
import Testing
import OKRWorkflows

let berlinZone = TimeZone(identifier: "Europe/Berlin")!
let newYorkZone = TimeZone(identifier: "America/New_York")!

/// Two teams on two continents, console destinations, a real SQLite store and a virtual clock.
struct SchedulerRig {
    let config: OKRConfig
    let store: SQLiteStore
    let clock: VirtualClock
    let directory: String

    static let yaml = """
        timezone: Europe/Berlin
        periods: [{id: FY26, start: 2026-01-01, end: 2026-12-31}]
        people:
          - {id: dana, name: Dana Weber}
          - {id: maria, name: Maria Keller, manager: dana}
          - {id: li, name: Li Wei, manager: dana}
          - {id: carlos, name: Carlos Mendes, timezone: America/New_York}
          - {id: sam, name: Sam Rivera, timezone: America/New_York, manager: carlos}
        destinations:
          - {name: emea, platform: console, rate_limit: "0"}
          - {name: amer, platform: console, rate_limit: "0"}
        teams:
          - {id: emea, name: EMEA, members: [dana, maria, li], lead: dana, destination: emea, timezone: Europe/Berlin,
             schedule: {prompt: "mon 09:30", reminder: "wed 09:30", digest: "fri 16:00"}}
          - {id: amer, name: Americas, members: [carlos, sam], lead: carlos, destination: amer, timezone: America/New_York,
             schedule: {prompt: "mon 10:00", reminder: "wed 10:00", digest: "fri 15:00"}}
        objectives:
          - key: o1
            title: Grow EMEA
            team: emea
            top_level: true
            key_results:
              - {key: pipeline, title: Grow the pipeline, owner: maria, unit: count, baseline: 0, target: 100}
              - {key: partners, title: Sign partners, owner: li, unit: count, baseline: 0, target: 10}
          - key: o2
            title: Grow the Americas
            team: amer
            top_level: true
            key_results:
              - {key: demos, title: Run demos, owner: sam, unit: count, baseline: 0, target: 50}
        escalation: {quiet_hours: "off", respect_weekends: false}
        scheduler: {catch_up_grace: 2h, escalation_check: "tue,thu 11:00"}
        """

    init(yaml: String = Self.yaml, start: Date) throws {
        config = try ConfigLoader(environment: ["HOME": "/tmp"], now: start).load(yaml: yaml, file: "scheduler.yaml")
        directory = NSTemporaryDirectory() + "okrd-scheduler-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        store = try SQLiteStore(path: directory + "/okrd.sqlite")
        clock = VirtualClock(start: start)
    }

    /// A fresh scheduler over the same store, as after a restart.
    func scheduler() async -> Scheduler {
        let writer = OutboxWriter(destinations: config.destinations, directory: Directory(people: config.organization.people))
        let scheduler = Scheduler(config: config, store: store, clock: clock, writer: writer, logger: Logger(label: "test"))
        await scheduler.start()
        return scheduler
    }

    /// Runs the scheduler from its next due instant up to `end`, jumping from one occurrence to the next.
    @discardableResult
    func run(_ scheduler: Scheduler, until end: Date) async -> [FiredOccurrence] {
        var fired: [FiredOccurrence] = []
        fired += await scheduler.tick()
        while let next = await scheduler.nextDue(), next <= end {
            clock.advance(to: next)
            fired += await scheduler.tick()
        }
        clock.advance(to: end)
        fired += await scheduler.tick()
        return fired
    }

    func queued(_ prefix: String) async throws -> [OutboxMessage] {
        try await store.outbox(OutboxFilter(limit: 10_000)).filter { $0.idempotencyKey.hasPrefix(prefix) }.reversed()
    }

    static func local(_ y: Int, _ m: Int, _ d: Int, _ h: Int, _ mi: Int, _ zone: TimeZone) -> Date {
        WallClock.instant(day: LocalDate(year: y, month: m, day: d), hour: h, minute: mi, in: zone)
    }
}

@Suite("Scheduler on a virtual clock with a real store")
struct SchedulerTests {
    @Test("Every occurrence fires at its local time across both DST changes, once, in order")
    func localTimesAcrossDST() async throws {
        // Europe leaves summer time on 25 October 2026, the US on 1 November.
        let rig = try SchedulerRig(start: SchedulerRig.local(2026, 10, 18, 12, 0, berlinZone))
        let scheduler = await rig.scheduler()
        let fired = await rig.run(scheduler, until: SchedulerRig.local(2026, 11, 8, 23, 0, berlinZone)).filter(\.fired)

        let prompts = fired.filter { $0.kind == .prompt }
        let emea = prompts.filter { $0.team == "emea" }.map(\.occurrence.instant)
        let amer = prompts.filter { $0.team == "amer" }.map(\.occurrence.instant)
        // 09:30 in Berlin is 07:30 UTC in summer time, 08:30 after.
        #expect(emea.map { WallClock.time(of: $0, in: berlinZone).hour * 60 + WallClock.time(of: $0, in: berlinZone).minute } == [570, 570, 570])
        #expect(emea.map { WallClock.time(of: $0, in: TimeZone(identifier: "UTC")!).hour } == [7, 8, 8])
        // 10:00 in New York is 14:00 UTC until 1 November, 15:00 after.
        #expect(amer.map { WallClock.time(of: $0, in: TimeZone(identifier: "UTC")!).hour } == [14, 14, 15])
        // Per team and week: one prompt, one reminder, two checks, one digest.
        for team in ["emea", "amer"] {
            let kinds = fired.filter { $0.team == team }.map(\.kind)
            #expect(kinds.filter { $0 == .prompt }.count == 3)
            #expect(kinds.filter { $0 == .reminder }.count == 3)
            #expect(kinds.filter { $0 == .check }.count == 6)
            #expect(kinds.filter { $0 == .digest }.count == 3)
        }
        let keys = fired.map { "\($0.team)/\($0.kind)/\($0.occurrence.key)" }
        #expect(Set(keys).count == keys.count)
        #expect(fired.map(\.occurrence.instant) == fired.map(\.occurrence.instant).sorted())
        // And what they queued: one prompt per team and week, in the store.
        #expect(try await rig.queued("prompt:").count == 6)
        #expect(try await rig.queued("digest:").count == 6)
    }

    @Test("A restarted scheduler, or a second one on the same store, never fires an occurrence twice")
    func atMostOnce() async throws {
        let start = SchedulerRig.local(2026, 11, 16, 8, 0, berlinZone)
        let rig = try SchedulerRig(start: start)
        let first = await rig.scheduler()
        let monday = SchedulerRig.local(2026, 11, 16, 9, 30, berlinZone)
        rig.clock.advance(to: monday)
        // Two schedulers (a restart racing the old process, or two replicas) tick at the same instant.
        let second = await rig.scheduler()
        async let a = first.tick()
        async let b = second.tick()
        let both = await (a + b).filter { $0.team == "emea" && $0.kind == .prompt }
        #expect(both.count == 2)
        #expect(both.filter(\.fired).count == 1)
        #expect(try await rig.queued("prompt:emea").count == 1)
        // A third start after that sees the firing in the store and does not even consider it due.
        let third = await rig.scheduler()
        #expect(await third.tick().isEmpty)
        #expect(try await rig.store.firing(team: "emea", kind: "prompt", occurrence: "2026-11-16T09:30")?.outcome == "fired")
    }

    @Test("After downtime, missed occurrences within the grace fire once; older ones are recorded as skipped")
    func catchUp() async throws {
        let rig = try SchedulerRig(start: SchedulerRig.local(2026, 11, 13, 12, 0, berlinZone))
        let before = await rig.scheduler()
        await rig.run(before, until: SchedulerRig.local(2026, 11, 16, 9, 0, berlinZone))
        // Down from Monday 09:00 to 10:45: the 09:30 prompt is 75 minutes late, inside the 2 h grace.
        rig.clock.advance(to: SchedulerRig.local(2026, 11, 16, 10, 45, berlinZone))
        let restarted = await rig.scheduler()
        let caughtUp = await restarted.tick()
        // With it, the daily look for members who were off at the prompt (nobody is: it queues nothing).
        #expect(caughtUp.map(\.kind) == [.prompt, .personal])
        #expect(caughtUp.allSatisfy { $0.fired })
        #expect(try await rig.queued("prompt:emea").count == 1)
        #expect(await restarted.tick().isEmpty)

        // Down again from Monday 11:00 to Thursday 09:00: Tuesday's check and Wednesday's reminders are
        // far beyond the grace: skipped and recorded, not sent late.
        await rig.run(restarted, until: SchedulerRig.local(2026, 11, 16, 11, 0, berlinZone))
        rig.clock.advance(to: SchedulerRig.local(2026, 11, 19, 9, 0, berlinZone))
        let later = await rig.scheduler()
        let handled = await later.tick()
        #expect(handled.allSatisfy { item in item.skipped && !item.fired })
        #expect(Set(handled.map { "\($0.team)/\($0.kind)" }) == ["emea/check", "emea/reminder", "emea/personal", "amer/prompt", "amer/personal", "amer/check", "amer/reminder"])
        #expect(try await rig.store.firing(team: "emea", kind: "reminder", occurrence: "2026-11-18T09:30")?.outcome == "skipped")
        #expect(try await rig.queued("reminder:").isEmpty)
        #expect(try await rig.queued("prompt:amer").isEmpty)
        // The next occurrence is Thursday's daily look at 09:30, in time.
        #expect(await later.nextDue() == SchedulerRig.local(2026, 11, 19, 9, 30, berlinZone))
    }

    @Test("After downtime a schedule fires only its latest missed occurrence, once, not a burst of them")
    func latestMissedOnly() async throws {
        // Escalation checks every two minutes, two hours of grace (the issue's burst of 60 checks).
        let yaml = SchedulerRig.yaml.replacingOccurrences(of: "escalation_check: \"tue,thu 11:00\"", with: "escalation_check: \"*/2 * * * *\"")
        let rig = try SchedulerRig(yaml: yaml, start: SchedulerRig.local(2026, 11, 16, 8, 0, berlinZone))
        let before = await rig.scheduler()
        await rig.run(before, until: SchedulerRig.local(2026, 11, 16, 8, 30, berlinZone))
        // Down for 90 minutes: 45 checks per team were missed, all within the grace.
        rig.clock.advance(to: SchedulerRig.local(2026, 11, 16, 10, 0, berlinZone))
        let restarted = await rig.scheduler()
        let handled = await restarted.tick().filter { $0.kind == .check && $0.team == "emea" }
        #expect(handled.filter(\.fired).map(\.occurrence.key) == ["2026-11-16T10:00"])
        #expect(handled.filter(\.skipped).count == handled.count - 1)
        #expect(handled.count >= 45)
    }

    @Test("A brand-new database fires nothing from before its first start, even within the grace")
    func freshDatabaseMissesNothing() async throws {
        // First start ever at Monday 10:45: the 09:30 prompt is inside the 2 h grace, but okrd was not
        // running then; it was not missed.
        let rig = try SchedulerRig(start: SchedulerRig.local(2026, 11, 16, 10, 45, berlinZone))
        let first = await rig.scheduler()
        #expect(await first.tick().isEmpty)
        #expect(try await rig.queued("prompt:").isEmpty)
        #expect(await first.nextDue() == SchedulerRig.local(2026, 11, 16, 10, 0, TimeZone(identifier: "America/New_York")!))
    }

    @Test("A local time skipped by DST fires at the first minute after it; one that happens twice fires once")
    func dstGapAndOverlap() async throws {
        let yaml = SchedulerRig.yaml.replacingOccurrences(of: #"prompt: "mon 09:30""#, with: #"prompt: "sun 02:30""#)
        let spring = try SchedulerRig(yaml: yaml, start: SchedulerRig.local(2026, 3, 28, 12, 0, berlinZone))
        let springFired = await spring.run(await spring.scheduler(), until: SchedulerRig.local(2026, 3, 29, 12, 0, berlinZone))
            .filter { $0.team == "emea" && $0.kind == .prompt }
        // 02:30 does not exist on 29 March in Berlin: it fires at 03:00 CEST, 01:00 UTC.
        #expect(springFired.map(\.occurrence.instant) == [Date(timeIntervalSince1970: 1_774_746_000)])
        #expect(springFired.allSatisfy { $0.fired })

        let autumn = try SchedulerRig(yaml: yaml, start: SchedulerRig.local(2026, 10, 24, 12, 0, berlinZone))
        let autumnFired = await autumn.run(await autumn.scheduler(), until: SchedulerRig.local(2026, 10, 25, 12, 0, berlinZone))
            .filter { $0.team == "emea" && $0.kind == .prompt }
        // 02:30 happens twice on 25 October: once, at the first (CEST, 00:30 UTC).
        #expect(autumnFired.map(\.occurrence.instant) == [Date(timeIntervalSince1970: 1_792_888_200)])
    }

    @Test("The reminder goes only to members who have not answered this cycle; an early answer counts")
    func reminderSkipsAnswered() async throws {
        let yaml = SchedulerRig.yaml.replacingOccurrences(of: #"escalation_check: "tue,thu 11:00""#, with: #"escalation_check: "off""#)
        let rig = try SchedulerRig(yaml: yaml, start: SchedulerRig.local(2026, 11, 13, 17, 0, berlinZone))
        let scheduler = await rig.scheduler()
        // Maria answers on Sunday, after Friday's digest and before Monday's prompt.
        let processor = ReplyIntake(organization: rig.config.organization, store: rig.store)
        _ = try await processor.process(ReplyInput(author: "maria", text: "pipeline 40 conf 7", at: SchedulerRig.local(2026, 11, 15, 20, 0, berlinZone)))
        await rig.run(scheduler, until: SchedulerRig.local(2026, 11, 18, 12, 0, berlinZone))
        let reminders = try await rig.queued("reminder:emea")
        #expect(reminders.count == 1)
        let text = try #require(reminders.first.flatMap { ChatMessage(jsonBytes: $0.payload) })
        let names = text.sections.compactMap(\.title)
        #expect(names == ["Li Wei"])
        // Li was reminded: level 1 on the ladder for his key result, with the reason for okrd status.
        let states = try await rig.store.escalationStates()
        #expect(states["partners"]?.memory.level == 1)
        #expect(states["pipeline"]?.memory.level ?? 0 == 0)
    }

    @Test("A Sunday-Thursday member of a team that prompts on Friday gets the prompt on Sunday, is reminded only on work days, and their ladder holds on their weekend")
    func personalWorkWeek() async throws {
        let yaml = SchedulerRig.yaml
            .replacingOccurrences(of: "{id: li, name: Li Wei, manager: dana}", with: "{id: li, name: Li Wei, manager: dana, workdays: [sun, mon, tue, wed, thu]}")
            .replacingOccurrences(of: #"schedule: {prompt: "mon 09:30", reminder: "wed 09:30", digest: "fri 16:00"}"#,
                                  with: #"schedule: {prompt: "fri 09:30", reminder: "mon,fri 14:00", digest: "thu 16:00"}"#)
            .replacingOccurrences(of: #"escalation_check: "tue,thu 11:00""#, with: #"escalation_check: "fri 11:00""#)
        let rig = try SchedulerRig(yaml: yaml, start: SchedulerRig.local(2026, 11, 19, 17, 0, berlinZone))
        let scheduler = await rig.scheduler()
        func sections(_ message: OutboxMessage) -> [String] { ChatMessage(jsonBytes: message.payload)?.sections.compactMap(\.title) ?? [] }

        // Friday: the team's prompt names Maria only; Li's Friday is his weekend.
        await rig.run(scheduler, until: SchedulerRig.local(2026, 11, 20, 12, 0, berlinZone))
        let prompts = try await rig.queued("prompt:emea")
        #expect(prompts.count == 1)
        #expect(prompts.first.map(sections) == ["Maria Keller"])
        // Friday's escalation check holds Li's ladder still (his key result has no data, and he is off).
        #expect(try await rig.store.escalationStates()["partners"]?.memory.level ?? 0 == 0)

        // Friday afternoon's reminder: Maria again, not Li. Saturday: nothing for anyone.
        await rig.run(scheduler, until: SchedulerRig.local(2026, 11, 21, 23, 0, berlinZone))
        let fridayReminders = try await rig.queued("reminder:emea")
        #expect(fridayReminders.map(sections) == [["Maria Keller"]])
        #expect(try await rig.queued("prompt:emea").count == 1)

        // Sunday at the prompt's time: Li's own prompt for the week, once, with his key result.
        await rig.run(scheduler, until: SchedulerRig.local(2026, 11, 22, 12, 0, berlinZone))
        let personal = try await rig.queued("prompt:emea:2026-W47:li")
        #expect(personal.count == 1)
        let message = try #require(personal.first.flatMap { ChatMessage(jsonBytes: $0.payload) })
        #expect(message.title.contains("Li Wei"))
        #expect(message.sections.compactMap(\.title) == ["Li Wei"])
        #expect(message.sections.first?.lines.contains { $0.inlines.contains(.mention("li")) } == true)

        // He answers on Sunday: it counts for the week, so Monday's reminder names only Maria, and
        // no later day posts his prompt again.
        let intake = ReplyIntake(organization: rig.config.organization, store: rig.store)
        _ = try await intake.process(ReplyInput(author: "li", text: "partners 2 conf 7", at: SchedulerRig.local(2026, 11, 22, 13, 0, berlinZone)))
        await rig.run(scheduler, until: SchedulerRig.local(2026, 11, 25, 12, 0, berlinZone))
        let reminders = try await rig.queued("reminder:emea")
        #expect(reminders.map(sections) == [["Maria Keller"], ["Maria Keller"]])
        #expect(try await rig.queued("prompt:emea").count == 2)
    }
}
