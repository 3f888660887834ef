public import ChatPlatforms
public import Foundation
public import OKRModel

/// What a team's schedule does, in the order occurrences at the same instant are handled.
public enum FiringKind: String, Sendable, Hashable, CaseIterable, Comparable {
    /// The weekly check-in prompt; also starts a new check-in cycle for the ladder.
    case prompt
    /// Every day at the prompt's time: the week's prompt for members who were off when the team's
    /// went out, on their next work day.
    case personal
    /// A reminder to members who have not answered this cycle (escalation level 1).
    case reminder
    /// The escalation ladder looks at every key result of the team.
    case check
    /// The weekly digest.
    case digest
    /// Grades and the retrospective, on the period's last day at the digest's time.
    case retrospective

    public static func < (lhs: FiringKind, rhs: FiringKind) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// Turns one occurrence into store changes: the messages it sends and the ladder states it moves.
public struct FiringPlanner: Sendable {
    public let config: OKRConfig
    public let writer: OutboxWriter
    /// Signs personal check-in page links for destinations people cannot answer on.
    public var links: CheckinLinks?
    /// Draws a team's radar chart as PNG for digests to platforms that take an uploaded image
    /// (drawing loads a library, so the shell supplies it); nil draws none.
    public var chart: (@Sendable (Team, Snapshot) -> [UInt8]?)?

    public init(config: OKRConfig, writer: OutboxWriter, links: CheckinLinks? = nil, chart: (@Sendable (Team, Snapshot) -> [UInt8]?)? = nil) {
        self.config = config
        self.writer = writer
        self.links = links
        self.chart = chart
    }

    /// A person's check-in page link, when the team's destination has no way back in.
    func pageLink(for team: Team, at now: Date) -> (@Sendable (String) -> String?)? {
        guard let links, links.baseURL != nil, let destination = writer.destinations[team.destination],
              !config.inbound.receives(destination.platform) else { return nil }
        return { person in links.link(person: person, team: team, at: now) }
    }

    /// A person's check-in page link for a button, when the destination takes no forms (no
    /// credentials for them): the one-click way in there.
    func buttonLink(for team: Team, at now: Date) -> (@Sendable (String) -> String?)? {
        guard let links, links.baseURL != nil, let destination = writer.destinations[team.destination],
              destination.platform != .console, !interactive(destination) else { return nil }
        return { person in links.link(person: person, team: team, at: now) }
    }

    /// Whether clicks on the destination's buttons come back to okrd (and can open forms).
    func interactive(_ destination: Destination) -> Bool {
        switch destination.platform {
        case .slack: config.inbound.slackBotToken != nil && config.inbound.slackSigningSecret != nil
        case .discord: destination.applicationOwned && config.inbound.discordPublicKey != nil
        case .mattermost: config.inbound.mattermostServerURL != nil && config.inbound.mattermostToken != nil && links?.baseURL != nil
        default: false
        }
    }

    /// The prompt builder for `team`'s destination: page links where it has no way back in, link
    /// buttons where it takes no forms.
    public func promptBuilder(_ snapshot: Snapshot, team: Team, at now: Date, onlyAtWork: Bool = true) -> PromptBuilder {
        PromptBuilder(snapshot: snapshot, link: pageLink(for: team, at: now), buttonLink: buttonLink(for: team, at: now), onlyAtWork: onlyAtWork)
    }

