public import Foundation
public import OKRModel

/// A team's weekly check-in cycle. It begins right after the previous digest (so an answer sent
/// between Friday's digest and Monday's prompt counts for the coming week), or three days before
/// the prompt when the team has no digest, and a week before when it has no prompt either.
public enum CheckInCycle {
    /// When the cycle that contains `instant` began.
    public static func start(of team: Team, at instant: Date) -> Date {
        let zone = team.timeZone
        guard let prompt = team.schedule.prompt, let promptAt = latest(prompt, atOrBefore: instant, in: zone) else {
            return instant.addingTimeInterval(-7 * 86_400)
        }
        if let digest = team.schedule.digest, let digestAt = latest(digest, atOrBefore: promptAt, in: zone),
            promptAt.timeIntervalSince(digestAt) < 7 * 86_400
        {
            return digestAt
        }
        return promptAt.addingTimeInterval(-3 * 86_400)
    }

    /// When the cycle that contains `instant` ends: at the team's next digest, or a week after the
    /// cycle began when the team has none in the coming eight days.
    public static func end(of team: Team, at instant: Date) -> Date {
        if let digest = team.schedule.digest,
           let next = digest.occurrences(after: instant, through: instant.addingTimeInterval(8 * 86_400), in: team.timeZone).first {
            return next.instant
        }
        let end = start(of: team, at: instant).addingTimeInterval(7 * 86_400)
        return end > instant ? end : instant.addingTimeInterval(7 * 86_400)
    }

    /// Whether someone checked in on any of `keyResults` (or reported anything as `person`) since
    /// the cycle began.
    public static func answered(_ person: String, keyResults: [KeyResult], checkIns: [String: [CheckIn]], since start: Date, through end: Date) -> Bool {
        let inCycle = { (checkIn: CheckIn) in checkIn.at > start && checkIn.at <= end }
        if keyResults.contains(where: { checkIns[$0.key]?.contains(where: inCycle) == true }) { return true }
        return checkIns.values.contains { $0.contains { $0.author == person && inCycle($0) } }
    }

    /// The day a member gets the week's prompt on their own when they were off at the team's prompt
    /// (`promptAt`): their first work day after it, in their time zone, within a week; nil when the
    /// team's prompt reached them (or they are off all week).
    public static func personalPromptDay(for member: String, promptAt: Date, snapshot: Snapshot) -> LocalDate? {
        guard let person = snapshot.organization.person(member), !snapshot.works(member, at: promptAt) else { return nil }
        let promptDay = LocalDate(promptAt, in: person.timeZone)
        for offset in 1...7 {
            let day = promptDay.adding(days: offset)
            if person.workWeek.isWorkday(day) && !snapshot.isAway(member, on: day) { return day }
        }
        return nil
    }

    /// The last occurrence at or before `instant`, looking back eight days.
    static func latest(_ spec: ScheduleSpec, atOrBefore instant: Date, in zone: TimeZone) -> Date? {
        spec.occurrences(after: instant.addingTimeInterval(-8 * 86_400), through: instant, in: zone).last?.instant
    }
}
