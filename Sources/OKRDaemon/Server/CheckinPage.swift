public import ChatPlatforms
import CheckinParser
public import Foundation
import OKRModel
public import OKRStore
public import OKRWorkflows

/// The personal check-in page for people whose platform has no reply path (Teams Workflows,
/// Google Chat, plain webhooks). Plain HTML and a little CSS, no script; it works on a phone.
///
/// The form is turned into reply lines in okrd's reply language and recorded through the same
/// `ReplyIntake` as chat replies, so authorisation, validation and confirmations are the same.
/// Safety: every value shown is HTML-escaped; the response forbids scripts, framing and foreign
/// form targets (CSP); the form carries an anti-forgery value bound to the link and a nonce, and
/// the nonce is the reply's delivery id, so a double submit records once; cross-site posts are
/// refused; the link (a credential) is kept out of referrers and caches.
public struct CheckinPage: Sendable {
    public let config: OKRConfig
    public let store: any Store
    public let links: CheckinLinks

    public init(config: OKRConfig, store: any Store, links: CheckinLinks) {
        self.config = config
        self.store = store
        self.links = links
    }

    public static let securityHeaders: [(String, String)] = [
        ("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"),
        ("X-Content-Type-Options", "nosniff"),
        ("X-Frame-Options", "DENY"),
        // same-origin, not no-referrer: with no-referrer browsers send `Origin: null` on the form's
        // POST. Other sites still never see the link.
        ("Referrer-Policy", "same-origin"),
        ("Cache-Control", "no-store"),
    ]

    public func get(token: String, now: Date) async -> InboundResponse {
        let person: Person
        switch resolve(token, now: now) {
        case .success(let found): person = found
        case .failure(let refusal): return page(status: refusal == .expired ? 410 : 403, title: "Check-in link", body: "<p class=\"error\">\(html(refusal.description))</p>")
        }
        return await form(for: person, token: token, now: now, notice: "")
    }

    public func post(token: String, headers: InboundHeaders, body: [UInt8], now: Date) async -> InboundResponse {
        let person: Person
        switch resolve(token, now: now) {
        case .success(let found): person = found
        case .failure(let refusal): return page(status: refusal == .expired ? 410 : 403, title: "Check-in link", body: "<p class=\"error\">\(html(refusal.description))</p>")
        }
        if let site = headers["Sec-Fetch-Site"], site == "cross-site" {
            return page(status: 403, title: "Check-in", body: "<p class=\"error\">Refused: this form was sent from another site.</p>")
        }
        if !Self.sameOrigin(headers, publicURL: config.server.publicURL) {
            return page(status: 403, title: "Check-in", body: "<p class=\"error\">Refused: this form was sent from another site.</p>")
        }
        let fields = FormDecoder.decode(body)
        guard let nonce = fields["nonce"], nonce.count <= 64, !nonce.isEmpty, let presented = fields["form"],
              links.checkFormToken(presented, link: token, nonce: nonce) else {
            return page(status: 403, title: "Check-in", body: "<p class=\"error\">Refused: the form is not one okrd gave you. Open your link again and resend.</p>")
        }
        let text = Self.replyText(fields, keyResults: config.organization.keyResults(updatableBy: person.id))
        guard !text.isEmpty else {
            return await form(for: person, token: token, now: now, notice: "<p class=\"error\">Nothing to record: fill in at least one value, blocker or action item.</p>")
        }
        let processor = ReplyIntake(organization: config.organization, store: store)
        do {
            let outcome = try await processor.process(ReplyInput(author: person.id, text: text, at: now, platform: "page", deliveryID: "page:\(person.id):\(nonce)"))
            let lines = outcome.confirmation(organization: config.organization)
            let notice = "<div class=\"notice\">" + lines.map { "<p>\(html($0))</p>" }.joined() + "</div>"
            // The form as of the reply's own instant, so it shows what was just recorded.
            return await form(for: person, token: token, now: now.storable, notice: notice)
        } catch {
            return page(status: 503, title: "Check-in", body: "<p class=\"error\">okrd could not record this just now; nothing was stored. Please try again in a minute.</p>")
        }
    }

