import ChatPlatforms
import Foundation
public import Logging
import OKRModel
public import OKRStore

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
    public let stack: DeliveryStack
    public let scheduler: Scheduler
    private let clock: any OKRClock
    private let logger: Logger
    private let loader: @Sendable (String) throws -> OKRConfig
    private var stopping = false
    private var scheduling: Task<Void, Never>?

    public init(config: OKRConfig, store: any Store, clock: any OKRClock = SystemClock(), logger: Logger = Logger(label: "okrd"),
                console: any ConsoleSink = StandardOutputSink(), loader: @escaping @Sendable (String) throws -> OKRConfig = { try ConfigLoader().load(path: $0) }) {
        self.config = config
        self.store = store
        self.clock = clock
        self.logger = logger
        self.loader = loader
        let stack = DeliveryStack(config: config, store: store, clock: clock, console: console, logger: logger)
        self.stack = stack
        scheduler = Scheduler(config: config, store: store, clock: clock, writer: stack.writer, logger: logger) { [dispatcher = stack.dispatcher] in
            dispatcher.wake()
        }
    }

    /// Runs until `stop()`; then drains deliveries and returns.
    public func run() async throws {
        try await stack.dispatcher.prepare(releaseAllLeases: !config.isReplicated)
        await scheduler.start()
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
        let next = await scheduler.nextDue().map { "\($0)" } ?? "none"
        logger.info("okrd is running", metadata: [
            "teams": "\(config.organization.teams.count)", "destinations": "\(config.destinations.count)", "next_occurrence": "\(next)",
        ])
        await stack.dispatcher.run()
        await scheduling?.value
        await stack.shutdown()
        logger.info("okrd stopped")
    }

    /// Stops scheduling and lets the dispatcher finish what is in flight (SIGTERM).
    public func stop() async {
        guard !stopping else { return }
        stopping = true
        logger.info("stopping: finishing the deliveries in flight")
        scheduling?.cancel()
        await stack.dispatcher.drain()
    }

    /// Re-reads the configuration file (SIGHUP). Returns whether the new configuration was taken.
    @discardableResult
    public func reload() async -> Bool {
        let fresh: OKRConfig
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
        config = fresh
        let writer = OutboxWriter(destinations: fresh.destinations, directory: Directory(people: fresh.organization.people))
        await stack.dispatcher.update(destinations: fresh.destinations, directory: writer.directory, settings: fresh.delivery)
        await scheduler.update(config: fresh, writer: writer)
        logger.info("configuration reloaded", metadata: ["teams": "\(fresh.organization.teams.count)", "destinations": "\(fresh.destinations.count)"])
        return true
    }
}
