public import Foundation
import OKRModel
import ChatPlatforms
import Yams
public import OKRWorkflows

/// Loads and validates `okrd.yaml`. Validation reports every problem at once, each with file, line,
/// column and a hint: unknown keys, wrong types, dangling references, duplicates, impossible values,
/// bad time zones and missing secrets.
public struct ConfigLoader: Sendable {
    public var environment: [String: String]
    /// Picks the period when the configuration lists several: the one containing this instant.
    public var now: Date
    /// How much the command needs its secrets.
    public var secrets: SecretPolicy

    /// A command resolves the secrets it needs, not more: outside the systemd unit a
    /// `credential:` reference cannot be read, and `okrd status` must work there all the same.
    public enum SecretPolicy: Sendable {
        /// Every secret must resolve (`okrd run`, and commands that send).
        case resolveAll
        /// `okrd validate`: environment and file references must resolve; a `credential:` one
        /// that cannot outside the unit is a warning.
        case credentialsLater
        /// Commands that send nothing: a secret that does not resolve is left empty, unreported.
        case unused
    }

    public init(environment: [String: String] = ProcessInfo.processInfo.environment, now: Date = Date(), secrets: SecretPolicy = .resolveAll) {
        self.environment = environment
        self.now = now
        self.secrets = secrets
    }

    public static let defaultPath = "/etc/okrd/okrd.yaml"

    /// Reads and validates the file at `path`. Throws ``ConfigError`` listing every error (and the
    /// warnings) when it cannot be used; returns the configuration with its warnings otherwise.
    public func load(path: String) throws(ConfigError) -> OKRConfig {
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot be read (permissions?)" : "does not exist"
            throw ConfigError(diagnostics: [ConfigDiagnostic(.error, SourceLocation(file: path, line: 0, column: 0), "the configuration file \(reason)", hint: "pass the right file with --config PATH (default \(Self.defaultPath))")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(diagnostics: [ConfigDiagnostic(.error, SourceLocation(file: path, line: 1, column: 1), "the configuration file is not UTF-8 text")])
        }
        return try load(yaml: text, file: path)
    }

    /// Validates YAML text; `file` names it in diagnostics.
    public func load(yaml: String, file: String) throws(ConfigError) -> OKRConfig {
        let reader = ConfigReader(file: file)
        if let limit = YAMLLimits.check(yaml, file: file) { throw ConfigError(diagnostics: [limit]) }
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw ConfigError(diagnostics: [Self.diagnostic(for: error, file: file)])
        } catch {
            throw ConfigError(diagnostics: [ConfigDiagnostic(.error, SourceLocation(file: file, line: 1, column: 1), "cannot parse YAML: \(error)")])
        }
        guard let root else {
            throw ConfigError(diagnostics: [ConfigDiagnostic(.error, SourceLocation(file: file, line: 1, column: 1), "the configuration is empty", hint: "start from config/okrd.example.yaml")])
        }
        var builder = ConfigBuilder(reader: reader, secrets: SecretResolver(environment: environment), secretPolicy: secrets, now: now)
        let config = builder.build(root)
        let diagnostics = reader.diagnostics.sorted { ($0.location.line, $0.location.column) < ($1.location.line, $1.location.column) }
        guard var config, !reader.hasErrors else { throw ConfigError(diagnostics: diagnostics) }
        config.warnings = diagnostics.filter { $0.severity == .warning }
        return config
    }

    private static func diagnostic(for error: YamlError, file: String) -> ConfigDiagnostic {
        switch error {
        case .scanner(let context, let problem, let mark, _):
            let where_ = SourceLocation(file: file, line: mark.line, column: mark.column)
            return ConfigDiagnostic(.error, where_, "YAML syntax: \(problem)\(context.map { " \($0.text)" } ?? "")", hint: "check indentation and quoting around this point")
        case .parser(let context, let problem, let mark, _):
            let where_ = SourceLocation(file: file, line: mark.line, column: mark.column)
            return ConfigDiagnostic(.error, where_, "YAML syntax: \(problem)\(context.map { " \($0.text)" } ?? "")", hint: "check indentation and quoting around this point")
        default:
            return ConfigDiagnostic(.error, SourceLocation(file: file, line: 1, column: 1), "cannot parse YAML: \(error)")
        }
    }
}

/// Walks the YAML tree once, building definitions and reporting problems through the reader.
struct ConfigBuilder {
    let reader: ConfigReader
    let secrets: SecretResolver
    let secretPolicy: ConfigLoader.SecretPolicy
    let now: Date

