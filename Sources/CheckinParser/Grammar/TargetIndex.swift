import Foundation
import Synchronization

/// Lookup structures over a context's targets and people, built once per context so each reply
/// is matched with byte comparisons and hash lookups only.
final class TargetIndex: Sendable {
    /// One target with its precomputed spellings (a class, so looking one up copies nothing).
    final class Entry: Sendable {
        let target: Target
        /// Whether the author may update it (otherwise it is only known, to explain a refusal).
        let updatable: Bool
        /// Whether the author owns it (preferred when a word fits several).
        let owned: Bool
        /// 1-based number in the prompt, for updatable targets.
        let number: Int?
        let key: [UInt8]
        let title: [UInt8]
        /// Distinctive words of the key and title (lowercase, no stopwords).
        let words: [[UInt8]]
        /// For milestones: each milestone's distinctive words.
        let milestoneWords: [[[UInt8]]]
        /// Numbers written in the title ("Sign 5 ...", "from 22% to 28%"): never the person's value.
        let titleNumbers: [Double]

        init(target: Target, updatable: Bool, owned: Bool, number: Int?, key: [UInt8], title: [UInt8], words: [[UInt8]], milestoneWords: [[[UInt8]]], titleNumbers: [Double]) {
            self.target = target
            self.updatable = updatable
            self.owned = owned
            self.number = number
            self.key = key
            self.title = title
            self.words = words
            self.milestoneWords = milestoneWords
            self.titleNumbers = titleNumbers
        }
    }

    /// A word of a reply that names a target: which one, how strongly, and which of the target's
    /// words it matched (a target's word counts once per clause).
    struct Hit: Sendable {
        var entry: Int32
        var weight: Float
        var slot: UInt8
    }

    let entries: [Entry]
    let updatableCount: Int
    /// Lowercased spellings (id, name, first name, handles), hashed, to person id.
    let people: [UInt64: String]
    let names: [String: String]
    let author: String
    let openActions: [OpenAction]
    /// The author's own open action items with their words read once: what "booked the demo ✅"
    /// is matched against.
    let ownActions: [ActionWords]

    /// A word of three letters or more that is not a stop word: lowercased, stemmed, and whether it
    /// is a name ("Globex", "ACME"; the capital of a first word does not make one).
    typealias DistinctiveWord = (lowered: [UInt8], stem: [UInt8], proper: Bool)

    static func distinctiveWords(_ text: String) -> [DistinctiveWord] {
        var words: [DistinctiveWord] = []
        for (position, original) in text.split(whereSeparator: { !($0.isLetter || $0.isNumber) }).enumerated() where original.count >= 3 {
            let lowered = Array(original.lowercased().utf8)
            if stopwords.contains(lowered) { continue }
            let proper = position > 0 && original.first?.isUppercase == true || original.allSatisfy { $0.isUppercase }
            words.append((lowered, Array(stem(lowered[...])), proper))
        }
        return words
    }

    /// A crude stem: "booked" and "book", "reviewed" and "review", "followed" and "follow".
    static func stem(_ word: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var w = word
        for suffix in ["ing", "ed", "s", "e"] where w.count > suffix.count + 3 && w.suffix(suffix.count).elementsEqual(suffix.utf8) {
            w = w.dropLast(suffix.count)
            break
        }
        return w
    }

    struct ActionWords {
        var action: OpenAction
        var words: [DistinctiveWord]
        /// The task's verb in the past: "booked", "sent", and doubled ("stopped").
        var past: [UInt8]
        var doubledPast: [UInt8]
        /// Who the task goes to: "legal" in "send the reseller contract draft to legal".
        var recipient: [UInt8]?
    }
    /// An open blocker with its words read once: what a restatement or an approval is matched against.
    struct BlockerWords {
        var blocker: OpenBlocker
        var words: [DistinctiveWord]
        /// Who it waits for: "legal" in "legal has not reviewed the reseller contract".
        var party: [DistinctiveWord]
    }
    let openBlockers: [BlockerWords]
    let pending: PendingQuestion?
    /// Word hash to the targets it names (exact words, plural and prefix forms, synonyms).
    private let hits: [UInt64: [Hit]]

