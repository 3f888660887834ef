import CoreMetrics
public import Foundation
import Metrics
public import OKRStore
import Prometheus
import OKRModel

/// okrd's metrics, recorded through swift-metrics into a Prometheus registry of its own (not the
/// process-wide bootstrap, so several daemons in one test process keep separate counts) and served
/// at `GET /metrics` in the Prometheus text format.
///
/// Counters: `okrd_prompts_total{team}`, `okrd_reminders_total{team}`,
/// `okrd_replies_total{platform}`, `okrd_reply_errors_total{platform}` (lines not understood),
/// `okrd_inbound_requests_total{endpoint,outcome}`, `okrd_deliveries_total{destination,outcome}`,
/// `okrd_escalations_total{level}`, `okrd_errors_total{component}`. Gauges, read from the store at
/// scrape time: `okrd_outbox_messages{state}`, `okrd_outbox_oldest_pending_age_seconds`.
public final class OKRMetrics: Sendable {
    private let registry = PrometheusCollectorRegistry()
    private let factory: PrometheusMetricsFactory

    public init() {
        factory = PrometheusMetricsFactory(registry: registry)
    }

    private func count(_ label: String, _ dimensions: [(String, String)], by amount: Int = 1) {
        guard amount > 0 else { return }
        Counter(label: label, dimensions: dimensions, factory: factory).increment(by: amount)
    }

    public func queued(kind: String, team: String, count amount: Int) {
        switch kind {
        case "prompt": count("okrd_prompts_total", [("team", team)], by: amount)
        case "reminder": count("okrd_reminders_total", [("team", team)], by: amount)
        default: break
        }
    }

    public func escalation(level: Int, count amount: Int = 1) {
        count("okrd_escalations_total", [("level", "\(level)")], by: amount)
    }

    public func replyParsed(platform: String, errors: Int) {
        count("okrd_replies_total", [("platform", platform)])
        count("okrd_reply_errors_total", [("platform", platform)], by: errors)
    }

    public func inbound(_ endpoint: InboundEndpoint, outcome: String) {
        count("okrd_inbound_requests_total", [("endpoint", endpoint.rawValue), ("outcome", outcome)])
    }

    public func delivery(destination: String, outcome: String) {
        count("okrd_deliveries_total", [("destination", destination), ("outcome", outcome)])
    }

    public func error(component: String) {
        count("okrd_errors_total", [("component", component)])
    }

    /// The exposition text, with the outbox gauges refreshed from the store first.
    public func exposition(store: any Store, now: Date) async -> String {
        if let stats = try? await store.outboxStats() {
            for state in [OutboxMessage.State.pending, .sent, .dead] {
                Gauge(label: "okrd_outbox_messages", dimensions: [("state", state.rawValue)], factory: factory).record(stats.counts[state] ?? 0)
            }
            let age = stats.oldestPending.map { max(0, now.timeIntervalSince($0)) } ?? 0
            Gauge(label: "okrd_outbox_oldest_pending_age_seconds", factory: factory).record(age)
        } else {
            error(component: "store")
        }
        return registry.emitToString()
    }
}
