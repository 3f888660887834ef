public import CheckinParser
public import Foundation
public import OKRModel

/// One answer someone sent, from chat, the check-in page or `okrd checkin`.
public struct ReplyInput: Sendable {
    public var author: String
    public var text: String
    public var markup: Markup
    public var at: Date
    /// `cli`, `slack`, `matrix`, `page`...
    public var platform: String
    /// The platform's id for this delivery; a redelivery with the same id is recognised and not
    /// recorded twice.
    public var deliveryID: String?
    public var dryRun: Bool
    /// Said to okrd (a command, a mention, a reply to okrd's message, the page, the CLI) rather
    /// than in a channel okrd reads: only such a reply answers okrd's open question with yes/no
    /// or a bare value.
    public var addressed: Bool

    public init(author: String, text: String, markup: Markup = .plain, at: Date, platform: String = "cli", deliveryID: String? = nil, dryRun: Bool = false,
                addressed: Bool = true) {
        self.addressed = addressed
        self.author = author
        self.text = text
        self.markup = markup
        self.at = at
        self.platform = platform
        self.deliveryID = deliveryID
        self.dryRun = dryRun
    }
}

/// What happened to a reply: what the parser understood, what was stored, and where each key
/// result stands afterwards.
public struct ReplyOutcome: Sendable {
    public var input: ReplyInput
    public var parse: ParseResult
    /// Whether anything was written (false for dry runs, duplicates and replies with nothing to record).
    public var recorded: Bool
    /// Set when the delivery was seen before: nothing new was recorded.
    public var duplicateOf: Int64?
    /// Ids of the action items created, in the order of `parse.actions`.
    public var actionIDs: [Int64]
    /// Values before this reply, for "was 2" in the confirmation.
    public var previousValues: [String: Double]
    /// Key results this reply touched, evaluated after it.
    public var reports: [String: KeyResultReport]
    /// The reply an `undo` withdrew.
    public var undone: Reply?
    /// The reply said `no` to okrd's open question (or `yes` to one that proposed nothing): it was
    /// dropped, nothing recorded for it.
    public var declinedQuestion = false
    public var timeZone: TimeZone

    public init(input: ReplyInput, parse: ParseResult, recorded: Bool, duplicateOf: Int64?, actionIDs: [Int64], previousValues: [String: Double],
                reports: [String: KeyResultReport], undone: Reply?, timeZone: TimeZone) {
        self.input = input
        self.parse = parse
        self.recorded = recorded
        self.duplicateOf = duplicateOf
        self.actionIDs = actionIDs
        self.previousValues = previousValues
        self.reports = reports
        self.undone = undone
        self.timeZone = timeZone
    }
}
