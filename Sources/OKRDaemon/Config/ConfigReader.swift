import Foundation
import OKRModel
import Yams
import OKRWorkflows

/// Reads typed values out of a YAML node tree and collects every problem on the way, each located
/// at the node it concerns, so one run reports them all.
final class ConfigReader {
    let file: String
    private(set) var diagnostics: [ConfigDiagnostic] = []

    init(file: String) {
        self.file = file
    }

    func location(_ node: Node?) -> SourceLocation {
        guard let mark = node?.mark else { return SourceLocation(file: file, line: 1, column: 1) }
        return SourceLocation(file: file, line: mark.line, column: mark.column)
    }

    func error(_ node: Node?, _ message: String, hint: String? = nil) {
        diagnostics.append(ConfigDiagnostic(.error, location(node), message, hint: hint))
    }

    func warning(_ node: Node?, _ message: String, hint: String? = nil) {
        diagnostics.append(ConfigDiagnostic(.warning, location(node), message, hint: hint))
    }

    func error(at location: SourceLocation, _ message: String, hint: String? = nil) {
        diagnostics.append(ConfigDiagnostic(.error, location, message, hint: hint))
    }

    var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    // MARK: Structure

    /// A mapping's entries by key, after reporting duplicate keys, non-string keys and keys outside
    /// `allowed` (with a did-you-mean hint). Nil (and an error) when the node is not a mapping.
    func mapping(_ node: Node, _ what: String, allowed: [String]) -> Entries? {
        guard case .mapping(let mapping) = node else {
            error(node, "\(what) must be a mapping of keys to values, not \(describe(node))")
            return nil
        }
        var entries = Entries(node: node)
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar?.string else {
                error(keyNode, "keys in \(what) must be plain words")
                continue
            }
            if let first = entries.keyNodes[key] {
                error(keyNode, "duplicate key \"\(key)\" in \(what)", hint: "it is already set at line \(first.mark?.line ?? 0); keep one of them")
                continue
            }
            guard allowed.contains(key) else {
                let suggestion = Suggest.closest(to: key, in: allowed)
                error(keyNode, "unknown key \"\(key)\" in \(what)",
                      hint: suggestion.map { "did you mean \"\($0)\"?" } ?? "allowed keys: \(allowed.joined(separator: ", "))")
                continue
            }
            entries.keyNodes[key] = keyNode
            entries.values[key] = value
        }
        return entries
    }

    /// The items of a sequence; nil (and an error) when the node is something else.
    func sequence(_ node: Node, _ what: String) -> [Node]? {
        if isNull(node) { return [] }
        guard case .sequence(let sequence) = node else {
            error(node, "\(what) must be a list (items starting with \"- \"), not \(describe(node))")
            return nil
        }
        return Array(sequence)
    }

    // MARK: Scalars

    func isNull(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node else { return false }
        guard scalar.style == .plain || scalar.style == .any else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    func string(_ entries: Entries, _ key: String, _ what: String, required: Bool = false) -> String? {
        guard let node = entries.values[key], !isNull(node) else {
            if required { error(entries.node, "\(what) is missing \"\(key)\"") }
            return nil
        }
        guard case .scalar(let scalar) = node else {
            error(node, "\"\(key)\" in \(what) must be a single value, not \(describe(node))")
            return nil
        }
        let text = scalar.string.trimmingCharacters(in: .whitespaces)
        if required && text.isEmpty {
            error(node, "\"\(key)\" in \(what) must not be empty")
            return nil
        }
        return text
    }

    func number(_ entries: Entries, _ key: String, _ what: String, required: Bool = false) -> Double? {
        guard let text = string(entries, key, what, required: required) else { return nil }
        if let value = Self.parseNumber(text) { return value }
        error(entries.values[key], "\"\(key)\" in \(what) must be a number, not \"\(text)\"", hint: "write plain digits like 45000 or 12.5, without units or currency symbols")
        return nil
    }

    func integer(_ entries: Entries, _ key: String, _ what: String, range: ClosedRange<Int>) -> Int? {
        guard let text = string(entries, key, what) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            error(entries.values[key], "\"\(key)\" in \(what) must be a whole number from \(range.lowerBound) to \(range.upperBound), not \"\(text)\"")
            return nil
        }
        return value
    }

    func bool(_ entries: Entries, _ key: String, _ what: String) -> Bool? {
        guard let text = string(entries, key, what) else { return nil }
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            error(entries.values[key], "\"\(key)\" in \(what) must be true or false, not \"\(text)\"")
            return nil
        }
    }

    func duration(_ entries: Entries, _ key: String, _ what: String) -> TimeInterval? {
        guard let text = string(entries, key, what) else { return nil }
        guard let seconds = DurationText.parse(text), seconds > 0 else {
            error(entries.values[key], "\"\(key)\" in \(what) must be a duration, not \"\(text)\"", hint: "write a number and a unit: 90m, 36h, 14d, 1w")
            return nil
        }
        return seconds
    }

    func fraction(_ entries: Entries, _ key: String, _ what: String) -> Double? {
        guard let value = number(entries, key, what) else { return nil }
        guard (0...1).contains(value) else {
            error(entries.values[key], "\"\(key)\" in \(what) must be a fraction between 0 and 1, not \(NumberText.plain(value))", hint: "0.10 means 10 points of progress")
            return nil
        }
        return value
    }

    func stringList(_ entries: Entries, _ key: String, _ what: String) -> [(String, Node)]? {
        guard let node = entries.values[key] else { return nil }
        guard let items = sequence(node, "\"\(key)\" in \(what)") else { return nil }
        var result: [(String, Node)] = []
        for item in items {
            guard case .scalar(let scalar) = item, !isNull(item) else {
                error(item, "items of \"\(key)\" in \(what) must be single values, not \(describe(item))")
                continue
            }
            result.append((scalar.string.trimmingCharacters(in: .whitespaces), item))
        }
        return result
    }

    func timeZone(_ entries: Entries, _ key: String, _ what: String) -> TimeZone? {
        guard let name = string(entries, key, what) else { return nil }
        return timeZone(named: name, node: entries.values[key])
    }

    func timeZone(named name: String, node: Node?) -> TimeZone? {
        if name.contains("/") || ["UTC", "GMT"].contains(name), let zone = TimeZone(identifier: name) {
            return zone
        }
        let suggestion = Suggest.closest(to: name, in: TimeZone.knownTimeZoneIdentifiers, maxDistance: 4)
        error(node, "\"\(name)\" is not a time zone name",
              hint: suggestion.map { "did you mean \"\($0)\"?" } ?? "use an IANA name like Europe/Berlin or America/New_York")
        return nil
    }

    func localDate(_ text: String, node: Node?, what: String) -> LocalDate? {
        guard let date = LocalDate(iso: text) else {
            error(node, "\(what) \"\(text)\" is not a date", hint: "write dates as YYYY-MM-DD, e.g. 2026-12-04")
            return nil
        }
        return date
    }

    static func parseNumber(_ text: String) -> Double? {
        let cleaned = text.replacingOccurrences(of: "_", with: "")
        guard let value = Double(cleaned), value.isFinite else { return nil }
        return value
    }

    func describe(_ node: Node) -> String {
        switch node {
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .scalar(let scalar): "\"\(scalar.string)\""
        }
    }

    /// The keys present in one YAML mapping, with their nodes for locating problems.
    struct Entries {
        let node: Node
        var keyNodes: [String: Node] = [:]
        var values: [String: Node] = [:]

        subscript(_ key: String) -> Node? { values[key] }
        func has(_ key: String) -> Bool { values[key] != nil }
    }
}

/// "Did you mean" suggestions by edit distance.
enum Suggest {
    static func closest(to word: String, in candidates: [String], maxDistance: Int? = nil) -> String? {
        let limit = maxDistance ?? max(2, word.count / 3)
        let lower = word.lowercased()
        var best: (String, Int)?
        for candidate in candidates {
            let distance = editDistance(lower, candidate.lowercased())
            if distance <= limit, distance < (best?.1 ?? .max) { best = (candidate, distance) }
        }
        return best?.0
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
