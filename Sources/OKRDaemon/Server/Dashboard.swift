public import ChatPlatforms
public import Foundation
import OKRModel
public import OKRStore
public import OKRWorkflows

/// The read-only dashboard: every team's radar chart, objectives and key results with progress,
/// status, escalation level and a sparkline of their history, open action items and escalations.
///
/// Access: with `server.dashboard_token` set, a request must carry it (`Authorization: Bearer …`
/// or `?token=`). Without one it fails closed: when okrd is published (`server.public_url`)
/// nothing is served; otherwise only direct requests from the loopback interface (a request that
/// came through a proxy, with `Forwarded` or `X-Forwarded-For`, is not "local").
/// Everything people wrote is escaped; the page has no script and a strict CSP.
public struct Dashboard: Sendable {
    public let config: OKRConfig
    public let store: any Store

    public init(config: OKRConfig, store: any Store) {
        self.config = config
        self.store = store
    }

    public enum Access: Equatable, Sendable { case allowed, needsToken, wrongToken }

    public static func access(config: OKRConfig, headers: InboundHeaders, query: [String: String], peerIsLoopback: Bool) -> Access {
        if let token = config.server.dashboardToken {
            var presented = query["token"]
            if let header = headers["Authorization"], header.hasPrefix("Bearer ") { presented = String(header.dropFirst(7)) }
            guard let presented else { return .needsToken }
            return InboundVerifier.constantTimeEqual(Array(token.value.utf8), Array(presented.utf8)) ? .allowed : .wrongToken
        }
        // Published (a public URL is set): a proxy on this machine makes every request look local,
        // and a plain `proxy_pass` adds no forwarding header, so only the token opens it.
        if config.server.publicURL != nil { return .needsToken }
        let proxied = headers["Forwarded"] != nil || headers["X-Forwarded-For"] != nil || headers["X-Real-IP"] != nil
        return peerIsLoopback && !proxied ? .allowed : .needsToken
    }

    public func page(team filter: String?, now: Date) async -> InboundResponse {
        let organization = config.organization
        let snapshot: Snapshot
        do {
            snapshot = try await Snapshot.load(organization, store: store, at: now)
        } catch {
            return Self.document(status: 503, title: "okrd", body: "<p class=\"error\">okrd cannot read its database just now.</p>")
        }
        let period = organization.period
        var body = "<header><h1>okrd · \(html(period.id))</h1><p>\(Int((period.elapsedFraction(at: now) * 100).rounded()))% of the period elapsed · as of \(html(ISO8601DateFormatter().string(from: now)))</p>"
        body += "<nav>" + organization.teams.map { "<a href=\"?team=\(html($0.id))\">\(html($0.name))</a>" }.joined(separator: " · ") + " · <a href=\"?\">all teams</a></nav></header>"
        for team in organization.teams where filter == nil || filter == team.id {
            body += "<section class=\"team\"><h2>\(html(team.name))</h2><div class=\"radar\">\(RadarChart(team: team, snapshot: snapshot).svg())</div>"
            for report in snapshot.objectiveReports(team: team.id) {
                // Statuses as words with a dot drawn in CSS: no emoji font needed to read them.
                body += "<h3>\(Self.status(report.status)) \(html(report.objective.title)) <span class=\"meta\">\(percent(report.progress)) of \(percent(report.expected)) expected</span></h3>"
                if !report.reasons.isEmpty { body += "<p class=\"meta\">\(html(report.reasons.joined(separator: "; ")))</p>" }
                body += "<table><thead><tr><th>key result</th><th>owner</th><th>value</th><th>progress</th><th>status</th><th>history</th><th>escalation</th></tr></thead><tbody>"
                for kr in report.keyResults {
                    let owner = kr.keyResult.owner.flatMap { organization.person($0)?.name } ?? "—"
                    let level = snapshot.escalation[kr.keyResult.key]?.memory.level ?? 0
                    let value = kr.lastCheckIn == nil ? "—" : kr.keyResult.format(kr.currentValue)
                    body += "<tr><td>\(html(kr.keyResult.title)) <code>\(html(kr.keyResult.key))</code></td><td>\(html(owner))</td><td>\(html(value))</td>"
                    body += "<td><span class=\"bar\"><span style=\"width:\(Int((kr.clampedProgress * 100).rounded()))%\"></span></span> \(percent(kr.progress)) / \(percent(kr.expected))</td>"
                    body += "<td>\(Self.status(kr.status))\(kr.flags.isEmpty ? "" : "<br><small>\(html(kr.flags.map(\.rawValue).joined(separator: ", ")))</small>")</td>"
                    body += "<td>\(Self.sparkline(snapshot.checkIns[kr.keyResult.key] ?? [], keyResult: kr.keyResult))</td><td>\(level == 0 ? "—" : "level \(level)")</td></tr>"
                }
                body += "</tbody></table>"
            }
            let members = Set(team.members)
            let open = snapshot.actionItems.filter { $0.doneAt == nil && members.contains($0.owner) }
            if !open.isEmpty {
                body += "<h3>Open action items</h3><ul>" + open.map { action in
                    "<li><code>AI-\(action.id)</code> \(html(action.text)) · \(html(organization.person(action.owner)?.name ?? action.owner))\(action.due.map { " · due \(html($0.description))" } ?? "")</li>"
                }.joined() + "</ul>"
            }
            let escalated = snapshot.objectiveReports(team: team.id).flatMap(\.keyResults).filter { (snapshot.escalation[$0.keyResult.key]?.memory.level ?? 0) >= 2 }
            if !escalated.isEmpty {
                body += "<h3>Escalations</h3><ul>" + escalated.map { kr in
                    let state = snapshot.escalation[kr.keyResult.key]
                    return "<li>level \(state?.memory.level ?? 0): \(html(kr.keyResult.title))\(state?.memory.reason.map { " — \(html($0))" } ?? "")</li>"
                }.joined() + "</ul>"
            }
            body += "</section>"
        }
        return Self.document(status: 200, title: "okrd · \(period.id)", body: body)
    }