    init(context: ParserContext) {
        author = context.author
        openActions = context.openActions
        ownActions = context.openActions.filter { $0.owner == context.author }.map { action in
            let words = TargetIndex.distinctiveWords(action.text)
            let verb = action.text.lowercased().split(separator: " ").first.map(String.init) ?? ""
            let past = verb.count < 2 ? "" : ReplyReader.irregularPast[verb] ?? (verb.hasSuffix("e") ? verb + "d" : verb + "ed")
            let doubled = verb.count < 2 ? "" : verb + String(verb.last!) + "ed"
            return ActionWords(action: action, words: words, past: Array(past.utf8), doubledPast: Array(doubled.utf8), recipient: ReplyReader.recipient(of: action.text))
        }
        openBlockers = context.openBlockers.map { BlockerWords(blocker: $0, words: TargetIndex.distinctiveWords($0.text), party: ReplyReader.party(of: $0.text)) }
        pending = context.pending
        // What follows depends on the definitions only (not on the values reported so far): built
        // once per author and configuration, then each reply only puts in the current values.
        let definitions = Definitions(context)
        let derived = Self.cache.withLock { $0[definitions] } ?? {
            let built = Derived(context)
            Self.cache.withLock { cache in
                // Bounded: a configuration reload leaves the old definitions behind.
                if cache.count >= 4_096 { cache.removeAll() }
                cache[definitions] = built
            }
            return built
        }()
        let current = context.targets + context.otherTargets
        var byKey: [String: Int] = [:]
        if derived.entries.count != current.count {
            for (i, target) in current.enumerated() where byKey[target.key] == nil { byKey[target.key] = i }
        }
        entries = derived.entries.enumerated().map { i, entry in
            // The same definitions in the same order: the entry at i is the target at i (other
            // targets that repeat an updatable one were left out, so look those up by key).
            let target = derived.entries.count == current.count ? current[i] : current[byKey[entry.target.key]!]
            return Entry(target: target, updatable: entry.updatable, owned: entry.owned, number: entry.number, key: entry.key, title: entry.title,
                         words: entry.words, milestoneWords: entry.milestoneWords, titleNumbers: entry.titleNumbers)
        }
        updatableCount = derived.updatableCount
        people = derived.people
        names = derived.names
        hits = derived.hits
    }

    /// The parts of a context an index's lookup tables are derived from.
    private struct Definitions: Hashable {
        let author: String
        let targets: [Target]
        let otherTargets: [Target]
        let people: [KnownPerson]

        init(_ context: ParserContext) {
            author = context.author
            // Values reported change with every reply; the tables do not depend on them.
            targets = context.targets.map { var t = $0; t.lastValue = nil; return t }
            otherTargets = context.otherTargets.map { var t = $0; t.lastValue = nil; return t }
            people = context.people
        }
    }

    /// Lookup tables derived from definitions, shared by every index built from the same ones.
    private final class Derived: Sendable {
        let entries: [Entry]
        let updatableCount: Int
        let people: [UInt64: String]
        let names: [String: String]
        let hits: [UInt64: [Hit]]

        init(_ context: ParserContext) {
            var entries: [Entry] = []
            var people: [UInt64: String] = [:]
            var names: [String: String] = [:]
            // The prompt numbers a person's own key results (#1, #2, ...); those numbers name them.
            var number = 0
            for target in context.targets {
                let owned = target.owner == context.author
                if !target.isKPI && owned { number += 1 }
                entries.append(TargetIndex.entry(target, updatable: true, owned: owned, number: target.isKPI || !owned ? nil : number))
            }
            updatableCount = number
            for target in context.otherTargets where !entries.contains(where: { $0.target.key == target.key }) {
                entries.append(TargetIndex.entry(target, updatable: false, owned: false, number: nil))
            }
            for person in context.people {
                names[person.id] = person.name
                var spellings = [person.id, person.name, person.name.replacingOccurrences(of: " ", with: "")]
                if let first = person.name.split(separator: " ").first { spellings.append(String(first)) }
                spellings += person.handles.values
                for spelling in spellings {
                    let key = Array(spelling.lowercased().utf8)
                    let trimmed = key.first == UInt8(ascii: "@") ? Array(key.dropFirst()) : key
                    if people[TargetIndex.hash64(trimmed)] == nil { people[TargetIndex.hash64(trimmed)] = person.id }
                }
            }
            // Ids win over other spellings.
            for person in context.people { people[TargetIndex.hash64(Array(person.id.lowercased().utf8))] = person.id }
            self.entries = entries
            self.people = people
            self.names = names
            hits = TargetIndex.buildHits(entries)
        }
    }

