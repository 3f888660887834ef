import ArgumentParser
import Dispatch
import Foundation
import Logging
import OKRDaemon
import OKRStore
import Synchronization

struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Runs the daemon: weekly prompts, reminders, escalation and digests, and delivery of every message.",
        discussion: """
            Logs structured lines (logfmt) to standard error; under systemd the journal adds the timestamps. \
            SIGTERM or Ctrl-C stops scheduling, lets the deliveries in flight finish, records them and exits 0; \
            what is still queued is sent after the next start. SIGHUP re-reads the configuration: a file with \
            errors is rejected and logged and the running configuration stays.

            Examples:
              okrd run --config /etc/okrd/okrd.yaml
              OKRD_LOG_LEVEL=debug okrd run --config config/okrd.example.yaml --db /tmp/okrd.sqlite
            """
    )

    @OptionGroup var options: ConfigOptions
    @OptionGroup var database: DatabaseOptions

    @Option(name: .customLong("log-level"), help: ArgumentHelp("trace, debug, info, notice, warning, error or critical (default info, or OKRD_LOG_LEVEL).", valueName: "level"))
    var logLevel: String?

    func validate() throws {
        if let logLevel, LogfmtHandler.level(logLevel) == nil {
            throw ValidationError("--log-level \"\(logLevel)\" is not one of trace, debug, info, notice, warning, error, critical")
        }
    }

    func run() async throws {
        let level = LogfmtHandler.level(logLevel) ?? LogfmtHandler.level(ProcessInfo.processInfo.environment["OKRD_LOG_LEVEL"]) ?? .info
        LoggingSystem.bootstrap { LogfmtHandler(label: $0, level: level) }
        let config = try options.load()
        let store = try await database.open(config)
        let daemon = Daemon(config: config, store: store, logger: Logger(label: "okrd"))

        // Signals arrive on a dispatch queue, never in an async-signal context.
        let stops = SignalCount()
        var sources: [any DispatchSourceSignal] = []
        for number in [SIGTERM, SIGINT, SIGHUP] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                if number == SIGHUP {
                    Task { await daemon.reload() }
                    return
                }
                // A second Ctrl-C means "now": in-flight sends are abandoned (and resent later).
                if stops.increment() > 1 { Foundation.exit(130) }
                Task { await daemon.stop() }
            }
            source.resume()
            sources.append(source)
        }
        try await daemon.run()
        for source in sources { source.cancel() }
        try await store.close()
    }
}

/// How many stop signals arrived.
private final class SignalCount: Sendable {
    private let count = Mutex(0)

    func increment() -> Int {
        count.withLock { count in
            count += 1
            return count
        }
    }
}