    /// Whether a POST comes from okrd's own page: its `Origin` (or, without one, its `Referer`) is the
    /// configured `server.public_url` or the origin the request was sent to (`Host`). A request with
    /// neither header (a script, an old client) is judged by its form token alone.
    static func sameOrigin(_ headers: InboundHeaders, publicURL: String?) -> Bool {
        let claimed: String
        if let origin = headers["Origin"] {
            // A page whose referrer policy hides it sends "null"; the browser's own word that the
            // request is same-origin then decides.
            if origin == "null" { return headers["Sec-Fetch-Site"] == "same-origin" }
            claimed = origin
        } else if let referer = headers["Referer"] {
            claimed = origin(of: referer) ?? ""
        } else {
            return true
        }
        var allowed: [String] = []
        if let publicURL, let own = origin(of: publicURL) { allowed.append(own) }
        if let host = headers["Host"], !host.isEmpty {
            allowed.append("http://" + host.lowercased())
            allowed.append("https://" + host.lowercased())
        }
        return allowed.contains(claimed.lowercased())
    }

    /// `scheme://host[:port]` of a URL, lowercased; nil when it has none.
    static func origin(of url: String) -> String? {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(), let host = components.host, !host.isEmpty else { return nil }
        // Browsers leave the scheme's default port out of an Origin.
        let port = components.port.flatMap { (scheme == "https" && $0 == 443) || (scheme == "http" && $0 == 80) ? nil : $0 }
        return "\(scheme)://\(host)\(port.map { ":\($0)" } ?? "")".lowercased()
    }

    private func resolve(_ token: String, now: Date) -> Result<Person, CheckinLinks.Refusal> {
        do {
            let claims = try links.verify(token, now: now)
            guard let person = config.organization.person(claims.person) else { return .failure(.unknownPerson) }
            return .success(person)
        } catch {
            return .failure(error)
        }
    }

    /// The form fields as reply lines: `KEY VALUE conf N - comment` per key result filled in,
    /// `blocker: ...`, `action: ...` and `done AI-N`. Field values are single lines, so nothing
    /// typed into one field can become a statement of its own.
    static func replyText(_ fields: [String: String], keyResults: [KeyResult]) -> String {
        func line(_ name: String) -> String {
            (fields[name] ?? "").replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
                .trimmingCharacters(in: .whitespaces)
        }
        var lines: [String] = []
        // The box that answers okrd's question: a first line "yes", as in chat.
        if fields["confirm"] == "on" { lines.append("yes") }
        for kr in keyResults {
            let value = line("value.\(kr.key)")
            let confidence = line("confidence.\(kr.key)")
            let comment = line("comment.\(kr.key)")
            guard !value.isEmpty || !confidence.isEmpty else { continue }
            var statement = kr.key
            if !value.isEmpty { statement += " \(value)" }
            if let number = Int(confidence), (0...10).contains(number) { statement += " conf \(number)" }
            if !comment.isEmpty { statement += " - \(comment)" }
            lines.append(statement)
        }
        for entry in (fields["blockers"] ?? "").split(whereSeparator: \.isNewline) {
            let text = entry.trimmingCharacters(in: .whitespaces)
            if !text.isEmpty { lines.append("blocker: \(text)") }
        }
        for entry in (fields["actions"] ?? "").split(whereSeparator: \.isNewline) {
            let text = entry.trimmingCharacters(in: .whitespaces)
            if !text.isEmpty { lines.append("action: \(text)") }
        }
        for (name, value) in fields.sorted(by: { $0.key < $1.key }) where name.hasPrefix("done.") && value == "on" {
            if let id = Int64(name.dropFirst(5)) { lines.append("done AI-\(id)") }
        }
        return lines.joined(separator: "\n")
    }

