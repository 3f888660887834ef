public import Foundation

/// A message waiting to be delivered, written in the same transaction as the change that caused it.
public struct OutboxMessage: Sendable, Hashable {
    public enum State: String, Sendable, Hashable, Codable, CaseIterable {
        case pending
        case sent
        case dead
    }

    public var id: Int64
    /// Stable and unique: the same prompt for the same person and week can never be queued twice.
    public var idempotencyKey: String
    public var destination: String
    /// `prompt`, `reminder`, `alert`, `digest`, `confirmation`, `test`...
    public var kind: String
    /// The platform-neutral message, encoded as JSON (what `okrd outbox show` shows).
    public var payload: [UInt8]
    /// The request body rendered from `payload` when the message was queued, so sending does not
    /// render again; nil, or made for another platform, means "render at send time".
    public var rendered: Rendering?
    public var createdAt: Date
    /// Not to be sent before this instant (quiet hours, backoff, Retry-After).
    public var notBefore: Date
    public var attempts: Int
    public var state: State
    public var lastStatus: Int?
    public var lastError: String?
    public var sentAt: Date?
    /// What the platform answered (truncated), for `okrd outbox show`.
    public var response: String?
    /// While a sender holds it: who and until when (a lease, so a crashed sender's claim expires).
    public var claimedBy: String?
    public var claimedUntil: Date?

    public init(
        id: Int64 = 0, idempotencyKey: String, destination: String, kind: String, payload: [UInt8], createdAt: Date,
        notBefore: Date? = nil, attempts: Int = 0, state: State = .pending, lastStatus: Int? = nil, lastError: String? = nil,
        sentAt: Date? = nil, response: String? = nil, claimedBy: String? = nil, claimedUntil: Date? = nil, rendered: Rendering? = nil
    ) {
        self.id = id
        self.idempotencyKey = idempotencyKey
        self.destination = destination
        self.kind = kind
        self.payload = payload
        self.createdAt = createdAt
        self.notBefore = notBefore ?? createdAt
        self.attempts = attempts
        self.state = state
        self.lastStatus = lastStatus
        self.lastError = lastError
        self.sentAt = sentAt
        self.response = response
        self.claimedBy = claimedBy
        self.claimedUntil = claimedUntil
        self.rendered = rendered
    }

    /// A body rendered for one platform.
    public struct Rendering: Sendable, Hashable {
        /// The platform's configuration name (`slack`, `matrix`, ...).
        public var platform: String
        public var contentType: String
        public var body: [UInt8]

        public init(platform: String, contentType: String, body: [UInt8]) {
            self.platform = platform
            self.contentType = contentType
            self.body = body
        }
    }
}

/// The outcome of one delivery attempt, recorded by the dispatcher.
public enum DeliveryOutcome: Sendable, Hashable {
    case sent(at: Date, status: Int, response: String?)
    /// Try again no earlier than `notBefore`.
    case retry(notBefore: Date, status: Int?, error: String)
    /// Give up: dead letter with the reason.
    case dead(at: Date, status: Int?, error: String)
    /// Claimed but never sent (okrd stopped first): the lease is released and the attempt not counted.
    case released
}

/// A destination's delivery health, persisted so a restart does not hammer a gone webhook.
public struct DestinationState: Sendable, Hashable {
    public var name: String
    public var disabledAt: Date?
    public var disabledReason: String?
    /// No request before this instant (Retry-After, rate limit).
    public var pausedUntil: Date?

    public init(name: String, disabledAt: Date? = nil, disabledReason: String? = nil, pausedUntil: Date? = nil) {
        self.name = name
        self.disabledAt = disabledAt
        self.disabledReason = disabledReason
        self.pausedUntil = pausedUntil
    }
}
