import OKRModel
/// Check-in lines: `[reference] [separator] value [of N] [confidence] [status] [- comment]`.
extension LineParser {
    /// A prompt number from a token's value: any number people type (`99999999999999999999.`)
    /// becomes an Int without trapping; absurd ones become 0, which no key result has.
    static func number(_ value: Double) -> Int {
        value.isFinite && value >= 0 && value < 1_000_000 ? Int(value) : 0
    }

    enum Reference {
        case none
        case found(Int)
        /// Several targets fit; the value may tell them apart.
        case ambiguous([Int], String)
        case error(String)
    }

    /// Reads a key result reference starting at token `i`; returns it and the next token.
    func reference(at i: Int) -> (Reference, Int) {
        guard i < end else { return (.none, i) }
        let token = tokens[i]
        // #2
        if token.kind == .hashNumber {
            let n = Self.number(token.value)
            guard let entry = index.entry(number: n) else { return (.error(outOfRange(n)), i + 1) }
            return (.found(entry), i + 1)
        }
        // 2. or 2)
        if token.kind == .number, !token.percent, token.currency == nil, !token.hasFraction, token.denominator == nil, !token.delta,
            i + 1 < end, tokens[i + 1].start == token.end,
            tokens[i + 1].kind == .close || (tokens[i + 1].kind == .other && text(tokens[i + 1]).elementsEqual(".".utf8)),
            i + 2 < end
        {
            let n = Self.number(token.value)
            guard let entry = index.entry(number: n) else { return (.error(outOfRange(n)), i + 2) }
            return (.found(entry), i + 2)
        }
        guard token.kind == .word else { return (.none, i) }
        // An exact key.
        if let entry = index.entry(key: text(token)) { return (.found(entry), i + 1) }
        // Free text up to the first value, separator or keyword: a title prefix or distinctive words.
        var j = i
        while j < end, tokens[j].kind == .word, !startsValueOrMeta(at: j) { j += 1 }
        guard j > i else { return (.none, i) }
        let wordCount = j - i
        let firstWord = text(tokens[i])
        // Only error messages need these; most references resolve, so they are made on demand.
        func words() -> [Bytes] { (i..<j).map { text(tokens[$0]) } }
        func written() -> String { original(from: i, to: j) }
        // Normalised text has single spaces, so the words' span is the words joined by spaces.
        let head = lower[tokens[i].start..<tokens[j - 1].end]
        // A single key-like word (reseler-partners, kr1) must be a key exactly: no guessing.
        if wordCount == 1, firstWord.contains(where: { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || ($0 >= 0x30 && $0 <= 0x39) }) {
            let suggestions = index.suggestions(for: Array(firstWord))
            let hint = suggestions.isEmpty ? " \(yourKeys())" : " Did you mean \(suggestions.map { "`\($0)`" }.joined(separator: " or "))?"
            return (.error("I don't know a key result called “\(written())”.\(hint)"), j)
        }
        var found = index.candidates(for: head)
        // Prefer what the author may update over key results they only know of.
        if found.count > 1 || found.first.map({ !index.entries[$0].updatable }) == true {
            let updatable = found.filter { index.entries[$0].updatable }
            if !updatable.isEmpty { found = updatable }
        }
        switch found.count {
        case 1: return (.found(found[0]), j)
        case 0:
            // A lone word that looks like a key (kr1, reseler-partners) is a mistyped key.
            if wordCount == 1 {
                let suggestions = index.suggestions(for: Array(firstWord))
                let hint = suggestions.isEmpty ? " \(yourKeys())" : " Did you mean \(suggestions.map { "`\($0)`" }.joined(separator: " or "))?"
                return (.error("I don't know a key result called “\(written())”.\(hint) \(Self.referenceHelp)"), j)
            }
            return (.error("I couldn't tell which key result “\(written())” is.\(didYouMean(words())) \(Self.referenceHelp)"), j)
        default:
            return (.ambiguous(found, written()), j)
        }
    }

