import Synchronization
/// Counts down to zero once; `wait()` returns when it is there.
public final class Latch: Sendable {
    private let state: Mutex<(count: Int, waiters: [CheckedContinuation<Void, Never>])>

    public init(count: Int) { state = Mutex((count, [])) }

    public func countDown() {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.count -= 1
            guard state.count == 0 else { return [] }
            defer { state.waiters.removeAll() }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    public func wait() async {
        await withCheckedContinuation { continuation in
            let now = state.withLock { state -> Bool in
                if state.count <= 0 { return true }
                state.waiters.append(continuation)
                return false
            }
            if now { continuation.resume() }
        }
    }
}
