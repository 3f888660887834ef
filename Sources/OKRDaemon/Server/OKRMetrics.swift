public import Foundation
public import OKRStore
import Prometheus
public import OKRModel

/// okrd's metrics, recorded through swift-metrics into a Prometheus registry of its own (not the
/// process-wide bootstrap, so several daemons in one test process keep separate counts) and served
/// at `GET /metrics` in the Prometheus text format.
///
/// Counters: `okrd_prompts_total{team}`, `okrd_reminders_total{team}`,
/// `okrd_replies_total{platform}`, `okrd_reply_errors_total{platform}` (lines not understood),
/// `okrd_inbound_requests_total{endpoint,outcome}`, `okrd_deliveries_total{destination,outcome}`,
/// `okrd_escalations_total{level}`, `okrd_errors_total{component}`: this process's own, so with
/// replicas they add up across them. Gauges, read from the store at scrape time and labelled
/// `scope="database"` (every replica reports the same shared figure: take one, never the sum):
/// `okrd_outbox_messages{state}`, `okrd_outbox_oldest_pending_age_seconds`. `okrd_leader` is 1 on
/// the process that runs the schedules (the only one, or the replicas' leader). And the `process_*`
/// basics (CPU, memory, file descriptors, start time).
public final class OKRMetrics: Sendable {
    private let registry = PrometheusCollectorRegistry()

    /// Every metric's HELP text (a name without one is a mistake caught by the tests).
    static let help: [String: String] = [
        "okrd_build_info": "okrd's version, the Swift it was built with and its libcurl; always 1",
        "okrd_prompts_total": "Weekly check-in prompts queued, by team",
        "okrd_reminders_total": "Reminders queued, by team",
        "okrd_replies_total": "Replies read, by platform",
        "okrd_reply_errors_total": "Lines of replies okrd could not read, by platform",
        "okrd_inbound_requests_total": "Requests to the reply server's endpoints, by endpoint and outcome",
        "okrd_deliveries_total": "Delivery attempts, by destination and outcome",
        "okrd_escalations_total": "At-risk alerts (level 2) and escalations (level 3) queued",
        "okrd_errors_total": "Errors, by component",
        "okrd_outbox_messages": "Messages in the outbox, by state",
        "okrd_outbox_oldest_pending_age_seconds": "Age of the oldest message waiting to be sent",
        "okrd_leader": "1 when this process runs the schedules (the only okrd, or the replicas' leader), else 0",
        "okrd_reply_duration_seconds": "Time from a reply's request to its recorded answer, in seconds",
        "okrd_delivery_duration_seconds": "Time a delivery request took, by destination, in seconds",
    ]

