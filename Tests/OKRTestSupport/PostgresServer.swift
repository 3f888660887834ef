import Foundation
import Synchronization

/// A real PostgreSQL server on 127.0.0.1 for the tests: Debian's `postgresql` binaries, a cluster made
/// by `initdb` in a temporary directory (as the `postgres` user when the tests run as root), password
/// authentication over TCP, and one fresh database per test. One server per test process, started on
/// first use; it dies with the process (parent-death signal) and its directory is removed at exit.
public final class PostgresServer: Sendable {
    public static let user = "okrd"
    public static let password = "okrd-test-pw-7c1e"
    public let port: Int
    public let directory: String
    /// Whether the server also takes TLS connections (it does where `openssl` is installed).
    public var tls: Bool { FileManager.default.fileExists(atPath: directory + "/server.crt") }
    let bin: String

    /// Whether PostgreSQL is installed here. Tests skip without it, unless `OKRD_REQUIRE_POSTGRES=1`
    /// (set by `Tests/run-all.sh` after installing it), in which case they fail.
    public static var isAvailable: Bool {
        binDirectory != nil || ProcessInfo.processInfo.environment["OKRD_REQUIRE_POSTGRES"] == "1"
    }

    static var binDirectory: String? {
        let root = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).compactMap(Int.init).sorted()
        return versions.reversed().map { "\(root)/\($0)/bin" }.first { FileManager.default.isExecutableFile(atPath: $0 + "/initdb") }
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    private static let shared = SharedServer()

    /// The process's server, started on first use. Tests run it without fsync; `durable` (for
    /// benchmarks, decided by the first call) syncs commits as a production server does.
    public static func start(durable: Bool = false) async throws -> PostgresServer {
        try await shared.server(durable: durable)
    }

    private init(port: Int, directory: String, bin: String) {
        self.port = port
        self.directory = directory
        self.bin = bin
    }

    /// A new, empty database; returns its URL (password included, for okrd's `storage.postgres`).
    public func createDatabase(_ prefix: String = "t") throws -> String {
        let name = "\(prefix)_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased())"
        try psql("CREATE DATABASE \(name)")
        return url(database: name)
    }

    public func url(database: String) -> String {
        "postgres://\(Self.user):\(Self.password)@127.0.0.1:\(port)/\(database)?sslmode=disable"
    }

    /// Runs SQL as the superuser (over TCP, with the password).
    @discardableResult
    public func psql(_ sql: String, database: String = "postgres") throws -> String {
        var environment = ProcessInfo.processInfo.environment
        environment["PGPASSWORD"] = Self.password
        let result = try ProcessRunner.run(URL(fileURLWithPath: bin + "/psql"),
                                           ["-X", "-q", "-t", "-A", "-h", "127.0.0.1", "-p", "\(port)", "-U", Self.user, "-d", database, "-v", "ON_ERROR_STOP=1", "-c", sql],
                                           environment: environment)
        guard result.status == 0 else { throw Failure(description: "psql failed (\(result.status)): \(result.stderr)") }
        return result.stdout
    }

    private actor SharedServer {
        private var started: Task<PostgresServer, any Error>?

        func server(durable: Bool) async throws -> PostgresServer {
            if let started { return try await started.value }
            let task = Task { try PostgresServer.launch(durable: durable) }
            started = task
            return try await task.value
        }
    }

