public import OKRModel

extension Snapshot {
    /// The state after `changes`, without a store: what a reply's confirmation reports is computed
    /// from the state before the reply plus the reply's own changes, at the reply's instant, so the
    /// confirmation can be queued in the reply's own transaction. Changes that do not bear on an
    /// evaluation (the reply itself, questions, messages, meta) are ignored; so is `undoReply`,
    /// which names a reply, not what it recorded.
    public func applying(_ changes: [StoreChange]) -> Snapshot {
        var next = self
        for change in changes {
            switch change {
            case .checkIn(let checkIn, _, _):
                next.checkIns[checkIn.keyResult, default: []].append(checkIn)
            case .kpiCheckIn(let value, _, _):
                next.kpiValues[value.kpi, default: []].append(value)
            case .blocker(let blocker):
                next.openBlockers.append(blocker)
            case .resolveBlockers(let keyResult, _):
                next.openBlockers.removeAll { $0.keyResult == keyResult }
            case .actionItem(let item):
                next.actionItems.append(item)
            case .completeAction(let id, let at):
                for i in next.actionItems.indices where next.actionItems[i].id == id && next.actionItems[i].doneAt == nil {
                    next.actionItems[i].doneAt = at
                }
            case .away(let away):
                next.away.append(away)
            case .escalation(let state):
                next.escalation[state.keyResult] = state
            case .snooze(let keyResult, let until):
                next.escalation[keyResult, default: EscalationState(keyResult: keyResult)].memory.snoozedUntil = until
            case .acknowledge(let keyResult, let at, let by):
                next.escalation[keyResult, default: EscalationState(keyResult: keyResult)].memory.ackedAt = at
                next.escalation[keyResult, default: EscalationState(keyResult: keyResult)].ackedBy = by
            case .reply, .enqueue, .claimFiring, .setMeta, .ask, .settleQuestion, .undoReply:
                break
            }
        }
        return next
    }
}
