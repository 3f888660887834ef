/// A value that must never be printed: webhook URLs, tokens, signing secrets.
/// Its description is redacted, so string interpolation and logging cannot leak it.
public struct Secret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The secret itself. Read it only at the point of use (an HTTP request, an HMAC key).
    public let value: String
    /// Where it came from, safe to show: `env:OKRD_SLACK_URL`, `file:/etc/okrd/token`,
    /// `credential:slack-url`, or `literal` for a value written in the YAML.
    public let source: String

    public init(_ value: String, source: String) {
        self.value = value
        self.source = source
    }

    public var description: String { "<secret from \(source)>" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: ["source": source]) }
}