    private static let cache = Mutex<[Definitions: Derived]>([:])

    fileprivate static func entry(_ target: Target, updatable: Bool, owned: Bool, number: Int?) -> Entry {
        var titleNumbers: [Double] = []
        var digits = ""
        for character in target.title + " " {
            if character.isNumber || (character == "." && !digits.isEmpty) { digits.append(character); continue }
            if let value = Double(digits.trimmingCharacters(in: CharacterSet(charactersIn: "."))) {
                titleNumbers.append(character == "k" || character == "K" ? value * 1000 : character == "M" ? value * 1_000_000 : value)
            }
            digits = ""
        }
        return Entry(
            target: target, updatable: updatable, owned: owned, number: number,
            key: Array(target.key.lowercased().utf8),
            title: Array(target.title.lowercased().utf8),
            words: keyWords(target.key) + words(target.title).filter { !keyWords(target.key).contains($0) },
            milestoneWords: {
                if case .milestone(let names) = target.kind { return names.map(words) }
                return []
            }(),
            titleNumbers: titleNumbers)
    }

    /// Every word that names a target, with a weight: a word of the key counts most, a word only in
    /// the title less, the objective's words least; plurals and prefixes of four letters or more
    /// count a little less than the word itself.
    fileprivate static func buildHits(_ entries: [Entry]) -> [UInt64: [Hit]] {
        var table: [UInt64: [Hit]] = [:]
        func add(_ word: [UInt8], _ entry: Int, _ weight: Float, _ slot: Int) {
            let hash = hash64(word)
            var list = table[hash] ?? []
            if let existing = list.firstIndex(where: { $0.entry == Int32(entry) }) {
                if list[existing].weight < weight { list[existing] = Hit(entry: Int32(entry), weight: weight, slot: UInt8(slot)) }
            } else {
                list.append(Hit(entry: Int32(entry), weight: weight, slot: UInt8(slot)))
            }
            table[hash] = list
        }
        for (position, entry) in entries.enumerated() {
            let keyWords = Set(Self.keyWords(entry.target.key))
            var slot = 0
            var seen: [[UInt8]] = []
            let titleWords = entry.words
            let groupWords = entry.target.group.map { words($0) } ?? []
            for (word, base) in titleWords.map({ ($0, keyWords.contains($0) ? Float(1.0) : Float(0.6)) }) + groupWords.map({ ($0, Float(0.2)) }) {
                guard !seen.contains(word), slot < 255 else { continue }
                seen.append(word)
                add(word, position, base, slot)
                // Plural and singular forms.
                if word.count >= 4 {
                    if word.last == UInt8(ascii: "s") { add(Array(word.dropLast()), position, base * 0.95, slot) } else { add(word + [UInt8(ascii: "s")], position, base * 0.95, slot) }
                    if word.count >= 5, word.suffix(3).elementsEqual("ies".utf8) { add(Array(word.dropLast(3)) + [UInt8(ascii: "y")], position, base * 0.95, slot) }
                    if word.last == UInt8(ascii: "y") { add(Array(word.dropLast()) + Array("ies".utf8), position, base * 0.95, slot) }
                }
                // Prefixes: "resel" for reseller, "conv" for conversion.
                if word.count >= 5 {
                    for length in 4..<word.count { add(Array(word.prefix(length)), position, base * 0.85, slot) }
                }
                // Synonyms people use for the word.
                for (synonym, meaning) in synonyms where meaning == String(decoding: word, as: UTF8.self) {
                    add(Array(synonym.utf8), position, base * 0.9, slot)
                }
                slot += 1
            }
        }
        return table
    }