    var defaultTimeZone = TimeZone(identifier: "UTC")!
    var people: [Person] = []
    var destinations: [Destination] = []
    var teams: [Team] = []
    var objectives: [Objective] = []
    var kpis: [KPI] = []
    var policy = StatusPolicy()
    var escalation = EscalationSettings()
    var delivery = DeliverySettings()
    var scheduler = SchedulerSettings()
    var inbound = InboundSettings()
    var server = ServerSettings()
    var storage: StorageSettings?

    // Where each definition was made, to locate reference errors.
    var referenceNodes: [String: Node] = [:]

    static let topLevelKeys = [
        "timezone", "period", "periods", "people", "destinations", "teams", "objectives", "kpis",
        "escalation", "delivery", "scheduler", "inbound", "server", "storage",
    ]

    init(reader: ConfigReader, secrets: SecretResolver, secretPolicy: ConfigLoader.SecretPolicy = .resolveAll, now: Date) {
        self.reader = reader
        self.secrets = secrets
        self.secretPolicy = secretPolicy
        self.now = now
    }

    mutating func build(_ root: Node) -> OKRConfig? {
        guard let top = reader.mapping(root, "the configuration", allowed: Self.topLevelKeys) else { return nil }

        if let zone = reader.timeZone(top, "timezone", "the configuration") { defaultTimeZone = zone }
        let period = readPeriod(top)
        if let node = top["people"] { readPeople(node) }
        if let node = top["destinations"] { readDestinations(node) }
        if let node = top["teams"] { readTeams(node) }
        if let node = top["objectives"] { readObjectives(node) }
        if let node = top["kpis"] { readKPIs(node) }
        if let node = top["escalation"] { readEscalation(node) }
        if let node = top["delivery"] { readDelivery(node) }
        if let node = top["scheduler"] { readScheduler(node) }
        if let node = top["inbound"] { readInbound(node) }
        if let node = top["server"] { readServer(node) }
        if let node = top["storage"] { readStorage(node) }

        if !top.has("people") { reader.error(root, "the configuration has no \"people\"", hint: "list who owns key results and answers check-ins under people:") }
        if !top.has("teams") { reader.error(root, "the configuration has no \"teams\"", hint: "each team needs members and a destination") }
        if !top.has("objectives") { reader.error(root, "the configuration has no \"objectives\"") }
        checkReferences()
        checkOneClick(top)

        guard let period else { return nil }
        let organization = Organization(period: period, people: people, teams: teams, objectives: objectives, kpis: kpis, policy: policy)
        // Confirmations to Matrix replies go back to the room the reply came from: a room okrd reads
        // but does not post to gets an implicit destination with the inbound token.
        var allDestinations = destinations
        if let matrix = inbound.matrix {
            for room in matrix.rooms where !destinations.contains(where: { $0.platform == .matrix && $0.room == room }) {
                allDestinations.append(Destination(name: "matrix:\(room)", platform: .matrix, homeserver: matrix.homeserver, room: room, accessToken: matrix.accessToken))
            }
        }
        return OKRConfig(
            organization: organization,
            destinations: allDestinations,
            escalation: escalation,
            delivery: delivery,
            scheduler: scheduler,
            inbound: inbound,
            server: server,
            storage: storage ?? .defaultSQLite(environment: secrets.environment),
            path: reader.file,
            warnings: []
        )
    }

    // MARK: Period

    mutating func readPeriod(_ top: ConfigReader.Entries) -> Period? {
        if top.has("period") && top.has("periods") {
            reader.error(top["periods"], "set either \"period\" or \"periods\", not both")
        }
        if let name = reader.string(top, "period", "the configuration") {
            guard let period = Period(named: name, timeZone: defaultTimeZone) else {
                reader.error(top["period"], "\"\(name)\" is not a period name", hint: "write a quarter like 2026-Q4, a half like 2027-H1, or a year like 2026; for other spans use periods: with start and end")
                return nil
            }
            return period
        }
        guard let node = top["periods"] else {
            reader.error(top.node, "the configuration has no \"period\"", hint: "add period: 2026-Q4 (or periods: with id, start and end)")
            return nil
        }
        guard let items = reader.sequence(node, "\"periods\"") else { return nil }
        var periods: [Period] = []
        var seen = Set<String>()
        for item in items {
            guard let entries = reader.mapping(item, "a period", allowed: ["id", "start", "end", "timezone"]) else { continue }
            let id = reader.string(entries, "id", "a period", required: true)
            let zone = reader.timeZone(entries, "timezone", "period \(id ?? "")") ?? defaultTimeZone
            let start = reader.string(entries, "start", "period \(id ?? "")", required: true).flatMap { reader.localDate($0, node: entries["start"], what: "start") }
            let end = reader.string(entries, "end", "period \(id ?? "")", required: true).flatMap { reader.localDate($0, node: entries["end"], what: "end") }
            guard let id, let start, let end else { continue }
            if !seen.insert(id).inserted { reader.error(entries["id"], "period \"\(id)\" is defined twice") }
            guard end >= start else {
                reader.error(entries["end"], "period \"\(id)\" ends (\(end)) before it starts (\(start))", hint: "end is the last day of the period and must be on or after start")
                continue
            }
            periods.append(Period(id: id, firstDay: start, lastDay: end, timeZone: zone))
        }
        if items.isEmpty { reader.error(node, "\"periods\" is empty") }
        return periods.first { $0.contains(now) } ?? periods.last { $0.start <= now } ?? periods.first
    }

