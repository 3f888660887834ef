import ArgumentParser
import ChatPlatforms
import Foundation
import OKRDaemon
import OKRStore
import OKRWorkflows

struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Copies an SQLite store into an empty PostgreSQL database, for running replicas.",
        discussion: """
            Copies every check-in, reply, blocker, action item, absence, escalation state, schedule \
            firing, outbox message (with its body), destination state, open question and meta row, \
            ids included, in one transaction; checks each table's count before committing and prints \
            them. Refuses a database that already holds rows. Stop okrd first, then point storage at \
            PostgreSQL and start the replicas.

            --to takes the URL or a reference to it, so the password need not be on the command line:
              okrd migrate --config /etc/okrd/okrd.yaml --to '${OKRD_POSTGRES_URL}'
              okrd migrate --db /var/lib/okrd/okrd.sqlite --to file:/etc/okrd/postgres-url
            """
    )

    @OptionGroup var options: ConfigOptions
    @OptionGroup var database: DatabaseOptions

    @Option(name: .long, help: ArgumentHelp("The PostgreSQL database: postgres://USER:PASSWORD@HOST:5432/DB, ${ENV}, file:PATH or credential:NAME.", valueName: "url"))
    var to: String

    func run() async throws {
        let path = try database.sqliteFile(options, otherwise: "the configured storage is already PostgreSQL; name the SQLite file to copy with --db PATH")
        guard FileManager.default.fileExists(atPath: path) else {
            Terminal.error("error: no database at \(path); name the SQLite file to copy with --db PATH")
            throw ExitCode(Terminal.exitUnavailable)
        }
        let url: String
        do {
            url = try ConfigLoader().resolveSecret(to).value
        } catch {
            Terminal.error("error: --to: \(error)")
            throw ExitCode(Terminal.exitConfig)
        }
        // Nothing may write the SQLite file while it is copied: a running okrd would lose what it
        // records after the copy.
        let lock: StoreLock
        switch try StoreLock.acquire(database: path, role: "migrate") {
        case .acquired(let held):
            lock = held
        case .held(let holder):
            Terminal.error("error: \(holder.map { "\($0)" } ?? "another okrd") is using \(path); stop it first, then migrate")
            throw ExitCode(Terminal.exitUnavailable)
        }
        defer { withExtendedLifetime(lock) {} }
        do {
            let source = try SQLiteStore(path: path)
            let target = try await PostgresStore(url: url)
            let copied = try await target.importRows(from: source)
            try await target.close()
            try await source.close()
            Terminal.print("copied \(path) to \(target.label) in one transaction:\n")
            for (table, rows) in copied { Terminal.print("  \(table.padding(toLength: 18, withPad: " ", startingAt: 0)) \(rows)\n") }
            Terminal.print("Now set storage: {postgres: ...} in the configuration and start the replicas.\n")
        } catch let error as StoreError {
            Terminal.error("error: \(error.message)")
            throw ExitCode(error.kind == .newerSchema ? Terminal.exitConfig : Terminal.exitUnavailable)
        }
    }
}
