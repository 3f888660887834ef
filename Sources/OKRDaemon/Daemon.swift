import ChatPlatforms
import Foundation
public import Logging
import OKRModel
public import OKRStore
public import OKRWorkflows

/// `okrd run`: the scheduler and the dispatcher over one store, with reload and a draining stop.
///
/// Lifecycle: `run()` starts both loops and returns after `stop()`: the scheduler stops first (no
/// new messages), then the dispatcher finishes the sends in flight and records them; queued
/// messages stay queued for the next start. `reload()` re-reads the configuration file: a bad file
/// is rejected and logged and the running configuration stays; a good one replaces destinations,
/// teams and schedules without dropping queued messages. Storage cannot change without a restart.
public actor Daemon {
    public private(set) var config: OKRConfig
    public let store: any Store
    public nonisolated let stack: DeliveryStack
    public let scheduler: Scheduler
    public let metrics: OKRMetrics
    private let holder: ConfigHolder
    private let clock: any OKRClock
    private let logger: Logger
    private let loader: @Sendable (String) throws -> OKRConfig
    private let notifier: SystemdNotifier
    private let serve: Bool
    /// Where the reply server listens came from `--listen`, not from the file.
    private let listenFromCommandLine: Bool
    private var stopping = false
    private var scheduling: Task<Void, Never>?
    private var serving: Task<Void, Never>?
    private var watchdog: Task<Void, Never>?
    private var server: ReplyServer?
    private var matrix: MatrixPoller?
    private var polling: Task<Void, Never>?
    /// Replicas (PostgreSQL): only the leader runs the scheduler and the Matrix poller.
    private let coordination: (any ReplicaCoordination)?
    private var leading = false
    private var following: Task<Void, Never>?
    private var listening: Task<Void, Never>?
    /// Where replies come in from, for the reply counters.
    static let inboundPlatforms = ["slack", "mattermost", "teams", "discord", "webhook", "matrix", "page"]
    /// The reply server's port once it listens.
    public private(set) var serverPort: Int?

    public init(config: OKRConfig, store: any Store, clock: any OKRClock = SystemClock(), logger: Logger = Logger(label: "okrd"),
                console: any ConsoleSink = StandardOutputSink(), serve: Bool = true, listenFromCommandLine: Bool = false, notifier: SystemdNotifier = SystemdNotifier(),
                loader: @escaping @Sendable (String) throws -> OKRConfig = { try ConfigLoader().load(path: $0) }) {
        self.config = config
        self.store = store
        self.clock = clock
        self.logger = logger
        self.loader = loader
        self.notifier = notifier
        self.serve = serve && config.server.enabled
        self.listenFromCommandLine = listenFromCommandLine
        coordination = store.coordination
        let metrics = OKRMetrics()
        metrics.prepare(teams: config.organization.teams.map(\.id), destinations: config.destinations.map(\.name), platforms: Self.inboundPlatforms)
        self.metrics = metrics
        holder = ConfigHolder(config)
        let stack = DeliveryStack(config: config, store: store, clock: clock, console: console, logger: logger) { destination, outcome, took in
            metrics.delivery(destination: destination, outcome: outcome, duration: took)
        }
        self.stack = stack
        scheduler = Scheduler(config: config, store: store, clock: clock, writer: stack.writer, logger: logger, metrics: metrics) { [dispatcher = stack.dispatcher] in
            dispatcher.wake()
        }
    }

    /// Runs until `stop()`; then drains deliveries and returns. Throws when the reply server
    /// cannot listen (the address is taken, say) before anything else started.
    public func run() async throws {
        let links = try await CheckinLinks.load(config: config, store: store)
        if serve { try await startServer(links: links) }
        try await stack.dispatcher.prepare(releaseAllLeases: !config.isReplicated)
        await scheduler.update(config: config, writer: stack.writer, links: links)
        if let coordination {
            // Every replica delivers and is woken when any of them queues; one leads the clock.
            let dispatcher = stack.dispatcher
            listening = Task { await coordination.listen { dispatcher.wake() } }
            following = Task { await self.follow(coordination) }
        } else {
            startScheduling()
            startMatrix()
            metrics.leader(true)
        }
        let next = await scheduler.nextDue().map { "\($0)" } ?? "none"
        logger.info("okrd is running", metadata: [
            "teams": "\(config.organization.teams.count)", "destinations": "\(config.destinations.count)", "next_occurrence": "\(next)",
            "listen": "\(serverPort.map { "\(config.server.listenHost):\($0)" } ?? "off")",
            "replica": "\(coordination == nil ? "single" : "one of several")",
        ])
        notifier.ready(status: "running: \(config.organization.teams.count) teams, next occurrence \(next)")
        startWatchdog()
        await stack.dispatcher.run()
        following?.cancel()
        await following?.value
        listening?.cancel()
        await listening?.value
        await stopTimeServices()
        await coordination?.resign()
        serving?.cancel()
        await serving?.value
        await server?.shutdown()
        watchdog?.cancel()
        await stack.shutdown()
        logger.info("okrd stopped")
    }

    /// Starts the reply server and waits until it listens (or failed to).
    private func startServer(links: CheckinLinks) async throws {
        let scheduler = self.scheduler
        let server = ReplyServer(config: holder, store: store, clock: clock, metrics: metrics, links: links, logger: logger, client: stack.client,
                                 onQueued: { [dispatcher = stack.dispatcher] in dispatcher.wake() }) { [weak self] in
            let alive = await self?.schedulerAlive() ?? false
            return HealthStatus(schedulerAlive: alive, nextOccurrence: await scheduler.nextDue(), leader: await self?.leads() ?? nil)
        }
        self.server = server
        let host = config.server.listenHost
        let port = config.server.listenPort
        let started = AsyncStream<Result<Int, any Error>>.makeStream()
        serving = Task { [logger] in
            do {
                try await server.run(host: host, port: port) { bound in started.continuation.yield(.success(bound)) }
            } catch {
                logger.error("the reply server stopped", metadata: ["error": "\(error)"])
                started.continuation.yield(.failure(error))
            }
            started.continuation.finish()
        }
        var iterator = started.stream.makeAsyncIterator()
        switch await iterator.next() {
        case .success(let bound)?:
            serverPort = bound
        case .failure(let error)?:
            await server.shutdown()
            throw ReplyError(message: "cannot listen on \(host):\(port) (server.listen): \(error)")
        case nil:
            throw ReplyError(message: "cannot listen on \(host):\(port) (server.listen)")
        }
    }

    /// Fires schedules as they come due, until cancelled.
    private func startScheduling() {
        let scheduler = self.scheduler
        let dispatcher = stack.dispatcher
        let logger = self.logger
        scheduling = Task {
            await scheduler.run(idle: { until in
                // Nothing due for a while: once the dispatcher has nothing in flight either, give
                // the startup pages back (an idle daemon keeps a few MB resident, not 40).
                _ = await dispatcher.waitUntilIdle()
                let advised = IdleMemory.release()
                logger.debug("idle until the next occurrence; released memory", metadata: ["until": "\(until)", "mappings": "\(advised)"])
            })
        }
    }

    /// Stops the scheduler and the Matrix poller and waits until they have.
    private func stopTimeServices() async {
        scheduling?.cancel()
        polling?.cancel()
        await scheduling?.value
        await polling?.value
        scheduling = nil
        polling = nil
        matrix = nil
    }

    /// Checks leadership every few seconds: the leader starts the scheduler and the Matrix poller;
    /// a replica that loses it (its connection went) stops them before anything else. Firings are
    /// claimed by their unique key with their messages, so two leaders for a moment fire nothing twice.
    private func follow(_ coordination: any ReplicaCoordination) async {
        while !Task.isCancelled && !stopping {
            let leads = await coordination.lead()
            if leads && !leading && !stopping {
                leading = true
                metrics.leader(true)
                logger.info("this replica leads: it runs the schedules and escalation checks")
                // Only the leader retires messages for destinations its configuration no longer has
                // (a replica on another version of the file must not).
                let known = Set(config.destinations.map(\.name))
                if let orphans = try? await store.deadLetterUnknownDestinations(known: known, now: clock.now()), orphans > 0 {
                    logger.warning("dead-lettered messages for destinations no longer configured", metadata: ["count": "\(orphans)"])
                }
                startScheduling()
                startMatrix()
            } else if !leads && leading {
                leading = false
                metrics.leader(false)
                await stopTimeServices()
                logger.warning("this replica no longer leads: its schedules stopped; another replica takes over")
            }
            if leads {
                // Messages leased by a replica that died are sent now, not when its leases expire.
                let released = await coordination.releaseLeasesOfTheGone()
                if released > 0 {
                    logger.notice("released the leases of a replica that is gone", metadata: ["count": "\(released)"])
                    stack.dispatcher.wake()
                }
            }
            try? await Task.sleep(for: .seconds(leads ? 2 : 3))
        }
    }

    /// Reads Matrix replies by long-polling /sync, when `inbound.matrix` is configured.
    private func startMatrix() {
        guard let settings = config.inbound.matrix else { return }
        let poller = MatrixPoller(config: config, settings: settings, store: store, client: stack.client, clock: clock, logger: logger, metrics: metrics) {
            [dispatcher = stack.dispatcher] in dispatcher.wake()
        }
        matrix = poller
        polling = Task { await poller.run() }
    }

    private func schedulerAlive() -> Bool {
        // A replica that does not lead is healthy while it keeps asking for leadership.
        if coordination != nil && !leading { return !stopping && following.map { !$0.isCancelled } ?? false }
        return !stopping && scheduling.map { !$0.isCancelled } ?? false
    }

    /// Whether this replica leads (nil when it is the only one).
    private func leads() -> Bool? {
        coordination == nil ? nil : leading
    }

    /// `WATCHDOG=1` every half `WatchdogSec=`, as long as the scheduler's actor answers.
    private func startWatchdog() {
        guard let interval = notifier.watchdogInterval else { return }
        let notifier = self.notifier
        let scheduler = self.scheduler
        watchdog = Task {
            while !Task.isCancelled {
                _ = await scheduler.nextDue()
                notifier.watchdog()
                try? await Task.sleep(for: interval)
            }
        }
    }

    /// Stops scheduling and lets the dispatcher finish what is in flight (SIGTERM).
    public func stop() async {
        guard !stopping else { return }
        stopping = true
        notifier.stopping()
        logger.info("stopping: finishing the replies and deliveries in flight")
        following?.cancel()
        // Another replica leads at once, not after this one has drained its sends.
        await stopTimeServices()
        if leading {
            leading = false
            metrics.leader(false)
            await coordination?.resign()
        }
        // Replies being recorded finish (their confirmations are queued for the next start).
        await server?.stopAccepting()
        await serving?.value
        await stack.dispatcher.drain()
    }

    /// Re-reads the configuration file (SIGHUP). Returns whether the new configuration was taken.
    @discardableResult
    public func reload() async -> Bool {
        notifier.reloading()
        defer { notifier.ready() }
        var fresh: OKRConfig
        do {
            fresh = try loader(config.path)
        } catch {
            logger.error("configuration reload rejected; keeping the running configuration", metadata: ["path": "\(config.path)", "error": "\(error)"])
            return false
        }
        if fresh.storage != config.storage {
            logger.warning("storage settings changed; they take effect at the next restart")
        }
        for warning in fresh.warnings { logger.warning("\(warning)") }
        if listenFromCommandLine {
            // `--listen` wins over the file, at every reload as at the start.
            fresh.server.enabled = config.server.enabled
            fresh.server.listenHost = config.server.listenHost
            fresh.server.listenPort = config.server.listenPort
        } else if fresh.server.listenHost != config.server.listenHost || fresh.server.listenPort != config.server.listenPort || fresh.server.enabled != config.server.enabled {
            logger.warning("server.listen changed; it takes effect at the next restart")
        }
        config = fresh
        holder.replace(fresh)
        // New teams and destinations have their counters from 0, as at the start.
        metrics.prepare(teams: fresh.organization.teams.map(\.id), destinations: fresh.destinations.map(\.name), platforms: Self.inboundPlatforms)
        let writer = OutboxWriter(destinations: fresh.destinations, directory: Directory(people: fresh.organization.people))
        await stack.dispatcher.update(destinations: fresh.destinations, directory: writer.directory, settings: fresh.delivery)
        await scheduler.update(config: fresh, writer: writer)
        await matrix?.update(config: fresh)
        logger.info("configuration reloaded", metadata: ["teams": "\(fresh.organization.teams.count)", "destinations": "\(fresh.destinations.count)"])
        return true
    }
}
