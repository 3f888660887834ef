import ChatPlatforms
public import Foundation
public import Logging
public import OKRModel
public import OKRStore

/// What a team's schedule does, in the order occurrences at the same instant are handled.
public enum FiringKind: String, Sendable, Hashable, CaseIterable, Comparable {
    /// The weekly check-in prompt; also starts a new check-in cycle for the ladder.
    case prompt
    /// A reminder to members who have not answered this cycle (escalation level 1).
    case reminder
    /// The escalation ladder looks at every key result of the team.
    case check
    /// The weekly digest.
    case digest
    /// Grades and the retrospective, on the period's last day at the digest's time.
    case retrospective

    public static func < (lhs: FiringKind, rhs: FiringKind) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// One occurrence the scheduler handled.
public struct FiredOccurrence: Sendable, Hashable {
    public var team: String
    public var kind: FiringKind
    public var occurrence: ScheduleSpec.Occurrence
    /// False when it was missed beyond the catch-up window and skipped, or already claimed.
    public var fired: Bool
    public var skipped: Bool
    /// Messages queued by it.
    public var queued: Int
}

/// Turns one occurrence into store changes: the messages it sends and the ladder states it moves.
public struct FiringPlanner: Sendable {
    public let config: OKRConfig
    public let writer: OutboxWriter
    /// Signs personal check-in page links for destinations people cannot answer on.
    public var links: CheckinLinks?

    public init(config: OKRConfig, writer: OutboxWriter, links: CheckinLinks? = nil) {
        self.config = config
        self.writer = writer
        self.links = links
    }

    /// A person's check-in page link, when the team's destination has no way back in.
    func pageLink(for team: Team, at now: Date) -> (@Sendable (String) -> String?)? {
        guard let links, links.baseURL != nil, let destination = writer.destinations[team.destination],
              !config.inbound.receives(destination.platform) else { return nil }
        return { person in links.link(person: person, team: team, at: now) }
    }

    public func plan(_ kind: FiringKind, team: Team, occurrence: ScheduleSpec.Occurrence, snapshot: Snapshot, now: Date) throws -> [StoreChange] {
        let organization = config.organization
        let notBefore = Quiet(config: config).release(now, team: team)
        let week = MessageText.week(occurrence.instant, in: team.timeZone)
        let policy = EscalationPolicy(repeatInterval: config.escalation.repeatInterval, cyclesBeforeEscalation: config.escalation.cyclesBeforeEscalation)
        let teamKeyResults = organization.objectives(ofTeam: team.id).flatMap(\.keyResults)
        var changes: [StoreChange] = []

        switch kind {
        case .prompt:
            // A new cycle: time spent at level 2 counts; last cycle's reminders are history.
            for kr in teamKeyResults {
                guard let stored = snapshot.escalation[kr.key] else { continue }
                var memory = policy.newCycle(stored.memory)
                if memory.level == 1 {
                    memory.level = 0
                    memory.since = now
                    memory.reason = nil
                }
                if memory != stored.memory { changes.append(.escalation(EscalationState(keyResult: kr.key, memory: memory, ackedBy: stored.ackedBy))) }
            }
            if let message = PromptBuilder(snapshot: snapshot, link: pageLink(for: team, at: now)).prompt(for: team) {
                changes += try writer.enqueue(message, to: team.destination, key: "prompt:\(team.id):\(week)", at: now, notBefore: notBefore)
            }

        case .reminder:
            let cycleStart = CheckInCycle.start(of: team, at: now)
            let silent = team.members.filter { member in
                guard let person = organization.person(member), !snapshot.isAway(member, on: LocalDate(now, in: person.timeZone)) else { return false }
                let own = organization.keyResults(ownedBy: member)
                return !own.isEmpty && !CheckInCycle.answered(member, keyResults: own, checkIns: snapshot.checkIns, since: cycleStart, through: now)
            }
            guard !silent.isEmpty, let message = PromptBuilder(snapshot: snapshot, link: pageLink(for: team, at: now)).prompt(for: team, reminder: true, only: Set(silent)) else { break }
            changes += try writer.enqueue(message, to: team.destination, key: "reminder:\(team.id):\(occurrence.key)", at: now, notBefore: notBefore)
            for member in silent {
                for kr in organization.keyResults(ownedBy: member) where teamKeyResults.contains(where: { $0.key == kr.key }) {
                    let stored = snapshot.escalation[kr.key]
                    let memory = policy.reminded(stored?.memory ?? EscalationPolicy.Memory(), at: now)
                    if memory != stored?.memory { changes.append(.escalation(EscalationState(keyResult: kr.key, memory: memory, ackedBy: stored?.ackedBy))) }
                }
            }

        case .check:
            let escalator = Escalator(organization: organization, settings: config.escalation, writer: writer)
            changes += try escalator.evaluate(team: team, snapshot: snapshot, now: now, occurrence: occurrence.key, notBefore: notBefore).changes

        case .digest:
            var message = DigestBuilder(snapshot: snapshot).digest(for: team)
            // The team's radar chart: uploaded on Discord and Matrix (the writer makes it an event of
            // its own there), shown by a signed URL elsewhere when okrd has a public URL; text bars
            // only otherwise.
            var url = ""
            if let links, let base = links.baseURL {
                url = "\(base)/charts/\(links.token(person: "team:\(team.id)", expires: now.addingTimeInterval(35 * 86_400))).png"
            }
            let platform = writer.destinations[team.destination]?.platform
            let png = platform == .discord || platform == .matrix ? try? RadarChart(team: team, snapshot: snapshot).png() : nil
            if !url.isEmpty || png != nil {
                message.image = ChatMessage.Image(url: url, alt: "Radar chart of \(team.name): progress per objective against the pace", png: png)
            }
            changes += try writer.enqueue(message, to: team.destination, key: "digest:\(team.id):\(week)", at: now, notBefore: notBefore)

        case .retrospective:
            let period = organization.period
            guard now >= period.start else { break }
            let retrospective = RetrospectiveBuilder(snapshot: snapshot).retrospective(for: team)
            changes += try writer.enqueue(retrospective, to: team.destination, key: "retrospective:\(team.id):\(period.id)", at: now, notBefore: notBefore)
        }
        return changes
    }