    /// Other words people write for a title word: short forms, and the same word in German,
    /// Spanish, French and Portuguese.
    static let synonyms: [(String, String)] = [
        ("cov", "coverage"), ("cvg", "coverage"), ("accts", "accounts"), ("acct", "accounts"), ("cust", "customers"), ("mgmt", "management"),
        ("pipe", "pipeline"), ("pipline", "pipeline"), ("pipelines", "pipeline"), ("conv", "conversion"), ("sat", "satisfaction"),
        ("csat", "satisfaction"), ("rev", "revenue"), ("revenues", "revenue"), ("custs", "customers"), ("clients", "customers"),
        ("avg", "average"), ("winrate", "win"), ("partnership", "partners"), ("partnerships", "partners"), ("territory", "territories"),
        ("renewals", "renewal"), ("renew", "renewal"), ("cycle", "cycle"), ("abdeckung", "coverage"), ("cobertura", "coverage"),
        ("couverture", "coverage"), ("konversion", "conversion"), ("conversión", "conversion"), ("conversão", "conversion"),
        ("satisfacción", "satisfaction"), ("satisfação", "satisfaction"), ("zufriedenheit", "satisfaction"), ("clientes", "customers"),
        ("kunden", "customers"), ("ingresos", "revenue"), ("receita", "revenue"), ("revenus", "revenue"), ("umsatz", "revenue"),
        ("ciclo", "cycle"), ("zyklus", "cycle"), ("vertriebszyklus", "cycle"), ("fechamento", "close"), ("cierre", "close"),
        ("renouvellement", "renewal"), ("renovación", "renewal"), ("renovação", "renewal"), ("verlängerung", "renewal"),
        ("verlängerungsrate", "renewal"), ("dealgröße", "size"), ("taille", "size"), ("tamaño", "size"), ("tamanho", "size"),
        ("taxa", "rate"), ("taux", "rate"), ("tasa", "rate"), ("quote", "rate"), ("parceiro", "partners"), ("parceiros", "partners"),
        ("socios", "partners"), ("revendeurs", "reseller"), ("händler", "reseller"), ("gebiete", "territories"),
        ("territorios", "territories"), ("territoires", "territories"), ("meilenstein", "milestone"), ("partenaires", "partners"),
        ("demostraciones", "demo"), ("démo", "demo"), ("démos", "demo"), ("demos", "demo"), ("abwanderung", "churn"),
        ("upselling", "upsell"), ("deals", "deals"), ("geschäfte", "deals"), ("negocios", "deals"), ("acuerdos", "deals"),
    ]

    static let stopwordList = [
        "the", "a", "an", "of", "for", "to", "in", "on", "and", "or", "our", "my", "by", "from", "with", "at", "is", "are",
        "kr", "okr", "key", "result", "results", "update", "we", "i", "new", "get", "set", "all", "per", "than", "into",
        "achieve", "increase", "decrease", "reduce", "raise", "grow", "lift", "keep", "generate", "build", "sign", "close", "win",
        "move", "establish", "make", "improve", "above", "below", "least", "most", "active", "qualified", "through",
        "rates", "share", "owner", "base", "model", "out", "roll",
    ]

    static let stopwords: Set<[UInt8]> = Set(stopwordList.map { Array($0.utf8) })

    /// 64-bit hashes of the stopwords: membership without building an array per word.
    static let stopwordHashes: Set<UInt64> = Set(stopwordList.map { word in hash64(Array(word.utf8)[...]) })

