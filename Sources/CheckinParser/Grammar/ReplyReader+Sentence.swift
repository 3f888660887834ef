import OKRModel

/// Sentences into clauses, and the key results a stretch of text names.
extension ReplyReader {
    /// A key result named in a clause: by its key, `#n`, its title, or words of its key and title.
    struct Reference {
        enum Kind {
            case found(Int)
            /// Several targets fit about equally; the value may tell them apart.
            case ambiguous([Int])
            case error(String)
        }

        var kind: Kind
        var lo: Int
        var hi: Int
        /// A key, `#n` or a whole title, as opposed to words that happen to match.
        var strong: Bool
        /// The key followed by the whole title, as the prompt writes it (a line pasted back).
        var titled: Bool
        /// How well words matched (a key, `#n` or title counts as 2).
        var score: Float
        /// "milestone 3": which milestone the reference names.
        var milestone: Int?
        /// The target, when exactly one fits (stored, not computed from `kind`: reading it in a loop
        /// tripped the 6.3 optimiser's ownership verifier).
        let entry: Int?
        /// Every target that fits.
        let candidates: [Int]

        init(kind: Kind, lo: Int, hi: Int, strong: Bool, titled: Bool = false, score: Float = 2, milestone: Int? = nil) {
            self.kind = kind
            self.lo = lo
            self.hi = hi
            self.strong = strong
            self.titled = titled
            self.score = score
            self.milestone = milestone
            switch kind {
            case .found(let found): entry = found; candidates = [found]
            case .ambiguous(let entries): entry = nil; candidates = entries
            case .error: entry = nil; candidates = []
            }
        }
    }

    // MARK: References

    /// "the Bavaria", "that Initech" at `k` before a title word: a determiner and a name (capitalised,
    /// no word of a key result, no person), so what follows is one thing of that customer.
    func namesOneItem(_ k: Int, _ hi: Int) -> Bool {
        func determiner(_ j: Int) -> Bool { isWord(j, hi, .the) || isWord(j, hi, .this) || isWord(j, hi, .that) || isWord(j, hi, .a) || isWord(j, hi, .an) }
        // ("the 25k Vogel deal": an amount between.)
        guard k >= 1, tokens[k].kind == .word, tokens[k].word == .none, bytes[tokens[k].start] &- UInt8(ascii: "A") < 26,
              determiner(k - 1) || k >= 2 && tokens[k - 1].kind == .number && determiner(k - 2) else { return false }
        // ("the Q1 pipeline", "the EU deal": a period or a region, not a customer.)
        return tokens[k].end - tokens[k].start >= 3 && text(k).allSatisfy({ $0 &- UInt8(ascii: "a") < 26 || $0 >= 0x80 })
            && bytes[tokens[k].start + 1] &- UInt8(ascii: "a") < 26 && index.hits(for: text(k)).isEmpty && person(at: k) == nil
    }

    /// Every reference in `lo..<hi`, in order.
    func references(_ lo: Int, _ hi: Int) -> [Reference] {
        var found: [Reference] = []
        var k = lo
        var runStart = -1
        var outsideRun = false
        var runEnd = -1
        // Per target and word slot, the best weight seen in the current run of matching words (a
        // run touches few targets: a flat list beats hashing).
        var scores: [(entry: Int32, slot: UInt8, weight: Float)] = []

        func closeRun() {
            defer { runStart = -1; scores.removeAll(keepingCapacity: true) }
            guard runStart >= 0, !scores.isEmpty else { return }
            var best: Float = 0
            var totals: [(Int, Float)] = []
            for score in scores {
                if let at = totals.firstIndex(where: { $0.0 == Int(score.entry) }) {
                    totals[at].1 += score.weight
                } else {
                    totals.append((Int(score.entry), score.weight))
                }
            }
            for (_, total) in totals { best = max(best, total) }
            guard best >= 0.9 else { return }
            // One title word used as a verb ("days to close on the Umbrella deal", "need to sign")
            // names nothing.
            if runEnd - runStart == 1, best < 1.9, isWord(runStart - 1, hi, .to) || isWord(runStart - 1, hi, .should) || isWord(runStart - 1, hi, .will)
                || isWord(runStart - 1, hi, .can) || isWord(runStart - 1, hi, .could) || isWord(runStart - 1, hi, .would) || isWord(runStart - 1, hi, .must) { return }
            // "the old partner program", "partners call at 3", "pipeline review": one title word naming
            // an event or a thing of its own.
            if runEnd - runStart == 1, best < 1.9, runEnd < hi, spelled(runEnd, Self.eventNouns) { return }
            // "response rate went from 18% to 41%": a generic word of a title after a word of no key
            // result names another measure.
            if runEnd - runStart == 1, best < 1.9, spelled(runStart, Self.genericHeads), runStart - 1 >= lo, tokens[runStart - 1].kind == .word,
               tokens[runStart - 1].word == .none, index.hits(for: text(runStart - 1)).isEmpty, person(at: runStart - 1) == nil,
               !spelled(runStart - 1, Self.measureAdjectives), lower[tokens[runStart - 1].start] &- 0x61 < 26 { return }
            // ("before I close it", "we'll close them Friday": a verb, not the close-rate KPI.)
            if runEnd - runStart == 1, best < 1.9, spelled(runEnd, ["it", "them", "out", "this", "that"]) || spelled(runStart - 1, ["i", "we", "they", "will", "i'll", "we'll", "to", "can", "could", "should", "must", "gonna"]),
               spelled(runStart, ["close", "book", "sign", "win", "renew", "convert", "upsell"]) { return }
            // "the Bavaria deal", "that Hooli renewal": one deal of a customer, not the key result.
            if runEnd - runStart == 1, best < 1.9, runStart - 2 >= lo, lower[tokens[runEnd - 1].end - 1] != UInt8(ascii: "s"), namesOneItem(runStart - 1, hi) { return }
            // "a 30-user deal", "a 40k deal", "a big deal": one of them, not the key result.
            // (Not "a 70% coverage now", "lost one partner": a value, a count.)
            if runEnd - runStart == 1, best < 1.9, lower[tokens[runEnd - 1].end - 1] != UInt8(ascii: "s"),
               (max(lo, runStart - 3)..<runStart).contains(where: { j in (isWord(j, hi, .a) || isWord(j, hi, .an))
                   && (j + 1..<runStart).allSatisfy { tokens[$0].kind == .number && !tokens[$0].percent || tokens[$0].kind == .word && tokens[$0].word == .none && index.hits(for: text($0)).isEmpty || tokens[$0].kind == .dash } }) { return }
            var winners = totals.filter { $0.1 >= best - 0.1 }.map(\.0).sorted()
            let updatable = winners.filter { index.entries[$0].updatable }
            if !updatable.isEmpty { winners = updatable }
            // One word that happens to name another team's key result ("the Wayne deal") is not a
            // reference; two ("deal size") are, and are refused by name.
            if updatable.isEmpty, best < 1.9, index.updatableCount > 0 { return }
            // A clear winner among the updatable ones beats a near tie with ones the author cannot update.
            if winners.count > 1 {
                let top = winners.filter { entry in totals.first { $0.0 == entry }!.1 >= best - 0.001 }
                // A clear winner, unless a close runner-up is the author's own ("partners 9" from
                // someone who owns partner customers): then the value decides.
                let ownRunnerUp = winners.contains { index.entries[$0].owned } && !top.contains { index.entries[$0].owned }
                if top.count == 1, !ownRunnerUp, winners.allSatisfy({ entry in entry == top[0] || totals.first { $0.0 == entry }!.1 < best - 0.04 }) { winners = top }
            }
            // "territory model": the word after the run, which names nothing alone, follows it in
            // exactly one of the titles.
            if winners.count > 1, runEnd < hi, tokens[runEnd].kind == .word, tokens[runEnd].start == tokens[runEnd - 1].end + 1 {
                let phrase = lower[tokens[runEnd - 1].start..<tokens[runEnd].end]
                let titled = winners.filter { Self.containsWords(index.entries[$0].title, phrase) }
                if titled.count == 1 {
                    found.append(Reference(kind: .found(titled[0]), lo: runStart, hi: runEnd + 1, strong: false, score: max(best, 1.9)))
                    return
                }
            }
            found.append(Reference(kind: winners.count == 1 ? .found(winners[0]) : .ambiguous(winners), lo: runStart, hi: runEnd, strong: false, score: best))
        }

        while k < hi {
            let token = tokens[k]
            // "2. 45%", "3) 4" at the start of a line: a key result by its number in the prompt.
            if k == lo, k == lineBodyStart, token.kind == .number, token.isPlainInteger, k + 2 < hi, tokens[k + 1].start == token.end,
               tokens[k + 1].kind == .close || isSymbol(k + 1, hi, UInt8(ascii: ".")), tokens[k + 2].kind == .number || tokens[k + 2].kind == .emoji || isWord(k + 2, hi, .done) {
                let n = Self.promptNumber(token.value)
                if let entry = index.entry(number: n) {
                    found.append(Reference(kind: .found(entry), lo: k, hi: k + 2, strong: true))
                } else {
                    found.append(Reference(kind: .error(outOfRange(n)), lo: k, hi: k + 2, strong: true))
                }
                k += 2
                continue
            }
            if token.kind == .hashNumber {
                closeRun()
                // "#3 reseller-partners" pasted from another prompt's numbering: the key names the key
                // result, the number is only the list position it had there.
                if k + 1 < hi, tokens[k + 1].kind == .word, let keyed = index.entry(key: text(k + 1)), index.entry(number: Self.promptNumber(token.value)) != keyed {
                    k += 1
                    continue
                }
                let n = Self.promptNumber(token.value)
                if let entry = index.entry(number: n) {
                    // "#2 partner-revenue Generate $400k ...": the number, key and title name one key result.
                    if k + 1 < hi, tokens[k + 1].kind == .word, index.entry(key: text(k + 1)) == entry {
                        let reference = keyReference(entry, from: k, keyEnd: k + 2, hi)
                        found.append(reference)
                        k = reference.hi
                        continue
                    }
                    found.append(Reference(kind: .found(entry), lo: k, hi: k + 1, strong: true))
                } else {
                    found.append(Reference(kind: .error(outOfRange(n)), lo: k, hi: k + 1, strong: true))
                }
                k += 1
                continue
            }
            guard token.kind == .word else {
                outsideRun = false
                // Bridges inside a name: "demo-to-opp", "Q4 pipeline" keep a run going only for words.
                if runStart >= 0, token.kind != .other || token.end - token.start > 1 { closeRun() } else if runStart >= 0 { closeRun() }
                k += 1
                continue
            }
            let bytes = text(k)
            // "3 of the 4 milestones are complete", "three of four milestones done": the author's
            // milestone key result, when there is only one with that many milestones.
            // (Said done: not "2 of the 4 milestones slipped to Q1".)
            // (Only now and of the author's own, said plainly to the end: not "last week 3 of the 4
            // milestones were complete", "by Friday ... will be", "... in the plan, in reality 2",
            // "... on their side".)
            if token.word == .milestones, k >= 3, countsAllMilestones(before: k, hi), milestonesDoneNow(after: k, hi), !(lo..<k).contains(where: { spelled($0, Self.otherTimeWords) }) {
                let milestoneEntries = index.entries.indices.filter { index.entries[$0].owned && index.entries[$0].target.isMilestone }
                if milestoneEntries.count == 1, let count = index.entries[milestoneEntries[0]].target.milestoneCount,
                   tokens[k - 1].kind == .number, tokens[k - 1].value == Double(count) {
                    closeRun()
                    found.append(Reference(kind: .found(milestoneEntries[0]), lo: k, hi: k + 1, strong: true))
                    k += 1
                    continue
                }
            }
            // "milestone 3", "Meilenstein 4": the author's milestone key result, when there is one.
            if token.word == .milestone || token.word == .milestones,
               k + 1 < hi, let n = tokens[k + 1].kind == .number && tokens[k + 1].isPlainInteger ? ReplyReader.promptNumber(tokens[k + 1].value) : romanNumeral(k + 1, hi),
               index.entries.contains(where: { $0.updatable && ($0.target.milestoneCount ?? 0) >= n && n >= 1 }) {
                let milestoneEntries = index.entries.indices.filter { index.entries[$0].updatable && index.entries[$0].target.isMilestone }
                if milestoneEntries.count == 1 {
                    closeRun()
                    // ("milestone 3 of 4 is done": the count after it is not a value.)
                    let count = index.entries[milestoneEntries[0]].target.milestoneCount.map(Double.init)
                    var end = (isWord(k + 2, hi, .of) || spelled(k + 2, ReplyReader.foreignOf)) && isKind(k + 3, hi, .number) && tokens[k + 3].value == count ? k + 4 : k + 2
                    // ("milestones 1-3 done", "milestones 1 to 3": up to the last one.)
                    var last = n
                    if isKind(end, hi, .number), tokens[end].start == tokens[end - 1].end, tokens[end].value < 0 || tokens[end].delta { last = ReplyReader.promptNumber(abs(tokens[end].value)); end += 1 }
                    else if isWord(end, hi, .to) || isWord(end, hi, .through) || isKind(end, hi, .dash), isKind(end + 1, hi, .number) { last = ReplyReader.promptNumber(tokens[end + 1].value); end += 2 }
                    // (Anything else glued to the number, "1-3" read some other way, is not guessed at.)
                    if end < hi, end == k + 2, tokens[end].start == tokens[k + 1].end, tokens[end].kind == .number || tokens[end].kind == .dash || tokens[end].kind == .word { k += 1; continue }
                    guard (n...max(n, count.map(Int.init) ?? n)).contains(last) else { k = end; continue }
                    found.append(Reference(kind: .found(milestoneEntries[0]), lo: k, hi: end, strong: true, milestone: last))
                    k = end
                    continue
                }
            }
            // A whole title (it may contain numbers, which are then never values).
            if let (entry, end) = titleMatch(at: k, hi) {
                closeRun()
                found.append(Reference(kind: .found(entry), lo: k, hi: end, strong: true))
                k = end
                continue
            }
            // "reseler-partners 3", "usd-bookings 40k": a key mistyped, or one that does not exist, at the
            // start of a statement is refused with what to write, never matched by one of its words.
            // (Not the mark struck-through text leaves: "~23~ 25% close rate".)
            if k == lo, index.entry(key: bytes) == nil, tokens[k].word != .correction, Self.looksLikeKey(bytes), k + 1 < hi, tokens[k + 1].kind == .number || tokens[k + 1].kind == .colon,
               !partsNameOneKeyResult(bytes), !Self.discourseLabels.contains(String(decoding: bytes, as: UTF8.self)) {
                closeRun()
                let suggestions = index.suggestions(for: Array(bytes))
                let hint = suggestions.isEmpty ? " \(yourKeys())" : " Did you mean \(suggestions.map { "`\($0)`" }.joined(separator: " or "))?"
                found.append(Reference(kind: .error("I don't know a key result called “\(written(k))”.\(hint)"), lo: k, hi: k + 1, strong: true))
                k += 1
                continue
            }
            if let entry = index.entry(key: bytes) {
                closeRun()
                let reference = keyReference(entry, from: k, keyEnd: k + 1, hi)
                found.append(reference)
                k = reference.hi
                continue
            }
            // "2 non-reseller deals": the words after "non-" name something outside the key result.
            if bytes.starts(with: Self.nonPrefix) {
                closeRun()
                outsideRun = true
                k += 1
                continue
            }
            // (The closures below capture the index, not the reader: a closure over the reader copies
            // it whole, once per word.)
            let targets = index
            if outsideRun {
                var named = false
                forEachPart(of: bytes) { part in named = named || !targets.hits(for: part).isEmpty }
                if named { k += 1; continue }
                outsideRun = false
            }
            var matched = false
            forEachPart(of: bytes) { part in
                for hit in targets.hits(for: part) {
                    if let at = scores.firstIndex(where: { $0.entry == hit.entry && $0.slot == hit.slot }) {
                        scores[at].weight = max(scores[at].weight, hit.weight)
                    } else {
                        scores.append((hit.entry, hit.slot, hit.weight))
                    }
                    matched = true
                }
            }
            // "chrun 9.9", "renewel rate 91,5", "upselll 15.5": a word mistyped by one letter (swapped,
            // missing, extra or wrong) that is a word of exactly one key result's, right before its value.
            if !matched, tokens[k].word == .none, bytes.count >= 5, person(at: k) == nil,
               isKind(k + 1, hi, .number) || isKind(k + 1, hi, .colon) && isKind(k + 2, hi, .number) || k + 2 < hi && tokens[k + 1].kind == .word && !index.hits(for: text(k + 1)).isEmpty && isKind(k + 2, hi, .number) {
                for hit in index.typoHits(for: bytes) {
                    scores.append((hit.entry, hit.slot, hit.weight))
                    matched = true
                }
            }
            if matched {
                if runStart < 0 { runStart = k }
                runEnd = k + 1
            } else if runStart >= 0 {
                // A short word between two matching ones ("rate in the reassigned territories") keeps the run.
                let bridge = tokens[k].word != .none && WordSet.stopwordsForMatching.contains(tokens[k].word)
                    || (bytes.count <= 3 && k + 1 < hi && tokens[k + 1].kind == .word && !index.hits(for: text(k + 1)).isEmpty)
                if !bridge || k - runEnd >= 2 { closeRun() }
            }
            k += 1
        }
        closeRun()
        return found
    }

