import ChatPlatforms
import CurlHTTP
import Foundation
import OKRTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A `$NOTIFY_SOCKET` the way systemd provides it: a unix datagram socket the test reads.
final class NotifySocket: @unchecked Sendable {  // used from one thread at a time
    let path: String
    private let fd: Int32

    init(directory: String) throws {
        path = directory + "/notify.sock"
        fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in bytes.enumerated() { raw[index] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard fd >= 0, bound == 0 else { throw POSIXError(.EADDRNOTAVAIL) }
    }

    deinit { close(fd) }

    /// The next datagram, or nil when none arrives within `seconds` (a safety net, not a timing).
    func receive(within seconds: Int32 = 60) -> String? {
        var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, seconds * 1000) == 1 else { return nil }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = recv(fd, &buffer, buffer.count, 0)
        return count > 0 ? String(decoding: buffer[..<count], as: UTF8.self) : nil
    }

    /// Datagrams until one contains `needle`; returns all of them read.
    func receive(until needle: String) -> [String] {
        var seen: [String] = []
        while let message = receive() {
            seen.append(message)
            if message.contains(needle) { break }
        }
        return seen
    }
}

@Suite("okrd as a systemd service", .serialized)
struct ServiceTests {
    static func directory() throws -> String {
        let dir = NSTemporaryDirectory() + "okrd-svc-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test("READY, RELOADING and STOPPING reach $NOTIFY_SOCKET; /healthz answers while it runs")
    func notifyAndHealth() async throws {
        let dir = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let socket = try NotifySocket(directory: dir)
        let configPath = dir + "/okrd.yaml"
        let key = Array((0..<32).map { UInt8($0 * 3 & 0xff) })
        try RunCommandTests.config(url: "http://127.0.0.1:9/unused", extra: "inbound:\n  webhook:\n    secret: ${T_WEBHOOK}")
            .write(toFile: configPath, atomically: true, encoding: .utf8)
        let okrd = try RunningOKRD(["run", "--config", configPath, "--db", dir + "/okrd.sqlite", "--listen", "127.0.0.1:0"],
                                   environment: ["NOTIFY_SOCKET": socket.path, "T_WEBHOOK": "whsec_" + Data(key).base64EncodedString()])
        let ready = try await onOwnThread { socket.receive(until: "READY=1") }
        #expect(ready.last?.contains("READY=1") == true, "\(ready) \(okrd.log)")
        #expect(ready.last?.contains("STATUS=running") == true)

        // The port it chose is in the start line.
        #expect(await okrd.waitForLog("okrd is running"))
        let listen = try #require(okrd.log.split(separator: " ").first { $0.hasPrefix("listen=") })
        let client = CurlClient()
        let health = try await client.send(HTTPRequest(url: "http://\(listen.dropFirst("listen=".count))/healthz"))
        #expect(health.status == 200)
        #expect(String(decoding: health.body, as: UTF8.self).contains(#""status":"ok""#))

        // A signed reply through the running daemon is recorded once, a replay is recognised,
        // a forged one refused.
        let body = Array(#"{"person":"maria","text":"k 3 conf 7 - first deal signed"}"#.utf8)
        let ts = Int(Date().timeIntervalSince1970)
        func signed(_ id: String, key: [UInt8]) -> HTTPRequest {
            HTTPRequest(method: .post, url: "http://\(listen.dropFirst("listen=".count))/webhook", headers: [
                "webhook-id": id, "webhook-timestamp": "\(ts)", "Content-Type": "application/json",
                "webhook-signature": InboundVerifier.standardWebhookSignature(key: key, id: id, timestamp: ts, body: body),
            ], body: body)
        }
        let first = try await client.send(signed("evt_1", key: key))
        #expect(first.status == 200)
        func field(_ response: HTTPResponse, _ name: String) -> Bool? {
            ((try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any])?[name] as? Bool
        }
        #expect(field(first, "recorded") == true)
        let replay = try await client.send(signed("evt_1", key: key))
        #expect(field(replay, "duplicate") == true)
        #expect(try await client.send(signed("evt_2", key: Array(repeating: 1, count: 32))).status == 401)
        await client.shutdown()

        okrd.signal(SIGHUP)
        let reload = try await onOwnThread { socket.receive(until: "READY=1") }
        #expect(reload.first?.contains("RELOADING=1") == true, "\(reload)")
        #expect(reload.first?.contains("MONOTONIC_USEC=") == true)
        okrd.signal(SIGTERM)
        #expect(try await onOwnThread { socket.receive(until: "STOPPING=1") }.last?.contains("STOPPING=1") == true)
        #expect(await okrd.waitForExit() == 0)
    }

    @Test("A taken address stops okrd run at once with a clear error")
    func addressInUse() async throws {
        let dir = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let holder = try await TestHTTPServer.start { _ in .respond(status: 204) }
        defer { Task { await holder.shutdown() } }
        let port = holder.port
        let configPath = dir + "/okrd.yaml"
        try RunCommandTests.config(url: "http://127.0.0.1:9/unused").write(toFile: configPath, atomically: true, encoding: .utf8)
        let okrd = try RunningOKRD(["run", "--config", configPath, "--db", dir + "/okrd.sqlite", "--listen", "127.0.0.1:\(port)"])
        #expect(await okrd.waitForExit() == 69)
        #expect(okrd.log.contains("cannot listen on 127.0.0.1:\(port)"), "\(okrd.log)")
    }

    @Test("install.sh stages the binary, configuration, environment file and a hardened unit")
    func install() throws {
        let dir = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let root = ProcessRunner.packageRoot()
        let script = root.appendingPathComponent("deploy/install.sh")
        let result = try ProcessRunner.run(script, ["--destdir", dir, "--binary", OKRD.binary.path])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let files = FileManager.default
        #expect(files.isExecutableFile(atPath: dir + "/usr/local/bin/okrd"))
        #expect(files.fileExists(atPath: dir + "/etc/okrd/okrd.yaml"))
        let env = try files.attributesOfItem(atPath: dir + "/etc/okrd/okrd.env")
        #expect((env[.posixPermissions] as? Int) == 0o600)
        let credentials = try files.attributesOfItem(atPath: dir + "/etc/okrd/credentials")
        #expect((credentials[.posixPermissions] as? Int) == 0o700)
        // The man page and the completions, made by the binary from its own help.
        let manual = try String(contentsOfFile: dir + "/usr/local/share/man/man1/okrd.1", encoding: .utf8)
        #expect(manual.hasPrefix(".TH OKRD 1"))
        #expect(manual.contains(".SS okrd migrate"))
        #expect(manual.contains(".SS okrd outbox retry"))
        for completion in ["/usr/local/share/bash-completion/completions/okrd", "/usr/local/share/zsh/site-functions/_okrd", "/usr/local/share/fish/vendor_completions.d/okrd.fish"] {
            let text = (try? String(contentsOfFile: dir + completion, encoding: .utf8)) ?? ""
            #expect(text.contains("migrate") && text.contains("outbox"), "\(completion)")
        }
        let unit = try String(contentsOfFile: dir + "/etc/systemd/system/okrd.service", encoding: .utf8)
        for directive in ["Type=notify", "DynamicUser=yes", "StateDirectory=okrd", "ProtectSystem=strict", "NoNewPrivileges=yes",
                          "ExecReload=/bin/kill -HUP $MAINPID", "WatchdogSec=", "CapabilityBoundingSet=\n", "RestartPreventExitStatus=78"] {
            #expect(unit.contains(directive), "the unit lacks \(directive)")
        }
        // A second run keeps the edited configuration.
        try "# edited\n".write(toFile: dir + "/etc/okrd/okrd.yaml", atomically: true, encoding: .utf8)
        _ = try ProcessRunner.run(script, ["--destdir", dir, "--binary", OKRD.binary.path])
        #expect(try String(contentsOfFile: dir + "/etc/okrd/okrd.yaml", encoding: .utf8) == "# edited\n")

        // Uninstalling keeps configuration and data unless purged.
        #expect(try ProcessRunner.run(script, ["--destdir", dir, "--uninstall"]).status == 0)
        #expect(!files.fileExists(atPath: dir + "/usr/local/bin/okrd"))
        #expect(!files.fileExists(atPath: dir + "/etc/systemd/system/okrd.service"))
        #expect(!files.fileExists(atPath: dir + "/usr/local/share/man/man1/okrd.1"))
        #expect(files.fileExists(atPath: dir + "/etc/okrd/okrd.yaml"))
        #expect(try ProcessRunner.run(script, ["--destdir", dir, "--uninstall", "--purge"]).status == 0)
        #expect(!files.fileExists(atPath: dir + "/etc/okrd"))
    }

    @Test("The unit passes systemd-analyze verify silently and rates 1.5 or better in its security review",
          .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/systemd-analyze"), "systemd-analyze is not installed"))
    func unitReview() throws {
        let dir = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // The unit as installed, pointing at the binary this build made.
        let unit = try String(contentsOf: OKRD.root.appendingPathComponent("deploy/okrd.service"), encoding: .utf8)
            .replacingOccurrences(of: "/usr/local/bin/okrd", with: OKRD.binary.path)
        try unit.write(toFile: dir + "/okrd.service", atomically: true, encoding: .utf8)
        let analyze = URL(fileURLWithPath: "/usr/bin/systemd-analyze")
        let verify = try ProcessRunner.run(analyze, ["verify", dir + "/okrd.service"])
        #expect(verify.stderr.isEmpty, "systemd-analyze verify: \(verify.stderr)")
        let security = try ProcessRunner.run(analyze, ["security", "--offline=true", "--no-pager", dir + "/okrd.service"])
        let line = try #require((security.stdout + security.stderr).split(separator: "\n").first { $0.contains("Overall exposure level") })
        let score = try #require(line.split(separator: " ").compactMap { Double($0) }.first)
        #expect(score <= 1.5, "\(line)")
    }
}

@Suite("The dashboard in a real headless browser", .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium"), "Chromium is not installed (apt-get install chromium)"))
struct DashboardBrowserTests {
    @Test("The page loads in Chromium with no console errors, the radar chart and the key results drawn")
    func chromium() throws {
        let out = NSTemporaryDirectory() + "okrd-dashboard-" + UUID().uuidString + ".png"
        defer { try? FileManager.default.removeItem(atPath: out) }
        let script = OKRD.root.appendingPathComponent("Tests/dashboard-screenshot.sh")
        var environment = ProcessInfo.processInfo.environment
        environment["OKRD"] = OKRD.binary.path
        let result = try ProcessRunner.run(script, [out], environment: environment)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: out))
    }
}
