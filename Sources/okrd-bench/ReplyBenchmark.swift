import ChatPlatforms
import OKRDaemon
import CurlHTTP
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import OKRModel
import OKRStore
import OKRWorkflows
import Synchronization

/// Signed Slack commands against a real `okrd run` (the release binary beside this one) over HTTP
/// on 127.0.0.1, from this process: replies/s, p50 and p99 at 1, 16 and 64 concurrent repliers,
/// on an empty store and again after `history` stored replies.
enum ReplyBenchmark {
    static let secret = "8f742231b10e8888abcd99yyyzzz85a5"

    static func run(history: Int = 50_000) async throws {
        let dir = NSTemporaryDirectory() + "okrd-bench-http-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var yaml = try String(contentsOfFile: "config/okrd.example.yaml", encoding: .utf8)
        yaml = yaml.replacingOccurrences(of: "server:\n  listen: \"127.0.0.1:8088\"", with: """
            server:
              listen: "127.0.0.1:0"
            inbound:
              slack:
                signing_secret: \(secret)
            """)
        let configPath = dir + "/okrd.yaml"
        let dbPath = dir + "/okrd.sqlite"
        try yaml.write(toFile: configPath, atomically: true, encoding: .utf8)
        let config = try ConfigLoader(now: Date()).load(path: configPath)
        let organization = config.organization

        // Who replies: everyone with a Slack id, about a key result of theirs with a target.
        let repliers: [(slack: String, key: String, kr: KeyResult)] = organization.people.compactMap { person in
            guard let slack = person.handles[.slack],
                  let kr = organization.keyResults(updatableBy: person.id).first(where: { $0.kind == .increase && $0.target != nil }) else { return nil }
            return (slack, kr.key, kr)
        }
        let serial = Counter()
        let nextBody: @Sendable () -> [UInt8] = {
            let n = serial.next()
            let (slack, key, kr) = repliers[n % repliers.count]
            // Rising values across the quarter's range, so nothing is asked back as implausible.
            let fraction = Double(n % 1_000) / 1_000
            var value = kr.startValue + (kr.target! - kr.startValue) * fraction
            if kr.unit == .count { value = value.rounded() }
            var allowed = CharacterSet.alphanumerics
            allowed.insert(charactersIn: "-._~")
            let fields = [("command", "/okr"), ("text", "\(key) \(kr.format(value)) conf 7"), ("user_id", slack), ("trigger_id", "bench-\(n)-\(UUID().uuidString)")]
            return Array(fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed)!)" }.joined(separator: "&").utf8)
        }

        var client = CurlClient.Configuration()
        client.maxConnectionsPerHost = 64
        client.maxTotalConnections = 64
        let http = CurlClient(configuration: client)
        func measure(_ label: String, base: String) async throws {
            for concurrent in [1, 16, 64] {
                let perReplier = concurrent == 1 ? 400 : max(25, 2_000 / concurrent)
                let (rate, latencies) = try await Self.load(concurrent: concurrent, each: perReplier) {
                    let body = nextBody()
                    let ts = Int(Date().timeIntervalSince1970)
                    var request = HTTPRequest(method: .post, url: base + "/slack/commands")
                    request.headers.add("Content-Type", "application/x-www-form-urlencoded")
                    request.headers.add("X-Slack-Request-Timestamp", "\(ts)")
                    request.headers.add("X-Slack-Signature", InboundVerifier.slackSignature(secret: secret, timestamp: ts, body: body))
                    request.body = body
                    let start = ContinuousClock.now
                    let response = try await http.send(request)
                    let took = EvaluationBenchmark.seconds(since: start)
                    // Recorded, or (a count that went down, say) asked back: either way the whole reply path ran.
                    let text = String(decoding: response.body, as: UTF8.self)
                    guard response.status == 200, text.contains("Recorded") || text.contains("question") else {
                        throw BenchFailure(description: "reply refused: \(response.status) \(String(decoding: response.body, as: UTF8.self).prefix(300))")
                    }
                    return took
                }
                print("replies over HTTP, \(label), \(concurrent) concurrent: \(String(format: "%.0f", rate)) replies/s, " + Self.percentiles(latencies))
            }
        }

