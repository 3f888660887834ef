import Crypto
public import CurlHTTP
public import Foundation

/// A real Matrix homeserver (Synapse) on 127.0.0.1 for integration tests, with SQLite, no
/// federation, relaxed rate limits and registration by shared secret.
///
/// `.ci/run` installs Synapse from PyPI into a virtual environment; the tests find its Python in
/// `OKRD_SYNAPSE_PYTHON` (default `/opt/okrd-synapse/bin/python`).
public final class SynapseServer: Sendable {
    public let baseURL: String
    public let directory: String
    private let process: Process
    private let client: CurlClient
    static let sharedSecret = "okrd-test-shared-secret"

    public static var python: String {
        ProcessInfo.processInfo.environment["OKRD_SYNAPSE_PYTHON"] ?? "/opt/okrd-synapse/bin/python"
    }

    /// Whether Synapse is installed here. Tests skip without it, unless `OKRD_REQUIRE_SYNAPSE=1`
    /// (set by `Tests/run-all.sh`), in which case they fail.
    public static var isAvailable: Bool {
        FileManager.default.isExecutableFile(atPath: python) || ProcessInfo.processInfo.environment["OKRD_REQUIRE_SYNAPSE"] == "1"
    }

    private init(baseURL: String, directory: String, process: Process, client: CurlClient) {
        self.baseURL = baseURL
        self.directory = directory
        self.process = process
        self.client = client
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public static func start() async throws -> SynapseServer {
        guard FileManager.default.isExecutableFile(atPath: python) else {
            throw Failure(description: "Synapse is not installed: \(python) does not exist (run .ci/run, or python3 -m venv /opt/okrd-synapse && /opt/okrd-synapse/bin/pip install matrix-synapse matrix-nio)")
        }
        let directory = NSTemporaryDirectory() + "okrd-synapse-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory + "/media_store", withIntermediateDirectories: true)
        let port = try freePort()
        let config = """
            server_name: "localhost"
            pid_file: \(directory)/homeserver.pid
            listeners:
              - port: \(port)
                bind_addresses: ['127.0.0.1']
                type: http
                tls: false
                x_forwarded: false
                resources:
                  - names: [client]
                    compress: false
            database:
              name: sqlite3
              args:
                database: \(directory)/homeserver.db
            log_config: \(directory)/log.config
            media_store_path: \(directory)/media_store
            registration_shared_secret: "\(sharedSecret)"
            report_stats: false
            macaroon_secret_key: "okrd-test-macaroon-\(UUID().uuidString)"
            form_secret: "okrd-test-form-\(UUID().uuidString)"
            signing_key_path: \(directory)/localhost.signing.key
            trusted_key_servers: []
            suppress_key_server_warning: true
            bcrypt_rounds: 4
            enable_registration: false
            presence: {enabled: false}
            rc_message: {per_second: 10000, burst_count: 10000}
            rc_registration: {per_second: 10000, burst_count: 10000}
            rc_joins: {local: {per_second: 10000, burst_count: 10000}}
            rc_login:
              address: {per_second: 10000, burst_count: 10000}
              account: {per_second: 10000, burst_count: 10000}
              failed_attempts: {per_second: 10000, burst_count: 10000}
            """
        let logConfig = """
            version: 1
            formatters: {precise: {format: '%(asctime)s %(levelname)s %(name)s %(message)s'}}
            handlers: {file: {class: logging.FileHandler, formatter: precise, filename: \(directory)/homeserver.log}}
            root: {level: WARNING, handlers: [file]}
            disable_existing_loggers: false
            """
        try config.write(toFile: directory + "/homeserver.yaml", atomically: true, encoding: .utf8)
        try logConfig.write(toFile: directory + "/log.config", atomically: true, encoding: .utf8)
        let keys = try ProcessRunner.run(URL(fileURLWithPath: python), ["-m", "synapse.app.homeserver", "--config-path", directory + "/homeserver.yaml", "--generate-keys"])
        guard keys.status == 0 else { throw Failure(description: "synapse --generate-keys failed: \(keys.stderr)") }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-m", "synapse.app.homeserver", "--config-path", directory + "/homeserver.yaml"]
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: directory + "/stderr.log", isDirectory: false).creatingFile())
        try process.run()
        let client = CurlClient()
        let server = SynapseServer(baseURL: "http://127.0.0.1:\(port)", directory: directory, process: process, client: client)
        // Wait for it to answer (it takes a few seconds to start).
        for _ in 0..<300 {
            if !process.isRunning {
                let log = (try? String(contentsOfFile: directory + "/stderr.log", encoding: .utf8)) ?? ""
                throw Failure(description: "Synapse exited while starting: \(log.suffix(2000))")
            }
            if let response = try? await client.send(HTTPRequest(url: server.baseURL + "/_matrix/client/versions", timeout: .seconds(2))), response.status == 200 {
                return server
            }
            try await Task.sleep(for: .milliseconds(100))  // waiting for the server process to come up, not for time
        }
        await server.stop()
        throw Failure(description: "Synapse did not start within 30 s")
    }

    public func stop() async {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        await client.shutdown()
        try? FileManager.default.removeItem(atPath: directory)
    }

    // MARK: Client-server API

    public func call(_ method: HTTPRequest.Method, _ path: String, token: String? = nil, json: String? = nil) async throws -> (Int, [String: Any]) {
        var headers: HTTPHeaders = ["Content-Type": "application/json"]
        if let token { headers.set("Authorization", "Bearer \(token)") }
        let response = try await client.send(HTTPRequest(method: method, url: baseURL + path, headers: headers, body: json.map { Array($0.utf8) }, timeout: .seconds(30)))
        let object = (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any] ?? [:]
        return (response.status, object)
    }

    /// Registers a user with the shared-secret admin API and logs in with a fixed device id (so
    /// transaction ids stay deduplicated across logins). Returns the user id and access token.
    public func register(_ user: String, password: String = "okrd-test-password") async throws -> (userID: String, token: String) {
        let (_, nonceBody) = try await call(.get, "/_synapse/admin/v1/register")
        guard let nonce = nonceBody["nonce"] as? String else { throw Failure(description: "no registration nonce: \(nonceBody)") }
        var message = Array(nonce.utf8) + [0] + Array(user.utf8) + [0] + Array(password.utf8) + [0] + Array("notadmin".utf8)
        let mac = HMAC<Insecure.SHA1>.authenticationCode(for: message, using: SymmetricKey(data: Array(Self.sharedSecret.utf8)))
        message.removeAll()
        let hex = mac.map { String(format: "%02x", $0) }.joined()
        let (status, registered) = try await call(.post, "/_synapse/admin/v1/register", json: """
            {"nonce":"\(nonce)","username":"\(user)","password":"\(password)","admin":false,"mac":"\(hex)"}
            """)
        guard status == 200, let userID = registered["user_id"] as? String else { throw Failure(description: "register \(user): \(status) \(registered)") }
        let (loginStatus, login) = try await call(.post, "/_matrix/client/v3/login", json: """
            {"type":"m.login.password","identifier":{"type":"m.id.user","user":"\(user)"},"password":"\(password)","device_id":"OKRDTEST"}
            """)
        guard loginStatus == 200, let token = login["access_token"] as? String else { throw Failure(description: "login \(user): \(loginStatus) \(login)") }
        return (userID, token)
    }

    public func createRoom(token: String, invite: [String] = []) async throws -> String {
        let invites = invite.map { "\"\($0)\"" }.joined(separator: ",")
        let (status, body) = try await call(.post, "/_matrix/client/v3/createRoom", token: token, json: #"{"preset":"public_chat","invite":[\#(invites)]}"#)
        guard status == 200, let room = body["room_id"] as? String else { throw Failure(description: "createRoom: \(status) \(body)") }
        return room
    }

    public func join(_ room: String, token: String) async throws {
        let (status, body) = try await call(.post, "/_matrix/client/v3/join/\(Self.escape(room))", token: token, json: "{}")
        guard status == 200 else { throw Failure(description: "join: \(status) \(body)") }
    }

    /// The room's `m.room.message` events, oldest first.
    public func messages(room: String, token: String) async throws -> [[String: Any]] {
        let (status, body) = try await call(.get, "/_matrix/client/v3/rooms/\(Self.escape(room))/messages?dir=b&limit=1000", token: token)
        guard status == 200, let chunk = body["chunk"] as? [[String: Any]] else { throw Failure(description: "messages: \(status) \(body)") }
        return chunk.filter { $0["type"] as? String == "m.room.message" }.reversed()
    }

    /// Sends a message through matrix-nio, a real Matrix client library (`Tests/matrix-client.py`,
    /// installed next to Synapse), as a person's chat client would. Returns the event id.
    public func sayWithClient(_ text: String, html: String? = nil, room: String, userID: String, token: String) async throws -> String {
        let script = ProcessRunner.packageRoot().appendingPathComponent("Tests/matrix-client.py").path
        var arguments = [script, baseURL, userID, token, room, text]
        if let html { arguments += ["--html", html] }
        let python = URL(fileURLWithPath: Self.python)
        let result = try await ProcessRunner.runDetached(python, arguments)
        guard result.status == 0 else { throw Failure(description: "matrix-client.py: \(result.stderr)") }
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Sends a plain text message as a person would (for reply tests).
    public func say(_ text: String, room: String, token: String, txn: String = UUID().uuidString) async throws -> String {
        let json = String(decoding: try JSONSerialization.data(withJSONObject: ["msgtype": "m.text", "body": text]), as: UTF8.self)
        let (status, body) = try await call(.put, "/_matrix/client/v3/rooms/\(Self.escape(room))/send/m.room.message/\(txn)", token: token, json: json)
        guard status == 200, let event = body["event_id"] as? String else { throw Failure(description: "send: \(status) \(body)") }
        return event
    }

    public static func escape(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        guard bound == 0 else { throw Failure(description: "cannot find a free port") }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

extension URL {
    fileprivate func creatingFile() throws -> URL {
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        return self
    }
}
