import Foundation

/// A click or a form submission from a Slack app (`POST /slack/interactions`): the body is a form
/// with one `payload` field holding JSON. Parsed only after the signature over the raw body checked out.
public enum SlackInteraction: Sendable, Hashable {
    /// "Check in" was clicked: open the form for the user who clicked, with `trigger` (valid 3 s, once).
    case openCheckIn(user: String, trigger: String, team: String)
    /// The check-in form was submitted: each input block's value (nil when left empty).
    case submission(user: String, view: String, hash: String, team: String, values: [String: String?])
    /// Authentic, but not one of okrd's (another app's action, a closed view).
    case ignored(String)

    /// The button's action id and the form's callback id.
    public static let openCheckIn = "okrd_open_checkin"
    public static let checkInForm = "okrd_checkin"

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
            guard let action = (json["actions"] as? [[String: Any]])?.first, action["action_id"] as? String == openCheckIn else {
                return .ignored("an action that is not okrd's")
            }
            guard let trigger = json["trigger_id"] as? String, !trigger.isEmpty else { throw InboundFormatError("the click has no trigger_id") }
            return .openCheckIn(user: user, trigger: trigger, team: action["value"] as? String ?? "")
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
