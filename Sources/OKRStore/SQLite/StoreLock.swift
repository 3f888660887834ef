import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Who may send from one SQLite file: an exclusive `flock` on `<database>.lock`, held for as long
/// as the process runs and released by the kernel when it dies (kill -9 included). The file names
/// the holder (`pid role`), so a second `okrd run` can say which one runs, and a command-line
/// sender can queue its message and wake the daemon instead of sending beside it.
public final class StoreLock: Sendable {
    /// Who holds a lock someone else wanted.
    public struct Holder: Sendable, Equatable, CustomStringConvertible {
        public var pid: Int32
        /// `run` for the daemon, or the command (`outbox flush`, `prompt`...).
        public var role: String

        /// `okrd run (pid 4242)`.
        public var description: String { "okrd \(role) (pid \(pid))" }
    }

    public enum Outcome: Sendable {
        case acquired(StoreLock)
        case held(by: Holder?)
    }

    public let path: String
    private let descriptor: Int32

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// The lock file of a database.
    public static func path(forDatabase database: String) -> String { database + ".lock" }

    /// Takes the lock without waiting, or says who holds it.
    public static func acquire(database: String, role: String) throws -> Outcome {
        let path = Self.path(forDatabase: database)
        let existed = FileManager.default.fileExists(atPath: path)
        var descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        // A lock file another user made (root ran a command before the service's first start):
        // a read-only descriptor locks just as well; the holder line is then not written.
        var writable = true
        if descriptor < 0, errno == EACCES {
            descriptor = open(path, O_RDONLY | O_CLOEXEC)
            writable = false
        }
        guard descriptor >= 0 else {
            throw StoreError(.cannotOpen, "cannot open the lock file \(path): \(String(cString: strerror(errno)))")
        }
        // Made now: it belongs to whoever owns the database (root making it must not lock the
        // service's user out).
        if !existed, let owner = try? FileManager.default.attributesOfItem(atPath: database),
           let uid = owner[.ownerAccountID] as? NSNumber, let gid = owner[.groupOwnerAccountID] as? NSNumber {
            _ = fchown(descriptor, uid_t(uid.uint32Value), gid_t(gid.uint32Value))
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let holder = holder(descriptor)
            close(descriptor)
            return .held(by: holder)
        }
        if writable {
            let line = Array("\(getpid()) \(role)\n".utf8)
            _ = ftruncate(descriptor, 0)
            _ = line.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
        }
        return .acquired(StoreLock(path: path, descriptor: descriptor))
    }

    /// Takes the lock, waiting up to `timeout` while a short-lived command holds it; a daemon's
    /// lock is not waited for.
    public static func acquire(database: String, role: String, waitingFor timeout: Duration, while waits: (Holder?) -> Bool) async throws -> Outcome {
        let deadline = ContinuousClock.now + timeout
        while true {
            let outcome = try acquire(database: database, role: role)
            guard case .held(let holder) = outcome, waits(holder), ContinuousClock.now < deadline else { return outcome }
            try await Task.sleep(for: .milliseconds(200))
        }
    }

    private static func holder(_ descriptor: Int32) -> Holder? {
        var buffer = [UInt8](repeating: 0, count: 128)
        let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        let text = String(decoding: buffer[..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let parts = text.split(separator: " ", maxSplits: 1)
        guard let first = parts.first, let pid = Int32(first), pid > 0 else { return nil }
        return Holder(pid: pid, role: parts.count > 1 ? String(parts[1]) : "okrd")
    }
}
