public import ChatPlatforms
public import Foundation
public import OKRModel

/// A loaded, validated configuration: the organisation's definitions plus how okrd runs.
public struct OKRConfig: Sendable {
    public var organization: Organization
    public var destinations: [Destination]
    public var escalation: EscalationSettings
    public var delivery: DeliverySettings
    public var scheduler: SchedulerSettings
    public var inbound: InboundSettings
    public var server: ServerSettings
    public var storage: StorageSettings
    /// The file it was read from.
    public var path: String
    /// Warnings found while loading (errors prevent loading).
    public var warnings: [ConfigDiagnostic]

    public init(organization: Organization, destinations: [Destination], escalation: EscalationSettings, delivery: DeliverySettings,
                scheduler: SchedulerSettings, inbound: InboundSettings, server: ServerSettings, storage: StorageSettings,
                path: String, warnings: [ConfigDiagnostic]) {
        self.organization = organization
        self.destinations = destinations
        self.escalation = escalation
        self.delivery = delivery
        self.scheduler = scheduler
        self.inbound = inbound
        self.server = server
        self.storage = storage
        self.path = path
        self.warnings = warnings
    }

    public func destination(_ name: String) -> Destination? {
        destinations.first { $0.name == name }
    }
}

/// How the escalation ladder paces itself.
public struct EscalationSettings: Sendable, Hashable {
    /// After an alert, the same alert repeats at most this often (default 7 days).
    public var repeatInterval: TimeInterval = 7 * 86_400
    /// Daily window in which messages wait (default none).
    public var quietHours: QuietHours?
    /// Hold messages on weekends in the team's time zone (default true).
    public var respectWeekends: Bool = true
    /// A key result at level 2 for this many more check-in cycles is escalated to level 3 (default 2).
    public var cyclesBeforeEscalation: Int = 2

    public init() {}
}

/// How the dispatcher delivers.
public struct DeliverySettings: Sendable, Hashable {
    /// Messages older than this go to dead letters instead of being sent late (default 24 h).
    public var maxAge: TimeInterval = 86_400
    /// At most this many HTTP requests at once across all destinations (default 16, at most
    /// `inFlight`).
    public var parallel: Int = 16
    /// At most this many messages sent whose outcome is not yet on disk (default 128, at least
    /// `parallel`): the most a crash or power loss can make okrd send twice. Outcomes are recorded
    /// in groups, so a window larger than `parallel` keeps every request slot busy while the
    /// previous group is synced to disk.
    public var inFlight: Int = 128
    /// Backoff between retries starts here and doubles (default 2 s).
    public var initialBackoff: TimeInterval = 2
    /// ...up to this cap (default 10 min).
    public var maxBackoff: TimeInterval = 600
    /// Per-request deadline (default 30 s).
    public var timeout: TimeInterval = 30
    /// A CA bundle for TLS peer verification; the system's when nil.
    public var caBundle: String?

    public init() {}
}

/// How the scheduler treats missed occurrences.
public struct SchedulerSettings: Sendable, Hashable {
    /// After downtime, occurrences missed within this window still fire once (default 2 h).
    public var catchUpGrace: TimeInterval = 7200
    /// When the escalation ladder looks at every key result, in each team's time zone
    /// (default tue,thu 11:00: after Monday's answers and after Wednesday's reminder; nil turns alerts off).
    public var escalationCheck: ScheduleSpec? = try? ScheduleSpec(parsing: "tue,thu 11:00")

    public init() {}
}

/// Credentials for the ways replies come back in. Each is optional.
public struct InboundSettings: Sendable, Hashable {
    public var slackSigningSecret: Secret?
    /// A Slack app's bot token (`xoxb-`): with it, prompts carry a "Check in" button that opens a
    /// form (`views.open`); clicks and submissions come to `/slack/interactions`.
    public var slackBotToken: Secret?
    /// Slack's Web API (`https://slack.com/api`; another for tests and proxies).
    public var slackAPIURL = "https://slack.com/api"
    public var mattermostToken: Secret?
    /// The Mattermost server okrd asks to open check-in dialogs (`/api/v4/actions/dialogs/open`);
    /// with it and `server.public_url`, prompts to Mattermost carry buttons.
    public var mattermostServerURL: String?
    public var teamsHMACKey: Secret?
    public var discordPublicKey: String?
    public var webhookSecret: Secret?
    public var matrix: MatrixInbound?

    public struct MatrixInbound: Sendable, Hashable {
        public var homeserver: String
        public var accessToken: Secret
        public var rooms: [String]
        /// The bot's own user id, so its messages are skipped (discovered with whoami when nil).
        public var userID: String?

        public init(homeserver: String, accessToken: Secret, rooms: [String], userID: String? = nil) {
            self.homeserver = homeserver
            self.accessToken = accessToken
            self.rooms = rooms
            self.userID = userID
        }
    }

    public init() {}

    /// Whether answers on `platform` can come back in (so prompts need no check-in page link).
    public func receives(_ platform: Platform) -> Bool {
        switch platform {
        case .slack: slackSigningSecret != nil
        case .mattermost: mattermostToken != nil
        case .teams: teamsHMACKey != nil
        case .discord: discordPublicKey != nil
        case .matrix: matrix != nil
        case .webhook: webhookSecret != nil
        case .googlechat: false
        case .console: true
        }
    }
}

/// The reply server: where it listens and how people reach it.
public struct ServerSettings: Sendable, Hashable {
    /// `listen: off` runs okrd without the reply server.
    public var enabled = true
    public var listenHost: String = "127.0.0.1"
    public var listenPort: Int = 8088
    /// The public base URL people's links point to (check-in pages, chart images).
    public var publicURL: String?
    /// Required to read the dashboard from anywhere but localhost.
    public var dashboardToken: Secret?
    /// Key for signing personal check-in links; derived and stored in the database when absent.
    public var linkSecret: Secret?

    public init() {}
}

/// Where okrd keeps its state.
public enum StorageSettings: Sendable, Hashable {
    case sqlite(path: String)
    case postgres(url: Secret)
}
