public import Foundation

/// One change to okrd's state. A list of changes is applied atomically by ``Store/apply(_:)``:
/// all of them or none, so an outbound message is queued in the same transaction as the state
/// change that caused it.
public enum StoreChange: Sendable, Hashable {
    /// Records an answer. If its delivery id was seen before, the whole batch is a duplicate and
    /// nothing is applied. Check-ins, blockers and action items later in the batch belong to it.
    case reply(Reply)
    case checkIn(CheckIn, source: String, line: Int?)
    case kpiCheckIn(KPICheckIn, source: String, line: Int?)
    case blocker(Blocker)
    case actionItem(ActionItem)
    /// Marks an action item done (by id), if it is open.
    case completeAction(id: Int64, at: Date)
    /// Marks every open blocker of a key result resolved.
    case resolveBlockers(keyResult: String, at: Date)
    case away(AwayRecord)
    case escalation(EscalationState)
    /// Snoozes a key result's escalation until then, leaving the rest of its ladder state as the
    /// store has it (the escalator may have written since the reply read it).
    case snooze(keyResult: String, until: Date)
    /// Acknowledges a key result's escalation, leaving the rest of its ladder state as stored.
    case acknowledge(keyResult: String, at: Date, by: String)
    /// Queues a message; a message with an idempotency key already in the outbox is skipped.
    case enqueue(OutboxMessage)
    /// Claims a schedule occurrence. If it was claimed before, the whole batch is not applied.
    case claimFiring(Firing)
    case setMeta(key: String, value: String)
    /// Stores the question okrd asked a person, replacing the one they had.
    case ask(OpenQuestion)
    /// The person answered (or declined) okrd's question: it is no longer open. With `askedAt`,
    /// only the question asked then (a newer one asked meanwhile stays open).
    case settleQuestion(person: String, askedAt: Date?)
    /// Withdraws what a reply recorded (check-ins, KPI values, blockers, action items). The batch's
    /// own reply (the `undo`) is marked withdrawn too, so a second `undo` reaches the reply before.
    case undoReply(id: Int64, at: Date)
}