    // MARK: People

    mutating func readPeople(_ node: Node) {
        guard let items = reader.sequence(node, "\"people\"") else { return }
        let allowed = ["id", "name", "timezone", "workdays", "manager", "handles", "holidays", "away"]
        for item in items {
            guard let entries = reader.mapping(item, "a person", allowed: allowed) else { continue }
            guard let id = reader.string(entries, "id", "a person", required: true) else { continue }
            let what = "person \"\(id)\""
            if !isIdentifier(id) { reader.error(entries["id"], "\(what): ids may contain letters, digits, \"-\", \"_\" and \".\" only") }
            if referenceNodes["person:\(id)"] != nil {
                reader.error(entries["id"], "person \"\(id)\" is defined twice", hint: "ids must be unique; merge the two entries")
                continue
            }
            referenceNodes["person:\(id)"] = entries["id"]
            let zone = reader.timeZone(entries, "timezone", what) ?? defaultTimeZone
            var workdays = Weekday.workweek
            if let list = reader.stringList(entries, "workdays", what) {
                var days = Set<Weekday>()
                for (text, dayNode) in list {
                    guard let day = Weekday(abbreviation: text), text.count >= 3 else {
                        reader.error(dayNode, "\"\(text)\" is not a weekday", hint: "use mon, tue, wed, thu, fri, sat, sun")
                        continue
                    }
                    days.insert(day)
                }
                if list.isEmpty { reader.error(entries["workdays"], "\(what) has no workdays", hint: "list at least one, e.g. [sun, mon, tue, wed, thu]") }
                workdays = days
            }
            var handles: [Platform: String] = [:]
            if let handleNode = entries["handles"] {
                let platforms = Platform.allCases.filter { $0 != .console && $0 != .webhook }.map(\.rawValue)
                if let handleEntries = reader.mapping(handleNode, "the handles of \(what)", allowed: platforms) {
                    for name in platforms {
                        if let handle = reader.string(handleEntries, name, "the handles of \(what)"), let platform = Platform(rawValue: name) {
                            handles[platform] = handle
                            if platform == .matrix && !(handle.hasPrefix("@") && handle.contains(":")) {
                                reader.error(handleEntries[name], "\"\(handle)\" is not a Matrix user id", hint: "write the full id, e.g. \"@maria:example.org\"")
                            }
                        }
                    }
                }
            }
            var holidays = Set<LocalDate>()
            if let list = reader.stringList(entries, "holidays", what) {
                for (text, dayNode) in list {
                    if let day = reader.localDate(text, node: dayNode, what: "holiday") { holidays.insert(day) }
                }
            }
            var away: [ClosedRange<LocalDate>] = []
            if let awayNode = entries["away"], let ranges = reader.sequence(awayNode, "\"away\" of \(what)") {
                for rangeNode in ranges {
                    guard let range = reader.mapping(rangeNode, "an absence of \(what)", allowed: ["from", "until"]) else { continue }
                    let from = reader.string(range, "from", "an absence", required: true).flatMap { reader.localDate($0, node: range["from"], what: "from") }
                    let until = reader.string(range, "until", "an absence", required: true).flatMap { reader.localDate($0, node: range["until"], what: "until") }
                    guard let from, let until else { continue }
                    guard until >= from else {
                        reader.error(range["until"], "the absence ends (\(until)) before it starts (\(from))")
                        continue
                    }
                    away.append(from...until)
                }
            }
            people.append(Person(
                id: id,
                name: reader.string(entries, "name", what) ?? id,
                timeZone: zone,
                workdays: workdays,
                manager: reader.string(entries, "manager", what),
                handles: handles,
                holidays: holidays,
                away: away,
                location: reader.location(item)
            ))
            if entries.has("manager") { referenceNodes["manager-of:\(id)"] = entries["manager"] }
        }
    }