    /// Nouns after one title word that make it name an event or a thing of its own: "the partner
    /// program", "the partners call".
    static let eventNouns = Spellings(["program", "programme", "programs", "call", "calls", "meeting", "meetings", "sync", "review", "summit", "portal", "webinar",
                                       "event", "events", "kickoff", "workshop", "dinner", "lunch", "offsite", "conference", "training", "newsletter", "standup"])
    static func currencyCode(_ unit: MetricUnit) -> String? {
        if case .currency(let code) = unit { return code }
        return nil
    }

    /// "EUR though", "in euros, not dollars", "that's in GBP" at the start of a sentence: the currency it names.
    func currencyOpening(_ lo: Int, _ hi: Int) -> String? {
        // (Runs for every sentence: static spellings, no strings built.)
        // (Not the currency as a subject: "Euros are weak this month".)
        var j = lo
        while j < min(hi, lo + 4) {
            let code = spelled(j, Self.euroWords) || text(j).elementsEqual("€".utf8) ? "EUR" : spelled(j, Self.poundWords) || text(j).elementsEqual("£".utf8) ? "GBP"
                : spelled(j, Self.dollarWords) ? "USD" : nil
            if let code { return spelled(j + 1, Self.currencySubjectVerbs) ? nil : code }
            guard spelled(j, Self.beforeCurrency) || isKind(j, hi, .open) else { return nil }
            j += 1
        }
        return nil
    }

    static let euroWords = Spellings(["eur", "euros", "euro"])
    static let poundWords = Spellings(["gbp", "pounds"])
    static let dollarWords = Spellings(["usd", "dollars"])
    static let beforeCurrency = Spellings(["that's", "thats", "its", "it's", "in", "all", "this", "is", "was", "those", "these", "are"])
    static let currencySubjectVerbs = Spellings(["are", "is", "was", "were", "has", "have", "fell", "rose", "dropped"])

    /// "no wait.", "wait.", "hmm, no.", "scratch that.", "hold on.": a sentence of second thoughts only.
    func secondThoughtsOnly(_ lo: Int, _ hi: Int) -> Bool {
        var cue = false
        for k in lo..<hi {
            switch tokens[k].kind {
            case .comma, .dash: continue
            case .other where isSymbol(k, hi, UInt8(ascii: ".")) || isSymbol(k, hi, UInt8(ascii: "!")): continue
            case .word:
                let w = tokens[k].word
                if w == .wait || w == .scratch || w == .oops || spelled(k, ["hold"]) { cue = true; continue }
                if w == .no || w == .hmm || w == .that || w == .sorry || w == .actually || w == .on || w == .oh { continue }
                return false
            default: return false
            }
        }
        return cue
    }

    /// "I'd take that with a grain of salt", "don't quote me on that", "let me come back on that one",
    /// "so could be different", "not final yet", "need to double-check that": the number said before
    /// is in doubt. Where the phrase is, if the clause `lo..<hi` holds one.
    /// (Not about something else: "the new pricing could change everything", "need to check with legal",
    /// "the Alpcom deal isn't confirmed".)
    func doubtPhrase(_ lo: Int, _ hi: Int, refs: [Reference]) -> Range<Int>? {
        // What the doubt is about, when it is said: the number ("that", "it", "the number", the key
        // result named) or nothing (right after a comma, a dash, "so", "but" or the value).
        func aboutTheNumber(_ j: Int) -> Bool {
            j < lo || tokens[j].kind == .comma || tokens[j].kind == .dash || tokens[j].kind == .open || tokens[j].kind == .number
                || isWord(j, hi, .so) || isWord(j, hi, .but) || isWord(j, hi, .and) || isWord(j, hi, .that) || isWord(j, hi, .it) || isWord(j, hi, .this)
                || isWord(j, hi, .thats) || isWord(j, hi, .itsContraction) || spelled(j, Self.numberNouns) || refs.contains { $0.hi == j + 1 }
        }
        // Where the phrase ends: the clause does, or a time or a person to check with follows ("will
        // verify tomorrow", "need to double-check that with Carlos", "might be off a bit").
        func endsHere(_ j: Int) -> Bool {
            j >= hi || tokens[j].kind == .comma || tokens[j].kind == .dash || tokens[j].kind == .semicolon || tokens[j].kind == .close || tokens[j].kind == .other || tokens[j].kind == .emoji
                || isWord(j, hi, .yet) || isWord(j, hi, .tbh) || spelled(j, ["though", "tho", "later", "first", "again", "asap"]) || isWord(j, hi, .tomorrow) || isWord(j, hi, .today)
                || isWord(j, hi, .with) && (person(at: j + 1) != nil || isKind(j + 1, hi, .mention) || spelled(j + 1, ["finance", "ops", "legal", "revops"]))
                || isWord(j, hi, .a) && spelled(j + 1, ["bit", "little"]) || spelled(j, ["slightly"])
        }
        func objectIsTheNumber(_ j: Int) -> Bool {
            endsHere(j) || (isWord(j, hi, .that) || isWord(j, hi, .it) || isWord(j, hi, .this) || isWord(j, hi, .those)) && (endsHere(j + 1) || isWord(j + 1, hi, .one))
                || (isWord(j, hi, .the) || isWord(j, hi, .that) || isWord(j, hi, .this)) && spelled(j + 1, Self.numberNouns) && endsHere(j + 2)
        }
        // ("final, not subject to change", "no need to double-check that": the doubt denied.)
        func denied(_ j: Int) -> Bool {
            (max(lo, j - 3)..<max(lo, j)).contains { isWord($0, hi, .not) || isWord($0, hi, .no) || isWord($0, hi, .never) || isWord($0, hi, .dont) }
        }
        // (Most clauses hold none of the words a doubt starts at: one cheap pass first.)
        guard (lo..<hi).contains(where: { tokens[$0].kind == .word && (spelled($0, Self.doubtStarts) || spelled($0, Self.countVerbs) || spelled($0, Self.exactAdjectives)
            || spelled($0, Self.foreignConfirmed) || isWord($0, hi, .could) || isWord($0, hi, .might) || isWord($0, hi, .tbc) || isWord($0, hi, .or)
            || isWord($0, hi, .confidence) || isWord($0, hi, .confident) || spelled($0, ["trust"])) }) else { return nil }
        for k in lo..<hi where tokens[k].kind == .word {
            // ". hm, or 150? need to check": another value offered as a question after the one said.
            if isWord(k, hi, .or), (lo..<k).allSatisfy({ tokens[$0].kind == .comma || spelled($0, ["hm", "hmm", "uh", "um", "hmmm", "wait", "or", "maybe"]) }),
               isKind(k + 1, hi, .number), let mark = (k + 2..<min(hi + 1, tokens.count)).first(where: { isSymbol($0, tokens.count, UInt8(ascii: "?")) }), mark <= k + 6,
               (k + 2..<mark).allSatisfy({ tokens[$0].kind == .word }) {
                return k..<mark + 1
            }
            // "low confidence in the number itself", "don't trust the figure": the value is in doubt.
            if isWord(k, hi, .confidence) || isWord(k, hi, .confident) || spelled(k, ["trust"]), (max(lo, k - 2)..<k).contains(where: { spelled($0, ["low", "little", "no", "not", "don't", "dont", "zero"]) }),
               isWord(k + 1, hi, .in) || k + 1 < hi && !isWord(k + 1, hi, .on), (k + 1..<min(hi, k + 5)).contains(where: { spelled($0, Self.numberNouns) || spelled($0, ["data", "export", "dashboard"]) }) {
                return max(lo, k - 1)..<min(hi, k + 5)
            }
            // "jumped to 33%, but I honestly don't trust it yet": the value said just before.
            if spelled(k, ["trust"]), (max(lo, k - 2)..<k).contains(where: { spelled($0, ["don't", "dont", "not", "can't", "cant"]) }), objectIsTheNumber(k + 1) {
                return max(lo, k - 1)..<min(hi, k + 2)
            }
            // "could be anywhere 9.7-10.1", "might be anywhere between 9 and 10".
            if isWord(k, hi, .could) || isWord(k, hi, .might), isWord(k + 1, hi, .be), spelled(k + 2, ["anywhere", "between"]) { return k..<hi }
            // ("take the conf with a grain of salt": the confidence is in doubt, not the value.)
            if spelled(k, ["grain", "pinch"]), isWord(k + 1, hi, .of), spelled(k + 2, ["salt"]), !(max(lo, k - 5)..<k).contains(where: { isWord($0, hi, .conf) || isWord($0, hi, .confidence) }) { return k..<k + 3 }
            if spelled(k, ["subject"]), isWord(k + 1, hi, .to), spelled(k + 2, ["change"]), aboutTheNumber(k - 1) || isWord(k - 1, hi, .is) && aboutTheNumber(k - 2), !denied(k) { return k..<k + 3 }
            // "I don't have the exact number yet", "no exact figure".
            if spelled(k, Self.exactAdjectives), spelled(k + 1, Self.numberNouns), (max(lo, k - 4)..<k).contains(where: { isWord($0, hi, in: .negations) }) { return k..<k + 2 }
            // "2 (1 signed + 1 LOI, ok to count the LOI?)", "3 - does the pilot count?": whether it counts, asked.
            // (In the value's sentence: not "Question for Grace: should we count the Schneider renewal in Q4?")
            if spelled(k, Self.countVerbs), (min(sentenceStart, k)..<k).contains(where: { tokens[$0].kind == .number }), let mark = (k + 1..<min(hi + 1, tokens.count)).first(where: { isSymbol($0, tokens.count, UInt8(ascii: "?")) }),
               (k + 1..<mark).allSatisfy({ tokens[$0].kind == .word || tokens[$0].kind == .number || tokens[$0].kind == .comma }) {
                var from = k
                while from > lo, tokens[from - 1].kind == .word { from -= 1 }
                return from..<mark
            }
            if spelled(k, ["quote"]), spelled(k + 1, ["me"]), isWord(k - 1, hi, .dont) || isWord(k - 1, hi, .not) { return k - 1..<k + 2 }
            if spelled(k, ["come", "get"]), isWord(k + 1, hi, .back), isWord(k + 2, hi, .on) || isWord(k + 2, hi, .to),
               isWord(k - 1, hi, .me) || isWord(k - 1, hi, .will) || isWord(k - 1, hi, .ill), objectIsTheNumber(k + 3) || isWord(k + 3, hi, .you) && (isWord(k + 4, hi, .on) && objectIsTheNumber(k + 5) || endsHere(k + 4)) {
                return k..<min(hi, k + 4)
            }
            if isWord(k, hi, .could) || isWord(k, hi, .might) || spelled(k, ["may"]), aboutTheNumber(k - 1),
               isWord(k + 1, hi, .be) && spelled(k + 2, ["different", "off", "wrong", "outdated", "stale", "inaccurate"]) && endsHere(k + 3) || spelled(k + 1, ["change"]) && endsHere(k + 2) {
                return k..<k + 3
            }
            if spelled(k, ["final", "confirmed", "verified", "official"]), isWord(k - 1, hi, .not), aboutTheNumber(k - 2) || isWord(k - 2, hi, .is) && aboutTheNumber(k - 3), endsHere(k + 1) {
                return k - 1..<k + 1
            }
            // "to be confirmed", "tbc".
            if spelled(k, ["confirmed", "verified"]), isWord(k - 1, hi, .be), isWord(k - 2, hi, .to), aboutTheNumber(k - 3) || isWord(k - 3, hi, .is) && aboutTheNumber(k - 4), endsHere(k + 1) { return k - 2..<k + 1 }
            if isWord(k, hi, .tbc) || spelled(k, ["tbd"]), aboutTheNumber(k - 1), endsHere(k + 1) { return k..<k + 1 }
            if spelled(k, ["unverified", "unconfirmed", "provisional"]), aboutTheNumber(k - 1) || isWord(k - 1, hi, .is) && aboutTheNumber(k - 2), endsHere(k + 1) { return k..<k + 1 }
            // "noch nicht bestätigt", "pas encore confirmé", "sin confirmar", "ohne Gewähr".
            if spelled(k, Self.foreignConfirmed), (max(lo, k - 2)..<k).contains(where: { spelled($0, ["nicht", "pas", "no", "não", "nao", "non", "niet", "not"]) }) || spelled(k - 1, ["sin", "sem", "senza", "sans"]),
               endsHere(k + 1) || spelled(k + 1, ["ainda", "todavía", "todavia", "encore", "ancora", "nog"]) {
                var from = k - 1
                while from > lo, spelled(from - 1, ["noch", "pas", "encore", "ainda", "todavía", "todavia", "ancora", "nog", "nicht"]) { from -= 1 }
                return from..<k + 1
            }
            if spelled(k, ["ohne"]), spelled(k + 1, ["gewähr"]) { return k..<k + 2 }
            if spelled(k, ["double-check", "doublecheck", "verify", "recheck", "re-check"]) || spelled(k, ["double"]) && spelled(k + 1, ["check"]) {
                let after = spelled(k, ["double"]) ? k + 2 : k + 1
                if isWord(k - 1, hi, .to) && (isWord(k - 2, hi, .need) || isWord(k - 2, hi, .have)) || isWord(k - 1, hi, .will) || isWord(k - 1, hi, .ill) || isWord(k - 1, hi, .must),
                   objectIsTheNumber(after), !denied(k - 1) {
                    return k..<after
                }
            }
        }
        return nil
    }

