import Foundation
import OKRStore
import OKRTestSupport

/// The engines the store suite runs on: the same assertions against SQLite and PostgreSQL.
enum StoreEngine: String, CustomStringConvertible, Sendable {
    case sqlite
    case postgres

    /// PostgreSQL where it is installed (or required: `OKRD_REQUIRE_POSTGRES=1`).
    static var all: [StoreEngine] { PostgresServer.isAvailable ? [.sqlite, .postgres] : [.sqlite] }

    var description: String { rawValue }

    /// A fresh, empty store: a new SQLite file, or a new database on the test PostgreSQL server.
    func open() async throws -> OpenedStore {
        switch self {
        case .sqlite:
            let dir = TemporaryDirectory()
            return OpenedStore(store: try SQLiteStore(path: dir.file("okrd.sqlite")), directory: dir)
        case .postgres:
            let server = try await PostgresServer.start()
            return OpenedStore(store: try await PostgresStore(url: try server.createDatabase()), directory: nil)
        }
    }
}

/// A store and what keeps it alive (its directory).
struct OpenedStore {
    let store: any Store
    let directory: TemporaryDirectory?
}
