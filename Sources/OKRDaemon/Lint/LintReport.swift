import ChatPlatforms
import Foundation
public import OKRModel
public import OKRStore

/// Lint findings as a compiler prints them, as JSON, or as SARIF 2.1.0 for code-scanning CI.
public enum LintReport {
    /// `okrd.yaml:42:7: warning[OKR005]: message` and an indented hint.
    public static func text(_ findings: [LintFinding]) -> String {
        findings.map { finding in
            "\(finding.location): warning[\(finding.rule.id)]: \(finding.message)\n    hint: \(finding.rule.hint)"
        }.joined(separator: "\n")
    }

    public static func json(_ findings: [LintFinding]) -> String {
        JSONValue.array(findings.map { finding in
            .object([
                ("rule", .string(finding.rule.id)), ("name", .string(finding.rule.name)), ("level", .string("warning")),
                ("file", .string(finding.location.file)), ("line", .number(Double(finding.location.line))),
                ("column", .number(Double(finding.location.column))), ("message", .string(finding.message)),
                ("hint", .string(finding.rule.hint)), ("objective", finding.objective.map { .string($0) } ?? .null),
            ])
        }).pretty()
    }

    /// SARIF 2.1.0: one run, okrd as the tool with every rule described, one result per finding.
    public static func sarif(_ findings: [LintFinding], version: String) -> String {
        let rules = LintRule.all
        let driver = JSONValue.object([
            ("name", "okrd"), ("informationUri", "https://github.com/okrd/okrd"), ("version", .string(version)),
            ("rules", .array(rules.map { rule in
                .object([
                    ("id", .string(rule.id)), ("name", .string(rule.name)),
                    ("shortDescription", .object([("text", .string(rule.explanation))])),
                    ("help", .object([("text", .string(rule.hint))])),
                    ("defaultConfiguration", .object([("level", "warning")])),
                ])
            })),
        ])
        let results = findings.map { finding -> JSONValue in
            .object([
                ("ruleId", .string(finding.rule.id)),
                ("ruleIndex", .number(Double(rules.firstIndex(of: finding.rule) ?? 0))),
                ("level", "warning"),
                ("message", .object([("text", .string("\(finding.message). \(finding.rule.explanation) Fix: \(finding.rule.hint)."))])),
                ("locations", .array([.object([("physicalLocation", .object([
                    ("artifactLocation", .object([("uri", .string(artifactURI(finding.location.file)))])),
                    ("region", .object([("startLine", .number(Double(max(1, finding.location.line)))), ("startColumn", .number(Double(max(1, finding.location.column))))])),
                ]))])])),
            ])
        }
        return JSONValue.object([
            ("$schema", "https://json.schemastore.org/sarif-2.1.0.json"), ("version", "2.1.0"),
            ("runs", .array([.object([("tool", .object([("driver", driver)])), ("results", .array(results))])])),
        ]).pretty()
    }

    /// A path relative to the working directory when it lies below it (what code scanning expects).
    static func artifactURI(_ file: String) -> String {
        let cwd = FileManager.default.currentDirectoryPath + "/"
        let relative = file.hasPrefix(cwd) ? String(file.dropFirst(cwd.count)) : file
        return relative.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? relative
    }

    /// Values okrd has recorded, for the history-aware rules.
    public static func history(from store: any Store) async throws -> LintHistory {
        var values: [String: [(at: Date, value: Double)]] = [:]
        for stored in try await store.checkIns(keyResults: nil, through: nil) {
            if let value = stored.checkIn.value { values[stored.checkIn.keyResult, default: []].append((stored.checkIn.at, value)) }
        }
        for kpi in try await store.kpiCheckIns(through: nil) {
            values[kpi.kpi, default: []].append((kpi.at, kpi.value))
        }
        return LintHistory(values: values)
    }
}