    /// What the sentence says of a value that its number does not: "we're at 7 weeks now, which is an
    /// improvement" on 49 days last week (a change said, none made); "another 30k, which makes..."
    /// (a total the author left unfinished). Asked, with the value proposed.
    mutating func askAboutChangesNotMade(_ lo: Int, _ hi: Int) {
        // (Of the one value the sentence gives: not "renewal holding at 91%, deal size $47k, a big improvement".)
        guard result.checkIns.count == sentenceFirstCheckIn + 1, result.checkIns[sentenceFirstCheckIn].line == line,
              let (question, proposing) = changeNotMadeQuestion(lo, hi, checkIn: result.checkIns[sentenceFirstCheckIn]) else { return }
        askInstead(ofCheckIn: sentenceFirstCheckIn, proposing: proposing, question)
    }

    /// The question `askAboutChangesNotMade` asks, if any (a pure decision: closures here borrow the
    /// reader, they do not copy it).
    func changeNotMadeQuestion(_ lo: Int, _ hi: Int, checkIn: ParsedCheckIn) -> (String, Bool)? {
        guard let entry = index.entry(key: checkIn.target.utf8) else { return nil }
        let target = index.entries[entry].target
        // (Formatted only when asked: this runs for most sentences.)
        var shown: String { format(checkIn.value, for: target) }
        let held = (lo..<hi).contains { spelled($0, Self.heldWords) || isWord($0, hi, .no) && spelled($0 + 1, ["change"]) }
        // "another 30k, which makes... hmm", "macht dann... hm", "bringing it to... let me check": a total
        // left unfinished.
        let unfinished = (lo..<hi).contains { k in
            spelled(k, Self.totalVerbs) && !isKind(k + 1, hi, .number) && !isKind(k + 2, hi, .number) && !isKind(k + 3, hi, .number) && (k + 1 >= hi || spelled(k + 1, ["hmm", "hm", "uh", "um", "erm", "wait", "dann", "is", "it"]) && (k + 2 >= hi || tokens[k + 2].kind == .other || spelled(k + 2, ["to", "hm", "hmm"])) || tokens[k + 1].kind == .other)
        }
        if unfinished, checkIn.relative != nil {
            return ("You left the total for `\(checkIn.target)` open (“which makes...”). Is it \(shown)? Reply yes to record \(shown), or write the value now.", true)
        }
        // Where the value was written (the number the check-in took; nothing more is judged without it).
        // (Or the one number of the sentence: "7 weeks" for 49 days.)
        let numbers = (lo..<hi).filter { tokens[$0].kind == .number }
        guard let v = numbers.first(where: { abs(tokens[$0].value - checkIn.value) < 1e-9 * max(1, abs(checkIn.value)) }) ?? (checkIn.relative != nil || numbers.count == 1 ? numbers.first : nil) else { return nil }
        var near = v + 1
        // (Up to the next number: "upsell 16, churn 9.8 - might be off" doubts the churn.)
        while near < hi, near < v + 16, !isSentenceStop(near) || tokens[near].end - tokens[near].start > 1, tokens[near].kind != .number { near += 1 }
        // "upsell 17 hmm", "17... hmm", "26, could be a data glitch", "26 but that looks off", "(suspicious)",
        // "traue ich noch nicht", "I doubt it": the author doubts the value, right after it.
        let doubted = (v + 1..<max(v + 1, near)).contains { k in
            guard tokens[k].kind == .word, spelled(k, Self.doubtWordsPlain) || spelled(k, Self.doubtAfterStarts) else { return false }
            return spelled(k, Self.doubtWordsPlain) || spelled(k, ["hmm", "hm", "hmmm"]) && (k + 1 >= hi || tokens[k + 1].kind == .other)
                || spelled(k, ["looks", "look", "seems", "seem", "sounds", "sound"]) && spelled(k + 1, ["off", "weird", "wrong", "odd", "fishy", "too", "strange"])
                || spelled(k, ["sure"]) && spelled(k - 1, ["not"]) && spelled(k + 1, ["it's", "its", "this", "it"]) && spelled(k + 2, ["real", "right", "correct", "accurate", "true", "is"])
                || spelled(k, ["doubt"]) && (spelled(k - 1, ["i"]) || spelled(k + 1, ["it"])) || spelled(k, ["believe"]) && spelled(k - 1, ["don't", "dont"])
                || spelled(k, ["validated", "verified", "checked", "confirmed"]) && spelled(k - 1, ["haven't", "havent", "not"])
                || spelled(k, ["traue", "fío", "fio", "vertrouw", "crois"]) && (k - 2..<min(hi, k + 5)).contains(where: { spelled($0, ["nicht", "pas", "niet", "no"]) })
                || spelled(k, ["prüfen", "falsch", "verificar", "vérifier", "controleren"]) || spelled(k, ["might", "could", "may"]) && spelled(k + 1, ["be"]) && spelled(k + 2, ["wrong", "off", "broken"])
                // ("still reconciling w/ finance", "noch nicht ganz abgeglichen", "real number Wed": not final.)
                || spelled(k, ["abgeglichen", "reconciled", "final", "finalized", "finalised"]) && (max(v, k - 3)..<k).contains(where: { spelled($0, ["nicht", "not", "yet", "pas", "no", "niet"]) })
                || spelled(k, ["real", "final", "actual", "exact"]) && k + 2 < hi && spelled(k + 1, ["number", "figure", "numbers", "figures", "número", "zahl"]) && (k + 2..<min(hi, k + 5)).contains(where: { namesDay($0, hi) || spelled($0, ["tomorrow", "later", "soon", "next"]) })
        }
        if doubted, checkIn.relative == nil {
            return ("You wrote \(shown) for `\(checkIn.target)` with some doubt. Record \(shown)? Reply yes, or write the exact value.", true)
        }
        // ("sales cycle 4.6 weeks": weeks with a fraction are not a whole number of days.)
        if target.unit == .days, tokens[v].value != tokens[v].value.rounded(), spelled(afterNumber(v, hi), ["weeks", "week", "wks", "wk", "wochen", "semanas", "semaines", "weken"]) {
            let days = format(checkIn.value.rounded(), for: target)
            return ("“\(original(from: v, to: afterNumber(v, hi) + 1))” for `\(checkIn.target)` is about \(days). How many days is it? Reply with them, e.g. `\(checkIn.target) \(example(for: target))`.", false)
        }
        // ("coverage 73%, aber nur ohne die Testaccounts, mit sind's 76", "120k with Vogel, 95k without":
        // two values, one with and one without something; asked.)
        let withWords = numbers.count == 2 && (lo..<hi).contains { spelled($0, Self.withWords) }
        let withoutWords = withWords && (lo..<hi).contains { spelled($0, Self.withoutWords) }
        if checkIn.relative == nil, withWords, withoutWords, numbers.filter({ tokens[$0].scaled == tokens[v].scaled }).count == 2 {
            return ("You gave two figures for `\(checkIn.target)`, with and without something. Which one is the value? Reply with it, e.g. `\(checkIn.target) \(example(for: target))`.", false)
        }
        guard let last = target.lastValue else { return nil }
        // What the sentence says the value did, right before it ("up to 23", "dropped to 7.9", "is down,
        // now at 7 weeks", "got worse, now 9.8") or right after it ("10.5, which is an improvement"),
        // against last week's value or the "from" it names. (Not "Wayne slipped to Q1", "conf up from 5
        // to 8": something else went.)
        var said = 0
        func direction(_ k: Int) -> Int {
            guard spelled(k, Self.directionWords) else { return 0 }
            if spelled(k, Self.upWords) { return 1 }
            if spelled(k, Self.downWords) { return -1 }
            let lowerIsBetter = target.kind == .decrease || target.title.lowercased().contains("cycle")
            if spelled(k, ["improved", "improvement", "better"]) { return lowerIsBetter ? -1 : 1 }
            if spelled(k, ["worse", "worsened"]) { return lowerIsBetter ? 1 : -1 }
            if spelled(k, ["higher", "longer", "more"]) && spelled(k + 1, ["than"]) { return 1 }
            if spelled(k, ["lower", "shorter", "less", "fewer"]) && spelled(k + 1, ["than"]) { return -1 }
            return 0
        }
        for k in max(lo, v - 5)..<v where direction(k) != 0 {
            let between = k + 1..<v
            guard between.allSatisfy({ spelled($0, ["to", "now", "at", "is", "it's", "on", "around", "about"]) || tokens[$0].kind == .comma }),
                  !(max(lo, k - 3)..<k).contains(where: { isWord($0, hi, .conf) || isWord($0, hi, .confidence) }) else { continue }
            said = direction(k)
        }
        for k in v + 1..<min(hi, v + 12) where (spelled(k, ["improvement", "improved", "worsened"]) || spelled(k, ["better", "worse", "higher", "longer", "lower", "shorter", "more", "less", "fewer"]) && spelled(k + 1, ["than"]) && spelled(k + 2, ["last", "before", "previous", "previously"])) && (v + 1..<k).allSatisfy({ (tokens[$0].kind == .word || tokens[$0].kind == .comma || tokens[$0].kind == .dash) && !spelled($0, ["but", "not", "though"]) }) {
            said = direction(k)
        }
        var before = last
        if let from = (max(lo, v - 6)..<v).first(where: { isWord($0, hi, .from) && isKind($0 + 1, hi, .number) }) { before = tokens[from + 1].value }
        if checkIn.relative == nil, !held, said != 0 {
            let contradicts = said == 1 ? checkIn.value <= before : checkIn.value >= before
            if contradicts {
                let was = format(before, for: target)
                let how = checkIn.value == before ? "is what it was (\(was))" : "is \(said == 1 ? "below" : "above") \(was)"
                return ("You wrote that `\(checkIn.target)` went \(said == 1 ? "up" : "down"), but \(shown) \(how). Is it \(shown)? Reply yes to record it, or write the value now.", true)
            }
        }
        // A change and the total it makes that do not add up: "another 30k, which makes 130k", "+30k this
        // week, now 130k", "up 30k to 130k" on 90k. (The total said as one: "makes", "now", "to", "=".)
        let amounts = (lo..<hi).filter { tokens[$0].kind == .number && !tokens[$0].percent }
        if amounts.count == 2, target.unit != .percent {
            func isChange(_ t: Int) -> Bool { t > 0 && (isSymbol(t - 1, hi, UInt8(ascii: "+")) || spelled(t - 1, ["another", "up", "added", "plus", "nochmal"])) || bytes[tokens[t].start] == UInt8(ascii: "+") }
            func isTotal(_ t: Int) -> Bool { spelled(t - 1, ["makes", "now", "to", "total", "at"]) || isKind(t - 1, hi, .equals) && !spelled(t - 2, ["n"]) }
            let (c, t) = (amounts[0], amounts[1])
            if isChange(c), !isChange(t), isTotal(t), t - c <= 6, tokens[t].scaled == tokens[c].scaled, case let change = tokens[c].value, case let total = tokens[t].value,
               abs(last + change - total) > 1e-6 * max(1, abs(total)) {
                return ("`\(checkIn.target)` was \(format(last, for: target)) last week; \(format(change, for: target)) more makes \(format(last + change, for: target)), not \(format(total, for: target)). Which is it now? Reply with the value, e.g. `\(checkIn.target) \(example(for: target))`.", false)
            }
        }
        return nil
    }

