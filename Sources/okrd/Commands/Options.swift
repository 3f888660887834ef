import ArgumentParser
import Foundation
import OKRDaemon
import OKRModel
import OKRStore
import OKRWorkflows

/// `--config PATH`, shared by every command that reads the configuration.
struct ConfigOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The configuration file.", valueName: "path"))
    var config: String = ConfigLoader.defaultPath

    /// Loads and validates the configuration; on errors prints them and exits 78 (EX_CONFIG).
    /// A command that sends nothing passes `secrets: .unused`: it works where the secrets cannot
    /// be read (a `credential:` outside the systemd unit).
    func load(now: Date = Date(), secrets: ConfigLoader.SecretPolicy = .resolveAll) throws -> OKRConfig {
        do {
            let config = try ConfigLoader(now: now, secrets: secrets).load(path: self.config)
            for warning in config.warnings { Terminal.error(warning.description) }
            return config
        } catch {
            Terminal.error(error.description)
            throw ExitCode(Terminal.exitConfig)
        }
    }
}

/// `--db PATH`: use this SQLite file instead of the configured storage.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Use this SQLite file instead of the configured storage.", valueName: "path"))
    var db: String?

    @ArgumentParser.Flag(name: [.customShort("v"), .long], help: "Say which database the command uses.")
    var verbose = false

    /// The SQLite file a command that works on SQLite only (`backup`, `migrate`) reads: `--db`, or
    /// the configured one; a usage error when the configuration names PostgreSQL.
    func sqliteFile(_ options: ConfigOptions, otherwise: String) throws -> String {
        if let db { return db }
        guard let configured = sqlitePath(try options.load(secrets: .unused)) else {
            Terminal.error("error: \(otherwise)")
            throw ExitCode(Terminal.exitUsage)
        }
        return configured
    }

    /// The SQLite file the command works on, or nil when the storage is PostgreSQL.
    func sqlitePath(_ config: OKRConfig) -> String? {
        if let db { return db }
        if case .sqlite(let path) = config.storage { return path }
        return nil
    }

    /// Opens the store. A command that only reads (`creating: false`) never creates a database:
    /// a missing SQLite file (a mistyped `--db`, the wrong user's default) is exit 69 naming it.
    func open(_ config: OKRConfig, creating: Bool = true) async throws -> any Store {
        if !creating, let path = sqlitePath(config), !FileManager.default.fileExists(atPath: path) {
            Terminal.error("error: no database at \(path); okrd run creates it (the service's is \(StorageSettings.servicePath)). Pass the right one with --db PATH.")
            throw ExitCode(Terminal.exitUnavailable)
        }
        if verbose, let path = sqlitePath(config) { Terminal.error("database: \(path) (SQLite)") }
        do {
            let store = try await StoreFactory.open(config.storage, overridePath: db)
            if verbose, let postgres = store as? PostgresStore { Terminal.error("database: \(postgres.label) (PostgreSQL)") }
            return store
        } catch let error as StoreError {
            Terminal.error("error: \(error.message)")
            throw ExitCode(error.kind == .newerSchema ? Terminal.exitConfig : Terminal.exitUnavailable)
        }
    }
}

/// Parses `--at` values: an ISO 8601 instant (`2026-11-22T09:30:00+01:00`, `...Z`) or a date
/// (`2026-11-22`, read as noon in `timeZone`).
enum InstantArgument {
    static func parse(_ text: String, timeZone: TimeZone) throws -> Date {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        if let day = LocalDate(iso: text) {
            return WallClock.instant(day: day, hour: 12, minute: 0, in: timeZone)
        }
        let local = text.split(separator: "T")
        if local.count == 2, let day = LocalDate(iso: String(local[0])) {
            let parts = local[1].split(separator: ":").compactMap { Int($0) }
            if parts.count >= 2, (0...23).contains(parts[0]), (0...59).contains(parts[1]) {
                return WallClock.instant(day: day, hour: parts[0], minute: parts[1], in: timeZone)
            }
        }
        throw ValidationError("--at \"\(text)\" is not a date or time; write 2026-11-22, 2026-11-22T09:30 (local) or 2026-11-22T09:30:00+01:00")
    }
}

extension OKRConfig {
    /// The team named by `--team`, or a usage error that lists the teams there are.
    func team(named id: String) throws -> Team {
        guard let team = organization.team(id) else {
            throw ValidationError("no team \"\(id)\" in \(path); teams: \(organization.teams.map(\.id).joined(separator: ", "))")
        }
        return team
    }

    /// Checks `--period`: only the configured period can be asked for.
    func checkPeriod(_ id: String?) throws {
        if let id, id != organization.period.id {
            throw ValidationError("--period \(id): the configuration's period is \(organization.period.id)")
        }
    }
}

/// Where the team commands (prompt, digest, radar) start: the configuration, the team named by
/// `--team`, the instant of `--at` (read in the team's time zone; now without it), the open store
/// and the team's organisation as of that instant. The caller closes the store.
struct TeamView {
    let config: OKRConfig
    let team: Team
    let instant: Date
    let store: any Store
    let snapshot: Snapshot

    static func load(_ options: ConfigOptions, _ database: DatabaseOptions, team id: String, at: String?, creating: Bool = true,
                     secrets: ConfigLoader.SecretPolicy = .resolveAll) async throws -> TeamView {
        let config = try options.load(secrets: secrets)
        let team = try config.team(named: id)
        let instant = try at.map { try InstantArgument.parse($0, timeZone: team.timeZone) } ?? Date()
        let store = try await database.open(config, creating: creating)
        let snapshot = try await Snapshot.load(config.organization, store: store, at: instant)
        return TeamView(config: config, team: team, instant: instant, store: store, snapshot: snapshot)
    }
}
