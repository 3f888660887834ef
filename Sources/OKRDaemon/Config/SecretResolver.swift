public import ChatPlatforms
import Foundation

/// Resolves secret references from the configuration:
/// `${ENV_VAR}`, `file:/path`, `credential:NAME` (from `$CREDENTIALS_DIRECTORY/NAME`, as systemd's
/// LoadCredential provides), or a literal value (accepted with a warning).
struct SecretResolver: Sendable {
    var environment: [String: String]

    enum Outcome {
        case resolved(Secret)
        /// Resolved, but written literally in the YAML.
        case literal(Secret)
        case missing(reason: String, hint: String)
    }

    func resolve(_ reference: String) -> Outcome {
        let text = reference.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("${") && text.hasSuffix("}") {
            let name = String(text.dropFirst(2).dropLast())
            guard let value = environment[name], !value.isEmpty else {
                return .missing(reason: "environment variable \(name) is not set", hint: "export \(name)=... before starting okrd, or put it in the service's EnvironmentFile")
            }
            return .resolved(Secret(value, source: "env:\(name)"))
        }
        if text.hasPrefix("file:") {
            let path = String(text.dropFirst("file:".count))
            return read(path: path, source: "file:\(path)", hint: "create the file (readable only by okrd) or fix the path")
        }
        if text.hasPrefix("credential:") {
            let name = String(text.dropFirst("credential:".count))
            guard !name.isEmpty, !name.contains("/") else {
                return .missing(reason: "\"\(text)\" is not a credential name", hint: "write credential:NAME where NAME is the LoadCredential= name")
            }
            guard let directory = environment["CREDENTIALS_DIRECTORY"], !directory.isEmpty else {
                return .missing(reason: "credential \(name) needs $CREDENTIALS_DIRECTORY, which is not set",
                                hint: "run okrd under systemd with LoadCredential=\(name):/path, or set CREDENTIALS_DIRECTORY for a manual run")
            }
            return read(path: "\(directory)/\(name)", source: "credential:\(name)", hint: "add LoadCredential=\(name):/path/to/secret to the service")
        }
        return .literal(Secret(text, source: "literal"))
    }

    private func read(path: String, source: String, hint: String) -> Outcome {
        guard let data = FileManager.default.contents(atPath: path) else {
            return .missing(reason: "\(source) cannot be read", hint: hint)
        }
        var value = String(decoding: data, as: UTF8.self)
        while value.hasSuffix("\n") || value.hasSuffix("\r") { value.removeLast() }
        guard !value.isEmpty else { return .missing(reason: "\(source) is empty", hint: hint) }
        return .resolved(Secret(value, source: source))
    }
}

/// A secret reference that cannot be resolved here: why, and what to do.
public struct SecretReferenceError: Error, Sendable, CustomStringConvertible {
    public var description: String
}

extension ConfigLoader {
    /// Resolves one secret reference as the configuration would (`${ENV}`, `file:`, `credential:`);
    /// a literal value is taken as it is.
    public func resolveSecret(_ reference: String) throws(SecretReferenceError) -> Secret {
        switch SecretResolver(environment: environment).resolve(reference) {
        case .resolved(let secret), .literal(let secret):
            return secret
        case .missing(let reason, let hint):
            throw SecretReferenceError(description: "\(reason) (\(hint))")
        }
    }
}
