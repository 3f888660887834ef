public import ChatPlatforms
public import CheckinParser
import Foundation
public import OKRModel

/// The check-in form a "Check in" button opens (a Slack modal): per key result the person may
/// update a value, a confidence and a comment, their KPIs, and an optional blocker and action
/// item. What they submit becomes one reply in okrd's own format, read by the same parser and
/// recorded by the same intake as a written reply, so a form and a message record alike.
public enum CheckInForm {
    /// Slack allows 100 blocks in a modal: three per key result (29 × 3), ten KPIs, a blocker and an action item.
    public static let maxKeyResults = 29

    /// The key results on a person's form: their own; a person who owns none (a lead, say) gets
    /// the ones they may update (their teams').
    public static func keyResults(for person: String, in organization: Organization) -> [KeyResult] {
        let own = organization.keyResults(ownedBy: person)
        return own.isEmpty ? organization.keyResults(updatableBy: person) : own
    }

    /// The modal view for `person`, with the current values in the labels.
    public static func slackView(for person: Person, keyResults: [KeyResult], kpis: [KPI], latest: [String: Double], kpiValues: [String: Double], team: String) -> JSONValue {
        var blocks: [JSONValue] = []
        func text(_ string: String, limit: Int) -> JSONValue { .object([("type", "plain_text"), ("text", .string(String(string.prefix(limit))))]) }
        func input(_ block: String, label: String, element: JSONValue, hint: String? = nil) {
            var fields: [(String, JSONValue)] = [("type", "input"), ("block_id", .string(block)), ("optional", true), ("label", text(label, limit: 2000)), ("element", element)]
            if let hint { fields.append(("hint", text(hint, limit: 2000))) }
            blocks.append(.object(fields))
        }
        let number = { (action: String) -> JSONValue in .object([("type", "number_input"), ("action_id", .string(action)), ("is_decimal_allowed", true)]) }
        let confidences = JSONValue.array((0...10).reversed().map { n in
            .object([("text", text(n >= 7 ? "\(n) 🟢" : n >= 4 ? "\(n) 🟡" : "\(n) 🔴", limit: 75)), ("value", .string("\(n)"))])
        })
        for kr in keyResults.prefix(maxKeyResults) {
            let now = latest[kr.key].map { kr.format($0) } ?? "no value yet"
            let goal = kr.kind == .milestone ? "\(kr.milestones.count) milestones" : kr.format(kr.goalValue)
            input("value:\(kr.key)", label: "\(kr.title) (now \(now), target \(goal))", element: number("v"),
                  hint: kr.kind == .milestone ? "How many milestones are done" : "In \(unitName(kr.unit)); leave empty to skip this key result")
            input("confidence:\(kr.key)", label: "Confidence for \(kr.key) (0-10)",
                  element: .object([("type", "static_select"), ("action_id", "v"), ("placeholder", text("How sure are you it will be reached?", limit: 150)), ("options", confidences)]))
            input("comment:\(kr.key)", label: "Comment on \(kr.key)", element: .object([("type", "plain_text_input"), ("action_id", "v"), ("max_length", 500)]))
        }
        for kpi in kpis.prefix(10) {
            let now = kpiValues[kpi.key].map { kpi.unit.format($0) } ?? "no value yet"
            input("kpi:\(kpi.key)", label: "\(kpi.title) (KPI, now \(now))", element: number("v"))
        }
        input("blocker", label: "Blocked by anything?", element: .object([("type", "plain_text_input"), ("action_id", "v"), ("max_length", 500)]),
              hint: "What stands in the way; your team's lead is told")
        input("action", label: "An action item", element: .object([("type", "plain_text_input"), ("action_id", "v"), ("max_length", 300),
                                                                 ("placeholder", text("@owner do something by Friday", limit: 150))]))
        return .object([
            ("type", "modal"), ("callback_id", .string(SlackInteraction.checkInForm)), ("private_metadata", .string(String(team.prefix(3000)))),
            ("title", text("OKR check-in", limit: 24)), ("submit", text("Record", limit: 24)), ("close", text("Cancel", limit: 24)),
            ("blocks", .array(blocks)),
        ])
    }

