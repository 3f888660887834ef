public import OKRStore
public import OKRWorkflows
import ChatPlatforms
import Logging

/// Opens the store a configuration names.
public enum StoreFactory {
    /// Opens the SQLite file or connects to PostgreSQL, migrating the schema as needed.
    /// `overridePath` (from `--db`) replaces the configured storage with that SQLite file.
    public static func open(_ storage: StorageSettings, overridePath: String? = nil) async throws -> any Store {
        if let overridePath { return try SQLiteStore(path: overridePath) }
        switch storage {
        case .sqlite(let path):
            return try SQLiteStore(path: path)
        case .postgres(let url):
            guard !url.value.isEmpty else {
                throw StoreError(.cannotOpen, "storage.postgres comes from \(url.source), which cannot be read here (a systemd credential outside the unit?); set it in the environment, e.g. OKRD_POSTGRES_URL")
            }
            return try await PostgresStore(url: url.value, logger: Logger(label: "okrd.store"))
        }
    }
}
