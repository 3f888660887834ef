import ChatPlatforms
import Foundation
import OKRModel
import Yams
import OKRWorkflows

extension ConfigBuilder {
    mutating func readEscalation(_ node: Node) {
        let allowed = [
            "at_risk_gap", "in_trouble_gap", "at_risk_confidence", "in_trouble_confidence", "stale_after",
            "repeat_interval", "quiet_hours", "respect_weekends", "cycles_before_escalation",
        ]
        guard let entries = reader.mapping(node, "escalation", allowed: allowed) else { return }
        if let gap = reader.fraction(entries, "at_risk_gap", "escalation") { policy.atRiskGap = gap }
        if let gap = reader.fraction(entries, "in_trouble_gap", "escalation") { policy.inTroubleGap = gap }
        if policy.inTroubleGap < policy.atRiskGap {
            reader.error(entries["in_trouble_gap"] ?? node, "escalation: in_trouble_gap (\(NumberText.plain(policy.inTroubleGap))) is smaller than at_risk_gap (\(NumberText.plain(policy.atRiskGap)))", hint: "in trouble means further behind than at risk")
        }
        if let value = reader.integer(entries, "at_risk_confidence", "escalation", range: 0...10) { policy.atRiskConfidence = value }
        if let value = reader.integer(entries, "in_trouble_confidence", "escalation", range: 0...10) { policy.inTroubleConfidence = value }
        if let value = reader.duration(entries, "stale_after", "escalation") { policy.staleAfter = value }
        if let value = reader.duration(entries, "repeat_interval", "escalation") { escalation.repeatInterval = value }
        if let text = reader.string(entries, "quiet_hours", "escalation") {
            if ["off", "none", ""].contains(text.lowercased()) {
                escalation.quietHours = nil
            } else if let quiet = QuietHours(parsing: text) {
                escalation.quietHours = quiet
            } else {
                reader.error(entries["quiet_hours"], "escalation: \"\(text)\" is not a time window", hint: "write HH:MM-HH:MM in 24-hour time, e.g. \"19:00-08:00\"")
            }
        }
        if let value = reader.bool(entries, "respect_weekends", "escalation") { escalation.respectWeekends = value }
        if let value = reader.integer(entries, "cycles_before_escalation", "escalation", range: 1...52) { escalation.cyclesBeforeEscalation = value }
    }

    mutating func readDelivery(_ node: Node) {
        let allowed = ["max_age", "parallel", "in_flight", "initial_backoff", "max_backoff", "timeout", "ca_bundle"]
        guard let entries = reader.mapping(node, "delivery", allowed: allowed) else { return }
        if let value = reader.duration(entries, "max_age", "delivery") { delivery.maxAge = value }
        let parallel = reader.integer(entries, "parallel", "delivery", range: 1...1024)
        let inFlight = reader.integer(entries, "in_flight", "delivery", range: 1...4096)
        switch (parallel, inFlight) {
        case let (parallel?, inFlight?):
            if inFlight < parallel {
                reader.error(entries["in_flight"], "delivery: in_flight (\(inFlight)) is smaller than parallel (\(parallel))",
                             hint: "in_flight bounds the messages sent but not yet recorded, which includes every request under way; make it at least parallel")
            }
            delivery.parallel = parallel
            delivery.inFlight = inFlight
        case let (parallel?, nil):
            delivery.parallel = parallel
            delivery.inFlight = max(delivery.inFlight, parallel)
        case let (nil, inFlight?):
            // An older configuration's in_flight bounded the requests too: keep that bound.
            delivery.inFlight = inFlight
            delivery.parallel = min(delivery.parallel, inFlight)
        case (nil, nil):
            break
        }
        if let value = reader.duration(entries, "initial_backoff", "delivery") { delivery.initialBackoff = value }
        if let value = reader.duration(entries, "max_backoff", "delivery") { delivery.maxBackoff = value }
        if let value = reader.duration(entries, "timeout", "delivery") { delivery.timeout = value }
        if let path = reader.string(entries, "ca_bundle", "delivery") {
            if !FileManager.default.isReadableFile(atPath: path) {
                reader.error(entries["ca_bundle"], "delivery: ca_bundle \(path) cannot be read")
            }
            delivery.caBundle = path
        }
    }

