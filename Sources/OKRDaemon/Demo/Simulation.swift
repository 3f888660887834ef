public import Foundation
public import Logging
import OKRModel
public import OKRStore
import Synchronization
public import OKRWorkflows

/// Runs okrd's real scheduler, reply processing, escalation and dispatcher on a virtual clock, with
/// scripted replies: `okrd demo` plays a quarter in seconds with it, and the tests assert whole
/// quarters with it. Time jumps from one due instant to the next (a schedule occurrence, a reply, a
/// pacing slot); nothing polls. Restarts can be injected: the scheduler and the dispatcher are
/// rebuilt from the store, as after a real restart.
public final class Simulation {
    /// Something that happened, in order.
    public enum Event: Sendable {
        /// A message reached a console destination.
        case delivered(at: Date, destination: String, text: String)
        /// A scripted reply was processed; `confirmation` is what okrd answered.
        case reply(ScriptedReply, confirmation: [String])
        case restarted(at: Date)
        /// The scheduler handled an occurrence (fired, skipped, or found it already done).
        case occurrence(FiredOccurrence)
    }

    public let clock: VirtualClock
    public let store: any Store
    public let config: OKRConfig
    private let logger: Logger
    private var replies: [ScriptedReply]
    private let onEvent: @Sendable (Event) -> Void
    private var parts: Parts?

    private struct Parts {
        var stack: DeliveryStack
        var scheduler: Scheduler
        var delivering: Task<Void, Never>
    }

    public init(config: OKRConfig, store: any Store, start: Date, replies: [ScriptedReply], logger: Logger = Logger(label: "okrd.demo"), onEvent: @escaping @Sendable (Event) -> Void) {
        self.config = config
        self.store = store
        clock = VirtualClock(start: start)
        self.replies = replies.filter { $0.at >= start }.sorted { $0.at < $1.at }
        self.logger = logger
        self.onEvent = onEvent
    }

    /// Plays time forward to `end`. `restarts` are instants at which okrd is stopped and started
    /// again; `pace` is awaited before each jump with its length (the demo sleeps in real time).
    public func run(until end: Date, restarts: [Date] = [], pace: (@Sendable (TimeInterval) async -> Void)? = nil) async throws {
        var restartQueue = restarts.sorted()
        try await startParts()
        while let parts {
            let slot = await parts.stack.dispatcher.waitUntilIdle()
            let now = clock.now()
            var candidates: [Date] = []
            if let due = await parts.scheduler.nextDue() { candidates.append(due) }
            if let reply = replies.first { candidates.append(reply.at) }
            if let slot { candidates.append(slot) }
            if let restart = restartQueue.first { candidates.append(restart) }
            guard let next = candidates.min(), next <= end else { break }
            if next > now {
                await pace?(next.timeIntervalSince(now))
                clock.advance(to: next)
            }
            let current = clock.now()
            if let restart = restartQueue.first, restart <= current {
                restartQueue.removeFirst()
                await stopParts()
                onEvent(.restarted(at: current))
                try await startParts()
                continue
            }
            while let reply = replies.first, reply.at <= current {
                replies.removeFirst()
                try await process(reply)
            }
            for fired in await parts.scheduler.tick() { onEvent(.occurrence(fired)) }
        }
        if let parts { await parts.stack.dispatcher.waitUntilIdle() }
        await stopParts()
    }

    private func process(_ reply: ScriptedReply) async throws {
        let processor = ReplyIntake(organization: config.organization, store: store)
        let outcome = try await processor.process(ReplyInput(author: reply.author, text: reply.text, at: clock.now(), platform: "demo"))
        onEvent(.reply(reply, confirmation: outcome.confirmation(organization: config.organization)))
    }

    private func startParts() async throws {
        let clock = self.clock
        let onEvent = self.onEvent
        let sink = SimulationConsole { destination, text in
            onEvent(.delivered(at: clock.now(), destination: destination, text: text))
        }
        let stack = DeliveryStack(config: config, store: store, clock: clock, console: sink, logger: logger)
        let dispatcher = stack.dispatcher
        let scheduler = Scheduler(config: config, store: store, clock: clock, writer: stack.writer, logger: logger) { dispatcher.wake() }
        try await dispatcher.prepare(releaseAllLeases: true)
        await scheduler.start()
        let delivering = Task { await dispatcher.run() }
        parts = Parts(stack: stack, scheduler: scheduler, delivering: delivering)
    }

    private func stopParts() async {
        guard let parts else { return }
        parts.delivering.cancel()
        await parts.delivering.value
        await parts.stack.shutdown()
        self.parts = nil
    }
}

/// Hands console output to the simulation's events.
private struct SimulationConsole: ConsoleSink {
    let write: @Sendable (String, String) -> Void

    func write(destination: String, text: String) {
        write(destination, text)
    }
}
