public import OKRModel

/// A named place okrd posts messages to: a chat channel's webhook, a Matrix room, or the console.
/// Everything secret about it is a ``Secret``; logs name the destination, never its URL.
public struct Destination: Sendable, Hashable, Identifiable {
    public var name: String
    public var platform: Platform
    /// The webhook URL (Slack, Teams, Discord, Mattermost, Google Chat, generic webhook).
    public var url: Secret?
    /// Matrix: the homeserver base URL, e.g. `https://matrix.example.org`.
    public var homeserver: String?
    /// Matrix: the room id to post to.
    public var room: String?
    /// Matrix: the bearer access token.
    public var accessToken: Secret?
    /// Generic webhook: the Standard Webhooks signing secret (`whsec_...`).
    public var signingSecret: Secret?
    /// Messages per second this destination accepts (default 1).
    public var ratePerSecond: Double
    /// Short bursts above the rate that are allowed (default 1: no burst).
    public var burst: Int
    /// Discord: the webhook belongs to okrd's application (`application_owned: true`), so the
    /// buttons okrd sends come back to it as interactions; other webhooks drop them.
    public var applicationOwned = false

    public var id: String { name }

    public init(
        name: String,
        platform: Platform,
        url: Secret? = nil,
        homeserver: String? = nil,
        room: String? = nil,
        accessToken: Secret? = nil,
        signingSecret: Secret? = nil,
        ratePerSecond: Double = 1,
        burst: Int = 1
    ) {
        self.name = name
        self.platform = platform
        self.url = url
        self.homeserver = homeserver
        self.room = room
        self.accessToken = accessToken
        self.signingSecret = signingSecret
        self.ratePerSecond = ratePerSecond
        self.burst = burst
    }
}
