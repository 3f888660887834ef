import Foundation

/// A click or a form submission from a Slack app (`POST /slack/interactions`): the body is a form
/// with one `payload` field holding JSON. Parsed only after the signature over the raw body checked out.
public enum SlackInteraction: Sendable, Hashable {
    /// "Check in" was clicked: open the form for the user who clicked, with `trigger` (valid 3 s, once).
    case openCheckIn(user: String, trigger: String, team: String)
    /// The check-in form was submitted: each input block's value (nil when left empty).
    case submission(user: String, view: String, hash: String, team: String, values: [String: String?])
    /// A button that answers for the clicker ("Done" on an action item, "Yes"/"No" to okrd's
    /// question): `text` is the reply it stands for, `onlyFor` the one person it may come from (nil:
    /// anyone, the intake's authorisation decides). `responseURL` takes an ephemeral answer.
    case reply(user: String, text: String, onlyFor: String?, deliveryID: String, responseURL: String?)
    /// Authentic, but not one of okrd's (another app's action, a closed view).
    case ignored(String)

    /// The buttons' action ids and the form's callback id.
    public static let openCheckInAction = "okrd_open_checkin"
    public static let replyAction = "okrd_reply"
    public static let checkInForm = "okrd_checkin"

    /// A reply button's value: `person|text` (person empty when anyone may press it), or
    /// `person@asked|text` for an answer to the question asked at `asked` (seconds), which must
    /// still be the person's open question when the button is pressed.
    public static func replyValue(_ text: String, onlyFor person: String? = nil, asked: Int? = nil) -> String {
        "\(person ?? "")\(asked.map { "@\($0)" } ?? "")|\(text)"
    }

    /// Whether a click's action id is okrd's `action` (ids are `action:n`, unique within a message).
    public static func isAction(_ id: String?, _ action: String) -> Bool {
        guard let id else { return false }
        return id == action || id.hasPrefix(action + ":")
    }

    public static func parse(_ body: [UInt8]) throws(InboundFormatError) -> SlackInteraction {
        guard let payload = FormDecoder.decode(body)["payload"], !payload.isEmpty else {
            throw InboundFormatError("the interaction has no payload field")
        }
        let json = try InboundRequest.object(Array(payload.utf8))
        guard let user = (json["user"] as? [String: Any])?["id"] as? String, !user.isEmpty else {
            throw InboundFormatError("the interaction has no user.id")
        }
        switch json["type"] as? String {
        case "block_actions":
            guard let action = (json["actions"] as? [[String: Any]])?.first else { return .ignored("a click without an action") }
            let id = action["action_id"] as? String
            switch true {
            case isAction(id, openCheckInAction):
                guard let trigger = json["trigger_id"] as? String, !trigger.isEmpty else { throw InboundFormatError("the click has no trigger_id") }
                return .openCheckIn(user: user, trigger: trigger, team: action["value"] as? String ?? "")
            case isAction(id, replyAction):
                let value = action["value"] as? String ?? ""
                guard let bar = value.firstIndex(of: "|") else { throw InboundFormatError("a reply button without its text") }
                let person = String(value[..<bar])
                let text = String(value[value.index(after: bar)...])
                guard !text.isEmpty else { throw InboundFormatError("a reply button without its text") }
                // One click, one delivery: the message, the action and who clicked.
                let container = json["container"] as? [String: Any]
                let message = container?["message_ts"] as? String ?? ""
                let delivery = "slack-action:\(message):\(action["action_ts"] as? String ?? ""):\(user)"
                return .reply(user: user, text: InboundRequest.clip(text), onlyFor: person.isEmpty ? nil : person, deliveryID: delivery,
                              responseURL: json["response_url"] as? String)
            default:
                return .ignored("an action that is not okrd's")
            }
        case "view_submission":
            guard let view = json["view"] as? [String: Any], view["callback_id"] as? String == checkInForm else { return .ignored("a view that is not okrd's") }
            guard let id = view["id"] as? String, !id.isEmpty else { throw InboundFormatError("the submission has no view.id") }
            var values: [String: String?] = [:]
            let blocks = ((view["state"] as? [String: Any])?["values"] as? [String: Any]) ?? [:]
            for (block, actions) in blocks {
                guard let element = (actions as? [String: Any])?.values.first as? [String: Any] else { continue }
                // Text and number inputs carry `value` (a string or null), selects `selected_option.value`.
                if let option = element["selected_option"] as? [String: Any] {
                    values[block] = option["value"] as? String
                } else {
                    values[block] = (element["value"] as? String).map(InboundRequest.clip)
                }
            }
            return .submission(user: user, view: id, hash: view["hash"] as? String ?? "", team: view["private_metadata"] as? String ?? "", values: values)
        case let type:
            return .ignored("interaction type \(type ?? "none")")
        }
    }
}
