import Foundation
import OKRModel
import OKRStore
import OKRTestSupport
import Testing

/// Runs the built `okrd` binary the way a user does.
struct OKRD {
    static let binary = ProcessRunner.productsDirectory.appendingPathComponent("okrd")
    static let root = ProcessRunner.packageRoot()
    static let example = root.appendingPathComponent("config/okrd.example.yaml").path

    static func path(_ path: String) -> String { path }

    static func run(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:]) throws -> ProcessResult {
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        for (key, value) in environment { env[key] = value }
        return try ProcessRunner.run(binary, arguments, stdin: stdin, environment: env)
    }

    /// `run` without holding a concurrency thread while the child works (use it when the child
    /// talks to a server in this process).
    static func runDetached(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:]) async throws -> ProcessResult {
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        for (key, value) in environment { env[key] = value }
        return try await ProcessRunner.runDetached(binary, arguments, stdin: stdin, environment: env)
    }
}

@Suite("okrd command line")
struct CLITests {
    let dir = NSTemporaryDirectory() + "okrd-cli-" + UUID().uuidString

    init() throws {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    @Test("validate accepts the example configuration with exit 0")
    func validateExample() throws {
        let result = try OKRD.run(["validate", "--config", OKRD.example])
        #expect(result.status == 0)
        #expect(result.stdout.contains("valid"))
        #expect(result.stdout.contains("5 objectives"))
    }

    @Test("validate rejects a broken configuration with exit 78 and located errors")
    func validateBroken() throws {
        let broken = try String(contentsOfFile: OKRD.example, encoding: .utf8)
            .replacingOccurrences(of: "    lead: dana\n", with: "    lead: dna\n")
            .replacingOccurrences(of: "        target: 5\n", with: "        targett: 5\n")
        let path = dir + "/broken.yaml"
        try broken.write(toFile: path, atomically: true, encoding: .utf8)
        let result = try OKRD.run(["validate", "--config", path])
        #expect(result.status == 78)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("\(path):") && $0.contains(": error: team \"sales-emea\" refers to lead \"dna\"") })
        #expect(lines.contains { $0.contains("error: unknown key \"targett\"") })
        #expect(result.stdout.contains("hint: did you mean \"dana\"?"))
        #expect(result.stdout.contains("hint: did you mean \"target\"?"))
        #expect(result.stdout.contains("errors in the configuration"))
    }

    @Test("Deeply nested and oversized YAML are configuration errors (exit 78), not a crash; the example stays valid", arguments: ["flow", "block", "size", "crlf", "apostrophe"])
    func yamlLimits(_ shape: String) throws {
        let text: String
        switch shape {
        case "flow": text = "teams: " + String(repeating: "[", count: 5_000) + String(repeating: "]", count: 5_000) + "\n"
        case "block": text = (0..<1_000).map { String(repeating: " ", count: $0) + "k\($0):" }.joined(separator: "\n") + " 1\n"
        case "crlf": text = (0..<1_000).map { String(repeating: " ", count: $0) + "k\($0):" }.joined(separator: "\r\n") + " 1\r\n"
        case "apostrophe": text = "teams: [it's, " + String(repeating: "[", count: 5_000) + "\n"
        default: text = "# " + String(repeating: "x", count: 5 * 1024 * 1024) + "\nteams: []\n"
        }
        let path = dir + "/deep-\(shape).yaml"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let result = try OKRD.run(["validate", "--config", path])
        #expect(result.status == 78, "\(result.stderr)")
        #expect(result.stdout.contains(shape == "size" ? "okrd reads files of up to 4 MiB" : "nesting deeper than 64 levels"), "\(result.stdout.prefix(500))")
        #expect(try OKRD.run(["validate", "--config", OKRD.example]).status == 0)
    }

    @Test("Commands that only read never create a database: a mistyped --db is exit 69 naming it", arguments: [
        ["status"], ["export", "--format", "json"], ["outbox", "list"], ["radar", "--team", "sales-emea", "--out", "/tmp/okrd-radar-never.svg"],
        ["digest", "--team", "sales-emea"], ["grade"], ["lint"],
    ])
    func readOnlyNeverCreates(_ command: [String]) throws {
        let path = dir + "/typo-\(command[0]).sqlite"
        let result = try OKRD.run(command + ["--config", OKRD.example, "--db", path])
        #expect(result.status == 69, "\(result.stdout) \(result.stderr)")
        #expect(result.stderr.contains("no database at \(path)"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test("Secrets are resolved where they are used: outside the unit a credential: reference stops only what sends")
    func secretsWhenUsed() throws {
        let yaml = try String(contentsOfFile: OKRD.example, encoding: .utf8).replacingOccurrences(
            of: "destinations:\n", with: "destinations:\n  - {name: vault, platform: slack, url: \"credential:slack-webhook\"}\n")
        let path = dir + "/credentials.yaml"
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        let db = dir + "/credentials.sqlite"
        try SQLiteStore(path: db).closeNow()
        // validate: a warning, exit 0.
        let validate = try OKRD.run(["validate", "--config", path], environment: ["CREDENTIALS_DIRECTORY": ""])
        #expect(validate.status == 0, "\(validate.stdout) \(validate.stderr)")
        #expect((validate.stdout + validate.stderr).contains("is read from a systemd credential when okrd runs under its unit"))
        // Commands that send nothing work.
        for command in [["status"], ["export"], ["outbox", "list"]] {
            let result = try OKRD.run(command + ["--config", path, "--db", db], environment: ["CREDENTIALS_DIRECTORY": ""])
            #expect(result.status == 0, "\(command): \(result.stderr)")
        }
        // What sends needs it.
        let flush = try OKRD.run(["outbox", "flush", "--config", path, "--db", db, "--max-wait", "0s"], environment: ["CREDENTIALS_DIRECTORY": ""])
        #expect(flush.status == 78, "\(flush.stderr)")
        #expect(flush.stderr.contains("credential slack-webhook needs $CREDENTIALS_DIRECTORY"), "\(flush.stderr)")
    }

    @Test("outbox list shows a paused destination and until when")
    func outboxListPaused() async throws {
        let db = dir + "/paused.sqlite"
        let store = try SQLiteStore(path: db)
        try await store.setDestinationState(DestinationState(name: "emea-slack", pausedUntil: Date().addingTimeInterval(300)))
        try await store.close()
        let result = try OKRD.run(["outbox", "list", "--config", OKRD.example, "--db", db, "-v"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("destination emea-slack is paused until"), "\(result.stdout)")
        #expect(result.stderr.contains("database: \(db) (SQLite)"), "\(result.stderr)")
    }

    @Test("A missing configuration file is a configuration error")
    func missingConfig() throws {
        let result = try OKRD.run(["validate", "--config", dir + "/nope.yaml"])
        #expect(result.status == 78)
        #expect(result.stdout.contains("does not exist"))
    }

    @Test("status --format json has the stable shape")
    func statusJSON() throws {
        // An empty database (status never creates one).
        try SQLiteStore(path: dir + "/okrd.sqlite").closeNow()
        let result = try OKRD.run(["status", "--config", OKRD.example, "--db", dir + "/okrd.sqlite", "--at", "2026-11-22T12:00:00+01:00", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["asOf"] as? String == "2026-11-22T12:00:00+01:00")
        #expect(json["period"] as? String == "2026-Q4")
        let elapsed = try #require(json["elapsed"] as? Double)
        #expect(elapsed > 0.56 && elapsed < 0.58)
        let objectives = try #require(json["objectives"] as? [[String: Any]])
        #expect(objectives.count == 5)
        for objective in objectives {
            for key in ["key", "title", "team", "progress", "expected", "status", "keyResults"] { #expect(objective[key] != nil, "objective lacks \(key)") }
            let krs = try #require(objective["keyResults"] as? [[String: Any]])
            for kr in krs {
                for key in ["key", "title", "owner", "progress", "expected", "status", "confidence", "lastCheckin", "stalled", "flags"] {
                    #expect(kr.keys.contains(key), "key result lacks \(key)")
                }
                #expect(["complete", "on_track", "at_risk", "in_trouble", "no_data"].contains(kr["status"] as? String ?? ""))
                #expect(kr["confidence"] is NSNull)
                #expect(kr["lastCheckin"] is NSNull)
            }
        }
        // --team narrows it down
        let team = try OKRD.run(["status", "--config", OKRD.example, "--db", dir + "/okrd.sqlite", "--team", "sales-americas", "--format", "json"])
        let teamJSON = try #require(try JSONSerialization.jsonObject(with: Data(team.stdout.utf8)) as? [String: Any])
        #expect((teamJSON["objectives"] as? [[String: Any]])?.allSatisfy { $0["team"] as? String == "sales-americas" } == true)
    }

    @Test("status prints an aligned table without colour when not on a terminal")
    func statusTable() throws {
        try SQLiteStore(path: dir + "/okrd.sqlite").closeNow()
        let result = try OKRD.run(["status", "--config", OKRD.example, "--db", dir + "/okrd.sqlite", "--at", "2026-11-22"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("OBJECTIVE / KEY RESULT"))
        #expect(result.stdout.contains("Establish an active reseller channel"))
        #expect(!result.stdout.contains("\u{1B}["))
    }

    @Test("Usage errors exit 64; --version and --help work for every command")
    func usage() throws {
        #expect(try OKRD.run(["status", "--config", OKRD.example, "--format", "xml"]).status == 64)
        #expect(try OKRD.run(["status", "--config", OKRD.example, "--db", dir + "/x.sqlite", "--at", "yesterday-ish"]).status == 64)
        #expect(try OKRD.run(["status", "--config", OKRD.example, "--db", dir + "/x.sqlite", "--team", "nobody"]).status == 64)
        #expect(try OKRD.run(["frobnicate"]).status == 64)
        let version = try OKRD.run(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout.hasPrefix("okrd "))
        for command in ["validate", "status"] {
            let help = try OKRD.run([command, "--help"])
            #expect(help.status == 0)
            #expect(help.stdout.contains("Examples:"))
        }
    }
}
