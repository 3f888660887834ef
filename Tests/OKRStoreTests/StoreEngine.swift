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
            let url = try server.createDatabase()
            return OpenedStore(store: try await PostgresStore(url: url), directory: nil, url: url)
        }
    }
}

/// A store and what keeps it alive (its directory).
struct OpenedStore {
    let store: any Store
    let directory: TemporaryDirectory?
    /// The PostgreSQL database's URL.
    var url: String?

    /// Another store on the same database, as a second replica (or a restart) opens it.
    func reopen() async throws -> any Store {
        if let url { return try await PostgresStore(url: url) }
        return try SQLiteStore(path: directory!.file("okrd.sqlite"))
    }
}
