import ArgumentParser
import Foundation
import OKRDaemon
import OKRStore
import OKRModel
import OKRWorkflows

extension DeliveryStack {
    /// What `--send` does after queueing: delivers what is due (waiting up to 15 s for pacing and
    /// short retries), shuts the client down, prints where each of `ids` ended up, and exits 69
    /// when one of them was dead-lettered.
    func deliverAndReport(_ config: OKRConfig, store: any Store, ids: [Int64], label: String) async throws {
        try await dispatcher.prepare(releaseAllLeases: !config.isReplicated)
        await dispatcher.flush(maxWait: 15)
        await shutdown()
        var failed = false
        for id in ids {
            guard let sent = try await store.outboxMessage(id: id) else { continue }
            Terminal.error("\(label) \(sent.idempotencyKey) → \(sent.destination): \(sent.state.rawValue)\(sent.lastError.map { " (\($0))" } ?? "")")
            failed = failed || sent.state == .dead
        }
        try await store.close()
        if failed { throw ExitCode(Terminal.exitUnavailable) }
    }
}