    mutating func readScheduler(_ node: Node) {
        guard let entries = reader.mapping(node, "scheduler", allowed: ["catch_up_grace", "escalation_check"]) else { return }
        if let value = reader.duration(entries, "catch_up_grace", "scheduler") { scheduler.catchUpGrace = value }
        if let text = reader.string(entries, "escalation_check", "scheduler") {
            if ["off", "none", "false", "no"].contains(text.lowercased()) {
                scheduler.escalationCheck = nil
            } else {
                do {
                    scheduler.escalationCheck = try ScheduleSpec(parsing: text)
                } catch {
                    reader.error(entries["escalation_check"], "scheduler: escalation_check schedule \"\(text)\": \(error.message)")
                }
            }
        }
    }

    mutating func readInbound(_ node: Node) {
        let platforms = ["slack", "mattermost", "teams", "discord", "webhook", "matrix"]
        guard let entries = reader.mapping(node, "inbound", allowed: platforms) else { return }
        if let slack = entries["slack"], let parts = reader.mapping(slack, "inbound.slack", allowed: ["signing_secret", "bot_token", "api_url"]) {
            inbound.slackSigningSecret = secret(parts, "signing_secret", "inbound.slack", required: true)
            inbound.slackBotToken = secret(parts, "bot_token", "inbound.slack", required: false)
            if inbound.slackBotToken == nil {
                reader.warning(slack, "inbound.slack has no bot_token: prompts to Slack carry no \"Check in\" button (people answer with a message or /okr)",
                               hint: "add the Slack app's Bot User OAuth Token (bot_token: ${SLACK_BOT_TOKEN}) and turn on Interactivity with the Request URL .../slack/interactions")
            }
            if let token = inbound.slackBotToken, !token.value.hasPrefix("xoxb-") {
                reader.error(parts["bot_token"], "inbound.slack: the bot_token (from \(token.source)) is not a bot token (xoxb-...)",
                             hint: "copy the Bot User OAuth Token from your Slack app's OAuth & Permissions page")
            }
            if let url = reader.string(parts, "api_url", "inbound.slack") {
                if url.hasPrefix("https://") || url.hasPrefix("http://127.0.0.1") || url.hasPrefix("http://localhost") {
                    inbound.slackAPIURL = url.hasSuffix("/") ? String(url.dropLast()) : url
                } else {
                    reader.error(parts["api_url"], "inbound.slack: api_url \"\(url)\" must be https:// (or http on localhost, for tests)")
                }
            }
        }
        if let mattermost = entries["mattermost"], let parts = reader.mapping(mattermost, "inbound.mattermost", allowed: ["token", "server_url"]) {
            inbound.mattermostToken = secret(parts, "token", "inbound.mattermost", required: true)
            if let url = reader.string(parts, "server_url", "inbound.mattermost") {
                if url.hasPrefix("https://") || url.hasPrefix("http://") {
                    inbound.mattermostServerURL = url.hasSuffix("/") ? String(url.dropLast()) : url
                } else {
                    reader.error(parts["server_url"], "inbound.mattermost: server_url \"\(url)\" is not an http(s) URL", hint: "the address people open Mattermost at, e.g. https://chat.example.com")
                }
            }
        }
        if let teams = entries["teams"], let parts = reader.mapping(teams, "inbound.teams", allowed: ["hmac_key"]) {
            inbound.teamsHMACKey = secret(parts, "hmac_key", "inbound.teams", required: true)
            if let key = inbound.teamsHMACKey, Data(base64Encoded: key.value) == nil {
                reader.error(parts["hmac_key"], "inbound.teams: the hmac_key (from \(key.source)) is not base64", hint: "paste the security token Teams showed when you created the outgoing webhook")
            }
        }
        if let discord = entries["discord"], let parts = reader.mapping(discord, "inbound.discord", allowed: ["public_key"]) {
            if let key = reader.string(parts, "public_key", "inbound.discord", required: true) {
                if key.count == 64, key.allSatisfy(\.isHexDigit) {
                    inbound.discordPublicKey = key.lowercased()
                } else {
                    reader.error(parts["public_key"], "inbound.discord: public_key must be 64 hex characters", hint: "copy it from the Discord developer portal, General Information")
                }
            }
        }
        if let webhook = entries["webhook"], let parts = reader.mapping(webhook, "inbound.webhook", allowed: ["secret"]) {
            inbound.webhookSecret = secret(parts, "secret", "inbound.webhook", required: true)
            if let value = inbound.webhookSecret, value.source != Self.unresolved, StandardWebhookKey.decode(value.value) == nil {
                reader.error(parts["secret"], "inbound.webhook: the secret (from \(value.source)) must be whsec_ followed by base64 of 24 to 64 bytes", hint: "generate one with: echo whsec_$(head -c 32 /dev/urandom | base64)")
            }
        }
        if let matrix = entries["matrix"], let parts = reader.mapping(matrix, "inbound.matrix", allowed: ["homeserver", "access_token", "rooms", "user_id"]) {
            let homeserver = reader.string(parts, "homeserver", "inbound.matrix", required: true)
            let token = secret(parts, "access_token", "inbound.matrix", required: true)
            let rooms = reader.stringList(parts, "rooms", "inbound.matrix")?.map(\.0) ?? []
            if rooms.isEmpty { reader.error(parts["rooms"] ?? matrix, "inbound.matrix lists no rooms", hint: "list the room ids okrd should read replies from") }
            if let homeserver, let token {
                inbound.matrix = .init(homeserver: homeserver, accessToken: token, rooms: rooms, userID: reader.string(parts, "user_id", "inbound.matrix"))
            }
        }
    }