    @inline(__always) static func hash64<C: Collection<UInt8>>(_ bytes: C) -> UInt64 {
        var hash: UInt64 = 14_695_981_039_346_656_037
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 1_099_511_628_211 }
        return hash
    }

    /// The words of a key (`territory-win-rate`: territory, win, rate): chosen by the person who
    /// wrote the configuration, so none is a stopword.
    static func keyWords(_ key: String) -> [[UInt8]] {
        key.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map { Array($0.utf8) }
            .filter { $0.count >= 2 && !$0.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) }
    }

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

    /// The targets a word of a reply names (lowercase bytes of the word, or of one part of a
    /// hyphenated word).
    @inline(__always) func hits<C: Collection<UInt8>>(for word: C) -> [Hit] {
        guard word.count >= 3 else { return [] }
        return hits[Self.hash64(word)] ?? []
    }

    /// The targets a word mistyped by one letter names: the hits of the one word of a target it is
    /// an edit away from (none when it is close to several, or too short to tell).
    func typoHits<C: Collection<UInt8>>(for word: C) -> [Hit] {
        guard word.count >= 5 else { return [] }
        let typed = Array(word)
        // (Not a word of its own: "valued", "dealt", "meals", "scales", "Valve": the same first
        // letter, no past tense, and for a word of five letters only a letter left out or two swapped.)
        if typed.suffix(2).elementsEqual("ed".utf8) { return [] }
        var found: [UInt8]?
        for entry in entries {
            for candidate in entry.words where candidate.count >= 5 && abs(candidate.count - typed.count) <= 1 && candidate != found && candidate.first == typed.first {
                guard TextDistance.withinOneEdit(typed, candidate) else { continue }
                if candidate.count < 6, !(typed.count < candidate.count || typed.count == candidate.count && TextDistance.swapsNeighbours(typed, candidate)) { continue }
                if found != nil { return [] }
                found = candidate
            }
        }
        return found.map { hits[Self.hash64($0)] ?? [] } ?? []
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
        people[Self.hash64(spelling)]
    }

    /// `partner` matches `partners`; `resel` matches `reseller`; short words must match exactly.
    static let nounSuffixes: [[UInt8]] = ["ion", "ions", "ition", "itions", "ation", "ations", "ment", "ments", "ement", "ements"].map { Array($0.utf8) }

    static func matches<C: Collection<UInt8>>(_ word: C, _ candidate: [UInt8]) -> Bool {
        if word.elementsEqual(candidate) { return true }
        if word.count >= 4, candidate.starts(with: word) { return true }
        // ("rep" for "reps".)
        if word.count == 3, candidate.count == 4, candidate.starts(with: word), candidate.last == UInt8(ascii: "s") { return true }
        if candidate.count >= 4, word.starts(with: candidate), word.count - candidate.count <= 2 { return true }  // plural or "-s"
        // The verb's noun: "migration" for "migrate", "definition" for "define", "assignment" for "assign".
        if candidate.count >= 5 {
            let base = candidate.last == UInt8(ascii: "e") ? candidate.dropLast() : candidate[...]
            if word.starts(with: base) {
                let rest = word.dropFirst(base.count)
                for suffix in nounSuffixes where rest.elementsEqual(suffix) { return true }
            }
        }
        return false
    }

    /// Keys close to a mistyped reference, for "did you mean".
    func suggestions(for word: [UInt8]) -> [String] {
        var scored: [(Int, String)] = []
        for entry in entries where entry.updatable {
            let distance = TextDistance.edits(word, entry.key)
            if distance <= max(2, word.count / 3) { scored.append((distance, entry.target.key)) }
        }
        return scored.sorted { $0.0 < $1.0 }.prefix(3).map(\.1)
    }
}

/// Edit distance between short byte strings (for "did you mean").
enum TextDistance {
    /// Whether `a` and `b` differ only by two neighbouring letters swapped.
    static func swapsNeighbours(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        let differing = (0..<a.count).filter { a[$0] != b[$0] }
        return differing.count == 2 && differing[1] == differing[0] + 1 && a[differing[0]] == b[differing[1]] && a[differing[1]] == b[differing[0]]
    }

    /// Whether `a` becomes `b` by one edit: a letter changed, left out, added, or two neighbours swapped.
    static func withinOneEdit(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        if a == b { return false }
        if a.count == b.count {
            return (0..<a.count).filter({ a[$0] != b[$0] }).count == 1 || swapsNeighbours(a, b)
        }
        let (long, short) = a.count > b.count ? (a, b) : (b, a)
        guard long.count == short.count + 1 else { return false }
        var i = 0
        while i < short.count, long[i] == short[i] { i += 1 }
        return long[(i + 1)...].elementsEqual(short[i...])
    }

    static func edits(_ a: [UInt8], _ b: [UInt8]) -> Int {
        let a = Array(a.prefix(64))
        let b = Array(b.prefix(64))
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
