import Foundation
#if canImport(Glibc)
import Glibc
#endif
import GRDB

extension SQLiteStore {
    /// Writes a consistent copy of the database at `path` to `destination` through SQLite's online
    /// backup API: safe while a daemon writes (the copy is one instant's state, WAL included).
    /// Returns the copy's size in bytes. `destination` must not exist.
    public static func backup(database path: String, to destination: String) throws -> Int {
        guard FileManager.default.fileExists(atPath: path) else {
            throw StoreError(.cannotOpen, "no database at \(path)")
        }
        // Created here, exclusively and readable by its owner only: it holds everyone's replies.
        let created = open(destination, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard created >= 0 else {
            if errno == EEXIST { throw StoreError(.cannotOpen, "\(destination) exists; okrd backup never overwrites a file") }
            throw StoreError(.cannotOpen, "cannot create \(destination): \(String(cString: strerror(errno)))")
        }
        Glibc.close(created)
        do {
            var configuration = Configuration()
            configuration.readonly = true
            configuration.busyMode = .timeout(10)
            let source = try DatabaseQueue(path: path, configuration: configuration)
            let copy = try DatabaseQueue(path: destination)
            try source.backup(to: copy)
            // The copy stands alone: one file, no WAL beside it.
            try copy.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = DELETE") }
            try copy.close()
            try source.close()
        } catch {
            try? FileManager.default.removeItem(atPath: destination)
            throw StoreError(.query, "cannot back up \(path) to \(destination): \(describe(error))")
        }
        return (try? FileManager.default.attributesOfItem(atPath: destination))?[.size] as? Int ?? 0
    }
}