    /// "Yours: #1 `territories`, #2 `territory-coverage`, ..."
    func yourKeys() -> String {
        let mine = index.entries.filter { $0.updatable && $0.number != nil }.prefix(6)
        guard !mine.isEmpty else { return "You have no key results to update." }
        return "Yours: " + mine.map { "#\($0.number!) `\($0.target.key)`" }.joined(separator: ", ") + "."
    }

    static let referenceHelp = "Start the line with the key result's key, its number from the prompt (like #2) or the start of its title."

    func outOfRange(_ n: Int) -> String {
        index.updatableCount == 0
            ? "there is no key result #\(n): you have no key results to update."
            : "there is no key result #\(n); your prompt lists #1 to #\(index.updatableCount). Use one of those numbers, or the key."
    }

    func didYouMean(_ words: [Bytes]) -> String {
        var suggestions: [String] = []
        for word in words {
            for suggestion in index.suggestions(for: Array(word)) where !suggestions.contains(suggestion) { suggestions.append(suggestion) }
        }
        return suggestions.isEmpty ? "" : " Did you mean \(suggestions.prefix(3).map { "`\($0)`" }.joined(separator: " or "))?"
    }

    /// Whether token `j` begins what follows a reference: a value word, confidence, a status or a
    /// comment keyword.
    func startsValueOrMeta(at j: Int) -> Bool {
        guard j < end, tokens[j].kind == .word else { return true }
        let w = tokens[j].word
        if WordSet.valueWords.contains(w) || WordSet.confidenceWords.contains(w) || isConfidenceShorthand(text(tokens[j])) { return true }
        if WordSet.fillerBeforeValue.contains(w), isKind(j + 1, .number) { return true }
        if statusWord(at: j) != nil { return true }
        if w == .because || (w == .from && isKind(j + 1, .number)) { return true }
        if w == .blocked || (w == .waiting && isWord(j + 1, .on, .for)) { return true }
        return false
    }

