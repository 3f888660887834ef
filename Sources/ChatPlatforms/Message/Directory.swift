public import OKRModel

/// Who people are on each platform, for mentions.
public struct Directory: Sendable {
    private var people: [String: Person]

    public init(people: [Person]) {
        var byID: [String: Person] = [:]
        for person in people { byID[person.id] = person }
        self.people = byID
    }

    public func name(_ id: String) -> String { people[id]?.name ?? id }

    public func handle(_ id: String, on platform: Platform) -> String? { people[id]?.handles[platform] }
}