    /// Why prompts on a platform okrd takes answers from would carry no buttons or forms.
    mutating func checkOneClick(_ top: ConfigReader.Entries) {
        for destination in destinations {
            switch destination.platform {
            case .discord where inbound.discordPublicKey != nil && !destination.applicationOwned:
                reader.warning(top["destinations"], "destination \"\(destination.name)\": prompts carry no Check in button (Discord drops buttons on webhooks okrd's application does not own)",
                               hint: "create the webhook with okrd's bot (or the webhook.incoming OAuth flow) and set application_owned: true")
            case .mattermost where inbound.mattermostToken != nil && (inbound.mattermostServerURL == nil || server.publicURL == nil):
                reader.warning(top["destinations"], "destination \"\(destination.name)\": prompts carry no Check in button (Mattermost buttons need inbound.mattermost.server_url and server.public_url)",
                               hint: "set both to get buttons and a check-in dialog; replies by message work either way")
            default:
                break
            }
        }
    }

    // MARK: Destinations

    mutating func readDestinations(_ node: Node) {
        guard let items = reader.sequence(node, "\"destinations\"") else { return }
        let allowed = ["name", "platform", "url", "rate_limit", "homeserver", "room", "access_token", "secret", "application_owned"]
        for item in items {
            guard let entries = reader.mapping(item, "a destination", allowed: allowed) else { continue }
            guard let name = reader.string(entries, "name", "a destination", required: true) else { continue }
            let what = "destination \"\(name)\""
            if referenceNodes["destination:\(name)"] != nil {
                reader.error(entries["name"], "\(what) is defined twice")
                continue
            }
            referenceNodes["destination:\(name)"] = entries["name"]
            guard let platformName = reader.string(entries, "platform", what, required: true) else { continue }
            guard let platform = Platform(rawValue: platformName.lowercased()) else {
                let names = Platform.allCases.map(\.rawValue)
                reader.error(entries["platform"], "\"\(platformName)\" is not a platform okrd knows",
                             hint: Suggest.closest(to: platformName, in: names).map { "did you mean \"\($0)\"?" } ?? "use one of \(names.joined(separator: ", "))")
                continue
            }
            var destination = Destination(name: name, platform: platform)
            switch platform {
            case .console:
                for key in ["url", "homeserver", "room", "access_token", "secret"] where entries.has(key) {
                    reader.warning(entries[key], "\(what) prints to the console; \"\(key)\" is ignored")
                }
            case .matrix:
                destination.homeserver = reader.string(entries, "homeserver", what, required: true)
                if let homeserver = destination.homeserver, !homeserver.hasPrefix("https://") && !homeserver.hasPrefix("http://") {
                    reader.error(entries["homeserver"], "\(what): homeserver must be an http(s) URL", hint: "e.g. https://matrix.example.org")
                }
                destination.room = reader.string(entries, "room", what, required: true)
                destination.accessToken = secret(entries, "access_token", what, required: true)
            default:
                destination.url = secret(entries, "url", what, required: true)
                if let url = destination.url, url.source != Self.unresolved, !url.value.lowercased().hasPrefix("https://") && !url.value.lowercased().hasPrefix("http://") {
                    reader.error(entries["url"], "\(what): the url (from \(url.source)) is not an http(s) URL")
                }
                if platform == .webhook {
                    destination.signingSecret = secret(entries, "secret", what, required: false)
                }
                if let owned = reader.bool(entries, "application_owned", what) {
                    if platform == .discord {
                        destination.applicationOwned = owned
                    } else {
                        reader.warning(entries["application_owned"], "\(what): application_owned is for Discord webhooks; it is ignored here")
                    }
                }
            }
            if let rate = reader.string(entries, "rate_limit", what) {
                if let parsed = Self.parseRate(rate) {
                    destination.ratePerSecond = parsed.perSecond
                    destination.burst = parsed.burst
                } else {
                    reader.error(entries["rate_limit"], "\(what): \"\(rate)\" is not a rate", hint: "write messages per time unit: 1/s, 30/m, 100/h, or 0 for no limit")
                }
            }
            destinations.append(destination)
        }
    }

    static func parseRate(_ text: String) -> (perSecond: Double, burst: Int)? {
        let trimmed = text.replacingOccurrences(of: " ", with: "").lowercased()
        if trimmed == "0" || trimmed == "none" || trimmed == "unlimited" { return (0, 1) }
        let parts = trimmed.split(separator: "/")
        guard parts.count == 2, let count = Double(parts[0]), count > 0 else { return nil }
        let seconds: Double
        switch parts[1] {
        case "s", "sec", "second": seconds = 1
        case "m", "min", "minute": seconds = 60
        case "h", "hour": seconds = 3600
        default:
            guard let duration = DurationText.parse(String(parts[1])) else { return nil }
            seconds = duration
        }
        let perSecond = count / seconds
        return (perSecond, max(1, Int(perSecond.rounded(.down))))
    }

