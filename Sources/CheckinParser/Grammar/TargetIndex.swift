import Foundation

/// Lookup structures over a context's targets and people, built once per context so each reply
/// is matched with byte comparisons only.
final class TargetIndex: Sendable {
    /// One target with its precomputed spellings (a class, so looking one up copies nothing).
    final class Entry: Sendable {
        let target: Target
        /// Whether the author may update it (otherwise it is only known, to explain a refusal).
        let updatable: Bool
        /// 1-based number in the prompt, for updatable targets.
        let number: Int?
        let key: [UInt8]
        let title: [UInt8]
        /// Distinctive words of the key and title (lowercase, no stopwords).
        let words: [[UInt8]]
        /// Words of the objective's title: weaker evidence.
        let groupWords: [[UInt8]]
        /// For milestones: each milestone's distinctive words.
        let milestoneWords: [[[UInt8]]]

        init(target: Target, updatable: Bool, number: Int?, key: [UInt8], title: [UInt8], words: [[UInt8]], groupWords: [[UInt8]], milestoneWords: [[[UInt8]]]) {
            self.target = target
            self.updatable = updatable
            self.number = number
            self.key = key
            self.title = title
            self.words = words
            self.groupWords = groupWords
            self.milestoneWords = milestoneWords
        }
    }

    let entries: [Entry]
    let updatableCount: Int
    /// Lowercased spellings (id, name, first name, handles) to person id.
    let people: [[UInt8]: String]
    let names: [String: String]
    let author: String
    let openActions: [OpenAction]

    init(context: ParserContext) {
        author = context.author
        openActions = context.openActions
        var entries: [Entry] = []
        var people: [[UInt8]: String] = [:]
        var names: [String: String] = [:]
        var number = 0
        for target in context.targets {
            if !target.isKPI { number += 1 }
            entries.append(Self.entry(target, updatable: true, number: target.isKPI ? nil : number))
        }
        updatableCount = number
        for target in context.otherTargets where !entries.contains(where: { $0.target.key == target.key }) {
            entries.append(Self.entry(target, updatable: false, number: nil))
        }
        for person in context.people {
            names[person.id] = person.name
            var spellings = [person.id, person.name, person.name.replacingOccurrences(of: " ", with: "")]
            if let first = person.name.split(separator: " ").first { spellings.append(String(first)) }
            spellings += person.handles.values
            for spelling in spellings {
                let key = Array(spelling.lowercased().utf8)
                let trimmed = key.first == UInt8(ascii: "@") ? Array(key.dropFirst()) : key
                if people[trimmed] == nil { people[trimmed] = person.id }
            }
        }
        // Ids win over other spellings.
        for person in context.people { people[Array(person.id.lowercased().utf8)] = person.id }
        self.entries = entries
        self.people = people
        self.names = names
    }

    private static func entry(_ target: Target, updatable: Bool, number: Int?) -> Entry {
        Entry(
            target: target, updatable: updatable, number: number,
            key: Array(target.key.lowercased().utf8),
            title: Array(target.title.lowercased().utf8),
            words: words(target.key + " " + target.title),
            groupWords: target.group.map(words) ?? [],
            milestoneWords: {
                if case .milestone(let names) = target.kind { return names.map(words) }
                return []
            }())
    }

    static let stopwords: Set<[UInt8]> = Set(stopwordList.map { Array($0.utf8) })

    /// 64-bit hashes of the stopwords: membership without building an array per word.
    static let stopwordHashes: Set<UInt64> = Set(stopwordList.map { word in
        let bytes = Array(word.utf8)
        return hash64(bytes[...])
    })