    /// Discord: the answer to "Check in" for someone with several key results: one button each
    /// (a modal holds five inputs, so one key result per form), visible to the clicker alone.
    public static func discordChooser(_ keyResults: [KeyResult], kpis: [KPI] = []) -> JSONValue {
        let buttons = keyResults.map { ChatMessage.Button(action: DiscordInteraction.chooseAction, label: $0.title, value: $0.key) }
            + kpis.map { ChatMessage.Button(action: DiscordInteraction.chooseAction, label: "KPI: \($0.title)", value: $0.key) }
        return .object([("type", 4), ("data", .object([("content", "Which key result? Each opens its own form."), ("flags", 64),
                                                      ("components", DiscordInteraction.actionRows(buttons))]))])
    }

    /// Discord: the form for one KPI (its value).
    public static func discordModal(_ kpi: KPI, latest: Double?) -> JSONValue {
        let now = latest.map { kpi.unit.format($0) } ?? "no value yet"
        return .object([("type", 9), ("data", .object([
            ("custom_id", .string(String("okrd:form:\(kpi.key)".prefix(100)))), ("title", .string(String("KPI: \(kpi.title)".prefix(45)))),
            ("components", .array([.object([("type", 18), ("label", "Value"), ("description", .string(String("Now \(now)".prefix(100)))),
                                             ("component", .object([("type", 4), ("custom_id", "value"), ("style", 1), ("max_length", 40), ("required", true)]))])])),
        ]))])
    }

    /// Discord: the form for one key result (a modal holds five inputs: value, confidence, comment,
    /// a blocker and an action item).
    public static func discordModal(_ kr: KeyResult, latest: Double?) -> JSONValue {
        func label(_ text: String, description: String? = nil, _ component: JSONValue) -> JSONValue {
            var fields: [(String, JSONValue)] = [("type", 18), ("label", .string(String(text.prefix(45))))]
            if let description { fields.append(("description", .string(String(description.prefix(100))))) }
            fields.append(("component", component))
            return .object(fields)
        }
        let now = latest.map { kr.format($0) } ?? "no value yet"
        let goal = kr.kind == .milestone ? "\(kr.milestones.count) milestones" : kr.format(kr.goalValue)
        let confidences = JSONValue.array((0...10).reversed().map { n in .object([("label", .string("\(n)")), ("value", .string("\(n)"))]) })
        return .object([("type", 9), ("data", .object([
            ("custom_id", .string(String("okrd:form:\(kr.key)".prefix(100)))), ("title", .string(String(kr.title.prefix(45)))),
            ("components", .array([
                label("New value", description: "Now \(now), target \(goal)", .object([("type", 4), ("custom_id", "value"), ("style", 1), ("max_length", 40), ("required", true)])),
                label("Confidence (0-10)", .object([("type", 3), ("custom_id", "confidence"), ("required", false), ("options", confidences)])),
                label("Comment", .object([("type", 4), ("custom_id", "comment"), ("style", 2), ("max_length", 500), ("required", false)])),
                label("Blocked by anything?", description: "What stands in the way; your team's lead is told",
                      .object([("type", 4), ("custom_id", "blocker"), ("style", 2), ("max_length", 500), ("required", false)])),
                label("An action item", description: "@owner do something by Friday",
                      .object([("type", 4), ("custom_id", "action"), ("style", 1), ("max_length", 300), ("required", false)])),
            ])),
        ]))])
    }

    /// Mattermost: the interactive dialog (names ≤300, display names ≤24, help texts ≤150).
    public static func mattermostDialog(keyResults: [KeyResult], kpis: [KPI], latest: [String: Double], kpiValues: [String: Double], state: String) -> JSONValue {
        var elements: [JSONValue] = []
        func element(_ name: String, _ display: String, type: String, help: String? = nil, extra: [(String, JSONValue)] = []) {
            var fields: [(String, JSONValue)] = [("display_name", .string(utf8Prefix(display, 24))), ("name", .string(utf8Prefix(name, 300))),
                                                 ("type", .string(type)), ("optional", true)]
            if let help { fields.append(("help_text", .string(utf8Prefix(help, 150)))) }
            elements.append(.object(fields + extra))
        }
        let confidences = JSONValue.array((0...10).reversed().map { n in .object([("text", .string("\(n)")), ("value", .string("\(n)"))]) })
        for kr in keyResults.prefix(maxKeyResults) {
            let now = latest[kr.key].map { kr.format($0) } ?? "no value yet"
            let goal = kr.kind == .milestone ? "\(kr.milestones.count) milestones" : kr.format(kr.goalValue)
            // Plain text, not subtype "number": some clients send an empty number field as 0.
            element("value:\(kr.key)", kr.key, type: "text", help: "\(kr.title): now \(now), target \(goal)")
            element("confidence:\(kr.key)", "Confidence (0-10)", type: "select", extra: [("options", confidences)])
            element("comment:\(kr.key)", "Comment", type: "textarea", extra: [("max_length", 500)])
        }
        for kpi in kpis.prefix(10) {
            let now = kpiValues[kpi.key].map { kpi.unit.format($0) } ?? "no value yet"
            element("kpi:\(kpi.key)", kpi.key, type: "text", help: "\(kpi.title) (KPI): now \(now)")
        }
        element("blocker", "Blocked by anything?", type: "textarea", help: "What stands in the way; your team's lead is told", extra: [("max_length", 500)])
        element("action", "An action item", type: "text", help: "@owner do something by Friday", extra: [("max_length", 300)])
        return .object([
            ("callback_id", .string(MattermostAction.dialogCallback)), ("title", "OKR check-in"), ("submit_label", "Record"),
            ("notify_on_cancel", false), ("state", .string(state)), ("elements", .array(elements)),
        ])
    }

