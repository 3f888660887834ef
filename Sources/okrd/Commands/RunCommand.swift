import ArgumentParser
import Foundation
import Logging
import OKRDaemon
import OKRStore
import OKRWorkflows

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

    @Option(help: ArgumentHelp("Where the reply server listens, overriding server.listen: HOST:PORT (port 0 picks a free one) or off.", valueName: "host:port"))
    var listen: String?

    func validate() throws {
        if let listen, listen != "off", Self.split(listen) == nil {
            throw ValidationError("--listen \"\(listen)\" is not HOST:PORT or off")
        }
        if let logLevel, LogfmtHandler.level(logLevel) == nil {
            throw ValidationError("--log-level \"\(logLevel)\" is not one of trace, debug, info, notice, warning, error, critical")
        }
    }

    func run() async throws {
        // Commands wake the daemon with SIGUSR1 as soon as the lock names it, and `systemctl
        // reload` sends SIGHUP: until the daemon traps them, neither may end the process (their
        // default action).
        signal(SIGUSR1, SIG_IGN)
        signal(SIGHUP, SIG_IGN)
        let level = LogfmtHandler.level(logLevel) ?? LogfmtHandler.level(ProcessInfo.processInfo.environment["OKRD_LOG_LEVEL"]) ?? .info
        LoggingSystem.bootstrap { LogfmtHandler(label: $0, level: level) }
        var config = try options.load()
        if let listen {
            if listen == "off" {
                config.server.enabled = false
            } else if let (host, port) = Self.split(listen) {
                config.server.enabled = true
                config.server.listenHost = host
                config.server.listenPort = port
            }
        }
        // One daemon per SQLite file: a second one would send every message again.
        var lock: StoreLock?
        if let path = database.sqlitePath(config) {
            // A command that is sending (`okrd prompt --send`) is waited for; a daemon is not.
            switch try await StoreLock.acquire(database: path, role: "run", waitingFor: .seconds(60), while: { $0?.role != "run" }) {
            case .acquired(let held):
                lock = held
            case .held(let holder):
                Terminal.error("error: \(holder.map { "\($0)" } ?? "another okrd") is already using \(path); stop it first (one okrd run per SQLite file; use PostgreSQL for replicas)")
                throw ExitCode(Terminal.exitUnavailable)
            }
        }
        let store = try await database.open(config)
        // The daemon traps SIGTERM/SIGINT (graceful stop), SIGHUP (reload) and SIGUSR1 (wake the
        // dispatcher) before it starts anything.
        let daemon = Daemon(config: config, store: store, logger: Logger(label: "okrd"), listenFromCommandLine: listen != nil, handlesSignals: true)
        do {
            try await daemon.run()
        } catch let error as ReplyError {
            Terminal.error(error.message)
            throw ExitCode(69)
        }
        try await store.close()
        withExtendedLifetime(lock) {}
    }
}

extension RunCommand {
    static func split(_ listen: String) -> (String, Int)? {
        let parts = listen.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 2, let port = Int(parts.last!), (0...65_535).contains(port) else { return nil }
        let host = parts.dropLast().joined(separator: ":").trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        return host.isEmpty ? nil : (host, port)
    }
}