    /// The period's last day, at the time of day the team's digest goes out (16:00 without one).
    static func retrospectiveSpec(for team: Team, period: Period) -> ScheduleSpec? {
        let first = team.schedule.digest?.occurrences(after: period.start, through: period.start.addingTimeInterval(8 * 86_400), in: team.timeZone).first
        let day = period.lastDay
        return try? ScheduleSpec(parsing: "\(first?.minute ?? 0) \(first?.hour ?? 16) \(day.day) \(day.month) *")
    }

    /// The schedule of one kind for a team.
    public func spec(_ kind: FiringKind, for team: Team) -> ScheduleSpec? {
        switch kind {
        case .prompt: team.schedule.prompt
        case .reminder: team.schedule.reminder
        case .check: config.scheduler.escalationCheck
        case .digest: team.schedule.digest
        case .retrospective: Self.retrospectiveSpec(for: team, period: config.organization.period)
        }
    }
}

/// Fires every team's schedule at the right instants, in each team's time zone.
///
/// Each occurrence is claimed in the store in the same transaction as the messages and state
/// changes it produces, so it takes effect at most once, also across restarts and replicas. On
/// start, occurrences missed while okrd was down fire once if they are younger than the catch-up
/// grace; older ones are recorded as skipped and logged. Between occurrences the scheduler sleeps
/// until the next one is due (no polling); a configuration reload wakes it.
public actor Scheduler {
    private var config: OKRConfig
    private var planner: FiringPlanner
    private let store: any Store
    private let clock: any OKRClock
    private let logger: Logger
    /// Called after an occurrence queued messages (wakes the dispatcher).
    private let onQueued: @Sendable () -> Void
    private let metrics: OKRMetrics?
    private var links: CheckinLinks?
    /// When the loop last woke, for `/healthz`.
    public private(set) var lastWake: Date?
    /// Per team and kind: occurrences up to this instant have been handled.
    private var handledThrough: [Slot: Date] = [:]
    private nonisolated let mailbox = Mailbox<Never>()
    /// Looking further back than this for missed occurrences is pointless: they are all skipped.
    private let lookBack: TimeInterval = 8 * 86_400

    private struct Slot: Hashable {
        var team: String
        var kind: FiringKind
    }

    public init(config: OKRConfig, store: any Store, clock: any OKRClock, writer: OutboxWriter, logger: Logger = Logger(label: "okrd.scheduler"),
                metrics: OKRMetrics? = nil, links: CheckinLinks? = nil, onQueued: @escaping @Sendable () -> Void = {}) {
        self.config = config
        planner = FiringPlanner(config: config, writer: writer, links: links)
        self.store = store
        self.clock = clock
        self.logger = logger
        self.metrics = metrics
        self.links = links
        self.onQueued = onQueued
    }

    /// Takes a reloaded configuration: new teams start now, changed schedules apply from now.
    public func update(config: OKRConfig, writer: OutboxWriter, links: CheckinLinks? = nil) async {
        self.config = config
        if let links { self.links = links }
        planner = FiringPlanner(config: config, writer: writer, links: self.links)
        let known = Set(handledThrough.keys)
        await restoreCursors(onlyNew: known)
        mailbox.ring()
    }

    /// Asks the scheduler to look again now (a reload, a test).
    public nonisolated func wake() {
        mailbox.ring()
    }

    /// Reads where each schedule left off. Call once before `tick` or `run`.
    public func start() async {
        await restoreCursors(onlyNew: [])
    }

    private func restoreCursors(onlyNew known: Set<Slot>) async {
        let now = clock.now()
        for team in config.organization.teams {
            let kinds = FiringKind.allCases.filter { planner.spec($0, for: team) != nil && !known.contains(Slot(team: team.id, kind: $0)) }
            var last: [FiringKind: Date] = [:]
            for kind in kinds {
                last[kind] = (try? await store.lastFiring(team: team.id, kind: kind.rawValue))?.dueAt
            }
            // A kind that never fired for a team that has (a schedule added later) starts from the
            // team's latest firing; a team that never fired at all (a fresh install) looks back only
            // as far as the grace: what it missed is not downtime.
            let teamLast = last.values.max()
            for kind in kinds {
                let from = last[kind] ?? teamLast ?? now.addingTimeInterval(-config.scheduler.catchUpGrace)
                handledThrough[Slot(team: team.id, kind: kind)] = max(from, now.addingTimeInterval(-lookBack))
            }
        }
    }

    /// The next instant an occurrence is due, or nil when no schedule will ever fire.
    public func nextDue() -> Date? {
        var next: Date?
        for team in config.organization.teams {
            for kind in FiringKind.allCases {
                guard let spec = planner.spec(kind, for: team), let from = handledThrough[Slot(team: team.id, kind: kind)],
                    let occurrence = spec.nextOccurrence(after: from, in: team.timeZone)
                else { continue }
                if next == nil || occurrence.instant < next! { next = occurrence.instant }
            }
        }
        return next
    }

    /// Handles every occurrence due by now, oldest first. Returns what it did.
    @discardableResult
    public func tick() async -> [FiredOccurrence] {
        let now = clock.now()
        var due: [(Team, FiringKind, ScheduleSpec.Occurrence)] = []
        for team in config.organization.teams {
            for kind in FiringKind.allCases {
                guard let spec = planner.spec(kind, for: team), let from = handledThrough[Slot(team: team.id, kind: kind)] else { continue }
                for occurrence in spec.occurrences(after: from, through: now, in: team.timeZone) { due.append((team, kind, occurrence)) }
            }
        }
        due.sort { ($0.2.instant, $0.1, $0.0.id) < ($1.2.instant, $1.1, $1.0.id) }
        var done: [FiredOccurrence] = []
        for (team, kind, occurrence) in due {
            let slot = Slot(team: team.id, kind: kind)
            guard let result = await handle(kind, team: team, occurrence: occurrence, now: now) else {
                // The store failed: leave the cursor before this occurrence and try again soon.
                break
            }
            handledThrough[slot] = occurrence.instant
            done.append(result)
        }
        return done
    }

    private func handle(_ kind: FiringKind, team: Team, occurrence: ScheduleSpec.Occurrence, now: Date) async -> FiredOccurrence? {
        let late = now.timeIntervalSince(occurrence.instant)
        let meta: Logger.Metadata = ["team": "\(team.id)", "kind": "\(kind.rawValue)", "occurrence": "\(occurrence.key)"]
        var firing = Firing(team: team.id, kind: kind.rawValue, occurrence: occurrence.key, dueAt: occurrence.instant, firedAt: now)
        do {
            var changes: [StoreChange]
            if late > config.scheduler.catchUpGrace {
                firing.outcome = "skipped"
                changes = [.claimFiring(firing)]
            } else {
                let snapshot = try await Snapshot.load(config.organization, store: store, at: now)
                changes = [.claimFiring(firing)]
                changes += try planner.plan(kind, team: team, occurrence: occurrence, snapshot: snapshot, now: now)
            }
            let result = try await store.apply(changes)
            let queued = result.enqueuedIDs.count
            if !result.applied {
                logger.debug("occurrence already handled", metadata: meta)
            } else if firing.outcome == "skipped" {
                logger.warning("missed while okrd was down, beyond the catch-up window; skipped", metadata: meta.merging(["late": "\(DurationText.format(late))"]) { $1 })
            } else {
                logger.info("fired", metadata: meta.merging(["queued": "\(queued)"]) { $1 })
                if let metrics {
                    for case .enqueue(let message) in changes {
                        metrics.queued(kind: message.kind, team: team.id, count: 1)
                        if message.kind == "alert" { metrics.escalation(level: 2) }
                        if message.kind == "escalation" { metrics.escalation(level: 3) }
                    }
                }
            }
            if queued > 0 { onQueued() }
            return FiredOccurrence(team: team.id, kind: kind, occurrence: occurrence, fired: result.applied && firing.outcome == "fired", skipped: firing.outcome == "skipped", queued: queued)
        } catch {
            logger.error("cannot fire; will try again", metadata: meta.merging(["error": "\(error)"]) { $1 })
            return nil
        }
    }

    /// Fires occurrences as they come due until cancelled. `idle` is called before each long sleep
    /// (over five minutes) with the instant it lasts until.
    public func run(idle: (@Sendable (Date) async -> Void)? = nil) async {
        while !Task.isCancelled {
            let handled = await tick()
            let now = clock.now()
            var deadline = nextDue() ?? now.addingTimeInterval(86_400)
            // A failed occurrence is still due: retry it in a minute rather than spin.
            if deadline <= now { deadline = now.addingTimeInterval(handled.isEmpty ? 60 : 0) }
            if deadline <= now { continue }
            if let idle, deadline.timeIntervalSince(now) > 300 { await idle(deadline) }
            await waitUntil(deadline)
        }
    }

    private func waitUntil(_ deadline: Date) async {
        await mailbox.wait(until: deadline, on: clock)
    }
}
