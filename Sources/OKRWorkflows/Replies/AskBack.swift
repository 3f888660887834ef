public import CheckinParser
public import Foundation
public import OKRModel

/// The ask-back loop: what a reply does to the question okrd is waiting on from its author, and
/// the question it leaves open. Pure: the caller loads the open question and applies the changes
/// in the reply's transaction.
public enum AskBack {
    /// How a reply settled the question that was open.
    public enum Settled: Sendable, Hashable {
        /// There was no open question, or the reply did not answer it (it stays open).
        case untouched
        /// `yes`: the proposals were added to the reply as if written in it.
        case confirmed
        /// `no`: nothing recorded, the question is dropped.
        case declined
        /// A value for the key result asked about answered it.
        case answered
    }

    /// The open question as the parser sees it: a bare value belongs to its key result, `yes` and
    /// `no` answer it.
    public static func pending(_ question: OpenQuestion?) -> PendingQuestion? {
        guard let question else { return nil }
        return PendingQuestion(target: question.keyResult, proposal: question.proposals.first)
    }

    /// Applies the author's answer to `open` to `parse` (a `yes` becomes the proposed check-ins and
    /// closed items, on the line that said yes) and returns the store changes for the question:
    /// settled, replaced by the reply's own first question, or left as it was. A reply with new
    /// questions asks them; they expire at `expiresAt` (the end of the week's check-in cycle).
    public static func settle(_ parse: inout ParseResult, open: OpenQuestion?, person: String, at: Date, expiresAt: Date) -> (changes: [StoreChange], settled: Settled) {
        var settled = Settled.untouched
        if let open {
            if let yes = parse.commands.first(where: { $0.kind == .confirm }) {
                let stated = Set(parse.checkIns.map(\.target))
                for proposal in open.proposals {
                    switch proposal {
                    case .value(let key, _, _, _) where stated.contains(key):
                        // "yes" and a value for the same key result: the value written wins.
                        continue
                    case .value(let key, let value, let confidence, let isKPI):
                        parse.checkIns.append(ParsedCheckIn(target: key, value: value, confidence: confidence, line: yes.line, isKPI: isKPI))
                    case .done(let id):
                        parse.commands.append(ParsedCommand(kind: .done, action: id, line: yes.line))
                    }
                }
                settled = .confirmed
            } else if parse.commands.contains(where: { $0.kind == .decline }) {
                settled = .declined
            } else if parse.checkIns.contains(where: { $0.target == open.keyResult }) {
                settled = .answered
            }
        }
        var changes: [StoreChange] = []
        if settled != .untouched { changes.append(.settleQuestion(person: person, askedAt: open?.askedAt)) }
        if let first = parse.clarifications.first {
            let proposals = parse.clarifications.flatMap(\.proposals)
            let question = parse.clarifications.map(\.question).joined(separator: "\n")
            changes.append(.ask(OpenQuestion(person: person, keyResult: first.target, question: String(question.prefix(4_000)),
                                             proposals: proposals, askedAt: at, expiresAt: max(expiresAt, at.addingTimeInterval(3_600)))))
        }
        return (changes, settled)
    }
}
