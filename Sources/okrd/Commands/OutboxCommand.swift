import ArgumentParser
import ChatPlatforms
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import OKRDaemon
import OKRModel
import OKRStore
import OKRWorkflows

struct OutboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox",
        abstract: "Inspects and repairs the queue of outbound messages.",
        discussion: """
            Every message okrd sends goes through the outbox first. Destinations are shown by name; URLs and \
            tokens never are.

            Examples:
              okrd outbox list --state dead
              okrd outbox show 42
              okrd outbox retry 42
              okrd outbox retry --dead
              okrd outbox purge --dead --older-than 30d
              okrd outbox flush
            """,
        subcommands: [List.self, Show.self, Retry.self, Purge.self, Flush.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Lists messages, newest first.")
        @OptionGroup var options: ConfigOptions
        @OptionGroup var database: DatabaseOptions
        @Option(help: "Only messages in this state: pending, sent or dead.") var state: String?
        @Option(help: "Only messages to this destination.") var destination: String?
        @Option(help: "At most this many.") var limit = 50

        func run() async throws {
            let config = try options.load(secrets: .unused)
            var states = Set(OutboxMessage.State.allCases)
            if let state {
                guard let parsed = OutboxMessage.State(rawValue: state) else { throw ValidationError("--state must be pending, sent or dead") }
                states = [parsed]
            }
            let store = try await database.open(config, creating: false)
            let messages = try await store.outbox(OutboxFilter(states: states, destination: destination, limit: limit))
            let stats = try await store.outboxStats()
            let destinationStates = try await store.destinationStates()
            try await store.close()
            let counts = OutboxMessage.State.allCases.map { "\(stats.counts[$0] ?? 0) \($0.rawValue)" }.joined(separator: " · ")
            Terminal.print("outbox: \(counts)\(stats.oldestPending.map { " · oldest pending queued \(Self.when($0))" } ?? "")\n")
            let now = Date()
            for (name, state) in destinationStates.sorted(by: { $0.key < $1.key }) {
                if state.disabledAt != nil {
                    Terminal.print("destination \(name) is disabled: \(state.disabledReason ?? "")\n")
                } else if let until = state.pausedUntil, until > now {
                    Terminal.print("destination \(name) is paused until \(Self.when(until)) (the platform asked to wait; a restart or reload resumes it)\n")
                }
            }
            guard !messages.isEmpty else { return }
            Terminal.print(Self.pad("ID", 7) + Self.pad("STATE", 8) + Self.pad("DESTINATION", 18) + Self.pad("KIND", 13) + Self.pad("TRIES", 6) + Self.pad("QUEUED", 22) + "LAST RESULT\n")
            for m in messages {
                let last = m.state == .sent ? "sent \(Self.when(m.sentAt ?? m.createdAt))" : (m.lastError.map { "\(m.lastStatus.map { "\($0) " } ?? "")\($0)" } ?? (m.notBefore > Date() ? "waits until \(Self.when(m.notBefore))" : "due"))
                Terminal.print(Self.pad("\(m.id)", 7) + Self.pad(m.state.rawValue, 8) + Self.pad(m.destination, 18) + Self.pad(m.kind, 13) + Self.pad("\(m.attempts)", 6) + Self.pad(Self.when(m.createdAt), 22) + String(last.prefix(80)) + "\n")
            }
        }

        static func pad(_ text: String, _ width: Int) -> String {
            text.count >= width ? String(text.prefix(width - 1)) + " " : text + String(repeating: " ", count: width - text.count)
        }

        static func when(_ date: Date) -> String {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withInternetDateTime]
            return formatter.string(from: date)
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Shows one message: what it says, its attempts and the platform's last answer.")
        @OptionGroup var options: ConfigOptions
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The message id.") var id: Int64

        func run() async throws {
            let config = try options.load(secrets: .unused)
            let store = try await database.open(config, creating: false)
            guard let message = try await store.outboxMessage(id: id) else {
                try await store.close()
                throw ValidationError("no outbox message \(id)")
            }
            try await store.close()
            var lines = [
                "id:          \(message.id)",
                "key:         \(message.idempotencyKey)",
                "destination: \(message.destination)\(config.destination(message.destination).map { " (\($0.platform.rawValue))" } ?? " (no longer configured)")",
                "kind:        \(message.kind)",
                "state:       \(message.state.rawValue)",
                "attempts:    \(message.attempts)",
                "queued:      \(List.when(message.createdAt))",
                "not before:  \(List.when(message.notBefore))",
            ]
            if let sent = message.sentAt { lines.append("sent:        \(List.when(sent))") }
            if let status = message.lastStatus { lines.append("last status: \(status)") }
            if let error = message.lastError { lines.append("last error:  \(error)") }
            if let response = message.response { lines.append("response:    \(response)") }
            if let chat = ChatMessage(jsonBytes: message.payload) {
                let text = Renderers.renderer(for: .console).render(chat, directory: Directory(people: config.organization.people)).text
                lines.append("message:")
                lines += text.split(separator: "\n").map { "  " + $0 }
            }
            Terminal.print(lines.joined(separator: "\n") + "\n")
        }
    }

    struct Retry: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Queues a message again, now (dead, waiting, or sent to send it once more); or every dead message with --dead.")
        @OptionGroup var options: ConfigOptions
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The message id.") var id: Int64?
        @ArgumentParser.Flag(help: "Retry every dead message.") var dead = false

        func validate() throws {
            if (id == nil) == !dead { throw ValidationError("give a message id, or --dead for every dead message") }
        }

        func run() async throws {
            let config = try options.load(secrets: .unused)
            let store = try await database.open(config)
            defer { Task { try? await store.close() } }
            var destinations: Set<String> = []
            if dead {
                destinations = Set(try await store.outbox(OutboxFilter(states: [.dead], limit: 100_000)).map(\.destination))
                let count = try await store.retryDead(now: Date())
                Terminal.print("queued \(count) dead message\(count == 1 ? "" : "s") again; the running daemon delivers them (or run okrd outbox flush)\n")
            } else if let id {
                guard let message = try await store.outboxMessage(id: id), try await store.retry(messageID: id, now: Date()) else { throw ValidationError("no outbox message \(id)") }
                destinations = [message.destination]
                Terminal.print("queued message \(id) again\n")
            }
            // "Try now" means now: a destination paused (Retry-After) or disabled for these is resumed.
            let states = try await store.destinationStates()
            for name in destinations.sorted() {
                guard let state = states[name], state.disabledAt != nil || (state.pausedUntil ?? .distantPast) > Date() else { continue }
                try await store.setDestinationState(DestinationState(name: name))
                Terminal.print("resumed destination \(name) (it was \(state.disabledAt != nil ? "disabled" : "paused"))\n")
            }
            // A running daemon on this SQLite file looks again now.
            if let path = database.sqlitePath(config), case .held(let holder?)? = try? await StoreLock.acquire(database: path, role: "retry", waitingFor: .zero, while: { _ in false }),
               holder.role == "run" {
                Sender.wake(holder)
            }
        }
    }

    struct Purge: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Deletes dead messages (all, or those queued before --older-than).")
        @OptionGroup var options: ConfigOptions
        @OptionGroup var database: DatabaseOptions
        @ArgumentParser.Flag(help: "Purge dead messages (required, so nothing else is deleted by mistake).") var dead = false
        @Option(name: .customLong("older-than"), help: ArgumentHelp("Only those queued longer ago than this, e.g. 30d.", valueName: "duration")) var olderThan: String?

        func validate() throws {
            guard dead else { throw ValidationError("only dead messages can be purged: add --dead") }
            if let olderThan, DurationText.parse(olderThan) == nil { throw ValidationError("--older-than \"\(olderThan)\" is not a duration; write e.g. 30d or 12h") }
        }

        func run() async throws {
            let config = try options.load(secrets: .unused)
            let store = try await database.open(config)
            let cutoff = olderThan.flatMap(DurationText.parse).map { Date().addingTimeInterval(-$0) }
            let count = try await store.purgeDead(olderThan: cutoff)
            try await store.close()
            Terminal.print("purged \(count) dead message\(count == 1 ? "" : "s")\n")
        }
    }

    struct Flush: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delivers everything that is due now (waiting for pacing and short retries), then exits.")
        @OptionGroup var options: ConfigOptions
        @OptionGroup var database: DatabaseOptions
        @Option(name: .customLong("max-wait"), help: ArgumentHelp("Wait at most this long for retries and pacing.", valueName: "duration")) var maxWait = "30s"

        func run() async throws {
            let config = try options.load()
            guard let wait = DurationText.parse(maxWait) else { throw ValidationError("--max-wait \"\(maxWait)\" is not a duration") }
            let sender = try await Sender.claim(database, config: config, role: "outbox flush", maxWait: .seconds(wait))
            let store = try await database.open(config)
            if case .daemon(let daemon) = sender {
                // The daemon is the only sender: wake it rather than send beside it.
                Sender.wake(daemon)
                let stats = try await store.outboxStats()
                try await store.close()
                Terminal.error("\(daemon) is running: woke it to deliver what is due · outbox: \(stats.counts[.pending] ?? 0) pending, \(stats.counts[.dead] ?? 0) dead")
                return
            }
            let stack = DeliveryStack(config: config, store: store, clock: SystemClock())
            try await stack.dispatcher.prepare(releaseAllLeases: !config.isReplicated)
            await stack.dispatcher.flush(maxWait: wait)
            let statistics = await stack.dispatcher.statistics
            await stack.shutdown()
            let stats = try await store.outboxStats()
            try await store.close()
            withExtendedLifetime(sender) {}
            Terminal.error("delivered \(statistics.sent), retrying \(statistics.retried), dead \(statistics.dead) · outbox: \(stats.counts[.pending] ?? 0) pending, \(stats.counts[.dead] ?? 0) dead")
        }
    }
}