    mutating func readServer(_ node: Node) {
        guard let entries = reader.mapping(node, "server", allowed: ["listen", "public_url", "dashboard_token", "link_secret"]) else { return }
        if let listen = reader.string(entries, "listen", "server"), listen == "off" {
            server.enabled = false
        } else if let listen = reader.string(entries, "listen", "server") {
            let parts = listen.split(separator: ":", omittingEmptySubsequences: false)
            if parts.count >= 2, let port = Int(parts.last!), (0...65_535).contains(port) {
                server.listenHost = parts.dropLast().joined(separator: ":").trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
                server.listenPort = port
            } else {
                reader.error(entries["listen"], "server: \"\(listen)\" is not HOST:PORT", hint: "e.g. 127.0.0.1:8088, 0.0.0.0:8088 behind a reverse proxy, or off")
            }
        }
        if let url = reader.string(entries, "public_url", "server") {
            if url.hasPrefix("https://") || url.hasPrefix("http://") {
                server.publicURL = url.hasSuffix("/") ? String(url.dropLast()) : url
            } else {
                reader.error(entries["public_url"], "server: public_url must start with https://")
            }
        }
        server.dashboardToken = secret(entries, "dashboard_token", "server", required: false)
        server.linkSecret = secret(entries, "link_secret", "server", required: false)
    }

    mutating func readStorage(_ node: Node) {
        guard let entries = reader.mapping(node, "storage", allowed: ["sqlite", "postgres"]) else { return }
        if entries.has("sqlite") && entries.has("postgres") {
            reader.error(entries["postgres"], "storage: choose sqlite or postgres, not both")
        }
        if let path = reader.string(entries, "sqlite", "storage") {
            storage = .sqlite(path: path)
        } else if let url = secret(entries, "postgres", "storage", required: false) {
            storage = .postgres(url: url)
        } else if !entries.has("sqlite") && !entries.has("postgres") {
            reader.error(node, "storage names no database", hint: "write storage: {sqlite: /var/lib/okrd/okrd.sqlite} or {postgres: ${OKRD_POSTGRES_URL}}")
        }
    }