    /// Buckets for both durations: 1 ms to 30 s.
    static let buckets: [Duration] = [.milliseconds(1), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
                                      .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2_500), .seconds(5), .seconds(10), .seconds(30)]

    public init() {
        gauge("okrd_build_info", [("version", Build.version), ("swift", Build.swift), ("libcurl", Build.libcurl)]).set(1.0)
        // Counters exist from the start (at 0), so a rate over them never starts with a gap.
        for level in 2...3 { counter("okrd_escalations_total", [("level", "\(level)")]) }
        for component in ["store", "scheduler", "delivery"] { counter("okrd_errors_total", [("component", component)]) }
        leader(false)
        _ = histogram("okrd_reply_duration_seconds")
    }

    /// Whether this process runs the schedules now.
    public func leader(_ leads: Bool) {
        gauge("okrd_leader").set(leads ? 1.0 : 0.0)
    }

    /// The teams, destinations and platforms okrd knows: their counters start at 0.
    public func prepare(teams: [String], destinations: [String], platforms: [String]) {
        for destination in destinations { _ = histogram("okrd_delivery_duration_seconds", [("destination", destination)]) }
        for team in teams {
            counter("okrd_prompts_total", [("team", team)])
            counter("okrd_reminders_total", [("team", team)])
        }
        for platform in platforms {
            counter("okrd_replies_total", [("platform", platform)])
            counter("okrd_reply_errors_total", [("platform", platform)])
        }
        for destination in destinations {
            for outcome in ["sent", "retry", "dead"] { counter("okrd_deliveries_total", [("destination", destination), ("outcome", outcome)]) }
        }
    }

    private static func descriptor(_ name: String) -> MetricNameDescriptor {
        MetricNameDescriptor(metricName: name, unitName: "", helpText: help[name] ?? "")
    }

    @discardableResult
    private func counter(_ name: String, _ labels: [(String, String)]) -> Counter {
        registry.makeCounter(descriptor: Self.descriptor(name), labels: labels)
    }

    private func count(_ label: String, _ dimensions: [(String, String)], by amount: Int = 1) {
        guard amount > 0 else { return }
        counter(label, dimensions).increment(by: Int64(amount))
    }

    private func gauge(_ name: String, _ labels: [(String, String)] = []) -> Gauge {
        registry.makeGauge(descriptor: Self.descriptor(name), labels: labels)
    }

    public func queued(kind: String, team: String, count amount: Int) {
        switch kind {
        case "prompt": count("okrd_prompts_total", [("team", team)], by: amount)
        case "reminder": count("okrd_reminders_total", [("team", team)], by: amount)
        default: break
        }
    }

    /// Counts what a fired occurrence queued: each message once, not once per part it was split
    /// into (`key#2/3`) or per chart sent after it (`key#image`).
    public func queued(_ changes: [StoreChange], team: String) {
        var counted = Set<String>()
        for case .enqueue(let message) in changes {
            guard counted.insert(String(message.idempotencyKey.prefix { $0 != "#" })).inserted else { continue }
            queued(kind: message.kind, team: team, count: 1)
            if message.kind == "alert" { escalation(level: 2) }
            if message.kind == "escalation" { escalation(level: 3) }
        }
    }

    public func escalation(level: Int, count amount: Int = 1) {
        count("okrd_escalations_total", [("level", "\(level)")], by: amount)
    }

    private func histogram(_ name: String, _ labels: [(String, String)] = []) -> DurationHistogram {
        registry.makeDurationHistogram(descriptor: Self.descriptor(name), labels: labels, buckets: Self.buckets)
    }

    /// How long one reply took to record (its request to its answer).
    public func replyDuration(_ duration: Duration) {
        histogram("okrd_reply_duration_seconds").record(duration)
    }

    public func replyParsed(platform: String, errors: Int) {
        count("okrd_replies_total", [("platform", platform)])
        count("okrd_reply_errors_total", [("platform", platform)], by: errors)
    }

    public func inbound(_ endpoint: InboundEndpoint, outcome: String) {
        count("okrd_inbound_requests_total", [("endpoint", endpoint.rawValue), ("outcome", outcome)])
    }

    public func delivery(destination: String, outcome: String, duration: Duration? = nil) {
        if let duration { histogram("okrd_delivery_duration_seconds", [("destination", destination)]).record(duration) }
        count("okrd_deliveries_total", [("destination", destination), ("outcome", outcome)])
    }

    public func error(component: String) {
        count("okrd_errors_total", [("component", component)])
    }

    /// The exposition text, with the outbox gauges refreshed from the store first.
    public func exposition(store: any Store, now: Date) async -> String {
        if let stats = try? await store.outboxStats() {
            for state in [OutboxMessage.State.pending, .sent, .dead] {
                gauge("okrd_outbox_messages", [("state", state.rawValue), ("scope", "database")]).set(Double(stats.counts[state] ?? 0))
            }
            let age = stats.oldestPending.map { max(0, now.timeIntervalSince($0)) } ?? 0
            gauge("okrd_outbox_oldest_pending_age_seconds", [("scope", "database")]).set(age)
        } else {
            error(component: "store")
        }
        return registry.emitToString() + Self.processMetrics()
    }

    /// The `process_*` basics Prometheus clients export, read from /proc at scrape time: CPU seconds,
    /// resident and virtual memory, open and maximum file descriptors, start time.
    static func processMetrics() -> String {
        guard let stat = try? String(contentsOfFile: "/proc/self/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return "" }
        // Fields after the command name (which may hold spaces): field 3 is the first.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        func field(_ n: Int) -> Double? { fields.count > n - 3 ? Double(fields[n - 3]) : nil }
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        let page = Double(sysconf(Int32(_SC_PAGESIZE)))
        var text = ""
        func metric(_ name: String, _ type: String, _ help: String, _ value: Double?) {
            guard let value else { return }
            text += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n\(name) \(value)\n"
        }
        metric("process_cpu_seconds_total", "counter", "Total user and system CPU time spent in seconds",
               field(14).flatMap { user in field(15).map { (user + $0) / ticks } })
        metric("process_resident_memory_bytes", "gauge", "Resident memory size in bytes", field(24).map { $0 * page })
        metric("process_virtual_memory_bytes", "gauge", "Virtual memory size in bytes", field(23))
        let boot = (try? String(contentsOfFile: "/proc/stat", encoding: .utf8))?.split(separator: "\n")
            .first { $0.hasPrefix("btime ") }.flatMap { Double($0.dropFirst(6).trimmingCharacters(in: .whitespaces)) }
        metric("process_start_time_seconds", "gauge", "Start time of the process since unix epoch in seconds",
               boot.flatMap { b in field(22).map { b + $0 / ticks } })
        metric("process_open_fds", "gauge", "Number of open file descriptors",
               (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")).map { Double($0.count) })
        var limit = rlimit()
        metric("process_max_fds", "gauge", "Maximum number of open file descriptors",
               getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 ? Double(limit.rlim_cur) : nil)
        return text
    }
}
