public import Foundation

/// A question okrd asked someone about their reply and is waiting on ("‘win rate 0.31’ is far
/// below the 25-40 % range: did you mean 31 %?"). Their next reply of `yes` records the
/// proposals; a value or a full statement answers it; `no` drops it; it expires when the week's
/// check-in cycle ends. One per person: a newer question replaces an older one.
public struct OpenQuestion: Sendable, Hashable, Codable {
    /// What `yes` records.
    public enum Proposal: Sendable, Hashable, Codable {
        case value(keyResult: String, value: Double, confidence: Int?, isKPI: Bool)
        /// Closes an action item.
        case done(action: Int64)
    }

    public var person: String
    /// The key result the question is about, so a bare value in the answer belongs to it.
    public var keyResult: String?
    public var question: String
    public var proposals: [Proposal]
    public var askedAt: Date
    public var expiresAt: Date

    public init(person: String, keyResult: String?, question: String, proposals: [Proposal], askedAt: Date, expiresAt: Date) {
        self.person = person
        self.keyResult = keyResult
        self.question = question
        self.proposals = proposals
        self.askedAt = askedAt
        self.expiresAt = expiresAt
    }
}