    /// The source of a secret left unresolved because the command does not use it.
    static let unresolved = "unresolved"

    mutating func secret(_ entries: ConfigReader.Entries, _ key: String, _ what: String, required: Bool) -> Secret? {
        guard let reference = reader.string(entries, key, what, required: required) else { return nil }
        switch secrets.resolve(reference) {
        case .resolved(let secret):
            return secret
        case .literal(let secret):
            let kind = reference.lowercased().hasPrefix("http") ? "a literal URL" : "a literal secret"
            reader.warning(entries[key], "\(what): \"\(key)\" is \(kind) written in the YAML",
                           hint: "anyone who can read this file can post as okrd; use ${ENV_VAR}, file:/path or credential:NAME instead")
            return secret
        case .missing(let reason, let hint):
            switch secretPolicy {
            case .unused:
                return Secret("", source: Self.unresolved)
            case .credentialsLater where reference.trimmingCharacters(in: .whitespaces).hasPrefix("credential:") && (secrets.environment["CREDENTIALS_DIRECTORY"] ?? "").isEmpty:
                reader.warning(entries[key], "\(what): \"\(key)\" is read from a systemd credential when okrd runs under its unit (\(reason))", hint: hint)
                return Secret("", source: Self.unresolved)
            case .resolveAll, .credentialsLater:
                reader.error(entries[key], "\(what): \"\(key)\": \(reason)", hint: hint)
                return nil
            }
        }
    }

    // MARK: Teams

    mutating func readTeams(_ node: Node) {
        guard let items = reader.sequence(node, "\"teams\"") else { return }
        let allowed = ["id", "name", "members", "lead", "destination", "escalation", "timezone", "schedule"]
        for item in items {
            guard let entries = reader.mapping(item, "a team", allowed: allowed) else { continue }
            guard let id = reader.string(entries, "id", "a team", required: true) else { continue }
            let what = "team \"\(id)\""
            if referenceNodes["team:\(id)"] != nil {
                reader.error(entries["id"], "\(what) is defined twice")
                continue
            }
            referenceNodes["team:\(id)"] = entries["id"]
            let members = reader.stringList(entries, "members", what) ?? []
            if members.isEmpty { reader.error(entries["members"] ?? item, "\(what) has no members", hint: "list person ids under members:") }
            for (member, memberNode) in members { referenceNodes["member:\(id):\(member)"] = memberNode }
            let destination = reader.string(entries, "destination", what, required: true) ?? ""
            var schedule = TeamSchedule()
            if let scheduleNode = entries["schedule"], let parts = reader.mapping(scheduleNode, "the schedule of \(what)", allowed: ["prompt", "reminder", "digest"]) {
                for key in ["prompt", "reminder", "digest"] where parts.has(key) {
                    let text = reader.string(parts, key, "the schedule of \(what)")
                    var spec: ScheduleSpec?
                    if let text, !["off", "none", "false", "no"].contains(text.lowercased()) {
                        do {
                            spec = try ScheduleSpec(parsing: text)
                        } catch {
                            reader.error(parts[key], "\(what): \(key) schedule \"\(text)\": \(error.message)")
                        }
                    }
                    switch key {
                    case "prompt": schedule.prompt = spec
                    case "reminder": schedule.reminder = spec
                    default: schedule.digest = spec
                    }
                }
            }
            teams.append(Team(
                id: id,
                name: reader.string(entries, "name", what) ?? id,
                members: members.map(\.0),
                lead: reader.string(entries, "lead", what),
                destination: destination,
                escalation: reader.string(entries, "escalation", what),
                timeZone: reader.timeZone(entries, "timezone", what) ?? defaultTimeZone,
                schedule: schedule,
                location: reader.location(item)
            ))
            if entries.has("lead") { referenceNodes["lead:\(id)"] = entries["lead"] }
            if entries.has("destination") { referenceNodes["team-destination:\(id)"] = entries["destination"] }
            if entries.has("escalation") { referenceNodes["team-escalation:\(id)"] = entries["escalation"] }
            if !entries.has("lead") {
                reader.warning(item, "\(what) has no lead", hint: "at-risk alerts and digests mention the lead; add lead: PERSON")
            }
        }
    }

    func isIdentifier(_ text: String) -> Bool {
        !text.isEmpty && text.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || "-_.".unicodeScalars.contains($0) }
    }
}
