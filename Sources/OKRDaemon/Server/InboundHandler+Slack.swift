import ChatPlatforms
import CheckinParser
import Foundation
import Logging
import OKRModel
import OKRStore
import OKRWorkflows

/// Slack's interactivity (`POST /slack/interactions`): the "Check in" button opens the person's
/// check-in form (`views.open`, within the click's 3 seconds), and the submitted form is recorded
/// through the same intake as a written reply, after a dry run whose problems are shown on the
/// form's fields (`response_action: errors`) instead of being recorded.
extension InboundHandler {
    func slackInteraction(headers: InboundHeaders, body: [UInt8], now: Date) async -> InboundResponse {
        let endpoint = InboundEndpoint.slackInteractions
        guard let secret = config.inbound.slackSigningSecret else { return notConfigured("slack") }
        let interaction: SlackInteraction
        do {
            try InboundVerifier.slack(secret: secret.value, headers: headers, body: body, now: now)
            interaction = try SlackInteraction.parse(body)
        } catch let error as InboundAuthError {
            metrics.inbound(endpoint, outcome: "unauthenticated")
            logger.warning("refused an inbound request", metadata: ["endpoint": "\(endpoint.rawValue)", "reason": "\(error)"])
            return .text("unauthorized: \(error)\n", status: 401)
        } catch {
            metrics.inbound(endpoint, outcome: "malformed")
            logger.warning("malformed inbound request", metadata: ["endpoint": "\(endpoint.rawValue)", "reason": "\(error)"])
            return .text("bad request: \(error)\n", status: 400)
        }
        switch interaction {
        case .ignored(let reason):
            metrics.inbound(endpoint, outcome: "ignored")
            logger.debug("inbound request ignored", metadata: ["endpoint": "\(endpoint.rawValue)", "reason": "\(reason)"])
            return .empty
        case .openCheckIn(let user, let trigger, let team):
            return await openCheckInForm(user: user, trigger: trigger, team: team, now: now)
        case .submission(let user, let view, let hash, _, let values):
            return await recordForm(user: user, view: view, hash: hash, values: values, now: now)
        case .reply(let user, let text, let onlyFor, let deliveryID, let responseURL):
            return await replyButton(user: user, text: text, onlyFor: onlyFor, deliveryID: deliveryID, responseURL: responseURL, now: now)
        }
    }

    /// "Done" on an action item, "Yes"/"No" to okrd's question: the reply the button stands for,
    /// from whoever clicked, through the intake (which refuses what they may not do); the
    /// confirmation goes to the clicker alone.
    private func replyButton(user: String, text: String, onlyFor: String?, deliveryID: String, responseURL: String?, now: Date) async -> InboundResponse {
        let slackAPI = self.slackAPI
        let logger = self.logger
        @Sendable func tell(_ message: String) async {
            guard let responseURL, let slackAPI else { return }
            do {
                try await slackAPI.respond(to: responseURL, text: Renderers.neutralise(message, for: .slack))
            } catch {
                logger.warning("cannot answer a Slack click", metadata: ["error": "\(error)"])
            }
        }
        // Slack wants the click answered within 3 s: the ephemeral answer follows on its own.
        if let answer = await pressed(text, by: [user], on: .slack, onlyFor: onlyFor, deliveryID: deliveryID, endpoint: .slackInteractions, now: now) {
            Task { await tell(answer) }
        }
        return .empty
    }

    private func openCheckInForm(user: String, trigger: String, team: String, now: Date) async -> InboundResponse {
        let endpoint = InboundEndpoint.slackInteractions
        // Slack's trigger lasts 3 s from the click: what the store read took is not left to views.open.
        let started = ContinuousClock.now
        guard let slackAPI else {
            metrics.inbound(endpoint, outcome: "ignored")
            logger.warning("a Check in button was clicked but inbound.slack.bot_token is not set; no form can be opened")
            return .empty
        }
        let organization = config.organization
        let view: JSONValue
        if let person = organization.author(platform: .slack, ids: [user], displayName: nil) {
            let keyResults = CheckInForm.keyResults(for: person.id, in: organization)
            let kpis = organization.kpis(reportableBy: person.id)
            do {
                let state = try await store.replyState(ReplyStateRequest(person: person.id, at: now, deliveryID: nil, keyResults: keyResults.map(\.key),
                                                                         kpis: kpis.map(\.key), readsQuestion: false))
                view = CheckInForm.slackView(for: person, keyResults: keyResults, kpis: kpis, latest: state.latest.keyResults, kpiValues: state.latest.kpis, team: team)
            } catch {
                metrics.inbound(endpoint, outcome: "error")
                logger.error("cannot open the check-in form", metadata: ["person": "\(person.id)", "error": "\(error)"])
                return .empty
            }
        } else {
            metrics.inbound(endpoint, outcome: "unknown_person")
            logger.notice("Check in clicked by someone okrd does not know", metadata: ["platform": "slack"])
            view = CheckInForm.slackNotice(title: "OKR check-in", text: "I don't know you yet, so there is nothing to check in. Ask whoever runs okrd to add your Slack user id \(user) to the configuration (people: handles: slack).")
        }
        do {
            try await slackAPI.openView(trigger: trigger, view: view, timeout: max(.milliseconds(300), .milliseconds(2_700) - (ContinuousClock.now - started)))
            metrics.inbound(endpoint, outcome: "form_opened")
        } catch {
            metrics.inbound(endpoint, outcome: "error")
            // A stale or reused trigger (clicked long ago, or Slack retried): nothing to show it on.
            logger.warning("Slack did not open the check-in form", metadata: ["error": "\(error)"])
        }
        return .empty
    }

    private func recordForm(user: String, view: String, hash: String, values: [String: String?], now: Date) async -> InboundResponse {
        let endpoint = InboundEndpoint.slackInteractions
        let organization = config.organization
        guard let person = organization.author(platform: .slack, ids: [user], displayName: nil) else {
            metrics.inbound(endpoint, outcome: "unknown_person")
            return Self.formErrors(["blocker": "okrd does not know your Slack user; nothing was recorded."])
        }
        let form = CheckInForm.reply(from: values, keyResults: CheckInForm.keyResults(for: person.id, in: organization), kpis: organization.kpis(reportableBy: person.id))
        let deliveryID = "slack-view:\(view):\(hash)"
        switch await submit(form, by: person, deliveryID: deliveryID, platform: .slack, endpoint: endpoint, now: now,
                            answer: confirmationMessage(for: person, deliveryID: deliveryID, at: now)) {
        case .problems(let problems): return Self.formErrors(problems)
        case .recorded: return .empty  // closes the form; the confirmation goes to the team's channel
        case .failed: return Self.formErrors([form.lineBlocks[1] ?? "blocker": "okrd could not record this just now; nothing was stored. Please submit again in a minute."])
        }
    }

    /// Keeps the form open with a message under each field (keyed by input block id).
    static func formErrors(_ problems: [String: String]) -> InboundResponse {
        let errors = JSONValue.object(problems.sorted { $0.key < $1.key }.map { ($0.key, .string(String($0.value.prefix(500)))) })
        return .json(.object([("response_action", "errors"), ("errors", errors)]))
    }
}
