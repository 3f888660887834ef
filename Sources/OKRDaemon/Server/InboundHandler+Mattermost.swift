import ChatPlatforms
import CurlHTTP
import Foundation
import Logging
import OKRModel
import OKRStore
import OKRWorkflows

/// Mattermost's buttons and dialogs. The server signs nothing, so a click counts only with okrd's
/// token for exactly that button in its context, and a submission only with okrd's token for the
/// person in the dialog's state; the server always gets HTTP 200 (anything else reads "Action
/// failed" to the person), with what to say in `ephemeral_text` or the fields to fix in `errors`.
extension InboundHandler {
    func mattermostInteraction(_ endpoint: InboundEndpoint, body: [UInt8], now: Date) async -> InboundResponse {
        guard config.inbound.mattermostToken != nil, let links, let base = links.baseURL else { return notConfigured("mattermost (with server.public_url)") }
        func say(_ text: String) -> InboundResponse {
            .json(.object([("ephemeral_text", .string(Renderers.neutralise(text, for: .mattermost))), ("skip_slack_parsing", true)]))
        }
        let organization = config.organization
        if endpoint == .mattermostActions {
            let click: MattermostAction.Click
            do {
                click = try MattermostAction.click(body)
                let claims = try links.verify(click.token, now: now)
                guard claims.person == MattermostAction.claim(click.action, click.value) else { throw CheckinLinks.Refusal.badSignature }
            } catch let refusal as CheckinLinks.Refusal {
                metrics.inbound(endpoint, outcome: "unauthenticated")
                logger.warning("refused an inbound request", metadata: ["endpoint": "\(endpoint.rawValue)", "reason": "\(refusal)"])
                return say(refusal == .expired ? "This button has expired; use the one in this week's prompt." : "This button is not okrd's; nothing was recorded.")
            } catch {
                metrics.inbound(endpoint, outcome: "malformed")
                return say("okrd could not read this click; nothing was recorded.")
            }
            let ids = [click.userID] + (click.userName.map { [$0] } ?? [])
            if click.action == SlackInteraction.replyAction {
                guard let bar = click.value.firstIndex(of: "|") else { return say("okrd could not read this button.") }
                let person = String(click.value[..<bar])
                let text = String(click.value[click.value.index(after: bar)...])
                let answer = await pressed(text, by: ids, on: .mattermost, onlyFor: person.isEmpty ? nil : person,
                                           deliveryID: "mattermost-action:\(click.postID ?? ""):\(click.action):\(click.value):\(click.userID)", endpoint: endpoint, now: now)
                return say(answer ?? "Already recorded.")
            }
            guard click.action == SlackInteraction.openCheckInAction else { return say("That button is not okrd's.") }
            guard let person = organization.author(platform: .mattermost, ids: ids, displayName: nil) else {
                metrics.inbound(endpoint, outcome: "unknown_person")
                return say("I don't know you yet, so there is nothing to check in. Ask whoever runs okrd to add your Mattermost user name to the configuration (people: handles: mattermost).")
            }
            guard let server = config.inbound.mattermostServerURL, let client, let trigger = click.triggerID else {
                return say("okrd cannot open forms here (inbound.mattermost.server_url is not set); reply with a message instead.")
            }
            let keyResults = CheckInForm.keyResults(for: person.id, in: organization)
            let kpis = organization.kpis(reportableBy: person.id)
            do {
                let state = try await store.replyState(ReplyStateRequest(person: person.id, at: now, deliveryID: nil, keyResults: keyResults.map(\.key),
                                                                         kpis: kpis.map(\.key), readsQuestion: false))
                // The dialog is good for the clicker's user id, for a day.
                let token = links.token(person: MattermostAction.dialogClaim(person: person.id, user: click.userID), expires: now.addingTimeInterval(86_400))
                let dialog = CheckInForm.mattermostDialog(keyResults: keyResults, kpis: kpis, latest: state.latest.keyResults, kpiValues: state.latest.kpis, state: token)
                let request = HTTPRequest(method: .post, url: server + "/api/v4/actions/dialogs/open", headers: ["Content-Type": "application/json"],
                                          body: JSONValue.object([("trigger_id", .string(trigger)), ("url", .string("\(base)/mattermost/dialogs")), ("dialog", dialog)]).bytes,
                                          timeout: .milliseconds(2_500), connectTimeout: .milliseconds(2_500))
                let response = try await client.send(request)
                guard response.status == 200 else {
                    metrics.inbound(endpoint, outcome: "error")
                    logger.warning("Mattermost did not open the check-in dialog", metadata: ["http.status": "\(response.status)"])
                    return say("Mattermost did not open the form (it answered \(response.status)); click Check in again.")
                }
                metrics.inbound(endpoint, outcome: "form_opened")
                return .json(.object([]))
            } catch {
                metrics.inbound(endpoint, outcome: "error")
                logger.warning("cannot open the Mattermost check-in dialog", metadata: ["error": "\(error)"])
                return say("okrd could not open the form just now; click Check in again in a minute.")
            }
        }

        // A submitted dialog.
        let submission: MattermostAction.Submission
        let person: Person
        do {
            submission = try MattermostAction.submission(body)
            let claims = try links.verify(submission.state, now: now)
            let fields = claims.person.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            guard submission.callbackID == MattermostAction.dialogCallback, fields.count == 3, fields[0] == "mattermost-dialog",
                  fields[2] == submission.userID, let found = organization.person(fields[1]),
                  organization.author(platform: .mattermost, ids: [submission.userID] + (submission.userName.map { [$0] } ?? []), displayName: nil)?.id == found.id
            else { throw CheckinLinks.Refusal.badSignature }
            person = found
        } catch {
            metrics.inbound(endpoint, outcome: "unauthenticated")
            logger.warning("refused an inbound request", metadata: ["endpoint": "\(endpoint.rawValue)", "reason": "\(error)"])
            return .json(.object([("error", "This form is not valid any more; click Check in again.")]))
        }
        if submission.cancelled { return .json(.object([])) }
        let form = CheckInForm.reply(from: submission.values.mapValues { Optional($0) }, keyResults: CheckInForm.keyResults(for: person.id, in: organization),
                                     kpis: organization.kpis(reportableBy: person.id))
        // The same submission twice (a double click, a retry) is one delivery: its state and content.
        let fingerprint = form.text.utf8.reduce(UInt64(0xcbf2_9ce4_8422_2325)) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
        let deliveryID = "mattermost-dialog:\(submission.state.suffix(43)):\(String(fingerprint, radix: 16))"
        switch await submit(form, by: person, deliveryID: deliveryID, platform: .mattermost, endpoint: endpoint, now: now,
                            answer: confirmationMessage(for: person, deliveryID: deliveryID, at: now)) {
        case .problems(let problems):
            return .json(.object([("errors", .object(problems.sorted { $0.key < $1.key }.map { ($0.key, .string(String($0.value.prefix(500)))) }))]))
        case .recorded:
            return .json(.object([]))
        case .failed:
            return .json(.object([("error", "okrd could not record this just now; nothing was stored. Please submit again in a minute.")]))
        }
    }
}