    // MARK: References

    /// Checks that every id mentioned somewhere is defined somewhere, once all sections are read.
    func checkReferences() {
        let personIDs = people.map(\.id)
        let teamIDs = teams.map(\.id)
        let destinationNames = destinations.map(\.name)
        let objectiveKeys = objectives.map(\.key)

        func check(_ id: String?, in known: [String], node: Node?, what: String, kind: String) {
            guard let id, !id.isEmpty, !known.contains(id) else { return }
            let suggestion = Suggest.closest(to: id, in: known)
            reader.error(node, "\(what) refers to \(kind) \"\(id)\", which is not defined",
                         hint: suggestion.map { "did you mean \"\($0)\"?" } ?? (known.isEmpty ? "define it first" : "known: \(known.prefix(12).joined(separator: ", "))"))
        }

        for person in people {
            check(person.manager, in: personIDs, node: referenceNodes["manager-of:\(person.id)"], what: "person \"\(person.id)\"", kind: "manager")
            if person.manager == person.id { reader.error(referenceNodes["manager-of:\(person.id)"], "person \"\(person.id)\" is their own manager") }
        }
        for team in teams {
            for member in team.members {
                check(member, in: personIDs, node: referenceNodes["member:\(team.id):\(member)"], what: "team \"\(team.id)\"", kind: "member")
            }
            if Set(team.members).count != team.members.count {
                reader.error(referenceNodes["team:\(team.id)"], "team \"\(team.id)\" lists a member twice")
            }
            check(team.lead, in: personIDs, node: referenceNodes["lead:\(team.id)"], what: "team \"\(team.id)\"", kind: "lead")
            check(team.destination, in: destinationNames, node: referenceNodes["team-destination:\(team.id)"], what: "team \"\(team.id)\"", kind: "destination")
            check(team.escalation, in: destinationNames, node: referenceNodes["team-escalation:\(team.id)"], what: "team \"\(team.id)\"", kind: "escalation destination")
        }
        for objective in objectives {
            check(objective.team, in: teamIDs, node: referenceNodes["objective-team:\(objective.key)"], what: "objective \"\(objective.key)\"", kind: "team")
            check(objective.owner, in: personIDs, node: referenceNodes["objective-owner:\(objective.key)"], what: "objective \"\(objective.key)\"", kind: "owner")
            if let parent = objective.alignedTo, parent == objective.key {
                reader.error(referenceNodes["objective:\(objective.key)"], "objective \"\(objective.key)\" is aligned to itself")
            }
            for kr in objective.keyResults {
                check(kr.owner, in: personIDs, node: referenceNodes["kr-owner:\(kr.key)"], what: "key result \"\(kr.key)\"", kind: "owner")
            }
        }
        for kpi in kpis {
            check(kpi.team, in: teamIDs, node: referenceNodes["kpi-team:\(kpi.key)"], what: "KPI \"\(kpi.key)\"", kind: "team")
            check(kpi.owner, in: personIDs, node: referenceNodes["kpi-owner:\(kpi.key)"], what: "KPI \"\(kpi.key)\"", kind: "owner")
            check(kpi.heals, in: objectiveKeys, node: referenceNodes["kpi-heals:\(kpi.key)"], what: "KPI \"\(kpi.key)\"", kind: "objective")
        }
        // A handle may belong to one person only, or replies could be attributed to the wrong one.
        var owners: [String: String] = [:]
        for person in people {
            for (platform, handle) in person.handles {
                let key = "\(platform.rawValue):\(handle.lowercased())"
                if let other = owners[key] {
                    reader.error(at: person.location, "person \"\(person.id)\" has the same \(platform.rawValue) handle as \"\(other)\"", hint: "each chat identity must map to exactly one person")
                }
                owners[key] = person.id
            }
        }
    }
}
