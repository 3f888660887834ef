import ChatPlatforms
import Foundation
import Logging
import OKRModel
import OKRStore
import OKRWorkflows

/// Discord's buttons and modals (`POST /discord/interactions`, types 3 and 5): "Check in" answers
/// with the clicker's form (a modal, within Discord's 3 seconds, in the response itself) or, for
/// several key results, a list to choose from; a submitted form goes through the same intake as
/// a written reply, read first; reply buttons (Done, Yes/No) answer for the clicker. Every answer
/// is ephemeral, seen by the clicker alone.
extension InboundHandler {
    func discordInteraction(_ interaction: DiscordInteraction, now: Date) async -> InboundResponse {
        let endpoint = InboundEndpoint.discord
        let organization = config.organization
        func ephemeral(_ text: String) -> InboundResponse {
            .json(.object([("type", 4), ("data", .object([
                ("content", .string(String(Renderers.neutralise(text, for: .discord).prefix(2000)))), ("flags", 64),
                ("allowed_mentions", .object([("parse", .array([]))])),
            ]))]))
        }
        let stranger = { (user: String) in
            "I don't know you yet, so there is nothing to check in. Ask whoever runs okrd to add your Discord user id \(user) to the configuration (people: handles: discord)."
        }
        switch interaction {
        case .ignored(let reason):
            metrics.inbound(endpoint, outcome: "ignored")
            logger.debug("inbound request ignored", metadata: ["endpoint": "\(endpoint.rawValue)", "reason": "\(reason)"])
            return ephemeral("That button is not okrd's.")

        case .openCheckIn(let user):
            guard let person = organization.author(platform: .discord, ids: [user], displayName: nil) else {
                metrics.inbound(endpoint, outcome: "unknown_person")
                return ephemeral(stranger(user))
            }
            let keyResults = CheckInForm.keyResults(for: person.id, in: organization)
            let kpis = organization.kpis(reportableBy: person.id)
            guard !keyResults.isEmpty || !kpis.isEmpty else { return ephemeral("You have no key results to check in.") }
            metrics.inbound(endpoint, outcome: "form_opened")
            if keyResults.count + kpis.count > 1 { return .json(CheckInForm.discordChooser(keyResults, kpis: kpis)) }
            if let kr = keyResults.first { return await discordForm(kr, for: person, now: now) }
            return .json(CheckInForm.discordModal(kpis[0], latest: nil))

        case .openForm(let user, let key):
            guard let person = organization.author(platform: .discord, ids: [user], displayName: nil) else {
                metrics.inbound(endpoint, outcome: "unknown_person")
                return ephemeral(stranger(user))
            }
            if let kpi = organization.kpis(reportableBy: person.id).first(where: { $0.key == key }) {
                metrics.inbound(endpoint, outcome: "form_opened")
                let state = try? await store.replyState(ReplyStateRequest(person: person.id, at: now, deliveryID: nil, keyResults: [], kpis: [key], readsQuestion: false))
                return .json(CheckInForm.discordModal(kpi, latest: state?.latest.kpis[key]))
            }
            guard let kr = CheckInForm.keyResults(for: person.id, in: organization).first(where: { $0.key == key }) else {
                metrics.inbound(endpoint, outcome: "not_recorded")
                return ephemeral("`\(key)` is not one of your key results.")
            }
            metrics.inbound(endpoint, outcome: "form_opened")
            return await discordForm(kr, for: person, now: now)

        case .reply(let user, let text, let onlyFor, let deliveryID):
            let answer = await pressed(text, by: [user], on: .discord, onlyFor: onlyFor, deliveryID: deliveryID, endpoint: endpoint, now: now)
            return ephemeral(answer ?? "Already recorded.")

        case .submission(let user, let key, let values, let deliveryID):
            guard let person = organization.author(platform: .discord, ids: [user], displayName: nil) else {
                metrics.inbound(endpoint, outcome: "unknown_person")
                return ephemeral(stranger(user))
            }
            let keyResults = CheckInForm.keyResults(for: person.id, in: organization).filter { $0.key == key }
            let kpis = organization.kpis(reportableBy: person.id).filter { $0.key == key }
            guard !keyResults.isEmpty || !kpis.isEmpty else { return ephemeral("`\(key)` is not one of your key results; nothing was recorded.") }
            // The modal's inputs as the form's fields: per key result (or KPI), and the blocker and action item as they are.
            var fields: [String: String?] = [:]
            for (name, value) in values {
                switch name {
                case "blocker", "action": fields[name] = value
                case "value" where !kpis.isEmpty: fields["kpi:\(key)"] = value
                default: fields["\(name):\(key)"] = value
                }
            }
            let form = CheckInForm.reply(from: fields, keyResults: keyResults, kpis: kpis)
            switch await submit(form, by: person, deliveryID: deliveryID, platform: .discord, endpoint: endpoint, now: now, answer: nil) {
            case .problems(let problems):
                // A modal cannot be shown again from its own submission: say what to fix.
                return ephemeral("Nothing recorded yet: " + problems.values.sorted().joined(separator: " ") + " Press Check in again to correct it.")
            case .recorded(let outcome):
                return ephemeral(outcome.duplicateOf != nil ? "Already recorded." : outcome.confirmation(organization: organization).joined(separator: "\n"))
            case .failed:
                return ephemeral("Sorry, okrd could not record this just now; nothing was stored. Please try again in a minute.")
            }
        }
    }

    /// The modal for one key result, with its current value.
    private func discordForm(_ kr: KeyResult, for person: Person, now: Date) async -> InboundResponse {
        let latest = try? await store.replyState(ReplyStateRequest(person: person.id, at: now, deliveryID: nil, keyResults: [kr.key], kpis: [], readsQuestion: false))
        return .json(CheckInForm.discordModal(kr, latest: latest?.latest.keyResults[kr.key]))
    }
}
