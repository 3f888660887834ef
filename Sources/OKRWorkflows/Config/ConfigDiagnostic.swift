public import OKRModel

/// One problem found in a configuration file, located and with a hint on how to fix it.
public struct ConfigDiagnostic: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable, Codable {
        case error, warning
    }

    public var severity: Severity
    public var location: SourceLocation
    public var message: String
    public var hint: String?
    /// A rule id for lint findings (`OKR005`); nil for configuration errors.
    public var rule: String?

    public init(_ severity: Severity, _ location: SourceLocation, _ message: String, hint: String? = nil, rule: String? = nil) {
        self.severity = severity
        self.location = location
        self.message = message
        self.hint = hint
        self.rule = rule
    }

    /// Compiler style: `okrd.yaml:42:7: error: message` and an indented hint line.
    public var description: String {
        let kind = rule.map { "\(severity.rawValue)[\($0)]" } ?? severity.rawValue
        var text = "\(location): \(kind): \(message)"
        if let hint { text += "\n    hint: \(hint)" }
        return text
    }
}

/// The configuration could not be used; every problem found is listed.
public struct ConfigError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [ConfigDiagnostic]

    public init(diagnostics: [ConfigDiagnostic]) {
        self.diagnostics = diagnostics
    }

    public var errors: [ConfigDiagnostic] { diagnostics.filter { $0.severity == .error } }

    public var description: String {
        let count = errors.count
        return diagnostics.map(\.description).joined(separator: "\n") + "\n\(count) error\(count == 1 ? "" : "s") in the configuration"
    }
}
