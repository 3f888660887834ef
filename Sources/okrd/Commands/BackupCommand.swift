import ArgumentParser
import Foundation
import OKRDaemon
import OKRStore
import OKRWorkflows

struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Writes a consistent copy of the SQLite database, also while okrd runs.",
        discussion: """
            Uses SQLite's online backup API: the copy is one instant's state (what is still in the \
            write-ahead log included), a single file that okrd opens as is. Never overwrites OUT. \
            To restore, stop okrd and put the copy in the database's place.

            Examples:
              okrd backup /var/backups/okrd-$(date +%F).sqlite
              okrd backup --db /var/lib/okrd/okrd.sqlite /tmp/okrd-copy.sqlite
            """
    )

    @OptionGroup var options: ConfigOptions
    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("Where to write the copy (must not exist).", valueName: "out"))
    var out: String

    func run() async throws {
        // With --db the configuration is not needed.
        let path = try database.sqliteFile(options, otherwise: "the configured storage is PostgreSQL; back it up with pg_dump")
        do {
            let size = try SQLiteStore.backup(database: path, to: out)
            Terminal.print("backed up \(path) to \(out) (\(size / 1024) KiB)\n")
        } catch let error as StoreError {
            Terminal.error("error: \(error.message)")
            throw ExitCode(Terminal.exitUnavailable)
        }
    }
}