    /// A modal that only says something (no inputs, so no submit button).
    public static func slackNotice(title: String, text: String) -> JSONValue {
        .object([
            ("type", "modal"), ("title", .object([("type", "plain_text"), ("text", .string(String(title.prefix(24))))])),
            ("close", .object([("type", "plain_text"), ("text", "Close")])),
            ("blocks", .array([.object([("type", "section"), ("text", .object([("type", "plain_text"), ("text", .string(String(text.prefix(3000))))]))])])),
        ])
    }

    /// A submitted form as a reply: one line per key result given a value (`key value conf N - comment`),
    /// KPI lines, `blocker:` and `action:` lines. `lineBlocks` maps each line to the form block its
    /// problems are shown on. `problems` are fields to fix before anything is recorded.
    public struct Reply: Sendable, Hashable {
        public var text: String
        public var lineBlocks: [Int: String]
        public var problems: [String: String]
        /// Per line that gives a value: the key result or KPI and the value it must record.
        public var values: [Int: (key: String, value: Double)] = [:]

        public static func == (a: Reply, b: Reply) -> Bool {
            a.text == b.text && a.lineBlocks == b.lineBlocks && a.problems == b.problems
        }
        public func hash(into hasher: inout Hasher) { hasher.combine(text) }
    }

    /// What the parser read from a form's reply beyond what its fields say, by field: a value line
    /// must record exactly its own key result and value, and nothing else may be recorded from
    /// comments, the blocker or the action item (a comment that reads "waiting on legal, churn 9"
    /// must not record churn). A wrong recording is worse than a question.
    public static func unexpected(_ parse: ParseResult, in form: Reply) -> [String: String] {
        var problems: [String: String] = [:]
        let block = { (line: Int) in form.lineBlocks[line] ?? "blocker" }
        for (line, expected) in form.values {
            let read = parse.checkIns.filter { $0.line == line }
            if read.count != 1 || read[0].target != expected.key || abs(read[0].value - expected.value) > 1e-9 {
                problems[block(line)] = "okrd would read this line differently than the field says; keep key result names and numbers out of the comment."
            }
        }
        for checkIn in parse.checkIns where form.values[checkIn.line] == nil {
            problems[block(checkIn.line)] = "This field would record a value for \(checkIn.target); put values in their own fields."
        }
        for action in parse.actions where block(action.line) != "action" {
            problems[block(action.line)] = "This field reads as an action item; put it in the action item field."
        }
        for blocker in parse.blockers where block(blocker.line) != "blocker" {
            problems[block(blocker.line)] = "This field reads as a blocker; put it in the blocker field."
        }
        for command in parse.commands { problems[block(command.line)] = "This field reads as a command to okrd; leave commands out of the form." }
        for resolved in parse.resolvedBlockers { problems[block(resolved.line)] = "This field reads as clearing a blocker; say that in a message instead." }
        return problems
    }

