import OKRModel
import Synchronization

/// One caller's batch of changes, waiting for the shared commit (see `SQLiteStore.apply`).
final class PendingApply: Sendable {
    enum Turn: Sendable {
        /// Commit what is queued, this batch included.
        case lead
        /// The batch was committed, refused or failed.
        case done(Result<StoreApplyResult, any Error>)
    }

    let changes: [StoreChange]
    let follow: FollowUp?
    private let state = Mutex<(turn: Turn?, waiter: CheckedContinuation<Turn, Never>?)>((nil, nil))

    init(changes: [StoreChange], follow: FollowUp?) {
        self.changes = changes
        self.follow = follow
    }

    func resolve(_ turn: Turn) {
        let waiter = state.withLock { state -> CheckedContinuation<Turn, Never>? in
            guard let waiter = state.waiter else {
                state.turn = turn
                return nil
            }
            state.waiter = nil
            return waiter
        }
        waiter?.resume(returning: turn)
    }

    /// The next turn given to this batch (each is taken once).
    func wait() async -> Turn {
        await withCheckedContinuation { continuation in
            let ready = state.withLock { state -> Turn? in
                if let turn = state.turn {
                    state.turn = nil
                    return turn
                }
                state.waiter = continuation
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }
}
