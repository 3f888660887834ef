public import Foundation
import Dispatch
import Synchronization

/// Where okrd gets the time from. Everything that waits or timestamps goes through one, so tests
/// and `okrd demo` can run a quarter on a virtual clock.
public protocol OKRClock: Sendable {
    func now() -> Date
    /// Suspends until `deadline`; throws `CancellationError` when the task is cancelled.
    func sleep(until deadline: Date) async throws
}

/// The wall clock.
///
/// Sleeps are dispatch timers on the wall clock (`asyncAfter(wallDeadline:)`), so a sleep until
/// Monday 09:30 ends at 09:30 even if the system clock was corrected meanwhile, and the sleeping
/// daemon does no work at all until then. (libdispatch on Linux keeps one 1 Hz housekeeping timer
/// of its own for its thread pool; it costs no measurable CPU.)
public struct SystemClock: OKRClock {
    public init() {}

    public func now() -> Date { Date() }

    public func sleep(until deadline: Date) async throws {
        let seconds = deadline.timeIntervalSinceNow
        guard seconds > 0 else { return try Task.checkCancellation() }
        let sleeper = WallSleeper()
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                sleeper.start(continuation, after: seconds)
            }
        } onCancel: {
            sleeper.finish(throwing: CancellationError())
        }
    }
}

/// One wall-clock sleep: a dispatch work item that resumes the sleeper, cancelled with the task.
private final class WallSleeper: @unchecked Sendable {
    // Guarded by `lock`.
    private var continuation: CheckedContinuation<Void, any Error>?
    private var item: DispatchWorkItem?
    private var finished: (any Error)??
    private let lock = NSLock()

    func start(_ continuation: CheckedContinuation<Void, any Error>, after seconds: TimeInterval) {
        lock.lock()
        if let finished {
            // Cancelled before the continuation existed.
            lock.unlock()
            if let error = finished { continuation.resume(throwing: error) } else { continuation.resume() }
            return
        }
        self.continuation = continuation
        let item = DispatchWorkItem { [weak self] in self?.finish(throwing: nil) }
        self.item = item
        lock.unlock()
        DispatchQueue.global().asyncAfter(wallDeadline: .now() + seconds, execute: item)
    }

    func finish(throwing error: (any Error)?) {
        lock.lock()
        guard finished == nil else { return lock.unlock() }
        finished = .some(error)
        let continuation = self.continuation
        let item = self.item
        self.continuation = nil
        self.item = nil
        lock.unlock()
        if error != nil { item?.cancel() }
        if let continuation {
            if let error { continuation.resume(throwing: error) } else { continuation.resume() }
        }
    }
}

/// A clock that moves only when told to. Sleepers wake, in deadline order, as `advance` passes
/// their deadlines. Safe to share between tasks.
public final class VirtualClock: OKRClock {
    private struct Sleeper {
        let id: UInt64
        let deadline: Date
        let continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var now: Date
        var sleepers: [Sleeper] = []
        var nextID: UInt64 = 0
    }

    private let state: Mutex<State>

    public init(start: Date) {
        state = Mutex(State(now: start))
    }

    public func now() -> Date { state.withLock { $0.now } }

    /// The earliest deadline anyone is sleeping until.
    public var nextDeadline: Date? { state.withLock { $0.sleepers.map(\.deadline).min() } }

    /// How many tasks are sleeping on this clock.
    public var sleeperCount: Int { state.withLock { $0.sleepers.count } }

    public func sleep(until deadline: Date) async throws {
        let id = state.withLock { s -> UInt64 in
            s.nextID += 1
            return s.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                // Checked under the lock the cancellation handler takes: cancelled before that,
                // the handler found no sleeper and this one must not wait; cancelled after, the
                // handler finds it.
                let resumeNow = state.withLock { s -> Result<Void, CancellationError>? in
                    if Task.isCancelled { return .failure(CancellationError()) }
                    if deadline <= s.now { return .success(()) }
                    s.sleepers.append(Sleeper(id: id, deadline: deadline, continuation: continuation))
                    return nil
                }
                if let resumeNow { continuation.resume(with: resumeNow) }
            }
        } onCancel: {
            let sleeper = state.withLock { s -> Sleeper? in
                guard let index = s.sleepers.firstIndex(where: { $0.id == id }) else { return nil }
                return s.sleepers.remove(at: index)
            }
            sleeper?.continuation.resume(throwing: CancellationError())
        }
    }

    /// Moves time forward to `instant` (never backwards) and wakes every sleeper due by then.
    public func advance(to instant: Date) {
        let due = state.withLock { s -> [Sleeper] in
            if instant > s.now { s.now = instant }
            let ready = s.sleepers.filter { $0.deadline <= s.now }.sorted { $0.deadline < $1.deadline }
            s.sleepers.removeAll { $0.deadline <= s.now }
            return ready
        }
        for sleeper in due { sleeper.continuation.resume() }
    }

    public func advance(by interval: TimeInterval) {
        advance(to: now().addingTimeInterval(interval))
    }
}
