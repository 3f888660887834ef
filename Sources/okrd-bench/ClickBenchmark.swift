import ChatPlatforms
import CurlHTTP
import Foundation
import OKRDaemon
import OKRModel
import OKRTestSupport
import OKRWorkflows
import Synchronization

/// Slack "Check in" clicks against a real `okrd run` over HTTP: each signed click makes okrd read
/// the clicker's key results and call `views.open` on a local fake Slack Web API before it
/// answers. Prints clicks answered per second and p50/p99 click-to-form latency (from sending the
/// click until the fake Slack received the form) at 1, 16 and 64 concurrent clickers.
enum ClickBenchmark {
    static func run(clicks: Int = 2_000) async throws {
        let dir = NSTemporaryDirectory() + "okrd-bench-clicks-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // The fake Slack: notes when each trigger's form arrived, answers ok.
        let arrivals = ArrivalLog()
        let slack = try await TestHTTPServer.start(recording: false) { request in
            if let json = try? JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any], let trigger = json["trigger_id"] as? String {
                arrivals.note(trigger)
            }
            return .json(200, #"{"ok":true,"view":{"id":"V1"}}"#)
        }
        var yaml = try String(contentsOfFile: "config/okrd.example.yaml", encoding: .utf8)
        yaml = yaml.replacingOccurrences(of: "server:\n  listen: \"127.0.0.1:8088\"", with: """
            server:
              listen: "127.0.0.1:0"
            inbound:
              slack:
                signing_secret: \(ReplyBenchmark.secret)
                bot_token: xoxb-bench-token
                api_url: \(slack.baseURL)/api
            """)
        let configPath = dir + "/okrd.yaml"
        try yaml.write(toFile: configPath, atomically: true, encoding: .utf8)
        let config = try ConfigLoader(now: Date()).load(path: configPath)
        let clickers = config.organization.people.compactMap { $0.handles[.slack] }

        var settings = CurlClient.Configuration()
        settings.maxConnectionsPerHost = 64
        settings.maxTotalConnections = 64
        let http = CurlClient(configuration: settings)
        let daemon = try ReplyBenchmark.Daemon.start(config: configPath, db: dir + "/okrd.sqlite")
        defer { daemon.stop() }
        let serial = ReplyBenchmark.Counter()
        for concurrent in [1, 16, 64] {
            let perClicker = max(10, clicks / concurrent)
            let (rate, latencies) = try await ReplyBenchmark.load(concurrent: concurrent, each: perClicker) {
                let n = serial.next()
                let trigger = "bench-\(n)"
                let payload = #"{"type":"block_actions","user":{"id":"\#(clickers[n % clickers.count])"},"trigger_id":"\#(trigger)","#
                    + #""actions":[{"type":"button","action_id":"okrd_open_checkin","value":"sales-emea","action_ts":"1"}]}"#
                var allowed = CharacterSet.alphanumerics
                allowed.insert(charactersIn: "-._~")
                let body = Array("payload=\(payload.addingPercentEncoding(withAllowedCharacters: allowed)!)".utf8)
                let ts = Int(Date().timeIntervalSince1970)
                var request = HTTPRequest(method: .post, url: daemon.base + "/slack/interactions")
                request.headers.add("Content-Type", "application/x-www-form-urlencoded")
                request.headers.add("X-Slack-Request-Timestamp", "\(ts)")
                request.headers.add("X-Slack-Signature", InboundVerifier.slackSignature(secret: ReplyBenchmark.secret, timestamp: ts, body: body))
                request.body = body
                let start = Date()
                let response = try await http.send(request)
                guard response.status == 200, let formAt = arrivals.take(trigger) else {
                    throw ReplyBenchmark.BenchFailure(description: "click \(n): HTTP \(response.status), no form opened")
                }
                return max(formAt, Date()).timeIntervalSince(start)
            }
            print("clicks over HTTP, \(concurrent) concurrent: \(String(format: "%.0f", rate)) clicks/s answered with a form, click-to-form " + ReplyBenchmark.percentiles(latencies))
        }
        await http.shutdown()
        await slack.shutdown()
    }

    /// When the fake Slack received each trigger's form.
    final class ArrivalLog: Sendable {
        private let arrivals = Mutex<[String: Date]>([:])
        func note(_ trigger: String) { arrivals.withLock { $0[trigger] = Date() } }
        func take(_ trigger: String) -> Date? { arrivals.withLock { $0.removeValue(forKey: trigger) } }
    }
}