        var daemon = try Daemon.start(config: configPath, db: dbPath)
        try await measure("empty store", base: daemon.base)
        daemon.stop()
        // History, stored the way replies store it (a batch per 1,000 rows), while okrd is stopped.
        let store = try SQLiteStore(path: dbPath)
        var batch: [StoreChange] = []
        let start = Date().addingTimeInterval(-Double(history) * 0.37)
        for n in 0..<history {
            let (_, key, kr) = repliers[n % repliers.count]
            let at = start.addingTimeInterval(Double(n) * 0.37)
            let author = organization.people.first { $0.handles[.slack] == repliers[n % repliers.count].slack }!.id
            batch.append(.reply(Reply(deliveryID: "history-\(n)", author: author, platform: "bench", receivedAt: at, text: "\(key) \(kr.startValue)")))
            batch.append(.checkIn(CheckIn(keyResult: key, author: author, at: at, value: kr.startValue, confidence: 6), source: "bench", line: 1))
            if batch.count >= 2_000 { _ = try await store.apply(batch); batch = [] }
        }
        if !batch.isEmpty { _ = try await store.apply(batch) }
        try await store.close()
        daemon = try Daemon.start(config: configPath, db: dbPath)
        try await measure("after \(history) stored replies", base: daemon.base)
        daemon.stop()
        await http.shutdown()
    }

    /// Runs `one` `each` times on each of `concurrent` workers; returns the rate and the sorted
    /// latencies (seconds) `one` reported.
    static func load(concurrent: Int, each: Int, _ one: @escaping @Sendable () async throws -> Double) async throws -> (rate: Double, latencies: [Double]) {
        let began = ContinuousClock.now
        let latencies = try await withThrowingTaskGroup(of: [Double].self) { group in
            for _ in 0..<concurrent {
                group.addTask {
                    var times: [Double] = []
                    for _ in 0..<each { times.append(try await one()) }
                    return times
                }
            }
            var all: [Double] = []
            for try await times in group { all += times }
            return all.sorted()
        }
        return (Double(latencies.count) / EvaluationBenchmark.seconds(since: began), latencies)
    }

    /// `p50 1.2 ms, p99 4.5 ms over 2000` from sorted latencies.
    static func percentiles(_ sorted: [Double]) -> String {
        "p50 \(ReplyPathBenchmark.ms(sorted[sorted.count / 2])), p99 \(ReplyPathBenchmark.ms(sorted[sorted.count * 99 / 100])) over \(sorted.count)"
    }

    final class Counter: Sendable {
        private let value = Mutex(0)
        func next() -> Int { value.withLock { $0 += 1; return $0 } }
    }

    struct BenchFailure: Error, CustomStringConvertible {
        var description: String
    }

    /// `okrd run` as a child process, listening on a free port.
    struct Daemon {
        let process: Process
        let base: String

        static func start(config: String, db: String) throws -> Daemon {
            let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("okrd")
            let process = Process()
            process.executableURL = binary
            process.arguments = ["run", "--config", config, "--db", db, "--log-level", "info"]
            process.environment = ProcessInfo.processInfo.environment.merging(["OKRD_LOG_LEVEL": "info"]) { $1 }
            let errors = Pipe()
            process.standardError = errors
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            // The log line that says it runs names the port.
            var seen = ""
            while !seen.contains("okrd is running") {
                let data = errors.fileHandleForReading.availableData
                if data.isEmpty { throw BenchFailure(description: "okrd run exited: \(seen)") }
                seen += String(decoding: data, as: UTF8.self)
            }
            // Keep draining its log so it never blocks on a full pipe.
            errors.fileHandleForReading.readabilityHandler = { _ = $0.availableData }
            guard let range = seen.range(of: #"listen=127\.0\.0\.1:(\d+)"#, options: .regularExpression) else {
                throw BenchFailure(description: "no port in: \(seen)")
            }
            let port = seen[range].split(separator: ":").last!
            return Daemon(process: process, base: "http://127.0.0.1:\(port)")
        }

        func stop() {
            kill(process.processIdentifier, SIGTERM)
            process.waitUntilExit()
        }
    }
}
