/// A platform-neutral chat message: what okrd wants to say, before any platform's syntax.
/// Renderers turn it into Slack blocks, an Adaptive Card, Markdown, HTML or plain text.
///
/// Text that came from a person (`Inline.userText`) is kept apart from okrd's own text, so every
/// renderer can neutralise broadcast mentions and markup in it; mentions are by person id and are
/// resolved to each platform's syntax from the people's configured handles.
public struct ChatMessage: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable, Hashable {
        case prompt, reminder, alert, escalation, resolved, digest, confirmation, nudge, test, retrospective, kpiAlert
    }

    public enum Severity: String, Codable, Sendable, Hashable {
        case info, success, warning, critical
    }

    public var kind: Kind
    public var severity: Severity
    public var title: String
    public var intro: [Inline]
    public var sections: [Section]
    public var footer: [Inline]
    /// Google Chat thread key (and a stable grouping hint elsewhere).
    public var threadKey: String?
    /// A chart or picture to show where the platform can (by URL).
    public var image: Image?
    /// Set on the parts of a message split to fit a platform's size limit.
    public var part: Part?
    /// Matrix: the event this message answers (a confirmation threads to the reply it confirms).
    public var replyTo: String?
    /// Buttons that call okrd back (Slack app webhooks); other platforms leave them out.
    public var buttons: [Button]?

    /// A button whose click comes back to okrd: `action` names what it does, `value` what for.
    public struct Button: Codable, Sendable, Hashable {
        public var action: String
        public var label: String
        public var value: String
        public var primary: Bool
        /// Mattermost: where its server posts the click (okrd's `/mattermost/actions`) and okrd's
        /// signed token for it, sent back in the click's `context` (Mattermost signs nothing).
        public var callback: Callback?
        /// A button that only opens this address (a person's check-in page), on platforms that
        /// cannot call okrd back: Teams `Action.OpenUrl`, Google Chat `openLink`, Discord link buttons.
        public var link: String?

        public struct Callback: Codable, Sendable, Hashable {
            public var url: String
            public var token: String

            public init(url: String, token: String) {
                self.url = url
                self.token = token
            }
        }

        public init(action: String, label: String, value: String, primary: Bool = true, callback: Callback? = nil, link: String? = nil) {
            self.link = link
            self.action = action
            self.label = label
            self.value = value
            self.primary = primary
            self.callback = callback
        }
    }

    public init(
        kind: Kind, severity: Severity = .info, title: String, intro: [Inline] = [], sections: [Section] = [], footer: [Inline] = [],
        threadKey: String? = nil, image: Image? = nil, part: Part? = nil, replyTo: String? = nil, buttons: [Button]? = nil
    ) {
        self.replyTo = replyTo
        self.buttons = buttons
        self.kind = kind
        self.severity = severity
        self.title = title
        self.intro = intro
        self.sections = sections
        self.footer = footer
        self.threadKey = threadKey
        self.image = image
        self.part = part
    }

    public struct Section: Codable, Sendable, Hashable {
        public var title: String?
        public var lines: [Line]

        public init(title: String? = nil, lines: [Line]) {
            self.title = title
            self.lines = lines
        }
    }

    public struct Line: Codable, Sendable, Hashable {
        public var inlines: [Inline]
        /// A progress bar shown before the text.
        public var progress: Progress?

        public init(_ inlines: [Inline], progress: Progress? = nil) {
            self.inlines = inlines
            self.progress = progress
        }
    }

    /// Progress against the expected pace, drawn as a text bar with the status colour.
    public struct Progress: Codable, Sendable, Hashable {
        /// Clamped to 0...1.
        public var actual: Double
        public var expected: Double
        /// A `Status` raw value: complete, on_track, at_risk, in_trouble, no_data.
        public var status: String

        public init(actual: Double, expected: Double, status: String) {
            self.actual = actual
            self.expected = expected
            self.status = status
        }
    }

    public struct Image: Codable, Sendable, Hashable {
        /// Where the image can be fetched (empty when there is no public URL).
        public var url: String
        public var alt: String
        /// The image itself (PNG), for platforms that take an uploaded file (Discord).
        public var png: [UInt8]?

        public init(url: String, alt: String, png: [UInt8]? = nil) {
            self.url = url
            self.alt = alt
            self.png = png
        }
    }

    public struct Part: Codable, Sendable, Hashable {
        public var index: Int
        public var count: Int

        public init(index: Int, count: Int) {
            self.index = index
            self.count = count
        }
    }

    /// Every person mentioned, in order of first mention.
    public var mentionedPeople: [String] {
        var seen: [String] = []
        for inline in intro + sections.flatMap({ $0.lines.flatMap(\.inlines) }) + footer {
            if case .mention(let id) = inline, !seen.contains(id) { seen.append(id) }
        }
        return seen
    }
}

/// A run of text inside a line.
public enum Inline: Codable, Sendable, Hashable {
    /// okrd's own words.
    case text(String)
    /// Words a person wrote (comments, blocker and action texts): neutralised by every renderer.
    case userText(String)
    /// A person, by okrd id.
    case mention(String)
    case strong(String)
    case code(String)
    case link(url: String, label: String)
}

extension Array where Element == Inline {
    /// Plain text without markup, mentions as names (for fallbacks and measuring).
    public func plain(_ directory: Directory) -> String {
        map { inline in
            switch inline {
            case .text(let s), .userText(let s), .strong(let s), .code(let s): s
            case .mention(let id): directory.name(id)
            case .link(_, let label): label
            }
        }.joined()
    }
}
