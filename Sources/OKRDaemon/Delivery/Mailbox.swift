import Synchronization

/// Hands items and wake-ups from any thread to one waiting task: `post(_:)` and `ring()` from
/// anywhere (the HTTP client's thread when a send finishes, a producer that queued a message);
/// `wait()` returns at once if it rang since the last wait, otherwise at the next ring. Rings
/// coalesce, so a burst of a thousand results wakes the waiter once and `drain()` takes them all.
final class Mailbox<Item: Sendable>: Sendable {
    private struct State {
        var items: [Item] = []
        var ringing = false
        var waiter: CheckedContinuation<Void, Never>?
    }

    private let state = Mutex(State())

    /// Leaves an item and rings.
    func post(_ item: Item) {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            state.items.append(item)
            if let waiter = state.waiter {
                state.waiter = nil
                return waiter
            }
            state.ringing = true
            return nil
        }
        waiter?.resume()
    }

    /// Takes every item posted so far.
    func drain() -> [Item] {
        state.withLock { state in
            defer { state.items.removeAll(keepingCapacity: true) }
            return state.items
        }
    }

    func ring() {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            if let waiter = state.waiter {
                state.waiter = nil
                return waiter
            }
            state.ringing = true
            return nil
        }
        waiter?.resume()
    }

    /// Whether it rang and nobody has waited since.
    var isRinging: Bool { state.withLock { $0.ringing } }

    /// Consumes a pending ring without waiting; true if there was one.
    func take() -> Bool {
        state.withLock { state in
            defer { state.ringing = false }
            return state.ringing
        }
    }

    /// Waits for a ring, or returns when the task is cancelled. One waiter at a time.
    func wait() async {
        await withTaskCancellationHandler {
            await waitIgnoringCancellation()
        } onCancel: {
            ring()
        }
    }

    /// Waits for a ring even if the task is cancelled (for draining at shutdown).
    func waitIgnoringCancellation() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let now = state.withLock { state -> Bool in
                if state.ringing {
                    state.ringing = false
                    return true
                }
                let previous = state.waiter
                state.waiter = continuation
                previous?.resume()  // never strand an earlier waiter
                return false
            }
            if now { continuation.resume() }
        }
    }
}