    public static func reply(from values: [String: String?], keyResults: [KeyResult], kpis: [KPI]) -> Reply {
        var lines: [String] = []
        var lineBlocks: [Int: String] = [:]
        var problems: [String: String] = [:]
        func given(_ block: String) -> String? {
            guard let value = values[block] ?? nil else { return nil }
            let trimmed = value.replacingOccurrences(of: "\n", with: " ").trimmingCharacters(in: .whitespaces)
            return trimmed.isEmpty ? nil : trimmed
        }
        var values: [Int: (key: String, value: Double)] = [:]
        func add(_ line: String, block: String, value: (String, Double)? = nil) {
            lines.append(line)
            lineBlocks[lines.count] = block
            if let value { values[lines.count] = value }
        }
        for kr in keyResults.prefix(maxKeyResults) {
            let value = given("value:\(kr.key)")
            let confidence = given("confidence:\(kr.key)")
            let comment = given("comment:\(kr.key)")
            guard let value else {
                if confidence != nil || comment != nil {
                    problems["value:\(kr.key)"] = "Give the new value too (a check-in needs one), or clear the confidence and comment."
                }
                continue
            }
            guard let number = fieldNumber(value) else {
                problems["value:\(kr.key)"] = "“\(value)” is not a number (write it like 42, 42.5, 1,200 or 120k)."
                continue
            }
            var line = "\(kr.key) \(plain(number))\(kr.unit == .percent ? "%" : "")"
            if let confidence { line += " conf \(confidence)" }
            if let comment { line += " - \(comment)" }
            add(line, block: "value:\(kr.key)", value: (kr.key, number))
        }
        for kpi in kpis.prefix(10) {
            guard let value = given("kpi:\(kpi.key)") else { continue }
            guard let number = fieldNumber(value) else {
                problems["kpi:\(kpi.key)"] = "“\(value)” is not a number (write it like 42, 42.5, 1,200 or 120k)."
                continue
            }
            add("\(kpi.key) \(plain(number))\(kpi.unit == .percent ? "%" : "")", block: "kpi:\(kpi.key)", value: (kpi.key, number))
        }
        if let blocker = given("blocker") { add("blocker: \(blocker)", block: "blocker") }
        if let action = given("action") { add("action: \(action)", block: "action") }
        if lines.isEmpty, problems.isEmpty, let first = keyResults.first {
            problems["value:\(first.key)"] = "Nothing to record: give at least one value, a blocker or an action item."
        }
        return Reply(text: lines.joined(separator: "\n"), lineBlocks: lineBlocks, problems: problems, values: values)
    }

    /// A number typed into a form's value field: `42`, `-3`, `42.5`, `1,200` (commas only between
    /// groups of three digits), `$120,000`, `120k`, `1.2M`, `42%` (a currency sign or a percent sign
    /// around it is the field's unit, already known). Anything else, `1,5` above all (a decimal
    /// comma or a thousands separator?), is not read: a question is better than a wrong value.
    public static func fieldNumber(_ text: String) -> Double? {
        var body = Substring(text.trimmingCharacters(in: .whitespaces))
        for sign in ["$", "€", "£", "%"] {
            if body.hasPrefix(sign) { body = body.dropFirst(sign.count) }
            if body.hasSuffix(sign) { body = body.dropLast(sign.count) }
        }
        body = Substring(body.trimmingCharacters(in: .whitespaces))
        var scale = 1.0
        if let last = body.last, "kKmM".contains(last) {
            scale = last == "k" || last == "K" ? 1_000 : 1_000_000
            body = body.dropLast()
        }
        if body.contains(",") {
            // Thousands separators only: 1,200 and 12,345,678 (a decimal point may follow).
            let whole = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)[0]
            let groups = whole.drop { $0 == "-" }.split(separator: ",", omittingEmptySubsequences: false)
            guard groups.count > 1, (1...3).contains(groups[0].count), groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
            body = Substring(body.replacingOccurrences(of: ",", with: ""))
        }
        guard !body.isEmpty, body.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") }),
              let number = Double(body), number.isFinite else { return nil }
        return number * scale
    }

    /// At most `bytes` UTF-8 bytes, cut at a character (Mattermost counts limits in bytes).
    static func utf8Prefix(_ text: String, _ bytes: Int) -> String {
        var result = ""
        var used = 0
        for character in text {
            let size = String(character).utf8.count
            if used + size > bytes { break }
            result.append(character)
            used += size
        }
        return result
    }

    /// `42`, `42.5`: no grouping, no exponent, as the parser reads numbers.
    static func plain(_ number: Double) -> String {
        number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : "\(number)"
    }

    static func unitName(_ unit: MetricUnit) -> String {
        switch unit {
        case .count: "a count"
        case .number: "a number"
        case .percent: "percent"
        case .days: "days"
        case .currency(let code): code
        }
    }
}
