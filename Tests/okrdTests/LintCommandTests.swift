import Foundation
import OKRStore
import OKRTestSupport
import Testing

@Suite("okrd lint")
struct LintCommandTests {
    @Test("Text like a compiler, JSON, SARIF 2.1.0; --strict fails on findings; validate shows them")
    func formats() throws {
        let text = try OKRD.run(["lint", "--config", OKRD.example])
        #expect(text.status == 0)
        #expect(text.stdout.contains("okrd.example.yaml:184:5: warning[OKR007]: objective \"reseller-channel\" is measured only by volume"), "\(text.stdout)")
        #expect(text.stdout.contains("    hint: "))

        let strict = try OKRD.run(["lint", "--config", OKRD.example, "--strict"])
        #expect(strict.status == 1)

        let sarif = try OKRD.run(["lint", "--config", OKRD.example, "--format", "sarif"])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(sarif.stdout.utf8)) as? [String: Any])
        #expect(document["version"] as? String == "2.1.0")
        let run = try #require((document["runs"] as? [[String: Any]])?.first)
        let rules = ((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]] ?? []
        #expect(rules.count == 11)
        let results = run["results"] as? [[String: Any]] ?? []
        #expect(results.contains { $0["ruleId"] as? String == "OKR007" })
        let region = (((results.first?["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["region"] as? [String: Any])
        #expect((region?["startLine"] as? Int ?? 0) > 0)

        let json = try OKRD.run(["lint", "--config", OKRD.example, "--format", "json"])
        let findings = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(findings.count == results.count)

        let validate = try OKRD.run(["validate", "--config", OKRD.example])
        #expect(validate.status == 0)
        #expect(validate.stdout.contains("warning[OKR007]"))
        #expect(validate.stdout.contains("lint findings (okrd lint)"))
    }

    @Test("A silenced rule with its reason disappears from the report")
    func silenced() throws {
        let dir = NSTemporaryDirectory() + "okrd-lint-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let yaml = try String(contentsOfFile: OKRD.example, encoding: .utf8).replacingOccurrences(
            of: "  - key: reseller-channel\n", with: "  - key: reseller-channel\n    silence: {OKR007: \"deal quality is tracked by the close-rate KPI\"}\n")
        try yaml.write(toFile: dir + "/okrd.yaml", atomically: true, encoding: .utf8)
        try SQLiteStore(path: dir + "/okrd.sqlite").closeNow()
        let result = try OKRD.run(["lint", "--config", dir + "/okrd.yaml", "--db", dir + "/okrd.sqlite"])
        #expect(result.status == 0)
        #expect(!result.stdout.contains("OKR007"), "\(result.stdout)")
        #expect(result.stdout.contains("OKR010"))
    }
}
