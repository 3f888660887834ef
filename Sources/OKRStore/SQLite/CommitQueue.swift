import OKRModel
import Synchronization

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
