public import CheckinParser
public import Foundation
public import OKRModel

/// What a reply changes, decided without I/O or a clock: from what the parser read (with okrd's
/// open question already settled), who wrote it, when, and the state it was read against, the
/// store changes to make. Lines the author may not act on are taken out and refused by name:
/// closing someone else's action item, clearing another team's blockers.
public enum ReplyPlanner {
    /// The state a reply is planned against.
    public struct Context: Sendable {
        public var organization: Organization
        public var person: Person
        /// The reply's instant (as stored).
        public var at: Date
        /// Where it came from: `slack`, `page`, `cli`...
        public var platform: String
        public var openActions: [ActionItem]
        /// The author's last reply not yet withdrawn, for `undo`.
        public var lastReply: Reply?

        public init(organization: Organization, person: Person, at: Date, platform: String, openActions: [ActionItem], lastReply: Reply?) {
            self.organization = organization
            self.person = person
            self.at = at
            self.platform = platform
            self.openActions = openActions
            self.lastReply = lastReply
        }
    }

    public struct Plan: Sendable {
        /// What was read, less the refused statements, with a line error for each refusal.
        public var parse: ParseResult
        public var changes: [StoreChange]
        /// The reply an `undo` withdraws.
        public var undone: Reply?
    }

    public static func plan(_ read: ParseResult, context: Context) -> Plan {
        var parse = read
        let person = context.person
        let organization = context.organization
        let updatable = organization.keyResults(updatableBy: person.id).map(\.key)

        // `done AI-n` closes an item only for its owner, its creator, their manager or their team's lead.
        parse.commands.removeAll { command in
            guard command.kind == .done, let id = command.action else { return false }
            guard let item = context.openActions.first(where: { $0.id == id }) else {
                parse.errors.append(ParseError(line: command.line, message: "AI-\(id) is not an open action item (already done, or no such number)."))
                return true
            }
            guard organization.mayClose(owner: item.owner, author: item.author, keyResult: item.keyResult, by: person.id) else {
                let owner = organization.person(item.owner)?.name ?? item.owner
                parse.errors.append(ParseError(line: command.line, message: "you can't close AI-\(id): it is \(owner)'s. Only its owner, whoever created it, their manager or their team's lead can."))
                return true
            }
            return false
        }
        // Blockers are cleared on key results the author may update, named or clear from context.
        parse.resolvedBlockers.removeAll { resolved in
            guard let key = resolved.target else {
                parse.errors.append(ParseError(line: resolved.line, message: "which key result is no longer blocked? Write its key, e.g. `\(updatable.first ?? "kr1") unblocked`."))
                return true
            }
            guard updatable.contains(key) else {
                parse.errors.append(ParseError(line: resolved.line, message: "you can't clear the blockers of `\(key)`: it is not yours or your team's."))
                return true
            }
            return false
        }

        var changes: [StoreChange] = []
        let at = context.at
        for checkIn in parse.checkIns {
            if checkIn.isKPI {
                changes.append(.kpiCheckIn(KPICheckIn(kpi: checkIn.target, author: person.id, at: at, value: checkIn.value, comment: checkIn.comment),
                                           source: context.platform, line: checkIn.line))
            } else {
                changes.append(.checkIn(CheckIn(
                    keyResult: checkIn.target, author: person.id, at: at, value: checkIn.value, confidence: checkIn.confidence,
                    reported: checkIn.status.flatMap { ReportedStatus(rawValue: $0.rawValue) }, comment: checkIn.comment
                ), source: context.platform, line: checkIn.line))
            }
        }
        for resolved in parse.resolvedBlockers {
            if let key = resolved.target { changes.append(.resolveBlockers(keyResult: key, at: at)) }
        }
        for blocker in parse.blockers {
            changes.append(.blocker(Blocker(keyResult: blocker.target, author: person.id, text: blocker.text, at: at, line: blocker.line)))
        }
        for action in parse.actions {
            changes.append(.actionItem(ActionItem(owner: action.owner, author: person.id, text: action.text, due: action.due, keyResult: action.target,
                                                  createdAt: at, line: action.line)))
        }
        var undone: Reply?
        for command in parse.commands {
            switch command.kind {
            case .snooze:
                guard let key = command.target, let until = command.until else { continue }
                // Snoozed through the whole of the last day, in the author's time zone.
                changes.append(.snooze(keyResult: key, until: until.adding(days: 1).startOfDay(in: person.timeZone)))
            case .ack:
                guard let key = command.target else { continue }
                changes.append(.acknowledge(keyResult: key, at: at, by: person.id))
            case .ooo:
                guard let until = command.until else { continue }
                let from = command.from ?? LocalDate(at, in: person.timeZone)
                changes.append(.away(AwayRecord(person: person.id, from: from, until: until, source: context.platform)))
            case .done:
                if let id = command.action { changes.append(.completeAction(id: id, at: at)) }
            case .undo:
                if let last = context.lastReply {
                    undone = last
                    changes.append(.undoReply(id: last.id, at: at))
                }
                // A question the withdrawn reply left open goes with it.
                changes.append(.settleQuestion(person: person.id, askedAt: nil))
            case .help, .confirm, .decline:
                break
            }
        }
        return Plan(parse: parse, changes: changes, undone: undone)
    }
}
