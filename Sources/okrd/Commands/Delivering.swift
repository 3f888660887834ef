import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import OKRDaemon
import OKRStore
import OKRModel
import OKRWorkflows

/// Who sends from a SQLite file: the daemon when it runs, else one command at a time. A command
/// never sends beside a running daemon (both would lease and send the same messages): it queues,
/// wakes the daemon with SIGUSR1 and reports what the daemon did.
enum Sender {
    case myself(StoreLock?)
    case daemon(StoreLock.Holder)

    /// Asks the running daemon to look at the outbox now.
    static func wake(_ daemon: StoreLock.Holder) {
        kill(daemon.pid, SIGUSR1)
    }

    /// Takes the store's lock for a command, waiting up to `maxWait` for another command to finish.
    static func claim(_ database: DatabaseOptions, config: OKRConfig, role: String, maxWait: Duration = .seconds(60)) async throws -> Sender {
        guard let path = database.sqlitePath(config) else { return .myself(nil) }
        let outcome = try await StoreLock.acquire(database: path, role: role, waitingFor: maxWait) { $0?.role != "run" }
        switch outcome {
        case .acquired(let lock):
            return .myself(lock)
        case .held(let holder?) where holder.role == "run":
            return .daemon(holder)
        case .held(let holder):
            Terminal.error("error: \(holder.map { "\($0)" } ?? "another okrd") is still sending from \(path); try again when it is done")
            throw ExitCode(Terminal.exitUnavailable)
        }
    }
}

extension DeliveryStack {
    /// What `--send` does after queueing: delivers what is due (waiting up to 15 s for pacing and
    /// short retries), shuts the client down, prints where each of `ids` ended up, and exits 69
    /// when one of them was dead-lettered. With a daemon running, the daemon sends them: it is
    /// woken, and their states are read back for up to 15 s.
    func deliverAndReport(_ config: OKRConfig, store: any Store, database: DatabaseOptions, ids: [Int64], label: String) async throws {
        let sender = try await Sender.claim(database, config: config, role: label)
        switch sender {
        case .myself:
            // This process holds the lock: leases left in the store are a dead process's.
            try await dispatcher.prepare(releaseAllLeases: !config.isReplicated)
            await dispatcher.flush(maxWait: 15)
        case .daemon(let daemon):
            Terminal.error("\(daemon) is running: it sends the \(label)")
            Sender.wake(daemon)
            let deadline = ContinuousClock.now + .seconds(15)
            while ContinuousClock.now < deadline {
                var waiting = false
                for id in ids where try await store.outboxMessage(id: id)?.state == .pending { waiting = true }
                if !waiting { break }
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        await shutdown()
        var failed = false
        for id in ids {
            guard let sent = try await store.outboxMessage(id: id) else { continue }
            Terminal.error("\(label) \(sent.idempotencyKey) → \(sent.destination): \(sent.state.rawValue)\(sent.lastError.map { " (\($0))" } ?? "")")
            failed = failed || sent.state == .dead
        }
        try await store.close()
        withExtendedLifetime(sender) {}
        if failed { throw ExitCode(Terminal.exitUnavailable) }
    }
}
