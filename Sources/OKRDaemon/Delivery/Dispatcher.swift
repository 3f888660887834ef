public import ChatPlatforms
import CurlHTTP
public import Foundation
public import Logging
import OKRModel
public import OKRStore
import Synchronization

/// Delivers the outbox.
///
/// Invariants: messages to one destination go out in queue order, one at a time, paced by the
/// destination's rate limit; different destinations are sent in parallel, at most
/// `DeliverySettings.inFlight` at once, over the HTTP client's reused connections. A message is
/// leased before it is sent and its outcome recorded after, so a crash between the two resends at
/// most the messages that were in flight. Failures: transport errors, 408, 429 and 5xx are retried
/// with capped exponential backoff and jitter, never before a time the platform named (which also
/// pauses the whole destination); other 4xx go to dead letters with the platform's answer; a "gone"
/// answer disables the destination instead of hammering it; messages older than `maxAge` are
/// dead-lettered rather than delivered late.
public actor Dispatcher {
    public struct Statistics: Sendable, Hashable {
        public var sent = 0
        public var retried = 0
        public var dead = 0
        public var byDestination: [String: [String: Int]] = [:]
    }

    private let store: any Store
    private let sender: any HTTPSender
    private var destinations: [String: Destination] {
        didSet { configuredNames = destinations.keys.sorted() }
    }
    private var configuredNames: [String] = []
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
    private var wakeSignal: CheckedContinuation<Void, Never>?
    private var wakePending = false
    /// Parked: nothing in flight, waiting for `parkedUntil` (in the future) or a wake-up.
    private var idle = false
    private var parkedUntil = Date.distantPast
    private var idleWaiters: [CheckedContinuation<Void, Never>] = []
    public private(set) var statistics = Statistics()
    /// Called after every recorded outcome (metrics).
    private let observer: (@Sendable (String, String) -> Void)?

    public init(
        store: any Store, sender: any HTTPSender, destinations: [Destination], directory: Directory, clock: any OKRClock,
        settings: DeliverySettings, logger: Logger = Logger(label: "okrd.delivery"), console: any ConsoleSink = StandardOutputSink(),
        claimant: String = "okrd-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))",
        random: SplitMixRandom = SplitMixRandom(seed: UInt64.random(in: 0...UInt64.max)),
        observer: (@Sendable (String, String) -> Void)? = nil
    ) {
        self.store = store
        self.sender = sender
        var byName: [String: Destination] = [:]
        for destination in destinations { byName[destination.name] = destination }
        self.destinations = byName
        configuredNames = byName.keys.sorted()
        self.directory = directory
        self.clock = clock
        self.settings = settings
        self.logger = logger
        self.console = console
        self.claimant = claimant
        self.random = random
        self.observer = observer
    }

    /// Takes new destinations and settings (config reload); queued messages stay queued.
    public func update(destinations: [Destination], directory: Directory, settings: DeliverySettings) {
        var byName: [String: Destination] = [:]
        for destination in destinations { byName[destination.name] = destination }
        self.destinations = byName
        self.directory = directory
        self.settings = settings
        // A reloaded configuration may have fixed a gone destination: give it another chance.
        disabled.removeAll()
        wake()
    }

    /// Loads persisted destination state (disabled, paused) and releases leases a crashed
    /// predecessor left behind (single-box SQLite only: replicas wait for the leases to expire).
    public func prepare(releaseAllLeases: Bool) async throws {
        let orphans = try await store.deadLetterUnknownDestinations(known: Set(destinations.keys), now: clock.now())
        if orphans > 0 { logger.warning("dead-lettered messages for destinations no longer configured", metadata: ["count": "\(orphans)"]) }
        if releaseAllLeases {
            let released = try await store.releaseLeases(heldBy: nil)
            if released > 0 { logger.info("released leases left by a previous run", metadata: ["count": "\(released)"]) }
        }
        for (name, state) in try await store.destinationStates() {
            if let until = state.pausedUntil, until > clock.now() { paused[name] = until }
            if let reason = state.disabledReason, state.disabledAt != nil, destinations[name] != nil {
                // Restarting is how an operator says "try again"; log it so the trail is clear.
                logger.warning("destination was disabled; trying it again after restart", metadata: ["destination": "\(name)", "reason": "\(reason)"])
                try await store.setDestinationState(DestinationState(name: name, pausedUntil: state.pausedUntil))
            }
        }
    }

    /// Asks the dispatcher to look at the outbox now (after something was queued).
    public nonisolated func wake() {
        Task { await self.signal() }
    }

    private func signal() {
        if let wakeSignal {
            self.wakeSignal = nil
            wakeSignal.resume()
        } else {
            wakePending = true
        }
    }

    // MARK: Running

    private enum Event: Sendable {
        case finished(destination: String, message: Int64)
        case tick
    }

    /// Outcomes of finished sends, recorded together with the next claim (group commit).
    private var outcomes: [(Int64, DeliveryOutcome)] = []

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
    public func waitUntilIdle() async {
        if idle && parkedUntil > clock.now() && !wakePending { return }
        await withCheckedContinuation { idleWaiters.append($0) }
    }

    private func setIdle(_ value: Bool) {
        idle = value
        if value {
            let waiters = idleWaiters
            idleWaiters.removeAll()
            for waiter in waiters { waiter.resume() }
        }
    }

    private func deliver(until flushDeadline: Date?) async {
        defer {
            setIdle(false)
            let waiters = idleWaiters
            idleWaiters.removeAll()
            for waiter in waiters { waiter.resume() }
        }
        await withTaskGroup(of: Event.self) { group in
            // Destination -> the message in flight to it. A slot is freed only when its outcome is
            // recorded, in the same transaction as the next claim, so at most `inFlight` messages
            // are ever sent but not yet recorded.
            var inFlight: [String: Int64] = [:]
            var waiting = false  // a waiter child is in the group (only while sends are in flight)
            while !Task.isCancelled {
                let now = clock.now()
                let finished = outcomes
                outcomes.removeAll()
                let done = Set(finished.map(\.0))
                inFlight = inFlight.filter { !done.contains($0.value) }
                let free = settings.inFlight - inFlight.count
                let claimed: [OutboxMessage]
                do {
                    claimed = try await store.recordAndClaim(
                        finished, now: now, limit: free, among: configuredNames, excluding: Set(inFlight.keys).union(blocked(at: now)), claimant: claimant,
                        leaseUntil: now.addingTimeInterval(settings.timeout * 4 + 60))
                } catch {
                    logger.error("cannot update the outbox", metadata: ["error": "\(error)"])
                    outcomes = finished + outcomes  // keep them for the next attempt
                    claimed = []
                }
                for message in claimed {
                    inFlight[message.destination] = message.id
                    nextSlot[message.destination] = now.addingTimeInterval(interval(for: message.destination))
                    group.addTask { [self] in
                        await self.deliver(message)
                        return .finished(destination: message.destination, message: message.id)
                    }
                }

                if inFlight.isEmpty && outcomes.isEmpty {
                    // Nothing in flight: end a waiter child if there is one, then park here.
                    if waiting {
                        signal()
                        _ = await group.next()
                        waiting = false
                    }
                    let deadline = await nextWake()
                    if let flushDeadline {
                        let pending = (try? await store.nextDue(among: configuredNames, excluding: Set(disabled.keys))) ?? nil
                        if pending == nil || deadline > flushDeadline { break }
                    }
                    parkedUntil = deadline
                    if deadline > clock.now() && !wakePending { setIdle(true) }
                    await waitUntil(deadline)
                    setIdle(false)
                    continue
                }
                if !outcomes.isEmpty { continue }  // record them (and refill) right away

                // Sends in flight: wait for one to finish, or for a pacing slot or retry to open.
                if !waiting {
                    waiting = true
                    let deadline = await nextWake()
                    group.addTask { [self] in
                        await self.waitUntil(deadline)
                        return .tick
                    }
                }
                guard let event = await group.next() else { break }
                switch event {
                case .finished:
                    // The outcome may move the next due instant earlier (a retry, a pacing slot):
                    // end the current wait so it is recomputed.
                    if waiting {
                        signal()
                        while let next = await group.next() {
                            if case .tick = next { break }
                        }
                        waiting = false
                    }
                case .tick:
                    waiting = false
                }
            }
            group.cancelAll()
            // Sends still running were cancelled; what finished is recorded.
            while await group.next() != nil {}
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
        let wake = candidates.filter { $0 > now }.min() ?? now.addingTimeInterval(600)
        return min(wake, now.addingTimeInterval(600))
    }

    private func waitUntil(_ deadline: Date) async {
        if wakePending {
            wakePending = false
            return
        }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { [clock] in try? await clock.sleep(until: deadline) }
            group.addTask { [self] in await self.waitForSignal() }
            _ = await group.next()
            group.cancelAll()
            self.signalIfWaiting()
        }
    }

    private func waitForSignal() async {
        if wakePending {
            wakePending = false
            return
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                if wakePending {
                    wakePending = false
                    continuation.resume()
                } else if Task.isCancelled {
                    // Cancelled before it could wait (the clock won): the handler may already have
                    // run and found nothing to resume, so do not wait at all.
                    continuation.resume()
                } else {
                    wakeSignal?.resume()  // never leave an older waiter behind
                    wakeSignal = continuation
                }
            }
        } onCancel: {
            Task { await self.signalIfWaiting() }
        }
    }

    /// Releases a signal waiter left behind when the clock won the race.
    private func signalIfWaiting() {
        if let wakeSignal {
            self.wakeSignal = nil
            wakeSignal.resume()
        }
    }

    // MARK: One message

    private func deliver(_ message: OutboxMessage) async {
        let now = clock.now()
        let name = message.destination
        var meta: Logger.Metadata = ["destination": "\(name)", "message": "\(message.id)", "kind": "\(message.kind)", "attempt": "\(message.attempts)"]
        guard let destination = destinations[name] else {
            await record(.dead(at: now, status: nil, error: "destination \"\(name)\" is no longer configured"), message, meta)
            return
        }
        if now.timeIntervalSince(message.createdAt) > settings.maxAge {
            await record(.dead(at: now, status: nil, error: "expired: not delivered within \(DurationText.format(settings.maxAge)) of being queued"), message, meta)
            return
        }
        guard let chat = ChatMessage(jsonBytes: message.payload) else {
            await record(.dead(at: now, status: nil, error: "the queued payload cannot be read"), message, meta)
            return
        }
        let rendered = Renderers.renderer(for: destination.platform).render(chat, directory: directory)
        if destination.platform == .console {
            console.write(destination: name, text: rendered.text)
            await record(.sent(at: now, status: 200, response: "printed"), message, meta)
            return
        }
        guard let request = destination.request(for: rendered, key: message.idempotencyKey, now: now) else {
            await record(.dead(at: now, status: nil, error: "destination \"\(name)\" lacks its URL or credentials"), message, meta)
            return
        }
        let result = await sender.send(request, timeout: settings.timeout)
        let after = clock.now()
        switch result {
        case .failed(let error):
            meta["error"] = "\(error)"
            if case .invalidRequest = error {
                await record(.dead(at: after, status: nil, error: "\(error)"), message, meta)
            } else {
                await record(.retry(notBefore: backoff(message, now: after), status: nil, error: "\(error)"), message, meta)
            }
        case .response(let status, let headers, let body):
            meta["http.status"] = "\(status)"
            switch destination.platform.classify(status: status, headers: headers, body: body, now: after) {
            case .delivered(let detail):
                await record(.sent(at: after, status: status, response: detail), message, meta)
            case .retry(let notBefore, let reason):
                if let notBefore {
                    paused[name] = max(paused[name] ?? notBefore, notBefore)
                    try? await store.setDestinationState(DestinationState(name: name, pausedUntil: notBefore))
                }
                let when = max(backoff(message, now: after), notBefore ?? after)
                await record(.retry(notBefore: when, status: status, error: reason), message, meta)
            case .permanent(let reason):
                await record(.dead(at: after, status: status, error: reason), message, meta)
            case .gone(let reason):
                disabled[name] = reason
                try? await store.setDestinationState(DestinationState(name: name, disabledAt: after, disabledReason: reason))
                logger.error("destination is gone; disabled until the configuration is reloaded or okrd restarts", metadata: meta.merging(["reason": "\(reason)"]) { $1 })
                await record(.retry(notBefore: after, status: status, error: "destination disabled: \(reason)"), message, meta)
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

    private func record(_ outcome: DeliveryOutcome, _ message: OutboxMessage, _ meta: Logger.Metadata) async {
        outcomes.append((message.id, outcome))
        let label: String
        switch outcome {
        case .sent:
            statistics.sent += 1
            label = "sent"
            logger.debug("delivered", metadata: meta)
        case .retry(let notBefore, _, let error):
            statistics.retried += 1
            label = "retry"
            logger.warning("delivery failed; will retry", metadata: meta.merging(["retry_at": "\(notBefore)", "reason": "\(error)"]) { $1 })
        case .dead(_, _, let error):
            statistics.dead += 1
            label = "dead"
            logger.error("message moved to dead letters", metadata: meta.merging(["reason": "\(error)"]) { $1 })
        }
        statistics.byDestination[message.destination, default: [:]][label, default: 0] += 1
        observer?(message.destination, label)
    }
}
