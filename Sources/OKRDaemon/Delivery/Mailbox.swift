import Foundation
import Synchronization

/// Hands items and wake-ups from any thread to one waiting task: `post(_:)` and `ring()` from
/// anywhere (the HTTP client's thread when a send finishes, a producer that queued a message);
/// `wait()` returns at once if it rang since the last wait, otherwise at the next ring. Rings
/// coalesce, so a burst of a thousand results wakes the waiter once and `drain()` takes them all.
/// Waiting stays on the caller's executor (the `isolation` parameters): the dispatcher parks and
/// resumes on libcurl's loop thread instead of hopping to the global pool and back.
final class Mailbox<Item: Sendable>: Sendable {
    private struct State {
        var items: [Item] = []
        var ringing = false
        var generation: UInt64 = 0
        var nudges: UInt64 = 0
        var waiter: CheckedContinuation<Void, Never>?
    }

    private let state = Mutex(State())

    /// Leaves an item and rings.
    func post(_ item: Item) {
        signal { $0.items.append(item) }
    }

    /// Takes every item posted so far.
    func drain() -> [Item] {
        state.withLock { state in
            defer { state.items.removeAll(keepingCapacity: true) }
            return state.items
        }
    }

    /// Wakes the waiter and counts a nudge: a producer says there may be new work.
    func ring() {
        signal { $0.nudges &+= 1 }
    }

    /// Wakes the waiter without a nudge (news about work already known, e.g. a finished sync).
    func notify() {
        signal { _ in }
    }

    /// Counts `ring()`s: a different value than before means someone asked for a fresh look.
    var nudges: UInt64 { state.withLock { $0.nudges } }

    /// Applies `change`, counts it, and wakes the waiter (or leaves the ring for the next wait).
    private func signal(_ change: (inout State) -> Void) {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            change(&state)
            state.generation &+= 1
            if let waiter = state.waiter {
                state.waiter = nil
                return waiter
            }
            state.ringing = true
            return nil
        }
        waiter?.resume()
    }

    /// Counts every ring and post: a different value than before means something happened since,
    /// even if a waiter already took the ring.
    var generation: UInt64 { state.withLock { $0.generation } }

    /// Consumes a pending ring without waiting; true if there was one.
    func take() -> Bool {
        state.withLock { state in
            defer { state.ringing = false }
            return state.ringing
        }
    }

    /// Waits for a ring, or returns when the task is cancelled. One waiter at a time. Cancelling a
    /// wait is not a ring: it neither counts in `generation` nor wakes the next wait.
    func wait(isolation: isolated (any Actor)? = #isolation) async {
        if take() { return }
        await withTaskCancellationHandler {
            // Capturing `isolation` keeps the operation on the caller's executor (no hop).
            await park(cancellable: true, isolation: isolation)
        } onCancel: {
            let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
                defer { state.waiter = nil }
                return state.waiter
            }
            waiter?.resume()
        }
    }

    /// Waits for a ring or for `deadline` on `clock`, whichever comes first (returns at once when
    /// it rang since the last wait). The loops of the scheduler and the dispatcher sleep here.
    nonisolated(nonsending) func wait(until deadline: Date, on clock: any OKRClock) async {
        if take() { return }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { try? await clock.sleep(until: deadline) }
            group.addTask { [self] in await wait() }
            _ = await group.next()
            group.cancelAll()
        }
    }

    /// Waits for a ring even if the task is cancelled (for draining at shutdown).
    func waitIgnoringCancellation(isolation: isolated (any Actor)? = #isolation) async {
        await park(cancellable: false, isolation: isolation)
    }

    private func park(cancellable: Bool, isolation: isolated (any Actor)?) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let now = state.withLock { state -> Bool in
                if state.ringing {
                    state.ringing = false
                    return true
                }
                // Cancelled before parking: the handler already ran and found no waiter.
                if cancellable && Task.isCancelled { return true }
                let previous = state.waiter
                state.waiter = continuation
                previous?.resume()  // never strand an earlier waiter
                return false
            }
            if now { continuation.resume() }
        }
    }
}