    private static func launch(durable: Bool) throws -> PostgresServer {
        guard let bin = binDirectory else {
            throw Failure(description: "PostgreSQL is not installed (apt-get install postgresql): no /usr/lib/postgresql/*/bin/initdb")
        }
        let directory = NSTemporaryDirectory() + "okrd-pg-" + UUID().uuidString.prefix(8)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        removeAtExit(directory)
        let passwordFile = directory + "/pw"
        try password.write(toFile: passwordFile, atomically: true, encoding: .utf8)
        // As root the cluster belongs to `postgres` (the server refuses to run as root).
        var asOwner: [String] = []
        if getuid() == 0 {
            guard let owner = getpwnam("postgres") else { throw Failure(description: "no postgres user (apt-get install postgresql creates it)") }
            for path in [directory, passwordFile] { chown(path, owner.pointee.pw_uid, owner.pointee.pw_gid) }
            asOwner = ["--reuid=postgres", "--regid=postgres", "--init-groups"]
        }
        let setpriv = URL(fileURLWithPath: "/usr/bin/setpriv")
        let initdb = try ProcessRunner.run(setpriv, asOwner + ["--", bin + "/initdb", "-D", directory + "/data", "-U", user, "--pwfile=" + passwordFile,
                                                               "--auth-host=scram-sha-256", "--auth-local=trust", "-E", "UTF8", "--no-sync"])
        guard initdb.status == 0 else { throw Failure(description: "initdb failed (\(initdb.status)): \(initdb.stderr)") }
        // TLS as well as plain connections, with a self-signed certificate (the tests of
        // `sslmode=require` and of a certificate that does not verify).
        var tls: [String] = []
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl") {
            let made = try ProcessRunner.run(URL(fileURLWithPath: "/usr/bin/openssl"), [
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=okrd-test-postgres",
                "-keyout", directory + "/server.key", "-out", directory + "/server.crt",
            ])
            if made.status == 0 {
                chmod(directory + "/server.key", 0o600)
                if getuid() == 0, let owner = getpwnam("postgres") {
                    for file in ["server.key", "server.crt"] { chown(directory + "/" + file, owner.pointee.pw_uid, owner.pointee.pw_gid) }
                }
                tls = ["-c", "ssl=on", "-c", "ssl_cert_file=\(directory)/server.crt", "-c", "ssl_key_file=\(directory)/server.key"]
            }
        }
        let port = try SynapseServer.freePort()
        // Dies with this process: setpriv sets the parent-death signal, then becomes postgres.
        let process = Process()
        process.executableURL = setpriv
        process.arguments = asOwner + ["--pdeathsig", "INT", "--", bin + "/postgres", "-D", directory + "/data", "-p", "\(port)", "-k", directory,
                                       "-c", "listen_addresses=127.0.0.1", "-c", "max_connections=300"] + tls
            + (durable ? [] : ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"])
        _ = FileManager.default.createFile(atPath: directory + "/server.log", contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: directory + "/server.log"))
        process.standardOutput = log
        process.standardError = log
        try runOnKeeperThread(process)
        let server = PostgresServer(port: port, directory: directory, bin: bin)
        let deadline = Date().addingTimeInterval(60)
        while true {
            if (try? server.psql("SELECT 1")) != nil { return server }
            if !process.isRunning {
                let log = (try? String(contentsOfFile: directory + "/server.log", encoding: .utf8)) ?? ""
                throw Failure(description: "PostgreSQL exited at start: \(log.suffix(2000))")
            }
            if Date() > deadline {
                let log = (try? String(contentsOfFile: directory + "/server.log", encoding: .utf8)) ?? ""
                throw Failure(description: "PostgreSQL did not start on 127.0.0.1:\(port) within 60 s: \(log.suffix(2000))")
            }
            usleep(100_000)
        }
    }

    /// Starts `process` from a thread that lives as long as the test process: the parent-death
    /// signal (`setpriv --pdeathsig`) fires when the *thread* that forked it ends, and the
    /// concurrency pool's threads end when they have been idle a while (the server then got SIGINT
    /// in the middle of a test that was waiting).
    private static func runOnKeeperThread(_ process: Process) throws {
        let outcome = Mutex<Result<Void, any Error>?>(nil)
        let started = DispatchSemaphore(value: 0)
        let unsafeProcess = process
        let keeper = Thread {
            outcome.withLock { $0 = Result { try unsafeProcess.run() } }
            started.signal()
            while true { sleep(3_600) }
        }
        keeper.name = "okrd-test-postgres-keeper"
        keeper.start()
        started.wait()
        try outcome.withLock { $0 }?.get()
    }

    nonisolated(unsafe) private static var directoriesToRemove: [String] = []

    private static func removeAtExit(_ directory: String) {
        directoriesToRemove.append(directory)
        atexit {
            for directory in PostgresServer.directoriesToRemove { try? FileManager.default.removeItem(atPath: directory) }
        }
    }
}
