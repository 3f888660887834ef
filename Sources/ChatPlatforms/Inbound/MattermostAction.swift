import Foundation

/// Mattermost's interactive messages and dialogs (`POST /mattermost/actions`, `POST
/// /mattermost/dialogs`). The server signs nothing: a click is trusted only through okrd's own
/// token in the button's `context` (which the server keeps from clients), a dialog submission
/// through okrd's token in the dialog's `state`.
public enum MattermostAction {
    /// What a button's token vouches for: the action and its value.
    public static func claim(_ action: String, _ value: String) -> String { "mattermost|\(action)|\(value)" }
    /// What a dialog's state vouches for: the person it was opened for, and the Mattermost user id
    /// that clicked (the submission must come from the same one).
    public static func dialogClaim(person: String, user: String) -> String { "mattermost-dialog|\(person)|\(user)" }
    public static let dialogCallback = "okrd_checkin"

    public struct Click: Sendable, Hashable {
        public var userID: String
        public var userName: String?
        public var triggerID: String?
        public var postID: String?
        public var action: String
        public var value: String
        public var token: String
    }

    public struct Submission: Sendable, Hashable {
        public var userID: String
        public var userName: String?
        public var state: String
        public var callbackID: String
        public var cancelled: Bool
        /// Each element's value by name (numbers and booleans as text).
        public var values: [String: String]
    }

    public static func click(_ body: [UInt8]) throws(InboundFormatError) -> Click {
        let json = try InboundRequest.object(body)
        guard let user = json["user_id"] as? String, !user.isEmpty else { throw InboundFormatError("the click has no user_id") }
        guard let context = json["context"] as? [String: Any], let action = context["action"] as? String, let value = context["value"] as? String,
              let token = context["token"] as? String else { throw InboundFormatError("the click's context is not okrd's") }
        return Click(userID: user, userName: json["user_name"] as? String, triggerID: json["trigger_id"] as? String, postID: json["post_id"] as? String,
                     action: action, value: value, token: token)
    }

    public static func submission(_ body: [UInt8]) throws(InboundFormatError) -> Submission {
        let json = try InboundRequest.object(body)
        guard let user = json["user_id"] as? String, !user.isEmpty else { throw InboundFormatError("the submission has no user_id") }
        var values: [String: String] = [:]
        for (name, value) in json["submission"] as? [String: Any] ?? [:] {
            switch value {
            case let text as String: values[name] = InboundRequest.clip(text)
            case let number as NSNumber: values[name] = number.stringValue
            default: continue
            }
        }
        return Submission(userID: user, userName: json["user_name"] as? String, state: json["state"] as? String ?? "",
                          callbackID: json["callback_id"] as? String ?? "", cancelled: json["cancelled"] as? Bool ?? false, values: values)
    }
}