    static let upList = ["up", "rose", "grew", "increased", "climbed", "raised", "gained", "gestiegen", "subió"]
    static let downList = ["down", "dropped", "fell", "decreased", "shrank", "declined", "lowered", "shortened", "dipped", "gesunken", "bajó"]
    static let upWords = Spellings(upList)
    static let downWords = Spellings(downList)
    /// Every word `direction` reads (up, down, and better or worse by the key result's direction).
    static let directionWords = Spellings(upList + downList + ["improved", "improvement", "better", "worse", "worsened", "higher", "longer", "more", "lower", "shorter", "less", "fewer"])
    static let totalVerbs = Spellings(["makes", "brings", "making", "bringing", "macht", "total"])
    static let withWords = Spellings(["with", "mit", "con", "avec", "met", "including", "incl", "inkl", "incluyendo"])
    static let heldWords = Spellings(["same", "unchanged", "flat", "steady", "still", "again", "stable", "holding", "holds", "held", "remains", "remained", "stays", "stayed"])
    /// Every word a doubt right after a value may be found at (see `askAboutChangesNotMade`).
    static let doubtAfterStarts = Spellings(["hmm", "hm", "hmmm", "looks", "look", "seems", "seem", "sounds", "sound", "sure", "doubt", "believe", "validated", "verified",
                                             "checked", "confirmed", "traue", "fío", "fio", "vertrouw", "crois", "prüfen", "falsch", "verificar", "vérifier", "controleren",
                                             "might", "could", "may", "abgeglichen", "reconciled", "final", "finalized", "finalised", "real", "actual", "exact"])
    /// Words that doubt a value said just before: "could be a data glitch", "(suspicious)".
    static let doubtWordsPlain = Spellings(["glitch", "suspicious", "dubious", "fishy", "bogus", "unreliable", "wonky", "artefact", "artifact", "broken", "unsure", "sketchy",
                                            "reconciling", "conciliando", "reconciliando", "preliminary", "prelim", "vorläufig", "provisorisch", "provisoire", "provisório", "provisorio"])

    /// The words a doubt phrase is found at (see `doubtPhrase`).
    static let doubtStarts = Spellings(["grain", "pinch", "subject", "quote", "come", "get", "may", "final", "confirmed", "verified", "official", "tbd",
                                        "unverified", "unconfirmed", "provisional", "ohne", "double-check", "doublecheck", "verify", "recheck", "re-check", "double"])
    static let foreignConfirmed = Spellings(["bestätigt", "confirmé", "confirmée", "confirmado", "confirmada", "confirmar", "confermato", "confermata", "bevestigd", "definitiv", "final", "finale"])

    /// A doubt said after a value ("churn 9.8, could be different, let me come back on that one"):
    /// the check-in it is about (of the key result the clause names, else the one the clause recorded,
    /// else the last of this line) is taken back and asked.
    mutating func askAgainDoubted(_ phrase: Range<Int>, recordedFrom first: Int, refs: [Reference]) {
        let named = refs.compactMap(\.entry).first.map { index.entries[$0].target.key }
        let i: Int
        // (A doubt that seems to name another key result, "don't quote me" where "quote" is a word of
        // one, is about the value before it.)
        // (Else only the last statement, when it was a check-in: not one before a value that was asked
        // about, "satisfaction 8.0. Partner customers is 10 - or should Initech count separately?")
        if let named, let j = result.checkIns.lastIndex(where: { $0.target == named && $0.line == line }) { i = j }
        else if let last = result.checkIns.indices.last, last >= first { i = last }
        else if case .checkIn(let j)? = lastStatement, j < result.checkIns.count, result.checkIns[j].line == line { i = j }
        else { return }
        let doubt = original(from: phrase.lowerBound, to: phrase.upperBound, trimming: ",;:-–— ")
        let taken = result.checkIns[i]
        let value = index.entry(key: Array(taken.target.utf8)).map { format(taken.value, for: index.entries[$0].target) } ?? NumberWriter.plain(taken.value)
        let said = taken.relative.map { ($0 < 0 ? "" : "+") + NumberWriter.plain($0) } ?? NumberWriter.plain(taken.value)
        askInstead(ofCheckIn: i, proposing: true, Self.doubted(taken.target, said, doubt, value))
    }

    /// The question about a value `said` for `key` and then doubted (`doubt`), proposing `value`.
    static func doubted(_ key: String, _ said: String, _ doubt: String, _ value: String) -> String {
        "You wrote `\(key) \(said)`, then “\(doubt)”. Record \(value)? Reply yes, or write the exact value."
    }

    /// Takes the check-in at `i` back and asks `question` about it instead (proposing it as it was,
    /// when `proposing`): second thoughts, a doubt, another currency.
    mutating func askInstead(ofCheckIn i: Int, proposing: Bool, _ question: String) {
        let taken = result.checkIns.remove(at: i)
        lastStatement = nil
        ask(question, proposal: proposing ? .value(keyResult: taken.target, value: taken.value, confidence: taken.confidence, isKPI: taken.isKPI) : nil, target: taken.target)
    }

    /// "on partner-sourced deals", "for enterprise accounts", "in the SMB segment" in or right after a
    /// key result's name (a preposition at one of `starts`), before its value: the words of the part
    /// the value is of.
    /// (Not "for Q4", "in my territories", "on the deals I own": the whole.)
    /// (Not what the key result's title says it counts: "close rate on qualified opps" of "Close rate
    /// of qualified opportunities".)
    func partNamed(within starts: ClosedRange<Int>, _ hi: Int, of target: Target) -> Range<Int>? {
        for k in starts where spelled(k, ["on", "for", "in", "among", "from"]) {
            if let part = partNamed(after: k, hi) {
                let title = target.title.lowercased().split(whereSeparator: { !$0.isLetter }).map { Array($0.utf8) }
                // ("opps" of "opportunities", "qualified" of "qualified")
                func inTitle(_ j: Int) -> Bool {
                    let said = text(j).last == UInt8(ascii: "s") ? text(j).dropLast() : text(j)
                    return said.count >= 3 && title.contains { TargetIndex.stem(said).elementsEqual(TargetIndex.stem($0[...])) || $0.starts(with: said) }
                }
                // (Every word of it: "churn among enterprise customers" is a part of "Reduce customer churn".)
                if (part.lowerBound + 1..<part.upperBound).allSatisfy({ tokens[$0].kind != .word || spelled($0, Self.articles) || inTitle($0) }) { return nil }
                return part
            }
        }
        return nil
    }

    func partNamed(after k: Int, _ hi: Int) -> Range<Int>? {
        var j = k + 1
        if isWord(j, hi, .the) { j += 1 }
        let first = j
        // (Over hyphens inside words: "partner-sourced".)
        while j < hi, j < first + 5, tokens[j].kind == .word || tokens[j].kind == .dash && j > first && tokens[j].start == tokens[j - 1].end,
              !isWord(j, hi, .is), !isWord(j, hi, .are), !isWord(j, hi, .at) {
            if spelled(j, ["my", "our", "us", "all", "total", "overall", "whole", "entire", "team"]) { return nil }
            j += 1
        }
        guard j > first, spelled(j - 1, Self.partNouns) || (first..<j).contains(where: { spelled($0, Self.segmentWords) }) else { return nil }
        // ("... is 38 days", "... are at 27%", "...: 38")
        guard isWord(j, hi, .is) || isWord(j, hi, .are) || isWord(j, hi, .at) || isKind(j, hi, .colon) || isKind(j, hi, .number) else { return nil }
        return k..<j
    }
    static let segmentWords = Spellings(["segment", "cohort", "region", "enterprise", "smb", "mid-market", "midmarket"])
    static let partNouns = Spellings(["deals", "accounts", "customers", "opps", "opportunities", "leads", "segment", "region", "cohort", "side", "renewals", "logos"])

    /// After "milestones" at `k`: "are complete", "done ✅", "now done." and nothing more.
    func milestonesDoneNow(after k: Int, _ hi: Int) -> Bool {
        var j = k + 1
        if isWord(j, hi, .are) || spelled(j, ["now"]) { j += 1 }
        guard isWord(j, hi, in: .completionWords) else { return false }
        j += 1
        while j < hi, spelled(j, ["now", "already"]) || tokens[j].kind == .emoji || tokens[j].kind == .other || tokens[j].kind == .comma { j += 1 }
        return j >= hi
    }

    static let otherTimeWords = Spellings(["last", "next", "by", "before", "after", "in", "until", "will", "would", "should", "could", "might", "was", "were", "plan", "planned", "if"])

    /// "3 of the 4", "3 of 4" right before "milestones" at `k`.
    func countsAllMilestones(before k: Int, _ hi: Int) -> Bool {
        var j = k - 2
        if isWord(j, hi, .the) { j -= 1 }
        guard j >= 1, isWord(j, hi, .of) || spelled(j, ReplyReader.foreignOf) else { return false }
        // (Digits: "three of the four" is left to be asked.)
        return tokens[j - 1].kind == .number && tokens[j - 1].isPlainInteger
    }

    /// "II", "iii", "IV" after "milestone": its number.
    func romanNumeral(_ k: Int, _ hi: Int) -> Int? {
        guard k < hi, tokens[k].kind == .word else { return nil }
        return Self.romanNumerals.firstIndex { text(k).elementsEqual($0) }.map { $0 + 2 }
    }
    static let romanNumerals: [[UInt8]] = [Array("ii".utf8), Array("iii".utf8), Array("iv".utf8), Array("v".utf8), Array("vi".utf8)]

    /// Whether `text` has `phrase` as whole words.
    static func containsWords(_ text: [UInt8], _ phrase: ArraySlice<UInt8>) -> Bool {
        guard !phrase.isEmpty, phrase.count <= text.count else { return false }
        var at = 0
        while at + phrase.count <= text.count {
            if text[at..<at + phrase.count].elementsEqual(phrase), at == 0 || !Lexer.isWordByteStatic(text[at - 1]),
               at + phrase.count == text.count || !Lexer.isWordByteStatic(text[at + phrase.count]) { return true }
            at += 1
        }
        return false
    }

    /// Title words that name a kind of measure, not which one: "rate", "score", "size".
    static let genericHeads = Spellings(["rate", "rates", "ratio", "score", "size", "time", "quote"])
    /// Words before a generic one that keep it the key result's: "current rate", "overall rate".
    static let measureAdjectives = Spellings(["current", "overall", "actual", "average", "avg", "total", "quarterly", "weekly", "monthly", "qtd", "ytd",
                                              "new", "latest", "final", "real", "official", "blended", "aktuelle", "aktuell", "atual", "actual", "actuelle"])

    /// "Win-Rate", "Reseller-Pipeline": every part is a word of one key result's title, so it is
    /// words written with a hyphen, not a mistyped key.
    func partsNameOneKeyResult(_ word: ArraySlice<UInt8>) -> Bool {
        var common: Set<Int>?
        var parts = 0
        let targets = index
        forEachPart(of: word) { part in
            guard part.count > 1 else { return }
            parts += 1
            let entries = Set(targets.hits(for: part).map { Int($0.entry) })
            common = common.map { $0.intersection(entries) } ?? entries
        }
        return parts >= 2 && !(common ?? []).isEmpty
    }

    static let nonPrefix = Array("non-".utf8)

    /// Calls `body` with each part of a hyphenated word and, for a single word, the word itself.
    func forEachPart(of word: ArraySlice<UInt8>, _ body: (ArraySlice<UInt8>) -> Void) {
        guard word.contains(UInt8(ascii: "-")) || word.contains(UInt8(ascii: "'")) else { return body(word) }
        // "a non-partner deal" is outside what "partner" names.
        if word.starts(with: Self.nonPrefix) { return }
        var start = word.startIndex
        var i = word.startIndex
        while i <= word.endIndex {
            if i == word.endIndex || word[i] == UInt8(ascii: "-") {
                if i > start { body(word[start..<i]) }
                start = i + 1
            } else if word[i] == UInt8(ascii: "'") {
                // "rate's": the part before the apostrophe; "d'upsell": the part after it.
                if i - start >= 3 { body(word[start..<i]) }
                start = i + 1
            }
            i += 1
        }
    }

    /// A target's title written out at token `k` (case-insensitive), and the token after it.
    func titleMatch(at k: Int, _ hi: Int) -> (Int, Int)? {
        guard k < hi, tokens[k].kind == .word else { return nil }
        let start = tokens[k].start
        let first = lower[start]
        for (position, entry) in index.entries.enumerated() where entry.title.count >= 12 && entry.title[0] == first {
            let end = start + entry.title.count
            guard end <= lineEnd, lower[start..<end].elementsEqual(entry.title) else { continue }
            guard end == lineEnd || !(Lexer.isWordByteStatic(lower[end])) else { continue }
            var j = k
            while j < hi, tokens[j].start < end { j += 1 }
            return (position, j)
        }
        return nil
    }

