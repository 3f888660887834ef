import CheckinParser
import Foundation
public import OKRModel
public import OKRStore
public import OKRWorkflows

/// Parses a reply in its author's context and records it in one transaction: check-ins, KPI
/// values, blockers, action items and the commands (snooze, ack, ooo, done, undo).
public struct ReplyIntake: Sendable {
    public let organization: Organization
    public let store: any Store

    public init(organization: Organization, store: any Store) {
        self.organization = organization
        self.store = store
    }

    /// Whether a message says anything okrd understands (a check-in, blocker, action item or
    /// command), judged by the parser with only the open action items read from the store: the
    /// cheap test for chat that was not addressed to okrd (a busy channel must not cost a full
    /// evaluation per message).
    public func understands(_ input: ReplyInput) async throws -> Bool {
        guard organization.person(input.author) != nil else { return false }
        // Chat in a channel never answers okrd's question ("ok thanks" to a colleague is no yes),
        // and a message okrd would only ask about is left alone.
        // Two light reads: a busy channel's every message must not cost the whole reply state.
        let open = try await store.actionItems(openOnly: true)
        let question = input.addressed ? try await store.openQuestion(person: input.author, at: input.at) : nil
        let context = ParserContext.forPerson(input.author, in: organization, latestValues: [:], kpiValues: [:], openActions: open,
                                              pending: AskBack.pending(question))
        let parse = CheckinParser(context: context).parse(input.text, markup: input.markup, at: input.at)
        return !parse.checkIns.isEmpty || !parse.blockers.isEmpty || !parse.actions.isEmpty || !parse.commands.isEmpty
            || !parse.resolvedBlockers.isEmpty
    }

    /// The messages that answer a reply (its confirmation in the outbox), computed from its
    /// outcome and stored in the reply's own transaction.
    public typealias Answer = @Sendable (ReplyOutcome) throws -> [StoreChange]

    /// Records a reply. With `answer`, the messages it returns are queued in the same transaction
    /// as the reply (or alone, when the reply records nothing).
    public func process(_ input: ReplyInput, answer confirm: Answer? = nil) async throws -> ReplyOutcome {
        // Evaluated as of the instant the store gives back, so the confirmation includes the reply.
        var input = input
        input.at = input.at.storable
        guard let person = organization.person(input.author) else {
            throw ReplyError(message: "no person \"\(input.author)\" in the configuration")
        }
        // Everything the reply is read against, in one read: the author's latest values (an index
        // seek per key result and KPI they may update, not a read of the history), open items,
        // their question.
        let updatable = organization.keyResults(updatableBy: person.id).map(\.key)
        let state = try await store.replyState(ReplyStateRequest(
            person: person.id, at: input.at, deliveryID: input.deliveryID, keyResults: updatable,
            kpis: organization.kpis(reportableBy: person.id).map(\.key), readsQuestion: input.addressed))
        // A redelivery of something already recorded: answer as before, record nothing.
        if let seen = state.seen {
            var outcome = try await evaluate(input, parse: ParseResult(), changes: [], previous: [:], undone: nil, recorded: false, state: state)
            outcome.duplicateOf = seen.id
            return outcome
        }
        let latest = state.latest.keyResults
        let open = state.openActions
        let question = state.question
        let context = ParserContext.forPerson(person.id, in: organization, latestValues: latest, kpiValues: state.latest.kpis, openActions: open,
                                              openBlockers: state.openBlockers, pending: AskBack.pending(question), at: input.at)
        var parse = CheckinParser(context: context).parse(input.text, markup: input.markup, at: input.at)
        // Questions asked back stay open until the end of the week's check-in cycle of the team
        // whose key result they ask about (else the author's first team).
        let askedAbout = parse.clarifications.first?.target.flatMap { organization.team(ofKeyResult: $0) } ?? organization.teams(of: person.id).first
        let expires = askedAbout.map { CheckInCycle.end(of: $0, at: input.at) } ?? input.at.addingTimeInterval(7 * 86_400)
        let (questionChanges, settled) = AskBack.settle(&parse, open: question, person: person.id, at: input.at, expiresAt: expires)

        let plan = ReplyPlanner.plan(parse, context: ReplyPlanner.Context(
            organization: organization, person: person, at: input.at, platform: input.platform, openActions: open,
            lastReply: state.lastReply))
        parse = plan.parse
        let changes = questionChanges + plan.changes
        let undone = plan.undone

        // The confirmation reports the state after the reply at the reply's own instant: the state
        // before it, read now, plus the reply's own changes. So it can be queued in the reply's
        // transaction (a crash cannot store one without the other).
        let record = !input.dryRun && !changes.isEmpty
        var outcome = try await evaluate(input, parse: parse, changes: changes, previous: latest, undone: undone, recorded: record, state: state)
        // A "yes" to a question that proposed nothing ("which key result is 12 for?") answers nothing.
        outcome.declinedQuestion = settled == .declined || settled == .confirmed && question?.proposals.isEmpty == true
        if record {
            let reply = Reply(deliveryID: input.deliveryID, author: person.id, platform: input.platform, receivedAt: input.at, text: String(input.text.prefix(20_000)))
            var follow: FollowUp?
            if let confirm {
                let planned = outcome
                follow = { @Sendable (result: StoreApplyResult) throws -> [StoreChange] in
                    var stored = planned
                    stored.actionIDs = result.actionItemIDs
                    return try confirm(stored)
                }
            }
            let result = try await store.apply([.reply(reply)] + changes, then: follow)
            if let duplicate = result.duplicateOf {
                outcome.recorded = false
                outcome.duplicateOf = duplicate
                return outcome
            }
            outcome.actionIDs = result.actionItemIDs
        } else if let confirm, !input.dryRun {
            // Nothing recorded (only errors or questions answered with nothing to store): the
            // answer is all there is to store.
            let answer = try confirm(outcome)
            if !answer.isEmpty { _ = try await store.apply(answer) }
        }
        return outcome
    }

    /// Evaluates the key results a reply touched as of the reply: the state before it plus its
    /// own changes (the same whether they are stored, a dry run, or a duplicate).
    private func evaluate(_ input: ReplyInput, parse: ParseResult, changes: [StoreChange], previous: [String: Double], undone: Reply?, recorded: Bool,
                          state: ReplyState) async throws -> ReplyOutcome {
        let keys = Array(Set(parse.checkIns.filter { !$0.isKPI }.map(\.target) + parse.commands.compactMap(\.target)))
        let before = try await Snapshot.load(organization, store: store, at: input.at, keyResults: keys, state: state)
        let after = before.applying(changes)
        var reports: [String: KeyResultReport] = [:]
        for key in keys {
            if let kr = organization.keyResult(key) { reports[key] = after.report(for: kr) }
        }
        return ReplyOutcome(
            input: input, parse: parse, recorded: recorded, duplicateOf: nil, actionIDs: [], previousValues: previous,
            reports: reports, undone: undone, timeZone: organization.person(input.author)?.timeZone ?? organization.period.timeZone)
    }
}