    /// `c7`: confidence 7.
    func isConfidenceShorthand(_ word: Bytes) -> Bool {
        word.count >= 2 && word.count <= 3 && word.first == UInt8(ascii: "c") && word.dropFirst().allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// A status phrase at `j` and how many tokens it spans.
    func statusWord(at j: Int) -> (StatusWord, Int)? {
        if isWord(j, .on), isWord(j + 1, .track) { return (.onTrack, 2) }
        if isWord(j, .onTrackDash, .onTrack) { return (.onTrack, 1) }
        if isWord(j, .at), isWord(j + 1, .risk) { return (.atRisk, 2) }
        if isWord(j, .atRiskDash) { return (.atRisk, 1) }
        if isWord(j, .off), isWord(j + 1, .track) { return (.offTrack, 2) }
        if isWord(j, .offTrackDash) { return (.offTrack, 1) }
        if isWord(j, .in), isWord(j + 1, .trouble) { return (.offTrack, 2) }
        if isWord(j, .behind), !(j + 1 < end && tokens[j + 1].kind == .word) { return (.atRisk, 1) }
        return nil
    }

    /// Whether a confidence value (a number or high/medium/low) follows at `k`, after `:`, `=`, `is`...
    func confidenceFollows(_ k: Int) -> Bool {
        let k = skipConfidenceFillers(k)
        guard k < end else { return false }
        return tokens[k].kind == .number || Self.confidenceLevel(word(k)) != nil
    }

    func skipConfidenceFillers(_ k: Int) -> Int {
        var k = k
        while k < end, tokens[k].kind == .colon || tokens[k].kind == .equals || isWord(k, .is, .of, .at) || isWord(k, .level) { k += 1 }
        return k
    }

    /// `confidence high|medium|low`.
    static func confidenceLevel(_ word: Word) -> Int? {
        switch word {
        case .high: 8
        case .medium, .med: 5
        case .low: 2
        default: nil
        }
    }

    // MARK: Check-ins

    mutating func parseCheckIn(from start: Int, into state: inout ReplyState) {
        var leadingConfidence: Int?
        var begin = start
        // A leading mention addresses someone ("<@okrd> ..."), and a leading colour is a confidence.
        while begin < end {
            if tokens[begin].kind == .mention { begin += 1; continue }
            if tokens[begin].kind == .emoji, let band = Self.band(tokens[begin].emoji) { leadingConfidence = band; begin += 1; continue }
            break
        }
        var (reference, i) = titleBeforeColon(from: begin) ?? reference(at: begin)
        if case .error(let message) = reference { return state.error(number, message) }
        // Separators after the reference.
        while i < end, tokens[i].kind == .colon || tokens[i].kind == .equals || tokens[i].kind == .dash || tokens[i].kind == .comma { i += 1 }

        var value: Token?
        var valueIsDone = false
        var milestoneNamed: Int?
        var confidence: Int? = leadingConfidence
        var status: StatusWord?
        var blocker: String?
        var commentStart: Int?
        var sawComma = false
        var extraNumber: Token?

        var j = i
        scan: while j < end {
            let token = tokens[j]
            switch token.kind {
            case .emoji:
                let emoji = token.emoji
                switch emoji {
                case .green, .yellow, .orange, .red: confidence = confidence ?? Self.band(emoji)
                case .check: if value == nil { valueIsDone = true }
                case .cross, .none: break
                case .construction:
                    status = .blocked
                    let text = original(from: j + 1)
                    blocker = text.isEmpty ? nil : text
                    break scan
                }
                j += 1
            case .number:
                // "70% confident", "0.7 confidence", "7/10 conf" (but in "3 conf 6" the 6 is the confidence)
                if isWord(j + 1, .confident, .confidence) || (isWord(j + 1, .conf) && (token.percent || token.hasFraction || token.denominator != nil)),
                    !confidenceFollows(j + 2) {
                    switch confidenceValue(token) {
                    case .success(let c): confidence = c
                    case .failure(let complaint): return state.error(number, complaint.message)
                    }
                    j += 2
                    continue
                }
                if value == nil && !valueIsDone {
                    value = token
                    j += 1
                    // "3 of 5"
                    if isWord(j, .of, .out), j + 1 < end {
                        let k = isWord(j + 1, .of) ? j + 2 : j + 1
                        if k < end, tokens[k].kind == .number, tokens[k].denominator == nil, !tokens[k].percent {
                            value?.denominator = tokens[k].value
                            j = k + 1
                        }
                    }
                    continue
                }
                if j > 0, tokens[j - 1].kind == .arrow || isWord(j - 1, .to) {
                    value = token  // "from 35 to 42", "35 -> 42"
                    j += 1
                    continue
                }
                if sawComma || commentStart != nil { commentStart = commentStart ?? j; break scan }
                extraNumber = token
                break scan
            case .arrow:
                j += 1
            case .word:
                let lowered = text(token)
                let w = token.word
                if WordSet.confidenceWords.contains(w) {
                    let k = skipConfidenceFillers(j + 1)
                    if k < end, tokens[k].kind == .number {
                        switch confidenceValue(tokens[k]) {
                        case .success(let c): confidence = c
                        case .failure(let complaint): return state.error(number, complaint.message)
                        }
                        j = k + 1
                        continue
                    }
                    if let level = Self.confidenceLevel(word(k)) {
                        confidence = level
                        j = k + 1
                        continue
                    }
                    if w == .c { commentStart = j; break scan }
                    return state.error(number, "“\(original(from: j, to: k + 1))” has no confidence number; write it from 0 to 10, like `conf 7`.")
                }
                if isConfidenceShorthand(lowered) {
                    let digits = Int(String(decoding: lowered.dropFirst(), as: UTF8.self)) ?? 99
                    guard digits <= 10 else { return state.error(number, "confidence goes from 0 to 10; “\(String(decoding: bytes[token.start..<token.end], as: UTF8.self))” is too high. Write it like `c7` or `conf 7`.") }
                    confidence = digits
                    j += 1
                    continue
                }
                if let (said, length) = statusWord(at: j) {
                    status = said
                    j += length
                    continue
                }
                if w == .blocked || (w == .waiting && isWord(j + 1, .on, .for)) {
                    status = .blocked
                    // "blocked by legal" records "legal"; "waiting on legal" keeps its words.
                    let rest = w == .blocked ? (isWord(j + 1, .by, .on, .for) ? j + 2 : j + 1) : j
                    let stop = tokens[rest..<end].firstIndex { $0.kind == .dash || $0.kind == .semicolon } ?? end
                    let text = original(from: rest, to: stop)
                    if !text.isEmpty { blocker = text }
                    if stop < end { commentStart = stop + 1 }
                    break scan
                }
                if WordSet.valueWords.contains(w) && value == nil {
                    valueIsDone = true
                    j += 1
                    continue
                }
                if w == .because || (w == .as && value != nil) {
                    commentStart = j + 1
                    break scan
                }
                if w == .to, value != nil, isKind(j + 1, .number) {
                    j += 1  // "from 35 to 42": the number after "to" replaces the value
                    continue
                }
                if w == .from || (WordSet.fillerBeforeValue.contains(w) && value == nil) {
                    j += 1
                    continue
                }
                if value != nil && WordSet.unitWords.contains(w) && !sawComma {
                    if w == .percent || w == .pct { value?.percent = true }
                    j += 1
                    continue
                }
                if case .found(let entry) = reference, case .milestone = index.entries[entry].target.kind,
                    let named = milestone(named: j, in: index.entries[entry].milestoneWords) {
                    milestoneNamed = named.index
                    j = named.next
                    continue
                }
                // Any other word: the comment begins (unless a value still follows and nothing was said yet).
                if value == nil && !valueIsDone && confidence == nil && status == nil, tokens[j..<end].contains(where: { $0.kind == .number }) {
                    j += 1
                    continue
                }
                commentStart = j
                break scan
            case .colon, .dash, .semicolon:
                commentStart = j + 1
                break scan
            case .comma:
                sawComma = true
                j += 1
            case .open:
                // "(two partners signed)": a comment in parentheses.
                commentStart = j
                break scan
            default:
                if value != nil || confidence != nil || status != nil { commentStart = j; break scan }
                j += 1
            }
        }

        var comment: String?
        if let commentStart, commentStart < end {
            let parenthesised = tokens[commentStart].kind == .open && tokens[end - 1].kind == .close
            let text = parenthesised ? original(from: commentStart + 1, to: end - 1, trimming: "-,;:") : original(from: commentStart, trimming: "-,;:")
            comment = text.isEmpty ? nil : LineParser.limited(text, 1000)
        }

        if let extraNumber {
            let first = value.map { String(decoding: bytes[$0.start..<$0.end], as: UTF8.self) } ?? ""
            let second = String(decoding: bytes[extraNumber.start..<extraNumber.end], as: UTF8.self)
            return state.error(number, "I found two values, \(first) and \(second). Write one new value per line, and put anything else after a dash: `… \(first) - \(second) more in the pipeline`.")
        }

        let said = value != nil || valueIsDone || milestoneNamed != nil || confidence != nil || status != nil || blocker != nil
        // Which target?
        var entry: Int
        switch reference {
        case .found(let found):
            entry = found
        case .ambiguous(let candidates, let written):
            let fitting = candidates.filter { fits(value, index.entries[$0].target) }
            guard fitting.count == 1 else {
                let keys = (fitting.isEmpty ? candidates : fitting).map { "`\(index.entries[$0].target.key)`" }
                return state.error(number, "“\(written)” fits \(keys.count) key results: \(keys.joined(separator: ", ")). Use the key to say which.")
            }
            entry = fitting[0]
        case .none:
            guard said else {
                return state.error(number, "I didn't understand this line. \(Self.referenceHelp) Then the new value, e.g. `#1 42` or `\(index.entries.first { $0.updatable }?.target.key ?? "kr1") 42 conf 7`. Send `help` for more.")
            }
            let own = index.entries.indices.filter { index.entries[$0].updatable && !index.entries[$0].target.isKPI && index.entries[$0].target.owner == index.author }
            guard own.count == 1, state.statementCount() == 1 else {
                let keys = index.entries.filter { $0.updatable && !$0.target.isKPI }.prefix(5).map { "`\($0.target.key)`" }
                return state.error(number, "which key result is this for? Start the line with its key or number, e.g. `#1 …`\(keys.isEmpty ? "" : " (yours: \(keys.joined(separator: ", ")))").")
            }
            entry = own[0]
        case .error:
            return
        }

        let target = index.entries[entry].target
        guard index.entries[entry].updatable else {
            let owner = target.owner.map { index.names[$0] ?? $0 } ?? "someone else"
            return state.error(number, "you can't update `\(target.key)`: it belongs to \(owner), and you're not in the team that owns it. Ask them to check it in, or check the key: \(yourKeys())")
        }
        state.lastTarget = target.key
        guard said || comment != nil else {
            return state.error(number, "`\(target.key)` has no new value here. Write it after the key, e.g. `\(target.key) \(example(for: target))`.")
        }

        var resolved: Double?
        if valueIsDone {
            guard let goal = target.goal else { return state.error(number, "`\(target.key)` has no target, so I can't tell what “done” means; write the value.") }
            resolved = goal
        } else if let milestoneNamed {
            resolved = Double(milestoneNamed + 1)
        } else if let value {
            switch resolve(value, for: target) {
            case .success(let v): resolved = v
            case .failure(let complaint): return state.error(number, complaint.message)
            }
        }
        if target.isKPI && resolved == nil && (confidence != nil || status != nil) {
            return state.error(number, "`\(target.key)` is a KPI: report its value, e.g. `\(target.key) \(example(for: target))`.")
        }
        state.result.checkIns.append(ParsedCheckIn(
            target: target.key, value: resolved, confidence: confidence, status: status, comment: comment, line: number, isKPI: target.isKPI))
        if let blocker {
            state.result.blockers.append(ParsedBlocker(target: target.key, text: blocker, line: number))
        }
    }

    /// Confidence bands of the traffic-light emoji.
    static func band(_ emoji: Token.Emoji) -> Int? {
        switch emoji {
        case .green: 8
        case .yellow: 5
        case .orange: 4
        case .red: 2
        default: nil
        }
    }

    /// "Sign 5 active reseller partners: 4": a title (which may contain numbers) before a colon.
    func titleBeforeColon(from i: Int) -> (Reference, Int)? {
        guard let colon = tokens[i..<end].firstIndex(where: { $0.kind == .colon }), colon > i + 1,
            tokens[i..<colon].contains(where: { $0.kind == .number }) else { return nil }
        let head = Array(lower[tokens[i].start..<tokens[colon - 1].end])
        guard head.count >= 3 else { return nil }
        let matches = index.entries.indices.filter { index.entries[$0].title.starts(with: head) }
        guard matches.count == 1 else { return nil }
        return (.found(matches[0]), colon + 1)
    }

    /// A named milestone at token `j` ("Assign reps done"): its index and the token after it.
    func milestone(named j: Int, in milestones: [[[UInt8]]]) -> (index: Int, next: Int)? {
        for (position, wanted) in milestones.enumerated() where !wanted.isEmpty {
            var k = j
            var matched = 0
            while k < end, tokens[k].kind == .word, !WordSet.doneWords.contains(tokens[k].word) {
                let word = text(tokens[k])
                if wanted.contains(where: { TargetIndex.matches(word, $0) }) {
                    matched += 1
                } else if !TargetIndex.stopwordHashes.contains(TargetIndex.hash64(word)) {
                    break
                }
                k += 1
            }
            if matched == wanted.count, isWord(k, in: .doneWords) { return (position, k + 1) }
        }
        return nil
    }

    /// Whether a value could belong to a target (to pick among ambiguous references).
    func fits(_ value: Token?, _ target: Target) -> Bool {
        guard let value else { return true }
        if let currency = value.currency { return target.unit == .currency(currency) }
        if value.percent { return target.unit == .percent }
        if let denominator = value.denominator {
            if case .milestone(let names) = target.kind { return Double(names.count) == denominator }
            return target.goal == denominator
        }
        if case .currency = target.unit { return value.value >= 100 }
        return true
    }

    /// An example value for a target, in its unit.
    func example(for target: Target) -> String {
        switch (target.kind, target.unit) {
        case (.milestone(let names), _): return "2 of \(names.count)"
        case (_, .currency(let code)): return code == "USD" ? "$120k" : "120k \(code)"
        case (_, .percent): return "45%"
        case (_, .days): return "30 days"
        default: return "3"
        }
    }
}
