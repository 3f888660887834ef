import ChatPlatforms
import Foundation
public import Logging
import ServiceLifecycle
import UnixSignals
import OKRModel
public import OKRStore
public import OKRWorkflows

/// `okrd run`: the dispatcher, the reply server, the scheduler (with the escalation checks and the
/// Matrix poller) and, with replicas, the leadership and wake-up listeners, as services in one
/// `ServiceGroup`.
///
/// Lifecycle: `run()` starts the group and returns after a graceful shutdown (SIGTERM, SIGINT or
/// `stop()`), which stops the services in the reverse of their order: the scheduler first (no new
/// messages; a leading replica resigns at once), then the reply server (no new requests; the replies
/// in flight are recorded with their confirmations), then the dispatcher (the sends in flight
/// finish and are recorded; queued messages stay queued for the next start). A second SIGINT exits
/// at once. SIGHUP re-reads the configuration file through `reload()`: a bad file is rejected and
/// logged and the running configuration stays; a good one replaces destinations, teams and
/// schedules without dropping queued messages. Storage cannot change without a restart.
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
    /// Whether the group traps the process's signals (`okrd run`), or only `stop()` ends it.
    private let handlesSignals: Bool
    private var stopping = false
    private var group: ServiceGroup?
    private var scheduling: Task<Void, Never>?
    private var matrix: MatrixPoller?
    private var polling: Task<Void, Never>?
    /// Replicas (PostgreSQL): only the leader runs the scheduler and the Matrix poller.
    private let coordination: (any ReplicaCoordination)?
    private var leading = false
    private var following: Task<Void, Never>?
    /// Where replies come in from, for the reply counters.
    static let inboundPlatforms = ["slack", "mattermost", "teams", "discord", "webhook", "matrix", "page"]
    /// The reply server's port once it listens.
    public private(set) var serverPort: Int?

    public init(config: OKRConfig, store: any Store, clock: any OKRClock = SystemClock(), logger: Logger = Logger(label: "okrd"),
                console: any ConsoleSink = StandardOutputSink(), serve: Bool = true, listenFromCommandLine: Bool = false, handlesSignals: Bool = false,
                notifier: SystemdNotifier = SystemdNotifier(), loader: @escaping @Sendable (String) throws -> OKRConfig = { try ConfigLoader().load(path: $0) }) {
        self.config = config
        self.store = store
        self.clock = clock
        self.logger = logger
        self.loader = loader
        self.notifier = notifier
        self.serve = serve && config.server.enabled
        self.listenFromCommandLine = listenFromCommandLine
        self.handlesSignals = handlesSignals
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

    /// Runs until a graceful shutdown, which drains replies and deliveries in flight. Throws a
    /// `ReplyError` when the reply server cannot listen (the address is taken, say): the scheduler
    /// has not started then.
    public func run() async throws {
        // The signals are trapped before anything starts, by one sequence (the group traps none):
        // a stop, reload or wake-up in the first milliseconds is not lost or fatal.
        let signals = handlesSignals ? await UnixSignalsSequence(trapping: .sighup, .sigusr1, .sigterm, .sigint) : nil
        let links = try await CheckinLinks.load(config: config, store: store)
        try await stack.dispatcher.prepare(releaseAllLeases: !config.isReplicated)
        await scheduler.update(config: config, writer: stack.writer, links: links)
        let dispatcher = stack.dispatcher
        let listening = AsyncStream<Int>.makeStream()
        var services: [DaemonService] = []
        if let signals {
            // First in, last out: a second Ctrl-C still ends a long drain.
            services.append(DaemonService("signals", { [weak self] in await self?.answer(signals) }))
        }
        if let interval = notifier.watchdogInterval {
            services.append(DaemonService("watchdog", cancelledOnShutdown: { [notifier, scheduler] in
                while !Task.isCancelled {
                    _ = await scheduler.nextDue()
                    notifier.watchdog()
                    try? await Task.sleep(for: interval)
                }
            }))
        }
        services.append(DaemonService("dispatcher", { await dispatcher.run() }, onShutdown: { await dispatcher.drain() }))
        if let coordination {
            // Every replica delivers and is woken when any of them queues.
            services.append(DaemonService("replica-wakeups", cancelledOnShutdown: { await coordination.listen { dispatcher.wake() } }))
        }
        var server: ReplyServer?
        if serve {
            let replies = makeServer(links: links)
            server = replies
            let host = config.server.listenHost
            let port = config.server.listenPort
            // The server watches the group's graceful shutdown itself: it closes the listener and
            // lets the requests in flight finish. Failing to listen, or stopping on its own (an
            // accept error ends Hummingbird's loop), shuts the whole group down gracefully and makes
            // `okrd run` exit non-zero, so systemd restarts it.
            services.append(DaemonService("reply-server", {
                defer { listening.continuation.finish() }
                try await replies.run(host: host, port: port) { listening.continuation.yield($0) }
                if !Task.isShuttingDownGracefully { throw ReplyError(message: "the reply server stopped accepting connections") }
            }, failure: .gracefullyShutdownGroup))
        } else {
            listening.continuation.finish()
        }
        services.append(DaemonService("scheduler", { [weak self] in await self?.keepTime(listening: listening.stream) },
                                      onShutdown: { [weak self] in await self?.stopKeepingTime() }))
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(services: services.map(\.configuration), logger: logger))
        self.group = group
        if stopping { await group.triggerGracefulShutdown() }
        do {
            try await group.run()
        } catch {
            await server?.shutdown()
            await stack.shutdown()
            if serve && serverPort == nil {
                throw ReplyError(message: "cannot listen on \(config.server.listenHost):\(config.server.listenPort) (server.listen): \(error)")
            }
            logger.error("okrd stopped after a failure", metadata: ["error": "\(error)"])
            throw error
        }
        await server?.shutdown()
        await stack.shutdown()
        logger.info("okrd stopped")
    }

    private func makeServer(links: CheckinLinks) -> ReplyServer {
        let scheduler = self.scheduler
        return ReplyServer(config: holder, store: store, clock: clock, metrics: metrics, links: links, logger: logger, client: stack.client,
                           onQueued: { [dispatcher = stack.dispatcher] in dispatcher.wake() }) { [weak self] in
            let alive = await self?.schedulerAlive() ?? false
            return HealthStatus(schedulerAlive: alive, nextOccurrence: await scheduler.nextDue(), leader: await self?.leads() ?? nil)
        }
    }

    /// The scheduler service: once the reply server listens, says okrd is running, then fires
    /// schedules (or, with replicas, follows the leadership) until the graceful shutdown.
    private func keepTime(listening: AsyncStream<Int>) async {
        var bound = listening.makeAsyncIterator()
        if serve {
            // The server failed to listen: the group shuts down and nothing starts.
            guard let port = await bound.next() else { return }
            serverPort = port
        }
        // Stopped while the server was binding: never "running" after "stopping".
        if stopping { return }
        let next = await scheduler.nextDue().map { "\($0)" } ?? "none"
        logger.info("okrd is running", metadata: [
            "teams": "\(config.organization.teams.count)", "destinations": "\(config.destinations.count)", "next_occurrence": "\(next)",
            "listen": "\(serverPort.map { "\(config.server.listenHost):\($0)" } ?? "off")",
            "replica": "\(coordination == nil ? "single" : "one of several")",
        ])
        notifier.ready(status: "running: \(config.organization.teams.count) teams, next occurrence \(next)")
        if let coordination {
            following = Task { await self.follow(coordination) }
            await following?.value
        } else if !stopping {
            startScheduling()
            startMatrix()
            metrics.leader(true)
            await scheduling?.value
            await polling?.value
        }
    }

    /// The first step of the graceful shutdown: no new firings; a leading replica resigns at once
    /// (another one leads before this one has drained its sends).
    private func stopKeepingTime() async {
        // (A server that could not listen ends the start, not a running daemon: nothing to say.)
        if !stopping, !serve || serverPort != nil {
            notifier.stopping()
            logger.info("stopping: finishing the replies and deliveries in flight")
        }
        stopping = true
        following?.cancel()
        await following?.value
        await stopTimeServices()
        if leading {
            leading = false
            metrics.leader(false)
        }
        await coordination?.resign()
    }

    /// SIGHUP reloads (not once stopping), SIGUSR1 (a command queued a message beside the daemon)
    /// wakes the dispatcher, the first SIGTERM or SIGINT starts the graceful shutdown and a second
    /// one exits at once: the sends in flight are sent again after the next start. Ends last, after
    /// the graceful shutdown of every other service.
    private func answer(_ signals: UnixSignalsSequence) async {
        let stack = self.stack
        await cancelWhenGracefulShutdown { [weak self] in
            var stops = 0
            for await signal in signals {
                switch signal {
                case .sigusr1:
                    stack.dispatcher.wake()
                case .sighup:
                    if await self?.stopping == false { await self?.reload() }
                default:
                    stops += 1
                    if stops > 1 { Foundation.exit(130) }
                    await self?.stop()
                }
            }
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

    /// Checks leadership every few seconds until the shutdown: the leader starts the scheduler and
    /// the Matrix poller; a replica that loses it (its connection went) stops them before anything
    /// else. Firings are claimed by their unique key with their messages, so two leaders for a
    /// moment fire nothing twice.
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

    /// Starts the graceful shutdown (as SIGTERM does); `run()` returns once it is done.
    public func stop() async {
        guard !stopping else { return }
        stopping = true
        notifier.stopping()
        logger.info("stopping: finishing the replies and deliveries in flight")
        await group?.triggerGracefulShutdown()
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
