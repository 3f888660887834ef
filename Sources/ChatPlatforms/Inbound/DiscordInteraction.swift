import Foundation

/// Discord's component and modal interactions (`POST /discord/interactions`, types 3 and 5): a
/// button on a message from a webhook okrd's application owns, and the modal it opened. Parsed only
/// after the Ed25519 signature over the raw body checked out.
public enum DiscordInteraction: Sendable, Hashable {
    /// "Check in": the clicker's key results to choose from, or the form of their only one.
    case openCheckIn(user: String)
    /// A key result chosen from that list: its form.
    case openForm(user: String, keyResult: String)
    /// A button that answers for the clicker (see `SlackInteraction.reply`).
    case reply(user: String, text: String, onlyFor: String?, deliveryID: String)
    /// A submitted form for one key result: each input's value by its custom id.
    case submission(user: String, keyResult: String, values: [String: String], deliveryID: String)
    /// Authentic, but not one of okrd's.
    case ignored(String)

    /// Custom ids (at most 100 characters): `okrd:checkin`, `okrd:kr:KEY`, `okrd:reply:PERSON|TEXT`, `okrd:form:KEY`.
    public static func customID(for button: ChatMessage.Button) -> String {
        let id = switch button.action {
        case SlackInteraction.openCheckInAction: "okrd:checkin:\(button.value)"
        case chooseAction: "okrd:kr:\(button.value)"
        default: "okrd:reply:\(button.value)"
        }
        return String(id.prefix(100))
    }

    /// A button in the list of a person's key results: opens the form of the one it names.
    public static let chooseAction = "okrd_choose"

    /// Up to five rows of five buttons.
    public static func actionRows(_ buttons: [ChatMessage.Button]) -> JSONValue {
        let limited = Array(buttons.prefix(25))
        let rows = stride(from: 0, to: limited.count, by: 5).map { start in
            JSONValue.object([("type", 1), ("components", .array(limited[start..<min(start + 5, limited.count)].map { button in
                // A link button (style 5) opens its address and calls nobody: it works on any webhook.
                if let link = button.link {
                    return .object([("type", 2), ("style", 5), ("label", .string(String(button.label.prefix(80)))), ("url", .string(link))])
                }
                return .object([("type", 2), ("style", .number(button.primary ? 1 : 2)), ("label", .string(String(button.label.prefix(80)))), ("custom_id", .string(customID(for: button)))])
            }))])
        }
        return .array(rows)
    }

    /// Nil when the body is not a component or modal interaction (a command, a PING).
    public static func parse(_ body: [UInt8]) throws(InboundFormatError) -> DiscordInteraction? {
        let json = try InboundRequest.object(body)
        guard let type = (json["type"] as? NSNumber)?.intValue, type == 3 || type == 5 else { return nil }
        guard let id = json["id"] as? String else { throw InboundFormatError("the interaction has no id") }
        let user = ((json["member"] as? [String: Any])?["user"] as? [String: Any]) ?? (json["user"] as? [String: Any])
        guard let userID = user?["id"] as? String else { throw InboundFormatError("the interaction has no user") }
        let data = json["data"] as? [String: Any] ?? [:]
        let custom = data["custom_id"] as? String ?? ""
        if type == 3 {
            if custom.hasPrefix("okrd:checkin") { return .openCheckIn(user: userID) }
            if custom.hasPrefix("okrd:kr:") { return .openForm(user: userID, keyResult: String(custom.dropFirst("okrd:kr:".count))) }
            if custom.hasPrefix("okrd:reply:") {
                let value = custom.dropFirst("okrd:reply:".count)
                guard let bar = value.firstIndex(of: "|"), value.index(after: bar) < value.endIndex else { throw InboundFormatError("a reply button without its text") }
                let person = String(value[..<bar])
                return .reply(user: userID, text: String(value[value.index(after: bar)...]), onlyFor: person.isEmpty ? nil : person, deliveryID: "discord:\(id)")
            }
            return .ignored("a component that is not okrd's")
        }
        guard custom.hasPrefix("okrd:form:") else { return .ignored("a modal that is not okrd's") }
        // Both shapes: Label components (`components[].component`) and legacy action rows
        // (`components[].components[]`); a select reports `values`.
        var values: [String: String] = [:]
        for top in data["components"] as? [[String: Any]] ?? [] {
            var inputs: [[String: Any]] = []
            if let component = top["component"] as? [String: Any] { inputs.append(component) }
            inputs += top["components"] as? [[String: Any]] ?? []
            for input in inputs {
                guard let name = input["custom_id"] as? String else { continue }
                if let value = input["value"] as? String { values[name] = InboundRequest.clip(value) }
                if let chosen = (input["values"] as? [String])?.first { values[name] = chosen }
            }
        }
        return .submission(user: userID, keyResult: String(custom.dropFirst("okrd:form:".count)), values: values, deliveryID: "discord:\(id)")
    }
}