    private func form(for person: Person, token: String, now: Date, notice: String) async -> InboundResponse {
        let organization = config.organization
        let snapshot: Snapshot
        let open: [ActionItem]
        let question: OpenQuestion?
        do {
            snapshot = try await Snapshot.load(organization, store: store, at: now)
            open = try await store.actionItems(openOnly: true).filter { $0.owner == person.id }
            question = try await store.openQuestion(person: person.id, at: now)
        } catch {
            return page(status: 503, title: "Check-in", body: "<p class=\"error\">okrd cannot read its database just now. Please try again in a minute.</p>")
        }
        let nonce = CheckinLinks.base64url(Array(UUID().uuidString.utf8).suffix(16))
        var body = "<h1>Check-in for \(html(person.name))</h1>\(notice)"
        // okrd's open question to this person: a box records what it proposes (like replying yes);
        // or the right value goes in the form below.
        var questionBox = ""
        if let question {
            questionBox += "<div class=\"question\"><p><strong>okrd asks:</strong></p>" + question.question.split(separator: "\n").map { "<p>\(html(String($0)))</p>" }.joined()
            let proposals: [String] = question.proposals.compactMap { proposal in
                switch proposal {
                case .value(let key, let value, let confidence, _):
                    let shown = organization.keyResult(key).map { $0.format(value) } ?? organization.kpi(key).map { $0.unit.format(value) } ?? "\(value)"
                    return "\(key) \(shown)\(confidence.map { ", confidence \($0)" } ?? "")"
                case .done(let id):
                    return "AI-\(id) done"
                }
            }
            if !proposals.isEmpty {
                questionBox += "<label class=\"check\"><input type=\"checkbox\" name=\"confirm\"> Yes, record: \(html(proposals.joined(separator: "; ")))</label>"
            }
            questionBox += "<p class=\"meta\">Or write the right value below.</p></div>"
        }
        body += "<form method=\"post\" action=\"/checkin/\(html(token))\" autocomplete=\"off\">"
        body += "<input type=\"hidden\" name=\"nonce\" value=\"\(html(nonce))\"><input type=\"hidden\" name=\"form\" value=\"\(html(links.formToken(link: token, nonce: nonce)))\">"
        body += questionBox
        for kr in organization.keyResults(updatableBy: person.id) {
            let report = snapshot.report(for: kr)
            let current = report.lastCheckIn == nil ? "no check-in yet" : kr.format(report.currentValue)
            let status = report.status.rawValue.replacingOccurrences(of: "_", with: " ")
            body += "<fieldset><legend>\(html(kr.title)) <code>\(html(kr.key))</code></legend>"
            body += "<p class=\"meta\">Now \(html(current)) · \(Int((report.clampedProgress * 100).rounded()))% of the way, \(Int((report.expected * 100).rounded()))% expected · <span class=\"s-\(html(report.status.rawValue))\">\(html(status))</span></p>"
            body += "<label>New value <input name=\"value.\(html(kr.key))\" inputmode=\"decimal\" maxlength=\"40\" placeholder=\"e.g. \(html(kr.kind == .milestone ? "2 of \(kr.milestones.count)" : kr.format(report.currentValue)))\"></label>"
            body += "<label>Confidence (0-10) <input name=\"confidence.\(html(kr.key))\" type=\"number\" min=\"0\" max=\"10\"></label>"
            body += "<label>Comment <input name=\"comment.\(html(kr.key))\" maxlength=\"500\"></label></fieldset>"
        }
        if !open.isEmpty {
            body += "<fieldset><legend>Your open action items</legend>"
            for action in open {
                let due = action.due.map { " (due \($0))" } ?? ""
                body += "<label class=\"check\"><input type=\"checkbox\" name=\"done.\(action.id)\"> AI-\(action.id): \(html(action.text))\(html(due))</label>"
            }
            body += "</fieldset>"
        }
        body += "<fieldset><legend>Blockers and action items</legend>"
        body += "<label>Blockers, one per line <textarea name=\"blockers\" rows=\"2\" maxlength=\"4000\"></textarea></label>"
        body += "<label>Action items, one per line (<code>@owner task by Friday</code>) <textarea name=\"actions\" rows=\"2\" maxlength=\"4000\"></textarea></label></fieldset>"
        body += "<button type=\"submit\">Record check-in</button></form>"
        return page(status: 200, title: "Check-in · \(person.name)", body: body)
    }

    private func page(status: Int, title: String, body: String) -> InboundResponse {
        let document = """
        <!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
        <meta name="referrer" content="same-origin"><title>\(html(title))</title><style>
        body{font:16px/1.4 system-ui,sans-serif;max-width:40rem;margin:1rem auto;padding:0 1rem;color:#222}
        fieldset{border:1px solid #ccc;border-radius:6px;margin:0 0 1rem}label{display:block;margin:.4rem 0}
        input,textarea{display:block;width:100%;box-sizing:border-box;font:inherit;padding:.3rem}
        .check input{display:inline;width:auto}.meta{color:#555;font-size:.9rem}.error{color:#b00020}
        .notice{background:#eef7ee;border-left:4px solid #2e7d32;padding:.2rem .8rem}.question{background:#fff6e5;border-left:4px solid #b26a00;padding:.2rem .8rem;margin-bottom:1rem}button{font:inherit;padding:.5rem 1rem}
        .s-on_track,.s-complete{color:#2e7d32}.s-at_risk{color:#b26a00}.s-in_trouble{color:#b00020}
        </style></head><body>\(body)</body></html>
        """
        return InboundResponse(status: status, contentType: "text/html; charset=utf-8", body: Array(document.utf8), headers: Self.securityHeaders)
    }
}

/// Escapes text for HTML element content and quoted attribute values.
func html(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for character in text {
        switch character {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        default: out.append(character)
        }
    }
    return out
}