    /// A word shaped like a key: lowercase letters and digits joined by hyphens (`reseller-partners`, `kr1`).
    static func looksLikeKey(_ word: ArraySlice<UInt8>) -> Bool {
        guard word.count >= 3, word.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") }) else { return false }
        let hyphens = word.filter { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") }.count
        let digits = word.contains { $0 >= 0x30 && $0 <= 0x39 }
        return hyphens >= 1 || digits && word.contains { $0 >= 0x61 }
    }

    /// A prompt number from a token's value, without trapping on absurd input.
    static func promptNumber(_ value: Double) -> Int {
        value.isFinite && value >= 0 && value < 1_000_000 ? Int(value) : 0
    }

    func outOfRange(_ n: Int) -> String {
        index.updatableCount == 0
            ? "there is no key result #\(n): you have no key results to update."
            : "there is no key result #\(n); your prompt lists #1 to #\(index.updatableCount). Use one of those numbers, or the key."
    }

    // MARK: Sentences and clauses

    /// Reads a sentence: splits it into clauses and reads each.
    static let respectivelyWords = Spellings(["respectively", "respektive", "respectivamente", "respectivement", "rispettivamente"])

    /// Whether the check-in reaches its key result's goal.
    func reachesGoal(_ checkIn: ParsedCheckIn) -> Bool {
        guard let entry = index.entry(key: Array(checkIn.target.utf8)) else { return false }
        return reaches(checkIn.value, index.entries[entry].target)
    }

    /// Whether `value` reaches `target`'s goal (a threshold or a KPI has none to reach).
    func reaches(_ value: Double, _ target: Target) -> Bool {
        guard let goal = target.goal else { return false }
        switch target.kind {
        case .increase, .milestone: return value >= goal
        case .decrease: return value <= goal
        case .threshold, .kpi: return false
        }
    }

    /// "Well, ... still needs board approval", "But the contract isn't countersigned yet", "...
    /// still needs board approval though", "the last one isn't countersigned yet", "(Stackhaus pending
    /// board approval)": something that makes the value count is still missing.
    func stillMissing(_ lo: Int, _ hi: Int) -> Bool {
        // (About what makes it count: a signature, an approval, a contract, an invoice; not "still need
        // to book the team dinner".)
        guard lo < hi, (lo..<hi).contains(where: { spelled($0, Self.countingWords) }) else { return false }
        var last = hi - 1
        while last > lo, tokens[last].kind != .word { last -= 1 }
        let conceded = isWord(lo, hi, .but) || spelled(lo, Self.concessionOpeners) || spelled(last, ["though", "tho"])
        return (lo..<hi).contains { j in
            conceded && (isWord(j, hi, .still) && (spelled(j + 1, ["needs", "need", "waiting", "pending", "missing", "open", "outstanding", "has", "have"]) || isWord(j + 1, hi, .not))
                         || isWord(j, hi, .not) && spelled(j + 1, ["yet", "signed", "countersigned", "final", "official"]))
                || spelled(j, ["isn't", "hasn't", "haven't", "aren't", "wasn't"]) && (j + 1..<min(hi, j + 6)).contains { spelled($0, ["yet"]) }
                || spelled(j, ["pending"]) && (spelled(j + 1, Self.countingWords) || spelled(j + 2, Self.countingWords))
        }
    }

    static let concessionOpeners = Spellings(["well", "although", "though", "technically", "admittedly", "however"])
    static let countingWords = Spellings(["approval", "approve", "approved", "sign", "signed", "signature", "countersign", "countersigned", "countersignature", "contract", "paperwork",
                                          "sign-off", "signoff", "legal", "board", "invoice", "booked", "final", "official", "confirmation", "confirm", "confirmed", "po",
                                          "renew", "renewal", "close", "closed"])

    /// Whether the sentence says the message holds no values of this week: "no update from me this
    /// week", "nothing to report", "I'll post real numbers on Wednesday", "none of that is this week's
    /// numbers". (Not of a part: "no update on partners", "nothing else to report", "I'll post the
    /// rest tomorrow"; nor with a value in it: "no update, still 4 deals".)
    func disclaimsNumbers(_ lo: Int, _ hi: Int) -> Bool {
        var said = false
        /// (Of the whole message up to the clause's end: not "no update on partners", "from me on churn".)
        func whole(from m: Int) -> Bool {
            var m = m
            // ("from me", "from my side"; not "from Globex", "from legal"; nor "last week".)
            if spelled(m, ["from", "von"]) {
                guard spelled(m + 1, ["me", "mir", "my", "our"]) else { return false }
                m += 1
            }
            while m < hi, tokens[m].kind == .word, !spelled(m, Self.ofAPartWords), !isWord(m, hi, .last) { m += 1 }
            return m >= hi || tokens[m].kind != .word
        }
        // (Most sentences hold none of the words that open one: checked first, cheaply.)
        guard (lo..<hi).contains(where: { isWord($0, hi, .no) || isWord($0, hi, .will) || isWord($0, hi, .ill) || spelled($0, Self.disclaimerOpeners) }) else { return false }
        // (Said of the message, opening the sentence or after "so": not "- partners: no update", "blocker: legal, still no
        // update from them", "action: chase Globex, no news from them".)
        func opens(_ j: Int) -> Bool {
            var b = j - 1
            var so = false
            while b >= lo, spelled(b, Self.disclaimerLeads) || isWord(b, hi, .so) || tokens[b].kind == .comma {
                if isWord(b, hi, .so) { so = true }
                b -= 1
            }
            return b < lo || so && !(lo..<b).contains { tokens[$0].kind == .colon || tokens[$0].kind == .dash }
        }
        for j in lo..<hi where tokens[j].kind == .word {
            if spelled(j, Self.otherPartWords) { return false }
            if isWord(j, hi, .no), spelled(j + 1, ["update", "updates", "numbers", "figures", "news"]), whole(from: j + 2), opens(j) { said = true }
            if spelled(j, ["nothing"]), spelled(j + 1, ["to"]) || spelled(j + 1, ["new", "much"]) && spelled(j + 2, ["to"]), case let m = j + (spelled(j + 1, ["to"]) ? 2 : 3),
               spelled(m, ["report", "update", "share"]), whole(from: m + 1), opens(j) { said = true }
            // ("I'll post real numbers on Wednesday": later; not "I'll post the numbers in the deck too".)
            if isWord(j, hi, .will) || isWord(j, hi, .ill) || spelled(j, ["i'll", "gonna"]), spelled(j + 1, ["post", "share", "send", "give"]) {
                var m = j + 2
                while spelled(m, ["the", "my", "our", "real", "actual", "proper", "final", "exact", "official", "this", "week's", "weeks"]) { m += 1 }
                if spelled(m, ["numbers", "figures", "values", "update"]), spelled(m + 1, Self.laterWords) || spelled(m + 1, ["by", "next", "asap", "eod", "eow"])
                    || isWord(m + 1, hi, .on) && m + 2 < hi && DateReader.dayHashes[TargetIndex.hash64(text(m + 2))] != nil { said = true }
            }
            if spelled(j, ["none"]), isWord(j + 1, hi, .of), spelled(j + 2, ["that", "this", "these", "those", "it"]), spelled(j + 3, ["is", "are"]), spelled(j + 4, ["this", "current", "real", "actual"]) { said = true }
            // "Sin novedades esta semana", "Pas de mise à jour cette semaine", "Keine Updates von mir",
            // "Geen nieuws deze week", "Rien à signaler", "Nada que reportar": the same in other
            // languages, with nothing after it but this week or the author (not "sin novedades de Globex").
            if spelled(j, Self.foreignNothingWords), opens(j) {
                var m = j + 1
                while m < min(hi, j + 5), tokens[m].kind == .word, !spelled(m, Self.foreignNewsWords) { m += 1 }
                if spelled(m, Self.foreignNewsWords) {
                    m += 1
                    while m < hi, tokens[m].kind == .word, spelled(m, Self.foreignThisWeekWords) { m += 1 }
                    if m >= hi || tokens[m].kind != .word && tokens[m].kind != .number && tokens[m].kind != .mention { said = true }
                }
            }
        }
        return said && (lo..<hi).allSatisfy { tokens[$0].kind != .number || isDatePart($0, hi) || isTimePart($0, hi) }
    }

    static let disclaimerOpeners = Spellings(["nothing", "none", "i'll", "gonna"] + foreignNothingList)
    static let foreignNothingList = ["sin", "sem", "pas", "aucune", "aucun", "keine", "kein", "nichts", "geen", "niets", "nada", "rien", "niente", "nessuna", "nessun"]
    static let foreignNothingWords = Spellings(foreignNothingList)
    static let foreignNewsWords = Spellings(["novedades", "novidades", "novedad", "novità", "nouvelles", "nouveautés", "nouveau", "neues", "neuigkeiten", "nieuws", "update", "updates",
                                             "actualización", "actualizaciones", "atualização", "atualizações", "aggiornamento", "aggiornamenti", "mise",
                                             "reportar", "informar", "signaler", "berichten", "melden", "segnalare"])
    static let foreignThisWeekWords = Spellings(["à", "a", "jour", "esta", "essa", "esa", "semana", "cette", "semaine", "diese", "dieser", "woche", "deze", "week", "questa", "settimana",
                                                 "de", "da", "di", "von", "van", "mi", "minha", "ma", "mia", "mir", "mij", "mijn", "meiner", "seite", "parte", "part", "kant", "por", "aquí",
                                                 "aqui", "hoy", "hoje", "heute", "vandaag", "oggi", "para", "pour", "für", "moi", "mich", "mí", "mim", "me", "leider", "lamentablemente",
                                                 "malheureusement", "helaas", "purtroppo", "infelizmente", "desta", "deste", "zu", "te", "que", "da", "wirklich", "realmente", "vraiment", "echt"])
    static let disclaimerLeads = Spellings(["honestly", "sorry", "fyi", "btw", "also", "and", "but", "otherwise", "ok", "okay", "yeah", "sadly", "unfortunately", "hence"])
    static let otherPartList = ["else", "other", "others", "rest", "remaining"]
    static let otherPartWords = Spellings(otherPartList)

    /// Words that make a "no update" about a part of the message: "on", "else", "the rest".
    static let ofAPartWords = Spellings(otherPartList + ["on", "for", "about", "regarding", "re", "more", "besides", "except", "apart", "beyond"])

    /// After the whole reply: values said in a message that also says it holds none of this week
    /// are asked, unless they are the last values again ("no update, still 4").
    mutating func askAboutDisclaimed() {
        guard let disclaimer = numbersDisclaimed else { return }
        for i in result.checkIns.indices.reversed() {
            let checkIn = result.checkIns[i]
            guard let entry = index.entry(key: Array(checkIn.target.utf8)), index.entries[entry].target.lastValue != checkIn.value else { continue }
            line = checkIn.line
            let value = format(checkIn.value, for: index.entries[entry].target)
            askInstead(ofCheckIn: i, proposing: true, "You wrote “\(disclaimer)”, and `\(checkIn.target) \(NumberWriter.plain(checkIn.value))`. Record \(value) for this week? Reply yes, or write the value.")
        }
    }

    mutating func readSentence(_ lo: Int, _ hi: Int, question: Bool) {
        // "als ACME tekent, zitten we op 130k", "wenn Brenner unterschreibt, ...", "si ACME firma, ...":
        // "if" in other languages, where the same word may also be "as", "when" or "although": the
        // sentence's values are asked, not recorded.
        // "both moved, the former to 29 and the latter to 11", "29 and 11 respectively": values
        // given by position are asked, not matched by guess. (A loop: a closure reading the reader
        // while a property of it is assigned copies the whole reader.)
        var positional = false
        for k in lo..<hi where tokens[k].kind == .word && tokens[k].word == .none && spelled(k, Self.positionalWords) {
            if isWord(k - 1, hi, .the) || isWord(k + 1, hi, .to) || isKind(k + 1, hi, .number) || spelled(k, Self.respectivelyWords) { positional = true; break }
        }
        // ("Jeśli chodzi o coverage": "as for", no condition.)
        conditionalSentence = word(lo, hi) == .none && (isKind(lo + 1, hi, .word) || isKind(lo + 1, hi, .mention)) && spelled(lo, Self.foreignIfs) && !spelled(lo + 1, ["chodzi"]) || positional
            // ("Se a Initech fechar essa semana, ...", "Se il cliente firma": Portuguese and Italian
            // "if" before a subject; not Spanish "Se la pasé a Dana", "se firmó", nor "SE team".)
            || spelled(lo, ["se"]) && lower[tokens[lo].start + 1] == bytes[tokens[lo].start + 1]
                && (spelled(lo + 1, ["a", "o", "os", "as", "il", "i", "gli", "eu", "nós", "nos", "ele", "ela", "eles", "io", "noi", "lui", "tutto", "non", "não", "nao"])
                    || isCapitalised(lo + 1) && !isWord(lo + 1, hi, .i))
        sentenceConfidence = nil
        confidenceListed = nil
        sentenceFirstCheckIn = result.checkIns.count
        let clarificationsBefore = result.clarifications.count
        // "upsell 17. no wait. 15 to 17 is the October-to-November jump, this week alone it's 16":
        // second thoughts said as a sentence of their own take the statement before back, and what
        // it is now is asked (what follows may be any of several numbers).
        if secondThoughtsOnly(lo, hi), let last = result.checkIns.last, last.line == line, !last.isKPI {
            let thoughts = original(from: lo, to: hi, trimming: ".,;:!?")
            askInstead(ofCheckIn: result.checkIns.count - 1, proposing: false,
                       "You wrote `\(last.target) \(NumberWriter.plain(last.value))`, then “\(thoughts)”: what is it now? Reply with the value, e.g. `\(last.target) \(NumberWriter.plain(last.value))`.")
            return
        }
        // "pipeline is 105k. EUR though, the resellers quote in euros": the value before was in
        // another currency than its key result's, so what it is in that one is asked.
        if let currency = currencyOpening(lo, hi), let last = result.checkIns.last, last.line == line,
           let entry = index.entry(key: Array(last.target.utf8)), let code = Self.currencyCode(index.entries[entry].target.unit), code != currency {
            askInstead(ofCheckIn: result.checkIns.count - 1, proposing: false,
                       "You wrote `\(last.target) \(NumberWriter.plain(last.value))` in \(currency), and `\(last.target)` is counted in \(code). What is it in \(code)? Reply with the value, e.g. `\(last.target) \(NumberWriter.plain(last.value))`.")
        }
        // "tech partners are done, 3 of 3! Well, Lumen's countersigned contract comes back Wednesday,
        // and Stackhaus still needs board approval": a target said reached, then what is still
        // missing; asked.
        if let last = result.checkIns.indices.last, result.checkIns[last].line == line, reachesGoal(result.checkIns[last]), stillMissing(lo, hi) {
            askAgainDoubted(lo..<hi, recordedFrom: last, refs: [])
            return
        }
        // ("Nothing to report. Wait, actually, deals 4!": taken back.)
        if numbersDisclaimed != nil, startsCorrection(lo, hi) || secondThoughtsOnly(lo, hi) { numbersDisclaimed = nil }
        if numbersDisclaimed == nil, disclaimsNumbers(lo, hi) { numbersDisclaimed = original(from: lo, to: hi, trimming: ".,;:!? ") }
        var refs = references(lo, hi)
        for ref in refs {
            if let entry = ref.entry { namedEntries.insert(entry) }
            namedEntries.formUnion(ref.candidates)
        }
        // "Resellers: still 2 partners and 3 deals": a heading that could be several key results,
        // followed by names of some of them, only says what the sentence is about.
        if refs.count > 1, refs[0].entry == nil, refs[0].candidates.count > 1, isKind(refs[0].hi, hi, .colon), !isKind(refs[0].hi + 1, hi, .number),
           refs.dropFirst().contains(where: { ref in ref.entry.map { refs[0].candidates.contains($0) } ?? false }) {
            refs.removeFirst()
        }
        // "I counted the Hooli renewal twice, so 16", "upsell 17 but I counted the Hooli renewal twice,
        // so 16": what was counted wrong names no statement.
        if let at = (lo..<hi).first(where: { k in (k == lo || isWord(k, hi, .but) || tokens[k - 1].kind == .comma || tokens[k - 1].kind == .dash || tokens[k - 1].kind == .open) && takenBackBy(k, hi) }) {
            let so = (at..<hi).first(where: { isWord($0, hi, .so) || tokens[$0].kind == .comma && $0 > at + 1 }) ?? hi
            refs.removeAll { $0.lo >= at && $0.lo < so }
        }
        // ("Confidence: 7 overall, partners 3 since Initech signed" is not a list: a key result comes first.)
        // ("Confidence 6 on churn, 7 on the rest", "Zuversicht: Churn 5, Rest 7", "Confiance 6 sur le churn".)
        // ("Confidence: 🟢 on conversion, 🟡 on the rest", "🟢 on conversion, 🟡 on the rest": lights too.)
        func light(_ k: Int) -> Bool { isKind(k, hi, .emoji) && Self.band(tokens[k].emoji) != nil }
        let headed = spelled(lo, Self.confidenceHeadings)
        let listStart = !headed ? lo : isKind(lo + 1, hi, .colon) || isKind(lo + 1, hi, .dash) ? lo + 2 : lo + 1
        confidenceListSentence = (headed || light(lo))
            && (headed && refs.first?.lo == listStart || (isKind(listStart, hi, .number) && headed || light(listStart)) && refs.first.map { listedFor(listStart, $0.lo, hi) } == true
                // ("Confidence 8, except coverage 6": the exception's number is how sure too.)
                || isKind(listStart, hi, .number) && refs.first.map { $0.lo > lo + 1 && exceptionNamed(at: $0.lo) } == true
                // ("🟡 on the rest, 🟢 on conversion": the rest first, in lights only.)
                || light(listStart) && startsRest(listStart, hi) && refs.first.map { $0.lo >= 2 && light($0.lo - 2) && listedFor($0.lo - 2, $0.lo, hi) } == true
                // ("Confidence: 6 on the rest, 8 on coverage": headed, numbers too.)
                // ("Confidence: rest 6, coverage 8".)
                || headed && startsRest(listStart, hi) && refs.first.map { $0.lo >= 2 && (isKind($0.lo - 2, hi, .number) || light($0.lo - 2)) && listedFor($0.lo - 2, $0.lo, hi)
                                                                          || isKind($0.hi, hi, .number) && tokens[$0.hi].isPlainInteger && tokens[$0.hi].value <= 10 } == true
                // ("🔴 partner customers, other two 🟢": a light before a name, then the rest's.)
                || light(listStart) && refs.first?.lo == listStart + 1 && (listStart..<hi).contains(where: { isKind($0, hi, .comma) && startsRest($0 + 1, hi) }))
        sentenceStart = lo
        for (start, end) in clauses(lo, hi, refs: refs) {
            let own = refs.filter { $0.lo >= start && $0.lo < end }
            let recorded = result.checkIns.count
            readClause(start, end, refs: own, question: question)
            if result.checkIns.last?.line == line, let phrase = doubtPhrase(start, end, refs: own) {
                // (Quoted with the few words that lead to it: "take it with a grain of salt".)
                var from = phrase.lowerBound
                while from > max(start, phrase.lowerBound - 4), tokens[from - 1].kind == .word { from -= 1 }
                askAgainDoubted(from..<phrase.upperBound, recordedFrom: recorded, refs: own)
            }
            // ("the sales cycle on partner-sourced deals is 38 days": the value of a part of it.)
            if result.checkIns.count > recorded, case let last = result.checkIns.count - 1, result.checkIns[last].line == line,
               let ref = refs.first(where: { $0.lo < end && $0.entry.map { index.entries[$0].target.key == result.checkIns[last].target } ?? false }),
               // (The name may take in words of the part: "sales cycle on partner-sourced deals".)
               let part = partNamed(within: ref.lo + 1...ref.hi, end, of: index.entries[ref.entry!].target) {
                let key = result.checkIns[last].target
                let shown = format(result.checkIns[last].value, for: index.entries[ref.entry!].target)
                askInstead(ofCheckIn: last, proposing: true,
                           "Is \(shown) `\(key)` as a whole, or only “\(original(from: part.lowerBound, to: part.upperBound))”? Reply yes to record \(shown) for `\(key)`, or write the value for all of it.")
            }
        }
        askAboutChangesNotMade(lo, hi)
        if let confidence = sentenceConfidence {
            for i in sentenceFirstCheckIn..<result.checkIns.count where result.checkIns[i].confidence == nil {
                result.checkIns[i].confidence = confidence
            }
            confidenceGroupStart = result.checkIns.count
        }
        // What the next sentence may leave unnamed: the one key result this one named, when nothing
        // was recorded or asked about it.
        subjectBefore = nil
        var named = refs.first?.entry
        for ref in refs where ref.entry != named { named = nil }
        if let entry = named, case let key = index.entries[entry].target.key,
           !result.checkIns.contains(where: { $0.target == key }), !result.clarifications[min(clarificationsBefore, result.clarifications.count)...].contains(where: { $0.target == key }) {
            subjectBefore = (entry, line)
        }
    }

    /// A key named at `from..<keyEnd` (after its `#n`, or alone), with the key result's title
    /// when it follows, as the prompt writes it ("#1 territory-win-rate Increase the win rate..."):
    /// the title is part of the reference (a line pasted back).
    func keyReference(_ entry: Int, from lo: Int, keyEnd: Int, _ hi: Int) -> Reference {
        if let (titled, titleEnd) = titleMatch(at: keyEnd, hi), titled == entry {
            return Reference(kind: .found(entry), lo: lo, hi: titleEnd, strong: true, titled: true)
        }
        return Reference(kind: .found(entry), lo: lo, hi: keyEnd, strong: true, titled: false)
    }

    /// Hyphenated labels that open a remark, not a key result: "Heads-up: I'm out Wed–Fri".
    static let discourseLabels: Set<String> = ["heads-up", "follow-up", "follow-ups", "to-do", "side-note", "write-up", "catch-up", "check-in"]

    /// Words after which "out", "off", "away" start the author's time away ("deals 5 and off Friday").
    static let beforeAway = WordSet([.and, .then, .also, .but, .so, .plus, .btw, .fyi, .be, .am])

    /// Where a sentence splits into clauses: at separators (commas, semicolons, `and`, `but`, `also`,
    /// `·`, a spaced `/`) where the next part starts a statement of its own, and before a key result
    /// named right after another one's value.
    func clauses(_ lo: Int, _ hi: Int, refs: [Reference]) -> [(Int, Int)] {
        var cuts: [Int] = []
        var depth = 0
        var k = lo
        while k < hi {
            let token = tokens[k]
            if token.kind == .open { depth += 1 } else if token.kind == .close { depth = max(0, depth - 1) }
            if depth == 0, k > lo, isSeparator(k, hi) {
                let next = skipSeparators(k, hi)
                // "Sam, Priya: ...", "@sam and @priya please ...": one list of people.
                if next < hi, tokens[k - 1].kind == .mention || isPerson(k - 1), tokens[next].kind == .mention || isPerson(next) {
                    k = next
                    continue
                }
                // ("conf was 7, now more like 5": the confidence now, one clause.)
                if next < hi, isWord(next, hi, .now), isKind(k - 1, hi, .number), isWord(k - 2, hi, .was), isWord(k - 3, hi, .conf) || isWord(k - 3, hi, .confidence) {
                    k = next
                    continue
                }
                // "@dana could you and @carlos send me ...": both asked, one request.
                if next < hi, isWord(k - 1, hi, .you), isWord(k - 2, hi, .can) || isWord(k - 2, hi, .could) || isWord(k - 2, hi, .would) || isWord(k - 2, hi, .will),
                   tokens[next].kind == .mention || isPerson(next) {
                    k = next
                    continue
                }
                // "Sam, please set up a call with Initech": whom it is said to, not a statement of its own.
                // ("And @carlos, please send me the term sheet by EOW": after a joining word too.)
                var start = cuts.last.map { skipSeparators($0, hi) } ?? lo
                // (Only before a comma: not "Plus Priya and I will run the demo Friday".)
                while start < k - 1, tokens[k].kind == .comma || tokens[k].kind == .colon,
                      isWord(start, hi, .and) || isWord(start, hi, .also) || isWord(start, hi, .but) || isWord(start, hi, .plus) { start += 1 }
                if next < hi, k - start <= 2, (start..<k).allSatisfy({ tokens[$0].kind == .mention || isPerson($0) && tokens[$0].kind == .word }) {
                    k = next
                    continue
                }
                if next < hi, startsStatement(next, hi, refs: refs, after: lastCut(cuts, lo), separator: k) { cuts.append(k) }
                k = next
                continue
            }
            k += 1
        }
        // A second key result right after a value, with no separator: "coverage 72 🟡 deals 3 🔴";
        // time away, a blocker or an action item after a value: "deals 5 🎉 out tomorrow".
        var extra: [Int] = []
        var cutIndex = 0
        var clauseStart = lo
        var previousRef = -1
        var refIndex = 0
        var numberInClause = false
        var k2 = lo
        while k2 < hi {
            // Where the clause containing k2 starts.
            while cutIndex < cuts.count, cuts[cutIndex] <= k2 {
                clauseStart = cuts[cutIndex]
                cutIndex += 1
                previousRef = -1
                numberInClause = false
            }
            if refIndex < refs.count, refs[refIndex].lo == k2 {
                let ref = refs[refIndex]
                if previousRef >= 0, ref.lo > clauseStart, refs[previousRef].candidates != ref.candidates, cutBetween(refs[previousRef], ref, clauseStart: clauseStart, hi) {
                    extra.append(ref.lo)
                    clauseStart = ref.lo
                    numberInClause = false
                } else if previousRef < 0, ref.lo > clauseStart, valueRightAfter(ref, hi), case let body = clauseStart == lo ? lo : skipSeparators(clauseStart, hi),
                          refs[0].lo < clauseStart || startsCue(body, hi), valueJustBefore(ref, after: body) {
                    // "was 2 partners, now 3 🎉 coverage 71%", "OOO Nov 30 - Dec 4 🌴 satisfaction 8.0": a key
                    // result followed by its own value does not also take the value before it, which
                    // belongs to the statement before.
                    extra.append(ref.lo)
                    clauseStart = ref.lo
                    numberInClause = false
                }
                previousRef = refIndex
                refIndex += 1
            } else if k2 > lo, tokens[k2].kind == .word, !cuts.contains(k2) {
                let w = tokens[k2].word
                if w != .none {
                    let personalCue = (w == .imContraction || w == .ill) && (isWord(k2 + 1, hi, .out) || isWord(k2 + 1, hi, .off) || isWord(k2 + 1, hi, .ooo) || isWord(k2 + 1, hi, .away))
                    if personalCue, k2 - clauseStart >= 2 {
                        extra.append(k2)
                        clauseStart = k2
                        numberInClause = false
                    } else if numberInClause {
                        // "Li is out today" is someone else's absence.
                        // ("Li's out today" too: a name right before.)
                        let someoneElse = person(at: k2 - 1).map { $0 != index.author } ?? false
                        // Not after a verb: "the third one pulled out on friday", "dropped off Monday".
                        let before = tokens[k2 - 1]
                        let afterVerb = before.kind == .word && !Self.beforeAway.contains(before.word)
                        let away = (w == .out || w == .off || w == .ooo || w == .away || w == .pto || w == .vacation) && !afterVerb
                            && !someoneElse && dateFollows(k2 + 1, hi)
                        let personal = (w == .imContraction || w == .ill) && (isWord(k2 + 1, hi, .out) || isWord(k2 + 1, hi, .off) || isWord(k2 + 1, hi, .ooo) || isWord(k2 + 1, hi, .away) || isWord(k2 + 1, hi, .be))
                        if away || personal || w == .blocker || w == .blockers || w == .action && (!spelled(k2, Self.foreignActionWords) || isKind(k2 + 1, hi, .colon)) || w == .todo && !isSpanishTodo(k2, hi) {
                            extra.append(k2)
                            clauseStart = k2
                            numberInClause = false
                        }
                    }
                }
            }
            if tokens[k2].kind == .number { numberInClause = true }
            k2 += 1
        }
        var result: [(Int, Int)] = []
        var start = lo
        var i = 0
        var j = 0
        while i < cuts.count || j < extra.count {
            let cut: Int
            if j >= extra.count || (i < cuts.count && cuts[i] <= extra[j]) { cut = cuts[i]; i += 1 } else { cut = extra[j]; j += 1 }
            guard cut > start else { continue }
            result.append((start, cut))
            start = skipSeparators(cut, hi)
        }
        if start < hi { result.append((start, hi)) }
        return result
    }

    /// Whether a second key result after a first one's value starts a clause of its own: not inside a
    /// parenthesis, not in a comment after a dash or "because" (unless it is followed by its own value
    /// right after a dash: "conv 29 — sat 7.9").
    func cutBetween(_ previous: Reference, _ ref: Reference, clauseStart: Int, _ hi: Int) -> Bool {
        var sawValue = false
        var j = previous.hi
        while j < ref.lo {
            // ("all green except churn red: upsell 16": a colour said of it, as a light would be.)
            if tokens[j].kind == .number || tokens[j].kind == .emoji || colourBand(j, hi, negated: false) != nil { sawValue = true }
            // ("churn ten point one pipeline ninety five thousand": dictated, right after the name.)
            if j == previous.hi, tokens[j].kind == .word, tokens[j].word.numberValue != nil, tokens[j].word != .a, tokens[j].word != .an, tokens[j].word != .one { sawValue = true }
            j += 1
        }
        guard sawValue else { return false }
        var depth = 0
        var dashed = false
        j = clauseStart
        while j < ref.lo {
            let kind = tokens[j].kind
            if kind == .open { depth += 1 } else if kind == .close { depth = max(0, depth - 1) } else if kind == .dash || kind == .colon && j > previous.hi { dashed = true }
            if kind == .word {
                let w = tokens[j].word
                if w == .because || w == .since || w == .bc || w == .as || w == .thanks { dashed = true }
            }
            j += 1
        }
        let afterDash = ref.lo > 0 && tokens[ref.lo - 1].kind == .dash
        // ("all 🟢 except churn 🔴: upsell 16, churn 10.3": a heading of colours, then the statements.)
        let afterLights = ref.lo > 1 && tokens[ref.lo - 1].kind == .colon && (tokens[ref.lo - 2].kind == .emoji && tokens[ref.lo - 2].emoji.isTrafficLight || colourBand(ref.lo - 2, hi, negated: false) != nil)
        return depth == 0 && (!dashed || valueRightAfter(ref, hi) && (afterDash || afterLights))
    }

    /// "stuck at 24", "stuck on 24", "stuck 24": a value that did not move, not a blocker.
    /// ("stuck on 2 contracts at legal" is a blocker: the number counts something.)
    func stuckAtValue(_ k: Int, _ hi: Int) -> Bool {
        let number = isWord(k + 1, hi, .at) || isWord(k + 1, hi, .on) ? k + 2 : k + 1
        if number >= hi { return number == k + 2 }
        guard tokens[number].kind == .number else { return false }
        // ("stuck on 2 with legal", "stuck on 2 in procurement": stuck on something.)
        if isWord(k + 1, hi, .on), isWord(number + 1, hi, .with) || isWord(number + 1, hi, .in) || isWord(number + 1, hi, .by) { return false }
        guard let noun = countedNoun(number + 1, hi) else { return true }
        // "stuck on 2 deals in procurement": stuck on things, a blocker; "stuck at 26 percent", "at 2
        // partners" are values; other things counted are blockers either way.
        if noun == .percent || noun == .pct || noun == .points || noun == .pts || noun == .pp { return true }
        return noun != .none && !isWord(k + 1, hi, .on)
    }

    /// Whether a value stands right before the reference, with at most emoji between, and words or
    /// an emoji setting it apart ("now 3 🎉 coverage", "136k 😅 pipeline"; not "in like 4 places 🙃
    /// conversion", nor "4 reseller deals" where the value opens the clause and is the name's own).
    func valueJustBefore(_ ref: Reference, after lo: Int) -> Bool {
        var j = ref.lo - 1
        while j > lo, tokens[j].kind == .other || tokens[j].kind == .emoji { j -= 1 }
        return j >= lo && tokens[j].kind == .number && (j > lo || j < ref.lo - 1)
    }

    /// Whether a value follows the reference directly ("coverage 71%", "coverage: 71%").
    func valueRightAfter(_ ref: Reference, _ hi: Int) -> Bool {
        ref.hi < hi && (tokens[ref.hi].kind == .number || tokens[ref.hi].kind == .colon && ref.hi + 1 < hi && tokens[ref.hi + 1].kind == .number)
    }

    private func lastCut(_ cuts: [Int], _ lo: Int) -> Int { cuts.last ?? lo }

    /// "and" in other languages, a separator before a number: "2 partners en 3 deals".
    static let foreignAnds = Spellings(["und", "et", "y", "e", "en", "och", "og", "ja", "oraz"])

    /// A token that may separate two statements in a sentence.
    func isSeparator(_ k: Int, _ hi: Int) -> Bool {
        let token = tokens[k]
        switch token.kind {
        case .comma, .semicolon: return true
        // ("partner customers 10 — second one should be 8.0": before a statement named by its place.)
        // ("partners 3, deals 4 -- sorry partners 2": before a correction naming a key result.)
        case .dash: return positionFollows(k + 1) || (isWord(k + 1, hi, .sorry) || isWord(k + 1, hi, .oops)) && isKind(k + 2, hi, .word) && !index.hits(for: text(k + 2)).isEmpty
        case .slash: return k > 0 && tokens[k - 1].end < token.start && k + 1 < hi && tokens[k + 1].start > token.end
        case .word:
            // ("nog steeds 2 partners en 3 deals", "3 partenaires et 4 deals", "3 Partner und 4 Deals".)
            return token.word == .and || token.word == .but || token.word == .also || token.word == .plus || token.word == .while
                || isKind(k + 1, hi, .number) && spelled(k, Self.foreignAnds)
        case .other:
            let symbol = text(k)
            return symbol.elementsEqual([UInt8(ascii: "&")]) || symbol.elementsEqual([0xC2, 0xB7]) || symbol.elementsEqual([UInt8(ascii: "|")])
                || symbol.elementsEqual([0xE2, 0x80, 0xA2])
                // ("demo-satisfaction 8.0 ... actually conversion was 29": a pause, then another statement.)
                || symbol.elementsEqual([0xE2, 0x80, 0xA6])
                || symbol.elementsEqual([UInt8(ascii: ".")]) && isSymbol(k - 1, hi, UInt8(ascii: ".")) && tokens[k - 1].end == token.start && !isSymbol(k + 1, hi, UInt8(ascii: "."))
        default: return false
        }
    }

    func skipSeparators(_ k: Int, _ hi: Int) -> Int {
        var k = k
        while k < hi, isSeparator(k, hi) || tokens[k].kind == .dash || isWord(k, hi, .then) || isWord(k, hi, .so) && isKind(k + 1, hi, .word) && tokens[k + 1].word == .none { k += 1 }
        return k
    }

    /// Whether the words at `k` start a statement of their own (so a separator before them ends the
    /// clause): another key result, a blocker, an action item, time away, a finished action item.
    func startsStatement(_ k: Int, _ hi: Int, refs: [Reference], after clauseStart: Int, separator: Int) -> Bool {
        // ("Thursday and Friday I am in vacation", "Mon, Tue I'm out": a list of days, one statement.)
        if separator > 0, tokens[separator - 1].kind == .word, tokens[k].kind == .word,
           DateReader.dayHashes[TargetIndex.hash64(text(separator - 1))] != nil, DateReader.dayHashes[TargetIndex.hash64(text(k))] != nil { return false }
        // "partners 3, deals 5, coverage 72 — wait, the first one should be 4": a statement named by
        // its place is a statement of its own.
        var j = k
        while j < min(hi, k + 3), isWord(j, hi, .wait) || isWord(j, hi, .sorry) || isWord(j, hi, .oh) || isWord(j, hi, .oops) || isWord(j, hi, .actually) || isKind(j, hi, .comma) { j += 1 }
        if isWord(j, hi, .the) { j += 1 }
        // (Only when it goes on to correct or doubt: not "partners 2, the third one pulled out on friday".)
        if spelled(j, ReplyReader.ordinalWords), spelled(j + 1, ReplyReader.positionNouns), !refs.contains(where: { $0.lo >= k && $0.lo < j }),
           isWord(j + 2, hi, .should) || isWord(j + 2, hi, .is) || isWord(j + 2, hi, .was) || isWord(j + 2, hi, .its) || isWord(j + 2, hi, .typo) || isKind(j + 2, hi, .colon) { return true }
        // "Confidence: churn 6, rest 7": the rest's confidence is a statement of its own.
        if confidenceListSentence, startsRest(k, hi) { return true }
        // ("🟡 on the rest, 🟢 on conversion": a key result's light after the rest's.)
        if confidenceListSentence, isKind(k, hi, .emoji), refs.contains(where: { listedFor(k, $0.lo, hi) }) { return true }
        // ("partners 3, deals 4 -- sorry partners 2": a correction of another key result than this
        // clause's, named again, is that one's.)
        if isWord(k, hi, .sorry) || isWord(k, hi, .oops), let named = refs.first(where: { $0.lo == k + 1 }), let entry = named.entry, isKind(named.hi, hi, .number),
           let own = refs.first(where: { $0.lo >= clauseStart && $0.lo < separator })?.entry, own != entry,
           refs.contains(where: { $0.hi <= clauseStart && $0.entry == entry }) { return true }
        // Corrections and hedges belong to what they correct: "80, sorry 81", "4, maybe 5".
        // ("105.000, nee wacht, 115.000 — de deal van Jansen ...": in other languages too.)
        if isWord(k, hi, in: .corrections) || isWord(k, hi, in: .hedges) || isWord(k, hi, .no) && (isWord(k + 1, hi, .wait) || isKind(k + 1, hi, .number))
            || spelled(k, Self.foreignNo) && (spelled(k + 1, Self.foreignWait) || isKind(k + 1, hi, .comma) && spelled(k + 2, Self.foreignWait)) { return false }
        if isWord(k, hi, .or) { return false }
        // "118k, of which 40k is the Alpenland deal alone", "davon 40k": a part of the value before.
        // (Not French "dont" here: English writes "dont forget ...".)
        if isWord(k, hi, .of) && isWord(k + 1, hi, .which) || spelled(k, ["davon", "waarvan", "varav"]) { return false }
        // "1,36 lakh... jk, 136k": the value after a correction is what it corrects to.
        if isKind(k, hi, .number), separator > 0, isWord(separator - 1, hi, in: .corrections) || spelled(separator - 1, Self.foreignWait) { return false }
        // "and I finished the pricing sheet", "I'm out Friday": a new thought.
        if isWord(k, hi, .i) || isWord(k, hi, .imContraction) || isWord(k, hi, .weveContraction) || isWord(k, hi, .we) || isWord(k, hi, .ill) {
            let verb = word(k + 1, hi)
            let next = verb == .also || verb == .just || verb == .finally ? word(k + 2, hi) : verb
            if next != .none, WordSet.completionWords.contains(next) || [.will, .need, .out, .off, .away, .ooo, .have, .got, .signed, .closed, .lost, .added, .followed, .be].contains(next) { return true }
            if isWord(k, hi, .ill) { return true }
        }
        let next = refs.first { $0.lo >= k && $0.lo < nextSeparator(k, hi) }
        if let next {
            let previous = refs.last { $0.lo >= clauseStart && $0.lo < separator }
            guard let previous else {
                // The part before named nothing: split only if it said something of its own.
                // ("one more milestone done (accounts migrated) and coverage +6 pts": "one more" is a value.)
                // ("done AI-3, and conversion is 27": a finished action item is a statement of its own.)
                // ("Ich bin am Freitag nicht da, Renewal 91.5": time away, then a value.)
                return (clauseStart..<separator).contains { j in
                    tokens[j].kind == .number || tokens[j].kind == .word && tokens[j].word.numberValue != nil && tokens[j].word != .a && tokens[j].word != .an
                        || actionReference(at: j, separator) != nil
                } || isAway(isSeparator(clauseStart, hi) ? skipSeparators(clauseStart, hi) : clauseStart, separator)
            }
            // "was 2 partners, now 3 🎉 coverage 71%": a value before a key result that has its own
            // value after it continues the statement before; the cut comes before the name.
            if next.lo > k, valueRightAfter(next, hi), valueJustBefore(next, after: k) { return false }
            if previous.candidates != next.candidates { return true }
            // "they referred 2 customers already, partner customers 11": the name and a value again.
            if next.hi < hi, tokens[next.hi].kind == .number, next.lo == k || next.lo == k + 1 { return true }
        }
        if startsCue(k, hi) { return true }
        return false
    }

    func nextSeparator(_ k: Int, _ hi: Int) -> Int {
        var j = k
        while j < hi, !isSeparator(j, hi) { j += 1 }
        return j
    }

    /// An action, blocker, time-away or done phrase at `k`.
    func startsCue(_ k: Int, _ hi: Int) -> Bool {
        let token = tokens[k]
        if token.kind == .mention || token.kind == .checkbox { return true }
        if token.kind == .emoji, token.emoji == .construction { return true }
        guard token.kind == .word else { return false }
        switch token.word {
        case .todo: return !isSpanishTodo(k, hi)
        case .action, .actions: return !spelled(k, Self.foreignActionWords) || isKind(k + 1, hi, .colon)
        case .blocker, .blockers, .impediment, .impediments, .todoDash, .ooo, .pto, .vacation, .urlaub: return true
        case .imContraction where isWord(k + 1, hi, .off) || isWord(k + 1, hi, .out) || isWord(k + 1, hi, .away) || isWord(k + 1, hi, .ooo): return true
        // ("around 30, I'll have the exact figure after the CRM sync": said of the value before;
        // "I would say 7" after a confidence word says how sure.)
        case .ill: return !exactComesLater(k + 1, hi)
        case .i where isWord(k + 1, hi, .will) && !exactComesLater(k + 2, hi) || isWord(k + 1, hi, .need) || isWord(k + 1, hi, .would) && !isWord(k + 2, hi, .say): return true
        case .out, .off, .away: if dateFollows(k + 1, hi) { return true }
        case .please, .pls: return true
        case .need where k + 1 < hi && tokens[k + 1].kind == .mention: return true
        case .blocked, .waiting: return true
        case .stuck: return !stuckAtValue(k, hi)
        default: break
        }
        if actionReference(at: k, hi) != nil { return true }
        // "conversion 27, done AI-3", "closed AI-3": a completion word naming an action item.
        if isWord(k, hi, in: .completionWords), actionReference(at: k + 1, hi) != nil || isWord(k + 1, hi, .with) && actionReference(at: k + 2, hi) != nil { return true }
        if isPerson(k) && (isKind(k + 1, hi, .comma) || isWord(k + 1, hi, .please) || isWord(k + 1, hi, .can) || isWord(k + 1, hi, .could)) { return true }
        // "churn 9.8, on vacation next week".
        if isWord(k, hi, .on), isWord(k + 1, hi, .vacation) || isWord(k + 1, hi, .leave) || isWord(k + 1, hi, .pto) || isWord(k + 1, hi, .holiday) { return true }
        // "coverage 72, bin am Freitag nicht da", "churn 9.8, I'm taking Friday off": time away of one's own.
        // ("churn 9.8, nächste Woche Urlaub", "deals 4, ooo Thu/Fri": a part that is only time away.)
        // (Not "..., back Thursday": the end of the absence said before.)
        if tokens[k].kind == .word, !isWord(k, hi, .back), !isWord(k, hi, .returning), case let end = nextSeparator(k, hi),
           !(k..<end).contains(where: { tokens[$0].kind == .number && !dottedDateAt($0) && !isDatePart($0, end) }), saysAway(k, end) { return true }
        return false
    }

    /// Spanish or Portuguese "todo" (all) at `k`, not a to-do: "confianza 7 en todo", "todo el mes".
    func isSpanishTodo(_ k: Int, _ hi: Int) -> Bool {
        spelled(k, ["todo", "todos"]) && (spelled(k - 1, ["en", "de", "del", "al", "a", "para", "con", "por", "em", "no", "sobre", "com"])
            || spelled(k + 1, ["el", "la", "lo", "los", "las", "o", "os", "bien", "bem", "igual", "ok", "okay", "tranquilo", "listo", "normal", "certo", "good", "fine", "mundo"]))
    }

    /// "have the exact figure after the sync", "post the exact number tomorrow" at `k`.
    func exactComesLater(_ k: Int, _ hi: Int) -> Bool {
        guard spelled(k, ["have", "get", "post", "send", "share", "know", "confirm"]) else { return false }
        let adjective = isWord(k + 1, hi, .the) ? k + 2 : k + 1
        return saysExactComesLater(adjective, hi)
    }

    /// Whether a date phrase starts at or right after `k` (skipping `from`, `until`, `on`, `for`).
    func dateFollows(_ k: Int, _ hi: Int, away: Bool = false) -> Bool {
        var j = k
        while j < hi, isWord(j, hi, .from) || isWord(j, hi, .until) || isWord(j, hi, .till) || isWord(j, hi, .on) || isWord(j, hi, .for) || isWord(j, hi, .all) || isWord(j, hi, .the) || isWord(j, hi, .of) {
            j += 1
        }
        guard j < hi else { return false }
        let words = DateReader.words(lower, tokens[j].start..<lineEnd)
        guard let first = words.first else { return false }
        if ["until", "till", "through", "thru", "back"].contains(first) { return true }
        var reader = DateReader(replyTime: replyTime, timeZone: timeZone)
        reader.dottedDays = away && dottedDateAt(j)
        if case .notADate = reader.read(words: words).0 { return false }
        return true
    }

    /// Whether token `k` names a person okrd knows (by name, first name, id or handle; `@` optional).
    func isPerson(_ k: Int) -> Bool { person(at: k) != nil }

    /// The person token `k` names, if any.
    /// The person a token names or mentions (read once per line into `linePeople`).
    func person(at k: Int) -> String? {
        guard k >= 0, k < linePeople.count else { return nil }
        return linePeople[k]
    }

    func lookUpPerson(at k: Int) -> String? {
        guard k < tokens.count else { return nil }
        let token = tokens[k]
        if token.kind == .mention { return index.person(lower[(token.start + 1)..<token.end]) }
        guard token.kind == .word else { return nil }
        var word = text(k)
        // "li's", "sam's"
        if word.count > 2, word.suffix(2).elementsEqual("'s".utf8) { word = word.dropLast(2) }
        guard word.count >= 2, let id = index.person(word) else { return nil }
        // Short first names that are also English words ("Li" is fine; "will", "may"...) need a capital.
        if word.count <= 3, bytes[token.start] >= 0x61 && bytes[token.start] <= 0x7A, id != String(decoding: word, as: UTF8.self) { return nil }
        return id
    }
}

/// "churn 9.8, rest unchanged", "My other numbers are unchanged from last week": the author's other
/// key results at their last values.
extension ReplyReader {
    static let restWordsSaid = Spellings(["rest", "others", "remainder", "everything", "all", "other"])
    static let restHedges = ["not ", "n't", "no idea", "sure", "think", "believe", "guess", "iirc", "afaik", "as far as", "probably", "maybe", "memory", "should", "check", "reckon", "come ",
                             "coming",
                             "hopefully", "nicht", "glaube", "wohl", "creo", "je pense", "i'd say", "roughly", "assume", "assuming", "presumably", "likely"]
    static let stillUnknown = ["haven't", "havent", "have not", "not in yet", "not in until", "still out", "delayed", "pending", "tbd", "no data", "don't have", "dont have",
                               "not yet", "unknown", "no numbers", "waiting for the", "will check", "to check", "checking", "missing"]
    static let otherThingsSaid = Spellings(["numbers", "krs", "kr", "ones", "metrics", "stuff", "things", "key", "values"])
    static let unchangedLinks = Spellings(["is", "are", "the", "all", "stayed", "stays", "stay", "as", "remain", "remains", "remained", "basically", "pretty", "much", "still", "just"])
    static let unchangedWords = Spellings(["same", "unchanged", "flat", "steady", "stable", "unverändert", "gleich", "igual", "iguales", "inchangé", "inchangés", "invariato", "ongewijzigd", "sin"])

