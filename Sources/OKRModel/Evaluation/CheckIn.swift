public import Foundation

/// One person's report on one key result at one time, as stored.
public struct CheckIn: Sendable, Hashable {
    public var keyResult: String
    public var author: String
    public var at: Date
    /// The new value in the key result's unit (milestones: the count done); nil when only
    /// confidence or a comment was reported.
    public var value: Double?
    /// 0-10, nil when not reported.
    public var confidence: Int?
    public var reported: ReportedStatus?
    public var comment: String?

    public init(
        keyResult: String,
        author: String,
        at: Date,
        value: Double?,
        confidence: Int? = nil,
        reported: ReportedStatus? = nil,
        comment: String? = nil
    ) {
        self.keyResult = keyResult
        self.author = author
        self.at = at
        self.value = value
        self.confidence = confidence
        self.reported = reported
        self.comment = comment
    }
}
