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

/// The batches waiting for a commit and whether one caller is committing.
final class CommitQueue: Sendable {
    /// Batches committed together at most: bounds the wait of the first one.
    static let maxBatches = 256
    private let state = Mutex<(queued: [PendingApply], writing: Bool)>(([], false))

    /// Queues a batch; true when the caller must commit (nobody else is).
    func enqueue(_ pending: PendingApply) -> Bool {
        state.withLock { state in
            state.queued.append(pending)
            if state.writing { return false }
            state.writing = true
            return true
        }
    }

    /// The batches to commit now, oldest first.
    func takeBatch() -> [PendingApply] {
        state.withLock { state in
            let count = min(state.queued.count, Self.maxBatches)
            defer { state.queued.removeFirst(count) }
            return Array(state.queued.prefix(count))
        }
    }

    /// After a commit: the oldest waiting caller commits next, or nobody is writing.
    func handOff() {
        let next = state.withLock { state -> PendingApply? in
            guard let first = state.queued.first else {
                state.writing = false
                return nil
            }
            return first
        }
        next?.resolve(.lead)
    }
}