    /// A "Check in" button that opens a form, before the message's own buttons ("Done" on action
    /// items), on platforms that call okrd back (Slack, with the app's bot token); elsewhere none.
    public func withCheckInButton(_ message: ChatMessage, team: Team, at now: Date) -> ChatMessage {
        var buttoned = message
        guard let destination = writer.destinations[team.destination], interactive(destination) else {
            // No callbacks: only the buttons that open a person's check-in page.
            let links = (message.buttons ?? []).filter { $0.link != nil }
            buttoned.buttons = links.isEmpty ? nil : links
            return buttoned
        }
        // Slack takes 25 buttons in one row of actions, Discord 5 rows of 5.
        var buttons = Array(([ChatMessage.Button(action: SlackInteraction.openCheckInAction, label: "Check in", value: team.id)]
            + (message.buttons ?? []).filter { $0.link == nil }).prefix(25))
        if destination.platform == .mattermost, let links, let base = links.baseURL {
            // Mattermost signs no click: each button's context carries okrd's token for exactly it.
            let expires = now.addingTimeInterval(35 * 86_400)
            for i in buttons.indices {
                buttons[i].callback = ChatMessage.Button.Callback(url: "\(base)/mattermost/actions",
                                                                 token: links.token(person: MattermostAction.claim(buttons[i].action, buttons[i].value), expires: expires))
            }
        }
        buttoned.buttons = buttons
        return buttoned
    }

    public func plan(_ kind: FiringKind, team: Team, occurrence: ScheduleSpec.Occurrence, snapshot: Snapshot, now: Date) throws -> [StoreChange] {
        let organization = config.organization
        let notBefore = Quiet(config: config).release(now, team: team)
        let week = MessageText.week(occurrence.instant, in: team.timeZone)
        let policy = EscalationPolicy(repeatInterval: config.escalation.repeatInterval, cyclesBeforeEscalation: config.escalation.cyclesBeforeEscalation)
        let teamKeyResults = organization.objectives(ofTeam: team.id).flatMap(\.keyResults)
        var changes: [StoreChange] = []

        switch kind {
        case .prompt:
            // A new cycle: time spent at level 2 counts; last cycle's reminders are history.
            for kr in teamKeyResults {
                guard let stored = snapshot.escalation[kr.key] else { continue }
                var memory = policy.newCycle(stored.memory)
                if memory.level == 1 {
                    memory.level = 0
                    memory.since = now
                    memory.reason = nil
                }
                if memory != stored.memory { changes.append(.escalation(EscalationState(keyResult: kr.key, memory: memory, ackedBy: stored.ackedBy))) }
            }
            if let message = promptBuilder(snapshot, team: team, at: now).prompt(for: team) {
                changes += try writer.enqueue(withCheckInButton(message, team: team, at: now), to: team.destination, key: "prompt:\(team.id):\(week)", at: now, notBefore: notBefore)
            }

        case .personal:
            guard let promptSpec = team.schedule.prompt, let promptAt = CheckInCycle.latest(promptSpec, atOrBefore: now, in: team.timeZone),
                  now < CheckInCycle.end(of: team, at: promptAt) else { break }
            let cycleStart = CheckInCycle.start(of: team, at: now)
            let week = MessageText.week(promptAt, in: team.timeZone)
            let builder = promptBuilder(snapshot, team: team, at: now)
            for member in team.members {
                guard let day = CheckInCycle.personalPromptDay(for: member, promptAt: promptAt, snapshot: snapshot),
                      let person = organization.person(member), LocalDate(now, in: person.timeZone) >= day, snapshot.works(member, at: now) else { continue }
                let own = organization.keyResults(ownedBy: member)
                guard !own.isEmpty, !CheckInCycle.answered(member, keyResults: own, checkIns: snapshot.checkIns, since: cycleStart, through: now),
                      let personal = builder.personalPrompt(for: member, in: team, week: week) else { continue }
                let message = withCheckInButton(personal, team: team, at: now)
                // Keyed by person and week: a later day (after downtime, say) never posts it twice.
                changes += try writer.enqueue(message, to: team.destination, key: "prompt:\(team.id):\(week):\(member)", at: now, notBefore: notBefore)
            }

        case .reminder:
            let cycleStart = CheckInCycle.start(of: team, at: now)
            let silent = team.members.filter { member in
                // Only members at work today (their own work days and time zone) are reminded.
                guard organization.person(member) != nil, snapshot.works(member, at: now) else { return false }
                let own = organization.keyResults(ownedBy: member)
                return !own.isEmpty && !CheckInCycle.answered(member, keyResults: own, checkIns: snapshot.checkIns, since: cycleStart, through: now)
            }
            guard !silent.isEmpty, let message = promptBuilder(snapshot, team: team, at: now).prompt(for: team, reminder: true, only: Set(silent)) else { break }
            changes += try writer.enqueue(withCheckInButton(message, team: team, at: now), to: team.destination, key: "reminder:\(team.id):\(occurrence.key)", at: now, notBefore: notBefore)
            for member in silent {
                for kr in organization.keyResults(ownedBy: member) where teamKeyResults.contains(where: { $0.key == kr.key }) {
                    let stored = snapshot.escalation[kr.key]
                    let memory = policy.reminded(stored?.memory ?? EscalationPolicy.Memory(), at: now)
                    if memory != stored?.memory { changes.append(.escalation(EscalationState(keyResult: kr.key, memory: memory, ackedBy: stored?.ackedBy))) }
                }
            }

        case .check:
            let escalator = Escalator(organization: organization, settings: config.escalation, writer: writer)
            changes += try escalator.evaluate(team: team, snapshot: snapshot, now: now, occurrence: occurrence.key, notBefore: notBefore).changes

        case .digest:
            changes += try writer.enqueue(digest(for: team, snapshot: snapshot, now: now), to: team.destination, key: "digest:\(team.id):\(week)", at: now, notBefore: notBefore)

        case .retrospective:
            let period = organization.period
            guard now >= period.start else { break }
            let retrospective = RetrospectiveBuilder(snapshot: snapshot).retrospective(for: team)
            changes += try writer.enqueue(retrospective, to: team.destination, key: "retrospective:\(team.id):\(period.id)", at: now, notBefore: notBefore)
        }
        return changes
    }