    /// A status as a coloured dot and its word.
    static func status(_ status: Status) -> String {
        "<span class=\"s-\(status.rawValue)\"><span class=\"dot\"></span> \(html(status.label))</span>"
    }

    /// An inline SVG line of a key result's values over the period.
    static func sparkline(_ checkIns: [CheckIn], keyResult: KeyResult) -> String {
        let values = checkIns.compactMap(\.value)
        guard values.count >= 2 else { return values.isEmpty ? "—" : "<small>1 value</small>" }
        let low = min(values.min()!, keyResult.startValue)
        let high = max(values.max()!, keyResult.goalValue)
        let span = high - low == 0 ? 1 : high - low
        let points = values.enumerated().map { index, value in
            String(format: "%.1f,%.1f", Double(index) / Double(values.count - 1) * 96 + 2, 22 - (value - low) / span * 20)
        }.joined(separator: " ")
        return "<svg class=\"spark\" width=\"100\" height=\"24\" viewBox=\"0 0 100 24\" role=\"img\" aria-label=\"history\"><polyline points=\"\(points)\" fill=\"none\" stroke=\"#2563eb\" stroke-width=\"1.5\"/></svg>"
    }

    static func document(status: Int, title: String, body: String) -> InboundResponse {
        let text = """
        <!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
        <title>\(html(title))</title><style>
        body{font:15px/1.4 system-ui,sans-serif;margin:1rem auto;max-width:72rem;padding:0 1rem;color:#111827}
        table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}th,td{border-bottom:1px solid #e5e7eb;padding:.3rem .4rem;text-align:left;vertical-align:top}
        .meta{color:#6b7280;font-weight:normal;font-size:.9rem}.bar{display:inline-block;width:80px;height:8px;background:#e5e7eb;border-radius:4px;overflow:hidden;vertical-align:middle}
        .bar span{display:block;height:100%;background:#2563eb}.radar svg{max-width:100%;height:auto}
        .dot{display:inline-block;width:.65em;height:.65em;border-radius:50%;background:currentColor;vertical-align:baseline}
        .s-complete,.s-on_track{color:#15803d}.s-at_risk{color:#b45309}.s-in_trouble{color:#b91c1c}.s-no_data{color:#6b7280}
        section.team{border-top:2px solid #e5e7eb;margin-top:1.5rem}.error{color:#b91c1c}
        </style></head><body>\(body)</body></html>
        """
        return InboundResponse(status: status, contentType: "text/html; charset=utf-8", body: Array(text.utf8), headers: [
            ("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"),
            ("X-Content-Type-Options", "nosniff"), ("Referrer-Policy", "no-referrer"), ("Cache-Control", "no-store"),
        ])
    }

    private func percent(_ value: Double) -> String { "\(Int((min(9.99, max(-9.99, value)) * 100).rounded()))%" }
}
