import ChatPlatforms
public import Foundation
public import Logging
public import OKRModel
public import OKRStore
public import OKRWorkflows

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

/// Fires every team's schedule at the right instants, in each team's time zone.
///
/// Each occurrence is claimed in the store in the same transaction as the messages and state
/// changes it produces, so it takes effect at most once, also across restarts and replicas. On
/// start, a schedule's latest occurrence missed while okrd was down fires once if it is younger than
/// the catch-up grace; earlier and older ones are recorded as skipped and logged, and a fresh
/// database misses nothing from before its first start. Between occurrences the scheduler sleeps
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

    /// The digest's radar chart, drawn with cairo.
    public static let drawChart: @Sendable (Team, Snapshot) -> [UInt8]? = { team, snapshot in try? RadarChart(team: team, snapshot: snapshot).png() }

    private struct Slot: Hashable {
        var team: String
        var kind: FiringKind
    }

    public init(config: OKRConfig, store: any Store, clock: any OKRClock, writer: OutboxWriter, logger: Logger = Logger(label: "okrd.scheduler"),
                metrics: OKRMetrics? = nil, links: CheckinLinks? = nil, onQueued: @escaping @Sendable () -> Void = {}) {
        self.config = config
        planner = FiringPlanner(config: config, writer: writer, links: links, chart: Self.drawChart)
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
        planner = FiringPlanner(config: config, writer: writer, links: self.links, chart: Self.drawChart)
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
        // The first start on a database records when it began: nothing from before then was missed.
        let began = (try? await store.metaSetIfAbsent("scheduler_started_at", String(now.timeIntervalSince1970))).flatMap(Double.init)
            .map(Date.init(timeIntervalSince1970:)) ?? now
        for team in config.organization.teams {
            let kinds = FiringKind.allCases.filter { planner.spec($0, for: team) != nil && !known.contains(Slot(team: team.id, kind: $0)) }
            var last: [FiringKind: Date] = [:]
            for kind in kinds {
                last[kind] = (try? await store.lastFiring(team: team.id, kind: kind.rawValue))?.dueAt
            }
            // A kind that never fired for a team that has (a schedule added later) starts from the
            // team's latest firing; a team that never fired at all looks back as far as the grace,
            // but never to before the database's first start (a fresh install missed nothing).
            let teamLast = last.values.max()
            for kind in kinds {
                let from = last[kind] ?? teamLast ?? max(began, now.addingTimeInterval(-config.scheduler.catchUpGrace))
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
        var due: [(Team, FiringKind, ScheduleSpec.Occurrence, superseded: Bool)] = []
        for team in config.organization.teams {
            for kind in FiringKind.allCases {
                guard let spec = planner.spec(kind, for: team), let from = handledThrough[Slot(team: team.id, kind: kind)] else { continue }
                // After downtime a schedule fires at most its latest missed occurrence, once: the
                // earlier ones are superseded (recorded as skipped), not replayed in a burst.
                let missed = spec.occurrences(after: from, through: now, in: team.timeZone)
                for (index, occurrence) in missed.enumerated() { due.append((team, kind, occurrence, index < missed.count - 1)) }
            }
        }
        due.sort { ($0.2.instant, $0.1, $0.0.id) < ($1.2.instant, $1.1, $1.0.id) }
        var done: [FiredOccurrence] = []
        for (team, kind, occurrence, superseded) in due {
            let slot = Slot(team: team.id, kind: kind)
            guard let result = await handle(kind, team: team, occurrence: occurrence, now: now, superseded: superseded) else {
                // The store failed: leave the cursor before this occurrence and try again soon.
                break
            }
            handledThrough[slot] = occurrence.instant
            done.append(result)
        }
        return done
    }

    private func handle(_ kind: FiringKind, team: Team, occurrence: ScheduleSpec.Occurrence, now: Date, superseded: Bool) async -> FiredOccurrence? {
        let late = now.timeIntervalSince(occurrence.instant)
        let meta: Logger.Metadata = ["team": "\(team.id)", "kind": "\(kind.rawValue)", "occurrence": "\(occurrence.key)"]
        var firing = Firing(team: team.id, kind: kind.rawValue, occurrence: occurrence.key, dueAt: occurrence.instant, firedAt: now)
        do {
            var changes: [StoreChange]
            if late > config.scheduler.catchUpGrace || superseded {
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
            } else if firing.outcome == "skipped" && superseded && late <= config.scheduler.catchUpGrace {
                logger.info("missed while okrd was down; skipped for the later one", metadata: meta.merging(["late": "\(DurationText.format(late))"]) { $1 })
            } else if firing.outcome == "skipped" {
                logger.warning("missed while okrd was down, beyond the catch-up window; skipped", metadata: meta.merging(["late": "\(DurationText.format(late))"]) { $1 })
            } else if kind == .personal && queued == 0 {
                // The daily look for members who were off at the prompt mostly finds nobody.
                logger.debug("fired", metadata: meta.merging(["queued": "0"]) { $1 })
            } else {
                logger.info("fired", metadata: meta.merging(["queued": "\(queued)"]) { $1 })
                metrics?.queued(changes, team: team.id)
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