    /// Whether the line (tokens up to `hi`) says the rest did not move: a word for the rest ("rest",
    /// "everything else", "my other numbers"), then one of no change, with no number between.
    /// (Not "the rest of the quarter", "the other two deals are the same size".)
    func saysRestUnchanged(_ hi: Int) -> Range<Int>? {
        for k in 0..<hi where tokens[k].kind == .word && spelled(k, Self.restWordsSaid) {
            var j = k + 1
            if spelled(k, ["everything", "all"]) {
                guard spelled(j, ["else"]) else { continue }
                j += 1
            } else if spelled(k, ["other"]) {
                guard spelled(j, Self.otherThingsSaid) else { continue }
                j += spelled(j, ["key"]) && spelled(j + 1, ["results"]) ? 2 : 1
            } else if spelled(j, ["of"]) {
                continue
            }
            while j < min(hi, k + 7), spelled(j, Self.unchangedLinks) { j += 1 }
            let unchanged = spelled(j, Self.unchangedWords) && !(spelled(j, ["sin"]) && !spelled(j + 1, ["cambios", "cambio"]))
                || isWord(j, hi, .no) && spelled(j + 1, ["change", "changes", "movement"])
                || spelled(j, ["didn't", "didnt", "hasn't", "hasnt", "haven't", "havent"]) && spelled(j + 1, ["move", "moved", "change", "changed"])
            // ("others flat fee": a word goes on.)
            // ("other numbers are unchanged in the Hansa contract": of something else.)
            guard unchanged, !(spelled(j, ["flat", "same"]) && isKind(j + 1, hi, .word) && !spelled(j + 1, ["as", "too", "tbh", "honestly", "though", "otherwise"])),
                  !spelled(j + 1, ["in", "for", "at", "on", "with", "from"]) || spelled(j + 2, ["last", "the"]) && spelled(j + 3, ["week", "wk", "time", "update"]) else { continue }
            // (Opening a clause after a statement that names a key result first, or a line or
            // sentence: not "coverage 72%: DACH done, the rest unchanged", "upsell 16%: 3 accounts
            // expanded, others flat", "(Vogel +5k, others flat)": the rest of something else.)
            var s = k - 1
            while s >= 0, spelled(s, ["and", "the", "my", "our", "all", "so", "but", "with", "also", "plus"]) { s -= 1 }
            if s >= 0 {
                guard isClauseMark(s), tokens[s].kind != .colon else { continue }
                // (The clause before, or the one before it when that one only goes on with a value:
                // "reseller pipeline moved a bit, 96k now, the rest is the same".)
                var end = s
                var named = false
                for _ in 0..<2 {
                    var c = end - 1
                    while c > 0, !isClauseMark(c - 1) { c -= 1 }
                    let start = c
                    while c < end, spelled(c, ["so", "and", "also", "then", "my", "the", "our"]) || tokens[c].kind == .other && !isSymbol(c, hi, UInt8(ascii: "#")) { c += 1 }
                    guard c < end, !(start > 0 && tokens[start - 1].kind == .colon) else { break }
                    if isSymbol(c, hi, UInt8(ascii: "#")) || tokens[c].kind == .word && !index.hits(for: text(c)).isEmpty { named = true; break }
                    guard tokens[c].kind == .number, start > 0 else { break }
                    end = start - 1
                }
                guard named else { continue }
                var open = 0
                for j in 0..<k { if tokens[j].kind == .open { open += 1 } else if tokens[j].kind == .close { open = max(0, open - 1) } }
                guard open == 0 else { continue }
            }
            // The sentence it is said in.
            var from = k
            while from > 0, !isSentenceStop(from - 1) { from -= 1 }
            var to = j
            while to < hi, !isSentenceStop(to) { to += 1 }
            return tokens[from].start..<tokens[min(to, hi - 1)].end
        }
        return nil
    }

