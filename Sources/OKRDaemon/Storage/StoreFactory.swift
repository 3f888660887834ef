public import OKRStore
public import OKRWorkflows

/// Opens the store a configuration names.
public enum StoreFactory {
    /// Opens the SQLite file, migrating the schema as needed (PostgreSQL is refused until its store exists).
    /// `overridePath` (from `--db`) replaces the configured storage with that SQLite file.
    public static func open(_ storage: StorageSettings, overridePath: String? = nil) async throws -> any Store {
        if let overridePath { return try SQLiteStore(path: overridePath) }
        switch storage {
        case .sqlite(let path):
            return try SQLiteStore(path: path)
        case .postgres:
            throw StoreError(.cannotOpen, "PostgreSQL storage is not available in this build yet; use storage: {sqlite: PATH}")
        }
    }
}