    @inline(__always) static func hash64<C: Collection<UInt8>>(_ bytes: C) -> UInt64 {
        var hash: UInt64 = 14_695_981_039_346_656_037
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 1_099_511_628_211 }
        return hash
    }

    static let stopwordList = [
        "the", "a", "an", "of", "for", "to", "in", "on", "and", "or", "our", "my", "by", "from", "with", "at", "is", "are",
        "kr", "okr", "key", "result", "results", "update", "we", "i", "new", "get", "set", "all", "per", "than", "into",
        "achieve", "increase", "decrease", "reduce", "raise", "grow", "lift", "keep", "generate", "build",
        "move", "establish", "make", "improve", "above", "below", "least", "most",
    ]

    /// Lowercase words of at least three letters, split on anything but letters and digits, minus
    /// stopwords and numbers.
    static func words(_ text: String) -> [[UInt8]] {
        words(Array(text.lowercased().utf8))
    }

    /// The same, for bytes already lowercased (ASCII).
    static func words(_ lowered: [UInt8]) -> [[UInt8]] {
        var result: [[UInt8]] = []
        var start = 0
        var i = 0
        func flush(_ end: Int) {
            guard end - start >= 3 else { return }
            let word = Array(lowered[start..<end])
            if !stopwords.contains(word), !word.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), !result.contains(word) { result.append(word) }
        }
        while i < lowered.count {
            let byte = lowered[i]
            if !((byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte >= 0x80) {
                flush(i)
                start = i + 1
            }
            i += 1
        }
        flush(lowered.count)
        return result
    }

    func entry(number: Int) -> Int? {
        entries.firstIndex { $0.number == number }
    }

    func entry<C: Collection<UInt8>>(key: C) -> Int? {
        let count = key.count
        guard count > 0, let first = key.first else { return nil }
        for (position, entry) in entries.enumerated() where entry.key.count == count && entry.key[0] == first {
            if entry.key.elementsEqual(key) { return position }
        }
        return nil
    }

    func person<C: Collection<UInt8>>(_ spelling: C) -> String? {
        people[Array(spelling)]
    }

    /// Candidates for a free-text reference ("reseller partners", "Demo pipeline"), best first.
    /// Exact title or title prefix wins; then a key prefix; then the targets sharing the most
    /// distinctive words with the text (a word matches a title word it starts, from 4 letters).
    func candidates<C: RandomAccessCollection<UInt8>>(for head: C) -> [Int] where C.Index == Int {
        guard !head.isEmpty else { return [] }
        if let exact = entries.firstIndex(where: { $0.title.elementsEqual(head) || $0.key.elementsEqual(head) }) { return [exact] }
        if head.count >= 3 {
            let prefixed = entries.indices.filter { entries[$0].title.starts(with: head) || entries[$0].key.starts(with: head) }
            if !prefixed.isEmpty { return prefixed }
        }
        let headWords = Self.wordSlices(head)
        guard !headWords.isEmpty else { return [] }
        var best = 0.0
        var winners: [Int] = []
        for (index, entry) in entries.enumerated() {
            var score = 0.0
            // An exact word counts more than a prefix or plural; the objective's words count least.
            for word in headWords {
                if entry.words.contains(where: { word.elementsEqual($0) }) {
                    score += 1
                } else if entry.words.contains(where: { Self.matches(word, $0) }) {
                    score += 0.8
                } else if entry.groupWords.contains(where: { Self.matches(word, $0) }) {
                    score += 0.4
                }
            }
            if score > best {
                best = score
                winners = [index]
            } else if score == best, score > 0 {
                winners.append(index)
            }
        }
        return winners
    }

    /// The distinctive words of lowercased text as slices of it (no copies).
    static func wordSlices<C: RandomAccessCollection<UInt8>>(_ lowered: C) -> [C.SubSequence] where C.Index == Int {
        var result: [C.SubSequence] = []
        var start = lowered.startIndex
        var i = lowered.startIndex
        while i <= lowered.endIndex {
            let isWordByte = i < lowered.endIndex && ((lowered[i] >= 0x61 && lowered[i] <= 0x7A) || (lowered[i] >= 0x30 && lowered[i] <= 0x39) || lowered[i] >= 0x80)
            if !isWordByte {
                let word = lowered[start..<i]
                if word.count >= 3, !stopwordHashes.contains(hash64(word)), !word.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) { result.append(word) }
                start = i + 1
            }
            i += 1
        }
        return result
    }

    /// `partner` matches `partners`; `resel` matches `reseller`; short words must match exactly.
    static func matches<C: Collection<UInt8>>(_ word: C, _ candidate: [UInt8]) -> Bool {
        if word.elementsEqual(candidate) { return true }
        if word.count >= 4, candidate.starts(with: word) { return true }
        if candidate.count >= 4, word.starts(with: candidate), word.count - candidate.count <= 2 { return true }  // plural or "-s"
        return false
    }

    /// Keys and title words close to a mistyped reference, for "did you mean".
    func suggestions(for word: [UInt8]) -> [String] {
        var scored: [(Int, String)] = []
        let text = String(decoding: word, as: UTF8.self)
        for entry in entries where entry.updatable {
            let distance = editDistance(text, entry.target.key.lowercased())
            if distance <= max(2, word.count / 3) { scored.append((distance, entry.target.key)) }
        }
        return scored.sorted { $0.0 < $1.0 }.prefix(3).map(\.1)
    }

    func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.utf8.prefix(64))
        let b = Array(b.utf8.prefix(64))
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