    /// A mark a clause ends at: a comma, semicolon, colon, dash, emoji or a sentence's end.
    func isClauseMark(_ k: Int) -> Bool {
        let kind = tokens[k].kind
        return kind == .comma || kind == .semicolon || kind == .colon || kind == .dash || kind == .emoji || kind == .other && bytes[tokens[k].start] >= 0xF0 || isSentenceStop(k)
    }

    /// After the whole reply: the author's own key results the message did not speak of, when it said
    /// the rest did not move, at their last values (asked when there is none).
    /// (Only next to statements of its own, each about a key result: "3 now, rest unchanged" asks.)
    mutating func recordRestUnchanged() {
        guard let at = restUnchangedLine, !result.checkIns.isEmpty, !result.clarifications.contains(where: { $0.target == nil }) else { return }
        // (The author's own statements only: not "For Li: churn 9.8, rest unchanged".)
        guard result.checkIns.allSatisfy({ checkIn in checkIn.isKPI || index.entry(key: Array(checkIn.target.utf8)).map { index.entries[$0].owned } == true }) else { return }
        // (Said for sure: not "not sure the rest is unchanged", "rest unchanged?", "rest unchanged iirc",
        // nor next to a number not known yet: "expansion numbers not in yet, rest unchanged".)
        let said = lower[restUnchangedBytes]
        if said.contains(UInt8(ascii: "?")) { return }
        for hedge in Self.restHedges where said.firstRange(of: hedge.utf8) != nil { return }
        for unknown in Self.stillUnknown where lower.firstRange(of: unknown.utf8) != nil { return }
        var spoken = Set(result.checkIns.map(\.target))
        for question in result.clarifications { if let target = question.target { spoken.insert(target) } }
        for blocker in result.blockers { if let target = blocker.target { spoken.insert(target) } }
        for entry in index.entries.indices where index.entries[entry].owned && index.entries[entry].updatable && !index.entries[entry].target.isKPI {
            let target = index.entries[entry].target
            guard !spoken.contains(target.key), !namedEntries.contains(entry) else { continue }
            line = at
            if let last = target.lastValue {
                result.checkIns.append(ParsedCheckIn(target: target.key, value: last, line: at, relative: 0))
            } else {
                ask("`\(target.key)` has no earlier value to keep. What is it now? Reply with the value, e.g. `\(target.key) \(example(for: target))`.", target: target.key)
            }
        }
    }
}

extension ReplyReader {
    /// After the whole reply: lines pasted from the prompt with last week's value, in a message that
    /// reports something else too (another pasted line edited, a line of its own), say the value
    /// stayed: each is recorded again. (A prompt pasted back unchanged and nothing else says nothing.)
    /// Whether the line holds the prompt's progress bar (`▓▓▓░░░`) or its "(expected 58%)".
    func lineShowsProgressBar() -> Bool {
        var k = lineStart
        while k + 2 < lineEnd {
            if bytes[k] == 0xE2, bytes[k + 1] == 0x96, bytes[k + 2] == 0x91 || bytes[k + 2] == 0x93 { return true }
            k += 1
        }
        return lower[lineStart..<lineEnd].firstRange(of: "(expected".utf8) != nil
    }