    /// A team's digest with its radar chart: uploaded on Discord and Matrix (the writer makes it an
    /// event of its own there), shown by a signed URL elsewhere when okrd has a public URL; text bars
    /// only otherwise. The scheduled digest and `okrd digest --send` are the same message.
    public func digest(for team: Team, snapshot: Snapshot, now: Date) -> ChatMessage {
        var message = DigestBuilder(snapshot: snapshot).digest(for: team)
        var url = ""
        if let links, let base = links.baseURL {
            url = "\(base)/charts/\(links.token(person: "team:\(team.id)", expires: now.addingTimeInterval(35 * 86_400))).png"
        }
        let platform = writer.destinations[team.destination]?.platform
        let png = platform == .discord || platform == .matrix ? chart?(team, snapshot) : nil
        if !url.isEmpty || png != nil {
            message.image = ChatMessage.Image(url: url, alt: "Radar chart of \(team.name): progress per objective against the pace", png: png)
        }
        return message
    }

    /// The period's last day, at the time of day the team's digest goes out (16:00 without one).
    static func retrospectiveSpec(for team: Team, period: Period) -> ScheduleSpec? {
        let first = team.schedule.digest?.occurrences(after: period.start, through: period.start.addingTimeInterval(8 * 86_400), in: team.timeZone).first
        let day = period.lastDay
        return try? ScheduleSpec(parsing: "\(first?.minute ?? 0) \(first?.hour ?? 16) \(day.day) \(day.month) *")
    }

    /// Every day at the time of day of the team's prompt.
    static func personalSpec(for team: Team, period: Period) -> ScheduleSpec? {
        guard let prompt = team.schedule.prompt,
              let first = prompt.occurrences(after: period.start, through: period.start.addingTimeInterval(8 * 86_400), in: team.timeZone).first else { return nil }
        return try? ScheduleSpec(parsing: "\(first.minute) \(first.hour) * * *")
    }

    /// The schedule of one kind for a team.
    public func spec(_ kind: FiringKind, for team: Team) -> ScheduleSpec? {
        switch kind {
        case .prompt: team.schedule.prompt
        case .personal: Self.personalSpec(for: team, period: config.organization.period)
        case .reminder: team.schedule.reminder
        case .check: config.scheduler.escalationCheck
        case .digest: team.schedule.digest
        case .retrospective: Self.retrospectiveSpec(for: team, period: config.organization.period)
        }
    }
}
