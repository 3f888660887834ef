import ChatPlatforms
import Foundation
import OKRDaemon
import OKRModel
import Testing
import OKRWorkflows

@Suite("Configuration loading and validation")
struct ConfigLoaderTests {
    static let examplePath: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("config/okrd.example.yaml").path
    }()

    let loader = ConfigLoader(environment: ["HOME": "/tmp/okrd-home"], now: Date(timeIntervalSince1970: 1_795_000_000))

    @Test("The example built into okrd (for okrd demo on a fresh machine) is config/okrd.example.yaml, byte for byte")
    func builtInExample() throws {
        let file = try String(contentsOfFile: Self.examplePath, encoding: .utf8)
        #expect(ExampleConfiguration.yaml == file, "copy config/okrd.example.yaml into Sources/OKRDaemon/Demo/ExampleConfiguration.swift")
    }

    func diagnostics(_ yaml: String, environment: [String: String] = [:]) -> [ConfigDiagnostic] {
        do {
            let config = try ConfigLoader(environment: environment, now: Date(timeIntervalSince1970: 1_795_000_000)).load(yaml: yaml, file: "t.yaml")
            return config.warnings
        } catch {
            return error.diagnostics
        }
    }

    static let minimal = """
        timezone: Europe/Berlin
        period: 2026-Q4
        people:
          - id: maria
          - id: dana
        destinations:
          - name: terminal
            platform: console
        teams:
          - id: emea
            members: [maria, dana]
            lead: dana
            destination: terminal
        objectives:
          - key: reseller
            title: Reseller channel
            team: emea
            top_level: true
            key_results:
              - key: partners
                title: Sign 5 partners
                owner: maria
                baseline: 0
                target: 5
        """

    @Test("The example configuration validates and describes the sales department")
    func example() throws {
        let config = try loader.load(path: Self.examplePath)
        let org = config.organization
        #expect(org.period.id == "2026-Q4")
        #expect(org.teams.map(\.id) == ["sales-emea", "sales-americas"])
        #expect(org.objectives.count == 5)
        #expect(org.allKeyResults.count >= 10)
        #expect(org.kpis.map(\.key) == ["deal-size", "close-rate", "sales-cycle"])
        #expect(Set(org.people.map(\.timeZone.identifier)).count >= 2)
        #expect(config.destinations.map(\.platform) == [.console])
        #expect(org.keyResult("territories")?.kind == .milestone)
        #expect(org.keyResult("churn")?.kind == .decrease)
        #expect(org.keyResult("renewal-rate")?.kind == .threshold)
        #expect(org.keyResult("reseller-pipeline")?.unit == .currency("USD"))
        #expect(org.keyResult("reseller-pipeline")?.pace == .backloaded)
        #expect(org.team("sales-americas")?.schedule.prompt?.text == "mon 10:00")
        #expect(config.escalation.quietHours == QuietHours(parsing: "19:00-08:00"))
        #expect(config.warnings.isEmpty)
        if case .sqlite(let path) = config.storage {
            #expect(path == "/tmp/okrd-home/.local/state/okrd/okrd.sqlite")
        } else {
            Issue.record("expected the embedded SQLite default")
        }
    }

    @Test("A minimal configuration loads with defaults")
    func minimal() throws {
        let config = try loader.load(yaml: Self.minimal, file: "t.yaml")
        let kr = try #require(config.organization.keyResult("partners"))
        #expect(kr.kind == .increase)
        #expect(kr.unit == .count)
        #expect(kr.weight == 1)
        #expect(config.organization.team("emea")?.schedule.prompt?.text == "mon 09:30")
        #expect(config.organization.person("maria")?.name == "maria")
    }

    @Test("Delivery: parallel requests and the in-flight window default, follow each other, and must agree")
    func deliveryWindow() throws {
        // (delivery section, parallel, in_flight)
        let cases: [(String, Int, Int)] = [
            ("", 16, 128),  // the defaults
            ("delivery: {in_flight: 8}", 8, 8),  // an older configuration's in_flight bounded the requests too; it still does
            ("delivery: {parallel: 100}", 100, 128),
            ("delivery: {parallel: 200}", 200, 200),  // the window is never smaller than parallel
            ("delivery: {parallel: 4, in_flight: 32}", 4, 32),
        ]
        for (section, parallel, inFlight) in cases {
            let delivery = try loader.load(yaml: Self.minimal + "\n\(section)\n", file: "t.yaml").delivery
            #expect(delivery.parallel == parallel, "\(section)")
            #expect(delivery.inFlight == inFlight, "\(section)")
        }
        let found = diagnostics(Self.minimal + "\ndelivery:\n  parallel: 16\n  in_flight: 8\n")
        #expect(found.contains { $0.message.contains("in_flight (8) is smaller than parallel (16)") && $0.hint != nil })
    }

    @Test("Every problem is reported at once, each located with a hint")
    func everyProblem() {
        let yaml = """
            timezone: Europe/Berln
            period: 2026-Q4
            people:
              - id: maria
                manger: dana
              - id: maria
            destinations:
              - name: slack-emea
                platform: slak
            teams:
              - id: emea
                members: [maria, lee]
                lead: dana
                destination: slack-west
                schedule: {prompt: "monday 25:00"}
            objectives:
              - key: reseller
                title: Reseller channel
                team: emeaa
                key_results:
                  - key: partners
                    title: Sign 5 partners
                    owner: marla
                    baseline: 5
                    target: 5
                    targte: 6
                  - key: deals
                    title: Close deals
                    kind: increse
            """
        let found = diagnostics(yaml)
        func has(_ line: Int, _ fragment: String) -> Bool {
            found.contains { $0.location.line == line && $0.message.contains(fragment) && $0.severity == .error }
        }
        #expect(has(1, "Europe/Berln"))
        #expect(found.first { $0.message.contains("Europe/Berln") }?.hint?.contains("Europe/Berlin") == true)
        #expect(has(5, "unknown key \"manger\""))
        #expect(found.first { $0.message.contains("manger") }?.hint == "did you mean \"manager\"?")
        #expect(has(6, "defined twice"))
        #expect(has(9, "slak"))
        #expect(has(12, "\"lee\""))
        #expect(has(13, "lead \"dana\""))
        #expect(has(14, "destination \"slack-west\""))
        #expect(has(15, "prompt schedule"))
        #expect(has(19, "team \"emeaa\""))
        #expect(found.first { $0.message.contains("emeaa") }?.hint == "did you mean \"emea\"?")
        #expect(has(23, "owner \"marla\""))
        #expect(has(25, "baseline and target are both 5"))
        #expect(has(26, "unknown key \"targte\""))
        #expect(has(29, "increse"))
        #expect(found.allSatisfy { $0.location.file == "t.yaml" && $0.location.column > 0 })
        #expect(found.filter { $0.severity == .error }.count == 13)
    }

    @Test("Duplicate YAML keys, wrong types and impossible periods are errors")
    func typesAndDuplicates() {
        let yaml = """
            period: 2026-Q4
            period: 2027-Q1
            people: maria
            teams: []
            objectives:
              - key: o
                title: O
                team: t
                key_results:
                  - key: k
                    title: K
                    baseline: zero
                    target: 10
                    weight: -1
            """
        let found = diagnostics(yaml)
        #expect(found.contains { $0.location.line == 2 && $0.message.contains("duplicate key \"period\"") })
        #expect(found.contains { $0.location.line == 3 && $0.message.contains("must be a list") })
        #expect(found.contains { $0.location.line == 12 && $0.message.contains("must be a number") })
        #expect(found.contains { $0.location.line == 14 && $0.message.contains("weight must be above 0") })

        let periods = diagnostics("""
            periods:
              - {id: FY27-H1, start: 2027-03-31, end: 2026-10-01}
              - {id: bad, start: 2026-02-30, end: 2026-03-01}
            """)
        #expect(periods.contains { $0.location.line == 2 && $0.message.contains("ends (2026-10-01) before it starts (2027-03-31)") })
        #expect(periods.contains { $0.location.line == 3 && $0.message.contains("\"2026-02-30\" is not a date") })
    }

    @Test("validate says why prompts would carry no Check in button: no Slack bot token, a Discord webhook okrd's application does not own, Mattermost without server_url")
    func oneClickWarnings() throws {
        let yaml = Self.minimal.replacingOccurrences(of: """
              - name: terminal
                platform: console
            """, with: """
              - name: terminal
                platform: console
              - name: chat
                platform: discord
                url: https://discord.com/api/webhooks/1/x
              - name: owned
                platform: discord
                url: https://discord.com/api/webhooks/2/y
                application_owned: true
              - name: mm
                platform: mattermost
                url: https://chat.example.com/hooks/z
            """) + """

            inbound:
              slack: {signing_secret: s3cr3t}
              discord: {public_key: \(String(repeating: "ab", count: 32))}
              mattermost: {token: t0k3n}
            """
        let config = try ConfigLoader(environment: [:], now: Date(timeIntervalSince1970: 1_795_000_000)).load(yaml: yaml, file: "t.yaml")
        let messages = config.warnings.map(\.message)
        #expect(messages.contains { $0.contains("inbound.slack has no bot_token") }, "\(messages)")
        #expect(messages.contains { $0.contains("destination \"chat\"") && $0.contains("does not own") })
        #expect(!messages.contains { $0.contains("destination \"owned\"") && $0.contains("Check in") })
        #expect(messages.contains { $0.contains("destination \"mm\"") && $0.contains("server_url") })
        #expect(config.destination("owned")?.applicationOwned == true)
    }

    @Test("Secrets resolve from the environment, files and systemd credentials, and are never printed")
    func secrets() throws {
        let dir = NSTemporaryDirectory() + "okrd-cred-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "https://hooks.slack.com/services/T1/B2/FILESECRET\n".write(toFile: dir + "/slack-file", atomically: true, encoding: .utf8)
        try "https://discord.com/api/webhooks/1/CREDSECRET".write(toFile: dir + "/discord", atomically: true, encoding: .utf8)
        let yaml = Self.minimal.replacingOccurrences(of: """
              - name: terminal
                platform: console
            """, with: """
              - name: terminal
                platform: console
              - name: a
                platform: slack
                url: ${OKRD_SLACK_URL}
              - name: b
                platform: slack
                url: file:\(dir)/slack-file
              - name: c
                platform: discord
                url: credential:discord
              - name: d
                platform: mattermost
                url: https://chat.example.com/hooks/LITERALSECRET
            """)
        let config = try ConfigLoader(
            environment: ["OKRD_SLACK_URL": "https://hooks.slack.com/services/T1/B2/ENVSECRET", "CREDENTIALS_DIRECTORY": dir],
            now: Date(timeIntervalSince1970: 1_795_000_000)
        ).load(yaml: yaml, file: "t.yaml")
        #expect(config.destination("a")?.url?.value.hasSuffix("ENVSECRET") == true)
        #expect(config.destination("b")?.url?.value == "https://hooks.slack.com/services/T1/B2/FILESECRET")
        #expect(config.destination("c")?.url?.value.hasSuffix("CREDSECRET") == true)
        #expect(config.destination("d")?.url?.source == "literal")
        // A literal URL is accepted, with a warning.
        #expect(config.warnings.contains { $0.message.contains("literal URL") && $0.location.line > 0 })
        // Nothing secret shows up when the configuration is printed or logged.
        let printed = "\(config.destinations) \(config.warnings)"
        for secret in ["ENVSECRET", "FILESECRET", "CREDSECRET", "LITERALSECRET"] {
            #expect(!printed.contains(secret))
        }

        // Missing secrets are located errors that never echo a value.
        let missing = diagnostics(yaml, environment: [:])
        #expect(missing.contains { $0.message.contains("OKRD_SLACK_URL is not set") && $0.severity == .error })
        #expect(missing.contains { $0.message.contains("CREDENTIALS_DIRECTORY") })
    }

    @Test("Missing file and YAML syntax errors are located")
    func syntax() {
        #expect(throws: ConfigError.self) { try loader.load(path: "/nonexistent/okrd.yaml") }
        let found = diagnostics("people:\n  - id: a\n   name: b\n")
        #expect(found.count == 1)
        #expect(found[0].location.line == 3)
        #expect(found[0].message.contains("YAML syntax"))
    }

    @Test("Rates, durations and milestone rules")
    func details() {
        let yaml = Self.minimal
            .replacingOccurrences(of: "    platform: console", with: "    platform: console\n  - name: w\n    platform: webhook\n    url: ${U}\n    rate_limit: fast")
            .replacingOccurrences(of: "        baseline: 0\n        target: 5", with: "        kind: milestone\n        target: 5")
            + "\nescalation:\n  stale_after: two weeks\n  quiet_hours: 7pm-8am\n"
        let found = diagnostics(yaml, environment: ["U": "https://example.com/hook"])
        #expect(found.contains { $0.message.contains("\"fast\" is not a rate") })
        #expect(found.contains { $0.message.contains("milestone key result without milestones") })
        #expect(found.contains { $0.message.contains("must be a duration") })
        #expect(found.contains { $0.message.contains("not a time window") })
    }
}
