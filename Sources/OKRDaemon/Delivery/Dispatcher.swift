public import ChatPlatforms
import CurlHTTP
public import Foundation
public import Logging
import OKRModel
public import OKRStore
import Synchronization
public import OKRWorkflows

/// Delivers the outbox.
///
/// Invariants: messages to one destination go out in queue order, one at a time, paced by the
/// destination's rate limit; different destinations are sent in parallel, at most
/// `DeliverySettings.parallel` requests at once, over the HTTP client's reused connections. A
/// message is leased before it is sent and its outcome recorded after; at most
/// `DeliverySettings.inFlight` messages are ever sent without their outcome on disk, so a crash
/// or a power loss between the two resends at most that many. Failures: transport errors, 408,
/// 429 and 5xx are retried with capped exponential backoff and jitter, never before a time the
/// platform named (which also pauses the whole destination); other 4xx go to dead letters with
/// the platform's answer; a "gone" answer disables the destination instead of hammering it;
/// messages older than `maxAge` are dead-lettered rather than delivered late.
///
/// The dispatcher runs on the sender's executor (libcurl's loop thread): a finished send resumes the
/// delivery loop on the thread that finished it, and the loop's new sends are picked up by the same
/// thread's next round, so a message costs no thread switch between the outbox and the network.
public actor Dispatcher {
    public struct Statistics: Sendable, Hashable {
        public var sent = 0
        public var retried = 0
        public var dead = 0
        public var byDestination: [String: [String: Int]] = [:]
    }

    private let store: any Store
    private let sender: any HTTPSender
    public nonisolated var unownedExecutor: UnownedSerialExecutor { sender.executor.asUnownedSerialExecutor() }
    private var destinations: [String: Destination] {
        didSet {
            configuredNames = destinations.keys.sorted()
            turn = 0
            depths = Self.depths(of: destinations)
        }
    }
    private var configuredNames: [String] = []
    /// How many messages of each destination a claim leases at once (see `leaseDepth`).
    private var depths: [String: Int] = [:]
    /// Round robin over destinations: claims start here and wrap around.
    private var turn = 0
    private var directory: Directory
    private let clock: any OKRClock
    private var settings: DeliverySettings
    private let logger: Logger
    private let console: any ConsoleSink
    private let claimant: String
    private var random: SplitMixRandom
    /// Pacing: no send to a destination before this instant.
    private var nextSlot: [String: Date] = [:]
    private var paused: [String: Date] = [:]
    private var disabled: [String: String] = [:]
    /// Results of sends, handed over from the HTTP client's thread, and wake-ups from `wake()`;
    /// the delivery loop waits on it.
    private nonisolated let mailbox = Mailbox<FinishedSend>()
    /// Parked: nothing in flight, waiting for `parkedUntil` (in the future) or a wake-up.
    private var idle = false
    private var parkedUntil = Date.distantPast
    private var idleWaiters: [CheckedContinuation<Date?, Never>] = []
    public private(set) var statistics = Statistics()
    /// Called after every recorded outcome (metrics).
    /// Told each outcome: the destination, "sent"/"retry"/"dead"/"released", how long the request took.
    private let observer: (@Sendable (String, String, Duration?) -> Void)?

    public init(
        store: any Store, sender: any HTTPSender, destinations: [Destination], directory: Directory, clock: any OKRClock,
        settings: DeliverySettings, logger: Logger = Logger(label: "okrd.delivery"), console: any ConsoleSink = StandardOutputSink(),
        claimant: String = "okrd-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))",
        random: SplitMixRandom = SplitMixRandom(seed: UInt64.random(in: 0...UInt64.max)),
        observer: (@Sendable (String, String, Duration?) -> Void)? = nil
    ) {
        self.store = store
        self.sender = sender
        var byName: [String: Destination] = [:]
        for destination in destinations { byName[destination.name] = destination }
        self.destinations = byName
        configuredNames = byName.keys.sorted()
        depths = Self.depths(of: byName)
        self.directory = directory
        self.clock = clock
        self.settings = settings
        self.logger = logger
        self.console = console
        self.claimant = claimant
        self.random = random
        self.observer = observer
    }

    deinit {
        commitThread.stop()
    }

    /// Takes new destinations and settings (config reload); queued messages stay queued, and are
    /// rendered again at send time (handles or platforms may have changed).
    public func update(destinations: [Destination], directory: Directory, settings: DeliverySettings) async {
        do {
            _ = try await store.forgetRenderedBodies()
        } catch {
            logger.error("cannot reset the rendered bodies of queued messages", metadata: ["error": "\(error)"])
        }
        var byName: [String: Destination] = [:]
        for destination in destinations { byName[destination.name] = destination }
        self.destinations = byName
        self.directory = directory
        self.settings = settings
        // The claimed messages held here are rendered again too.
        for i in ready.indices { ready[i].rendered = nil }
        for (name, queue) in behind { behind[name] = queue.map { message in var message = message; message.rendered = nil; return message } }
        // A reloaded configuration may have fixed a gone destination, or a paused one: give it
        // another chance.
        disabled.removeAll()
        paused.removeAll()
        sharePacing()
        wake()
    }

    /// Replicas pace each destination together (its rate limit holds across all of them).
    private func sharePacing() {
        guard let coordination = store.coordination else { return }
        var intervals: [String: TimeInterval] = [:]
        for name in destinations.keys { intervals[name] = interval(for: name) }
        coordination.pace(intervals)
    }

    /// Loads persisted destination state (disabled, paused) and releases leases a crashed
    /// predecessor left behind (single-box SQLite only: replicas wait for the leases to expire).
    public func prepare(releaseAllLeases: Bool) async throws {
        // Replicas: the leases this process takes are known to be a live process's while it lives.
        if let coordination = store.coordination {
            sharePacing()
            try await coordination.register(claimant: claimant)
            let released = await coordination.releaseLeasesOfTheGone()
            if released > 0 { logger.info("released leases held by processes that are gone", metadata: ["count": "\(released)"]) }
        }
        // With replicas, the leader does this (another replica may run another version of the file).
        if store.coordination == nil {
            let orphans = try await store.deadLetterUnknownDestinations(known: Set(destinations.keys), now: clock.now())
            if orphans > 0 { logger.warning("dead-lettered messages for destinations no longer configured", metadata: ["count": "\(orphans)"]) }
        }
        if releaseAllLeases {
            let released = try await store.releaseLeases(heldBy: nil)
            if released > 0 { logger.info("released leases left by a previous run", metadata: ["count": "\(released)"]) }
        }
        // A restart is the operator's way to say "try now": a paused destination is resumed and a
        // disabled one tried again (the platform's next answer pauses or disables it again if it
        // must); the log keeps the trail.
        for (name, state) in try await store.destinationStates() {
            let wasPaused = state.pausedUntil.map { $0 > clock.now() } ?? false
            let wasDisabled = state.disabledReason != nil && state.disabledAt != nil && destinations[name] != nil
            guard wasPaused || wasDisabled else { continue }
            if wasPaused {
                logger.notice("destination was paused; resumed by the restart", metadata: ["destination": "\(name)", "paused_until": "\(state.pausedUntil!)"])
            }
            if wasDisabled {
                logger.warning("destination was disabled; trying it again after restart", metadata: ["destination": "\(name)", "reason": "\(state.disabledReason!)"])
            }
            try await store.setDestinationState(DestinationState(name: name))
        }
    }

    /// Asks the dispatcher to look at the outbox now (after something was queued).
    public nonisolated func wake() {
        mailbox.ring()
    }

    /// Stops claiming new messages; `run()` returns once the sends in flight have finished and their
    /// outcomes are recorded (SIGTERM). What is still queued stays queued for the next start.
    public func drain() {
        draining = true
        mailbox.ring()
    }

    private var draining = false

    /// When the dispatcher is idle with work ahead (a queued message, a retry, a pacing slot): the
    /// instant it waits for. Nil when it is busy or only waiting for something to be queued.
    /// `okrd demo` and tests advance a virtual clock to it.
    public var idleUntil: Date? { idle && parkedForWork ? parkedUntil : nil }
    private var parkedForWork = false
    /// The mailbox's generation when the loop last looked at the outbox: a later ring means work
    /// may have arrived since, so the dispatcher is not idle even while it is parked.
    private var checkedGeneration: UInt64 = 0

    // MARK: Running

    fileprivate struct FinishedSend: Sendable {
        let message: OutboxMessage
        let platform: Platform
        let result: SendResult
    }

    /// A claimed message, ready to go out or already settled without a request.
    private enum Prepared {
        case request(OutboundRequest, Platform)
        /// Two requests in a row: the second made from the first's answer (Matrix images).
        case chain(OutboundRequest, Platform, then: @Sendable ([UInt8]) -> OutboundRequest?)
        case settled(DeliveryOutcome)
    }

    /// Outcomes not yet handed to a commit; `outcomeSends` of them are of requests (the rest were
    /// settled without one: printed to the console, expired).
    private var outcomes: [(Int64, DeliveryOutcome)] = []
    private var outcomeSends = 0
    /// Requests under way, by destination: how to cancel each.
    private var sending: [String: @Sendable () -> Void] = [:]
    /// When each destination's request under way started (for the duration metric).
    private var sendStarted: [String: ContinuousClock.Instant] = [:]
    /// Claimed messages waiting for a request slot, in claim order (at most one per destination).
    private var ready: [OutboxMessage] = []
    /// Messages leased behind a destination's message in `ready` or under way, in queue order: the
    /// next goes out when the one before it is settled, without a claim in between.
    private var behind: [String: [OutboxMessage]] = [:]
    private var behindCount = 0
    /// A claim leases up to this many messages of a destination without a rate limit: its head and
    /// those right behind it. One destination's messages go out one at a time, so without this
    /// each of them would wait for the commit that records the one before (a round trip to
    /// PostgreSQL). Rate-limited destinations are leased one message at a time (their pace is
    /// shared between replicas at claim time).
    static let leaseDepth = 8
    /// Messages sent whose outcome is not on disk yet (under way, waiting for a commit, or in the
    /// commit running now): never more than `settings.inFlight`.
    private var unsettled = 0
    /// A commit runs off the loop, on its own thread (see `deliver`); at most one at a time.
    private var committing = false
    private nonisolated let commitThread = CommitThread()
    private nonisolated let commitResult = Mutex<CommitResult?>(nil)
    /// No new commit before this instant after the store failed.
    private var commitAgainAt = Date.distantPast
    /// After a claim found fewer due messages than it asked for: do not ask again before this
    /// instant unless something changed (an outcome recorded, a wake-up).
    private var claimAgainAt: Date?
    private var nudgesSeen: UInt64 = 0

    fileprivate struct CommitResult: Sendable {
        let outcomes: [(Int64, DeliveryOutcome)]
        let sends: Int
        let limit: Int
        let claimed: Result<[OutboxMessage], StoreError>
    }

    /// Destinations paused or disabled by recent answers, persisted before the next claim.
    private var stateChanges: [String: DestinationState] = [:]

    private func saveStateChanges() async {
        let changes = stateChanges
        stateChanges.removeAll()
        for state in changes.values.sorted(by: { $0.name < $1.name }) {
            do {
                try await store.setDestinationState(state)
            } catch {
                logger.error("cannot save the destination's state", metadata: ["destination": "\(state.name)", "error": "\(error)"])
            }
        }
    }

    /// Delivers until cancelled: sends what is due, then sleeps until the next message is due, a
    /// pacing slot opens, or something new is queued.
    public func run() async {
        await deliver(until: nil)
    }

    /// Delivers everything that is due, waiting for pacing and for retries that fall within
    /// `maxWait`, and returns when nothing more is due by then (later retries stay queued).
    public func flush(maxWait: TimeInterval = 30) async {
        await deliver(until: clock.now().addingTimeInterval(maxWait))
    }

    /// Returns once the dispatcher has nothing in flight and is waiting for a later instant, or has
    /// stopped. `okrd demo` and tests use it to advance a virtual clock only when all work at the
    /// current instant is done. (Waits for a dispatcher that has not started yet.)
    ///
    /// Returns what ``idleUntil`` was at that moment: the instant it waits for when work lies ahead.
    /// (Read together with the idleness, so a spurious wake-up in between cannot hide it.)
    @discardableResult
    public func waitUntilIdle() async -> Date? {
        if idle && parkedUntil > clock.now() && mailbox.generation == checkedGeneration { return idleUntil }
        return await withCheckedContinuation { idleWaiters.append($0) }
    }

    private func setIdle(_ value: Bool) {
        idle = value
        if value {
            let waiters = idleWaiters
            idleWaiters.removeAll()
            for waiter in waiters { waiter.resume(returning: idleUntil) }
        }
    }

    /// The delivery loop. It claims due messages a little ahead (a few groups beyond those under
    /// way), starts up to `parallel` requests on the HTTP
    /// client (which runs them on its own thread and hands results back through `mailbox`), and
    /// records finished outcomes in groups, together with the next claim: one transaction for many
    /// deliveries. No task per message: a 10k fan-out costs a few thousand loop iterations.
    ///
    /// The loop never waits for the database: a commit (records, claims, and the sync that makes
    /// them durable) runs on another thread while the requests go on, and its claims come back
    /// through `mailbox`. A message counts against `inFlight` from its request until the commit
    /// that records its outcome has returned, and no request starts beyond that window: after a
    /// crash or a power loss at most `inFlight` messages were sent without a recorded outcome, and
    /// those are the only ones sent again.
    private func deliver(until flushDeadline: Date?) async {
        defer {
            setIdle(false)
            let waiters = idleWaiters
            idleWaiters.removeAll()
            for waiter in waiters { waiter.resume(returning: nil) }
        }
        let parallel = max(1, min(settings.parallel, settings.inFlight))
        // Outcomes are recorded in groups of `group` (or sooner, see below), and up to `group`
        // more may finish while a commit runs: with `parallel` requests under way that fills the
        // window in thirds. Claims keep about two groups ready beyond the requests under way.
        // (Capped: a huge window should not mean thousands of claimed bodies held in memory.)
        let group = min(256, max(parallel, (settings.inFlight - parallel) / 3))
        let ahead = parallel + 2 * group
        while !Task.isCancelled {
            checkedGeneration = mailbox.generation
            collectFinishedSends()
            let now = clock.now()
            collectCommit(now: now)
            if !stateChanges.isEmpty { await saveStateChanges() }
            // Stopping: only what is under way is finished; claims not sent go back.
            if draining { releaseReady() }
            startReady(now: now, parallel: parallel)

            let nudges = mailbox.nudges
            let nudged = nudges != nudgesSeen
            nudgesSeen = nudges
            // Woken with destinations paused or disabled: the operator may have resumed them
            // (`okrd outbox retry` clears the stored pause and wakes the daemon).
            if nudged, !paused.isEmpty || !disabled.isEmpty, let stored = try? await store.destinationStates() {
                for name in Array(paused.keys) where (stored[name]?.pausedUntil ?? .distantPast) <= now {
                    paused[name] = nil
                    logger.notice("destination resumed", metadata: ["destination": "\(name)"])
                }
                for name in Array(disabled.keys) where stored[name]?.disabledAt == nil {
                    disabled[name] = nil
                    logger.notice("destination enabled again", metadata: ["destination": "\(name)"])
                }
            }
            if !committing && now >= commitAgainAt {
                let limit = draining ? 0 : max(0, ahead - sending.count - ready.count - behindCount)
                // Record when a group is complete, when nothing else will finish to join it, or
                // when the window needs room; claim when the ready messages run low.
                let record = !outcomes.isEmpty
                    && (outcomeSends >= group || sending.isEmpty || unsettled + parallel >= settings.inFlight || draining)
                let claim = limit > 0 && ready.count < group
                    && (claimAgainAt.map { now >= $0 } ?? true || !outcomes.isEmpty || nudged)
                if record || claim { startCommit(claiming: claim ? limit : 0, now: now) }
            }

            let outstanding = committing || !sending.isEmpty || !ready.isEmpty || !behind.isEmpty || !outcomes.isEmpty
            if draining {
                if !outstanding { break }
                // A failed commit is tried again after a second; nothing else would ring for it.
                if !committing && now < commitAgainAt {
                    await waitUntil(commitAgainAt)
                } else {
                    await mailbox.waitIgnoringCancellation()
                }
                continue
            }
            if !outstanding {
                let deadline = await nextWake()
                if let flushDeadline {
                    let pending = (try? await store.nextDue(among: configuredNames, excluding: Set(disabled.keys))) ?? nil
                    if pending == nil || deadline > flushDeadline { break }
                }
                parkedUntil = deadline
                if deadline > clock.now() && mailbox.generation == checkedGeneration { setIdle(true) }
                await waitUntil(deadline)
                setIdle(false)
                claimAgainAt = nil
                continue
            }
            if !committing && (now < commitAgainAt || (claimAgainAt != nil && sending.count < parallel && ready.isEmpty)) {
                // Waiting to retry the store, or slots are free but nothing was due: wait for a
                // result, or for the next due message or pacing slot.
                let deadline = now < commitAgainAt ? commitAgainAt : await nextWake()
                if now >= commitAgainAt { claimAgainAt = deadline }
                await waitUntil(deadline)
            } else {
                await mailbox.wait()
            }
        }
        // Stopping: abort what is still under way and record every result (an aborted send is
        // retried by the next run, so nothing is lost); claims not sent are handed back.
        for cancel in sending.values { cancel() }
        while !sending.isEmpty || committing {
            collectFinishedSends()
            collectCommit(now: clock.now())
            if !sending.isEmpty || committing { await mailbox.waitIgnoringCancellation() }
        }
        releaseReady()
        if !stateChanges.isEmpty { await saveStateChanges() }
        if !outcomes.isEmpty {
            let finished = outcomes
            outcomes.removeAll()
            do {
                _ = try await store.recordAndClaim(finished, now: clock.now(), limit: 0, among: nil, excluding: [], claimant: claimant, leaseUntil: clock.now())
            } catch {
                logger.error("cannot record delivery outcomes at shutdown", metadata: ["error": "\(error)"])
            }
        }
    }

    /// Hands every outcome collected so far, and a claim of up to `limit` due messages, to one
    /// transaction that runs off the loop; `collectCommit` takes its result.
    private func startCommit(claiming limit: Int, now: Date) {
        let finished = outcomes
        let sends = outcomeSends
        outcomes.removeAll(keepingCapacity: true)
        outcomeSends = 0
        committing = true
        // Destinations with a message under way or ready are left out: their head is that
        // message. Every other destination's last outcome is in this commit, recorded before the
        // claim reads the heads.
        let excluding = limit > 0 ? Set(sending.keys).union(ready.map(\.destination)).union(behind.keys).union(blocked(at: now)) : []
        let among = limit > 0 ? rotatedNames() : nil
        let leaseUntil = now.addingTimeInterval(settings.timeout * 4 + 60)
        Task.detached(executorPreference: commitThread) { [self, store, claimant, depths] in
            let claimed: Result<[OutboxMessage], StoreError>
            do {
                claimed = .success(try await store.recordAndClaim(
                    finished, now: now, limit: limit, among: among, depths: depths, excluding: excluding, claimant: claimant, leaseUntil: leaseUntil))
            } catch let error as StoreError {
                claimed = .failure(error)
            } catch {
                claimed = .failure(StoreError(.query, "\(error)"))
            }
            committed(CommitResult(outcomes: finished, sends: sends, limit: limit, claimed: claimed))
        }
    }

    /// From the commit's thread: leaves its result for the loop.
    private nonisolated func committed(_ result: CommitResult) {
        commitResult.withLock { $0 = result }
        mailbox.notify()
    }

    /// Takes the result of the commit that ran off the loop: its outcomes are on disk (their place
    /// in the window is free) and its claims are ready to go out. When the store failed, the
    /// outcomes wait for the next commit, a second later.
    private func collectCommit(now: Date) {
        guard committing, let result = commitResult.withLock({ result in defer { result = nil }; return result }) else { return }
        committing = false
        switch result.claimed {
        case .success(let claimed):
            unsettled -= result.sends
            if let last = claimed.last, let index = configuredNames.firstIndex(of: last.destination) {
                turn = index + 1
            }
            // Sorted by id: a destination's head comes first, the messages leased behind it follow.
            var heads = Set<String>()
            for message in claimed {
                if heads.insert(message.destination).inserted {
                    ready.append(message)
                } else {
                    behind[message.destination, default: []].append(message)
                    behindCount += 1
                }
            }
            // The limit counts destinations: fewer heads than asked for means nothing more is due.
            if result.limit > 0 { claimAgainAt = heads.count < result.limit ? .distantFuture : nil }
        case .failure(let error):
            logger.error("cannot update the outbox; trying again in a second", metadata: ["error": "\(error)"])
            outcomes = result.outcomes + outcomes
            outcomeSends += result.sends
            commitAgainAt = now.addingTimeInterval(1)
        }
    }

    /// Hands the claimed messages not sent yet back to the queue (with the next commit).
    private func releaseReady() {
        for message in ready { record(.released, message, sent: false) }
        ready.removeAll()
        for name in Array(behind.keys) { releaseBehind(name) }
    }

    private func releaseBehind(_ name: String) {
        guard let queue = behind.removeValue(forKey: name) else { return }
        for message in queue { record(.released, message, sent: false) }
        behindCount -= queue.count
    }

    /// After a destination's message is settled: the next message leased behind it is ready to go
    /// out (after a delivery or a dead letter), or, when the message is to be retried, those behind
    /// it go back to the queue, so that none overtakes it.
    private func advance(_ name: String, after outcome: DeliveryOutcome) {
        guard var queue = behind[name] else { return }
        let settled: Bool
        switch outcome {
        case .sent, .dead: settled = true
        case .retry, .released: settled = false
        }
        // Not after a retry, nor with a rate limit set since the claim or the destination gone from
        // the configuration (a reload: with replicas, the leader dead-letters what it no longer knows).
        guard settled, interval(for: name) == 0, destinations[name] != nil else { return releaseBehind(name) }
        ready.append(queue.removeFirst())
        behindCount -= 1
        behind[name] = queue.isEmpty ? nil : queue
    }

    /// The lease depth of each destination: rate-limited ones one message at a time.
    private static func depths(of destinations: [String: Destination]) -> [String: Int] {
        var depths: [String: Int] = [:]
        for (name, destination) in destinations where destination.ratePerSecond <= 0 { depths[name] = leaseDepth }
        return depths
    }

    /// Starts ready messages while a request slot is free and the window has room.
    private func startReady(now: Date, parallel: Int) {
        var started = 0
        while started < ready.count && sending.count < parallel && unsettled < settings.inFlight {
            start(ready[started], now: now)
            started += 1
        }
        if started > 0 { ready.removeFirst(started) }
    }

    private func start(_ message: OutboxMessage, now: Date) {
        let name = message.destination
        // A lease that could end before the answer comes (the message waited long behind others)
        // is handed back and claimed again: once it ends, another replica may send the message.
        if let until = message.claimedUntil, until < now.addingTimeInterval(settings.timeout + 30) {
            record(.released, message, sent: false)
            releaseBehind(name)
            return
        }
        nextSlot[name] = now.addingTimeInterval(interval(for: name))
        switch prepare(message, now: now) {
        case .settled(let outcome):
            record(outcome, message, sent: false)
            advance(name, after: outcome)
        case .request(let request, let platform):
            unsettled += 1
            sendStarted[name] = .now
            sending[name] = sender.start(request, timeout: settings.timeout) { [mailbox] result in
                mailbox.post(FinishedSend(message: message, platform: platform, result: result))
            }
        case .chain(let request, let platform, let then):
            unsettled += 1
            sendStarted[name] = .now
            sending[name] = sender.startChain(request, timeout: settings.timeout, then: then) { [mailbox] result in
                mailbox.post(FinishedSend(message: message, platform: platform, result: result))
            }
        }
    }

    /// The configured destinations, starting at this turn's.
    private func rotatedNames() -> [String] {
        guard turn > 0, turn < configuredNames.count else { return configuredNames }
        return Array(configuredNames[turn...] + configuredNames[..<turn])
    }

    /// Destinations that must not be sent to right now.
    private func blocked(at now: Date) -> Set<String> {
        var result = Set(disabled.keys)
        for (name, until) in paused where until > now { result.insert(name) }
        for (name, slot) in nextSlot where slot > now { result.insert(name) }
        for (name, until) in paused where until <= now { paused[name] = nil }
        return result
    }

    private func interval(for destination: String) -> TimeInterval {
        guard let rate = destinations[destination]?.ratePerSecond, rate > 0 else { return 0 }
        return 1 / rate
    }

    /// The next instant worth looking at the outbox again.
    private func nextWake() async -> Date {
        let now = clock.now()
        var candidates: [Date] = []
        if let due = try? await store.nextDue(among: configuredNames, excluding: Set(disabled.keys).union(paused.keys)) {
            candidates.append(due)
        }
        candidates += paused.values.filter { $0 > now }
        candidates += nextSlot.values.filter { $0 > now }
        // A safety net only: producers in this process wake the dispatcher when they queue.
        let safetyNet = now.addingTimeInterval(600)
        let wake = candidates.filter { $0 > now }.min() ?? safetyNet
        parkedForWork = wake < safetyNet
        return min(wake, safetyNet)
    }

    private func waitUntil(_ deadline: Date) async {
        await mailbox.wait(until: deadline, on: clock)
    }

    // MARK: One message

    private func metadata(_ message: OutboxMessage) -> Logger.Metadata {
        ["destination": "\(message.destination)", "message": "\(message.id)", "kind": "\(message.kind)", "attempt": "\(message.attempts)"]
    }

    /// Renders a claimed message for its destination, or settles it when it cannot or need not go
    /// out over HTTP (console destinations are printed here).
    private func prepare(_ message: OutboxMessage, now: Date) -> Prepared {
        let name = message.destination
        guard let destination = destinations[name] else {
            return .settled(.dead(at: now, status: nil, error: "destination \"\(name)\" is no longer configured"))
        }
        if now.timeIntervalSince(message.createdAt) > settings.maxAge {
            return .settled(.dead(at: now, status: nil, error: "expired: not delivered within \(DurationText.format(settings.maxAge)) of being queued"))
        }
        let rendered: RenderedMessage
        if let stored = message.rendered, stored.platform == destination.platform.rawValue {
            rendered = RenderedMessage(body: stored.body, contentType: stored.contentType, notified: [], size: stored.body.count)
        } else {
            guard let chat = ChatMessage(jsonBytes: message.payload) else {
                return .settled(.dead(at: now, status: nil, error: "the queued payload cannot be read"))
            }
            rendered = Renderers.renderer(for: destination.platform).render(chat, directory: directory)
        }
        if destination.platform == .console {
            console.write(destination: name, text: rendered.text)
            return .settled(.sent(at: now, status: 200, response: "printed"))
        }
        guard let request = destination.request(for: rendered, key: message.idempotencyKey, now: now) else {
            return .settled(.dead(at: now, status: nil, error: "destination \"\(name)\" lacks its URL or credentials"))
        }
        if destination.platform == .matrix && rendered.contentType == MatrixImage.contentType {
            // Upload the image, then post it as an m.image event under the message's transaction id.
            let key = message.idempotencyKey
            let size = rendered.body.count
            return .chain(request, .matrix, then: { [destination] answer in destination.matrixImageEvent(uploadAnswer: answer, key: key, size: size) })
        }
        return .request(request, destination.platform)
    }

    /// Turns the results handed over by the HTTP client into outcomes and frees their request
    /// slots (their place in the window is freed once the outcome is on disk).
    private func collectFinishedSends() {
        let results = mailbox.drain()
        guard !results.isEmpty else { return }
        let after = clock.now()
        for finished in results {
            sending[finished.message.destination] = nil
            let took = sendStarted.removeValue(forKey: finished.message.destination).map { ContinuousClock.now - $0 }
            let settled = outcome(of: finished, at: after)
            record(settled, finished.message, sent: true, took: took)
            advance(finished.message.destination, after: settled)
        }
    }

    private func outcome(of finished: FinishedSend, at after: Date) -> DeliveryOutcome {
        let message = finished.message
        let name = message.destination
        switch finished.result {
        case .failed(let error):
            if case .invalidRequest = error {
                return .dead(at: after, status: nil, error: "\(error)")
            }
            if case .cancelled = error {
                // Stopped mid-send: try again as soon as okrd runs again.
                return .retry(notBefore: after, status: nil, error: "\(error)")
            }
            return .retry(notBefore: backoff(message, now: after), status: nil, error: "\(error)")
        case .response(let status, let headers, let body):
            switch finished.platform.classify(status: status, headers: headers, body: body, now: after) {
            case .delivered(let detail):
                return .sent(at: after, status: status, response: detail)
            case .retry(var notBefore, let reason):
                // A platform's wait is honoured up to delivery.max_backoff: one absurd Retry-After
                // must not silence a destination for years.
                if let asked = notBefore, asked.timeIntervalSince(after) > settings.maxBackoff {
                    notBefore = after.addingTimeInterval(settings.maxBackoff)
                    logger.warning("the platform asked to wait longer than delivery.max_backoff; waiting that long instead", metadata: metadata(message).merging([
                        "asked_until": "\(asked)", "max_backoff_seconds": "\(Int(settings.maxBackoff))", "http.status": "\(status)",
                    ]) { $1 })
                }
                if let notBefore {
                    paused[name] = max(paused[name] ?? notBefore, notBefore)
                    stateChanges[name] = DestinationState(name: name, pausedUntil: paused[name])
                }
                let when = max(backoff(message, now: after), notBefore ?? after)
                return .retry(notBefore: when, status: status, error: reason)
            case .permanent(let reason):
                return .dead(at: after, status: status, error: reason)
            case .gone(let reason):
                if disabled[name] == nil {
                    logger.error("destination is gone; disabled until the configuration is reloaded or okrd restarts", metadata: metadata(message).merging(["http.status": "\(status)", "reason": "\(reason)"]) { $1 })
                }
                disabled[name] = reason
                stateChanges[name] = DestinationState(name: name, disabledAt: after, disabledReason: reason)
                return .retry(notBefore: after, status: status, error: "destination disabled: \(reason)")
            }
        }
    }

    /// Capped exponential backoff with jitter: half to all of `initial * 2^(attempts-1)`.
    private func backoff(_ message: OutboxMessage, now: Date) -> Date {
        let exponent = Double(max(0, min(30, message.attempts - 1)))
        let base = min(settings.maxBackoff, settings.initialBackoff * pow(2, exponent))
        let jitter = 0.5 + Double.random(in: 0...0.5, using: &random)
        return now.addingTimeInterval(base * jitter)
    }

    /// Keeps an outcome for the next commit and counts it; `sent` when a request was made.
    private func record(_ outcome: DeliveryOutcome, _ message: OutboxMessage, sent: Bool, took: Duration? = nil) {
        outcomes.append((message.id, outcome))
        if sent { outcomeSends += 1 }
        let label: String
        switch outcome {
        case .sent:
            statistics.sent += 1
            label = "sent"
            logger.debug("delivered", metadata: metadata(message))
        case .retry(let notBefore, let status, let error):
            statistics.retried += 1
            label = "retry"
            logger.warning("delivery failed; will retry", metadata: metadata(message).merging(["retry_at": "\(notBefore)", "reason": "\(error)", "http.status": "\(status.map(String.init) ?? "-")"]) { $1 })
        case .dead(_, let status, let error):
            statistics.dead += 1
            label = "dead"
            logger.error("message moved to dead letters", metadata: metadata(message).merging(["reason": "\(error)", "http.status": "\(status.map(String.init) ?? "-")"]) { $1 })
        case .released:
            label = "released"
        }
        statistics.byDestination[message.destination, default: [:]][label, default: 0] += 1
        observer?(message.destination, label, took)
    }
}