    mutating func recordPastedUnchanged() {
        guard !pastedUnchangedLines.isEmpty, result.checkIns.contains(where: { checkIn in !pastedUnchanged.contains { index.entries[$0].target.key == checkIn.target } }) else { return }
        // (Not a block copied with the prompt's names over it, "Maria Keller⏎#1 territories ...": the
        // prompt itself, as it was shown.)
        for name in index.names.values {
            var at = lower.startIndex
            let spelled = Array(name.lowercased().utf8)
            while let found = lower[at...].firstRange(of: spelled) {
                let before = found.lowerBound == 0 || lower[found.lowerBound - 1] == 0x0A || lower[found.lowerBound - 1] == 0x20
                var after = found.upperBound
                while after < lower.count, lower[after] == 0x20 || lower[after] == 0x0D { after += 1 }
                if before, after >= lower.count || lower[after] == 0x0A {
                    var start = found.lowerBound
                    while start > 0, lower[start - 1] == 0x20 { start -= 1 }
                    if start == 0 || lower[start - 1] == 0x0A { return }
                }
                at = found.upperBound
            }
        }
        for entry in pastedUnchanged {
            guard let pastedOn = pastedUnchangedLines[entry] else { continue }
            let target = index.entries[entry].target
            guard let last = target.lastValue, !result.checkIns.contains(where: { $0.target == target.key }), !result.clarifications.contains(where: { $0.target == target.key }) else { continue }
            result.checkIns.append(ParsedCheckIn(target: target.key, value: last, line: pastedOn, isKPI: target.isKPI, relative: 0))
        }
        pastedUnchanged = []
    }
}
