import Foundation

/// Everything defined in the configuration that the domain needs: the period, people, teams,
/// objectives with their key results, KPIs and the status policy. Lookups are by stable keys.
public struct Organization: Sendable {
    public var period: Period
    public var people: [Person]
    public var teams: [Team]
    public var objectives: [Objective]
    public var kpis: [KPI]
    public var policy: StatusPolicy

    private var peopleByID: [String: Int] = [:]
    private var teamsByID: [String: Int] = [:]
    private var keyResultIndex: [String: (objective: Int, keyResult: Int)] = [:]

    public init(period: Period, people: [Person], teams: [Team], objectives: [Objective], kpis: [KPI] = [], policy: StatusPolicy = StatusPolicy()) {
        self.period = period
        self.people = people
        self.teams = teams
        self.objectives = objectives
        self.kpis = kpis
        self.policy = policy
        for (index, person) in people.enumerated() where peopleByID[person.id] == nil { peopleByID[person.id] = index }
        for (index, team) in teams.enumerated() where teamsByID[team.id] == nil { teamsByID[team.id] = index }
        for (o, objective) in objectives.enumerated() {
            for (k, keyResult) in objective.keyResults.enumerated() where keyResultIndex[keyResult.key] == nil {
                keyResultIndex[keyResult.key] = (o, k)
            }
        }
    }

    public var evaluator: Evaluator { Evaluator(period: period, policy: policy) }

    public func person(_ id: String) -> Person? { peopleByID[id].map { people[$0] } }
    public func team(_ id: String) -> Team? { teamsByID[id].map { teams[$0] } }

    public func keyResult(_ key: String) -> KeyResult? {
        keyResultIndex[key].map { objectives[$0.objective].keyResults[$0.keyResult] }
    }

    public func objective(containing keyResultKey: String) -> Objective? {
        keyResultIndex[keyResultKey].map { objectives[$0.objective] }
    }

    public func objective(_ key: String) -> Objective? { objectives.first { $0.key == key } }

    public func kpi(_ key: String) -> KPI? { kpis.first { $0.key == key } }

    /// Every key result in definition order.
    public var allKeyResults: [KeyResult] { objectives.flatMap(\.keyResults) }

    /// The teams a person belongs to (as member or lead).
    public func teams(of personID: String) -> [Team] {
        teams.filter { $0.members.contains(personID) || $0.lead == personID }
    }

    public func objectives(ofTeam teamID: String) -> [Objective] {
        objectives.filter { $0.team == teamID }
    }

    public func keyResults(ownedBy personID: String) -> [KeyResult] {
        allKeyResults.filter { $0.owner == personID }
    }

    /// The team whose objective contains this key result.
    public func team(ofKeyResult key: String) -> Team? {
        objective(containing: key).flatMap { team($0.team) }
    }

    /// A person may update a key result they own, or one of a team they belong to.
    public func may(_ personID: String, update keyResultKey: String) -> Bool {
        guard let keyResult = keyResult(keyResultKey) else { return false }
        if keyResult.owner == personID { return true }
        guard let team = team(ofKeyResult: keyResultKey) else { return false }
        return team.members.contains(personID) || team.lead == personID
    }

    /// The key results a person may update: their own first, then their teams', in definition order.
    public func keyResults(updatableBy personID: String) -> [KeyResult] {
        let own = keyResults(ownedBy: personID)
        let teamIDs = Set(teams(of: personID).map(\.id))
        let shared = objectives.filter { teamIDs.contains($0.team) }.flatMap(\.keyResults).filter { $0.owner != personID }
        return own + shared
    }

    /// The KPIs a person reports: their teams' and their own.
    public func kpis(reportableBy personID: String) -> [KPI] {
        let teamIDs = Set(teams(of: personID).map(\.id))
        return kpis.filter { teamIDs.contains($0.team) || $0.owner == personID }
    }

    /// Whether `personID` may close an action item: they own it, created it, are its owner's
    /// manager, or lead a team its owner belongs to (or the team of its key result).
    public func mayClose(owner: String, author: String, keyResult: String?, by personID: String) -> Bool {
        if owner == personID || author == personID || person(owner)?.manager == personID { return true }
        if teams(of: owner).contains(where: { $0.lead == personID }) { return true }
        if let keyResult, team(ofKeyResult: keyResult)?.lead == personID { return true }
        return false
    }

    /// Finds the person behind a chat identity on a platform.
    public func person(platform: Platform, handle: String) -> Person? {
        let wanted = handle.lowercased()
        return people.first { $0.handles[platform]?.lowercased() == wanted }
    }

    /// Who wrote a message: the person whose handle on `platform` is one of the platform's fixed
    /// `ids` for the author; else, by `displayName`, the one person of that name, if they have no
    /// handle on this platform (someone with a handle is known by it alone, so a stranger who
    /// takes their name is not them).
    public func author(platform: Platform, ids: [String], displayName: String?) -> Person? {
        for id in ids where !id.isEmpty {
            if let person = person(platform: platform, handle: id) { return person }
        }
        guard let displayName, !displayName.isEmpty else { return nil }
        let named = people.filter { $0.name.caseInsensitiveCompare(displayName) == .orderedSame }
        guard named.count == 1, named[0].handles[platform] == nil else { return nil }
        return named[0]
    }
}
