import Foundation
import OKRModel

/// What one clause says, and the check-in it may carry.
extension ReplyReader {
    /// Reads one clause: a command, a question (nothing), an action item, time away, a blocker, a
    /// finished action item, or a check-in.
    mutating func readClause(_ start: Int, _ hi: Int, refs: [Reference], question: Bool) {
        var lo = start
        // "and I'll do the deck", "also I'm out Thu/Fri", "so churn is 9.8": a joining word says nothing.
        // ("fyi I'm out Thursday", "btw: churn 9.8": a discourse marker too.)
        while lo < hi, isWord(lo, hi, .and) || isWord(lo, hi, .also) || isWord(lo, hi, .but) || isWord(lo, hi, .so) || isWord(lo, hi, .then) || isWord(lo, hi, .plus)
            || (isWord(lo, hi, .fyi) || isWord(lo, hi, .btw)) && lo + 1 < hi { lo += 1 }
        while lo < hi, lo > start, tokens[lo].kind == .colon || tokens[lo].kind == .comma, isWord(lo - 1, hi, .fyi) || isWord(lo - 1, hi, .btw) { lo += 1 }
        // ("Two things: @maria please send ...", "Quick asks for this week: @li ...": a heading of
        // requests before the person asked.)
        if let colon = requestHeadingEnd(lo, hi) { lo = colon + 1 }
        // Addressing someone at the start ("@dana churn is 9.6", "Li, ...") is not the statement,
        // unless it asks them to do something.
        var addressee: String?
        while lo < hi {
            if tokens[lo].kind == .mention || (isPerson(lo) && (isKind(lo + 1, hi, .comma) || isKind(lo + 1, hi, .colon)) && tokens[lo].kind == .word) {
                if isRequest(lo, hi) { break }
                if tokens[lo].kind == .mention, isWord(lo + 1, hi, .will) || isWord(lo + 1, hi, .to) || isWord(lo + 1, hi, .should) || isWord(lo + 1, hi, .must) || isWord(lo + 1, hi, .needs) || isWord(lo + 1, hi, .has) { break }
                addressee = person(at: lo)
                lo += 1
                while lo < hi, tokens[lo].kind == .comma || tokens[lo].kind == .colon || tokens[lo].kind == .mention { lo += 1 }
                continue
            }
            break
        }
        guard lo < hi else { return }
        clauseAddressee = addressee
        let first = tokens[lo]

        // Commands.
        if first.kind == .checkbox {
            return first.checked ? readDone(from: lo + 1, hi) : readAction(from: lo + 1, hi, owner: nil)
        }
        if first.kind == .word {
            switch first.word {
            case .help where hi - lo <= 2: return result.commands.append(ParsedCommand(kind: .help, line: line))
            case .undo where hi - lo <= 2: return result.commands.append(ParsedCommand(kind: .undo, line: line))
            case .snooze, .mute: return readSnooze(from: lo + 1, hi)
            case .ack, .acknowledge, .acknowledged: return readAck(from: lo + 1, hi)
            default: break
            }
        }
        if readAnswer(lo, hi) { return }
        // ("p-rev 400k, hit the target!! (counting the Globex master agreement, that counts right?)":
        // a question whether something counts, after the value on the same line, doubts it.)
        if question || (lo..<min(tokens.count, hi + 1)).contains(where: { isSymbol($0, tokens.count, UInt8(ascii: "?")) }), refs.isEmpty, !hasValue(lo, hi),
           (lo..<hi).contains(where: { spelled($0, Self.countVerbs) }), let last = result.checkIns.last, last.line == line, !last.isKPI,
           // (Not about another key result's thing: "should we count the Schneider renewal in Q4?" after partners.)
           !(lo..<hi).contains(where: { tokens[$0].kind == .word && index.hits(for: text($0)).contains { index.entries[Int($0.entry)].target.key != last.target } }) {
            askAgainDoubted(lo..<hi, recordedFrom: result.checkIns.count - 1, refs: [])
            return
        }
        // ("partner customers 12⏎edit: 11? need to check if Vandelay signed": a correction asked, not
        // made: the value before it is in doubt.)
        // (The number alone, then the question: not "edit: 12 or 13 by Friday?", "Edit: is 92 enough for green?".)
        if question, refs.isEmpty, startsCorrection(lo, hi), let n = correctedNumber(after: lo, hi),
           case let at = lo + (correctionAt(lo, hi) ?? 1), case let m = isKind(at, hi, .colon) ? at + 1 : at, n == m || n == m + 1 && spelled(m, ["maybe", "or", "perhaps", "probably", "prob", "actually", "more", "like"]),
           isSymbol(afterNumber(n, tokens.count), tokens.count, UInt8(ascii: "?")), case .checkIn(let i)? = lastStatement, i < result.checkIns.count,
           result.checkIns[i].value != tokens[n].value, askWhichOfLast(or: n) { return }
        // ("partner customers 12⏎11?", "upd: 11?", "or 11?": another value said in doubt right after
        // one was given; which one is asked.)
        if question, refs.isEmpty, let n = doubtedNumberAlone(lo, hi), case .checkIn(let i)? = lastStatement, i < result.checkIns.count, !result.checkIns[i].isKPI,
           result.checkIns[i].value != tokens[n].value, result.checkIns[i].value.rounded() != tokens[n].value, let entry = index.entry(key: Array(result.checkIns[i].target.utf8)),
           fits(n, index.entries[entry].target, near: result.checkIns[i].value), askWhichOfLast(or: n) { return }
        questionMarked = question
        let asks = startsQuestion(lo, hi) && (question || start == sentenceStart || !WordSet.whWords.contains(word(lo, hi)))
        // "blocker: legal still sits on the contract, can someone escalate?" is a blocker and a plea.
        if question && isLastClause(hi) && !(blockerStart(lo, hi) == lo) || asks {
            // "Dana, I'm out Thursday and Friday, can you take the sync?", "@dana I'll be off Dec 7 to
            // Dec 11, can you cover the QBR on the 9th?": the absence before the question is said, and
            // the question asks the people addressed.
            if !asks, let (from, comma, owners) = awayBeforeQuestion(lo, hi) {
                readAway(from, comma)
                for owner in owners where owner != index.author { readAction(from: comma + 1, hi, owner: owner) }
                return
            }
            if isRequest(lo, hi) { return readRequest(lo, hi) }
            // ("action: @li can you sign off the discount by Wednesday?": an action item asked as a question.)
            // (Someone named after the cue: not "action items?", "action: who owns the follow-up?".)
            if !asks, isWord(lo, hi, .action) || isWord(lo, hi, .actions) || isWord(lo, hi, .todo) || isWord(lo, hi, .todoDash), let owner = actionStart(lo, hi), owner.next < hi, tokens[owner.next].kind == .mention || owner.person != nil && owner.person != index.author,
               owner.person != nil || person(at: owner.next) != nil,
               case let task = owner.person != nil ? owner.next : owner.next + 1, task < hi,
               // (A request, "can you sign off ..."; not "will you be at the offsite?", "would you like me
               // to ...", "can you believe ...".)
               !WordSet.questionStarts.contains(word(task, hi))
                || (isWord(task, hi, .can) || isWord(task, hi, .could) || isWord(task, hi, .will) || isWord(task, hi, .would)) && isWord(task + 1, hi, .you) && !spelled(task + 2, Self.notTaskVerbs) {
                return readAction(from: owner.next, hi, owner: owner.person)
            }
            // "deals 4?": a value the person is not sure of is asked back, not recorded.
            if !asks, !refs.isEmpty, hasValue(lo, hi) {
                questioned = true
                _ = readCheckIn(lo, hi, refs: refs, blocked: false)
                questioned = false
            }
            return
        }
        if explicitDone(lo, hi, refs: refs, question: question) { return }
        if readWrongPlace(lo, hi) || readIgnored(lo, hi) || readQuotedBack(lo, hi) || readSaidBefore(lo, hi, refs: refs) { return }
        if confidenceListSentence, readConfidenceForRest(lo, hi) { return }
        if startsHypothetical(lo, hi) { return }
        // "wait no, that's Carlos's": takes back what came before.
        // ("...hm no, 44 was the median": the value before, taken back; what follows corrects it.)
        // ("coverage 79. sorry, the 97 in my earlier msg was a typo", "coverage 72. the 27 I posted
        // earlier was a typo": about an earlier message; what this one says stands. "coverage 76⏎sorry,
        // the 76 was a typo": the value just given is taken back, and what it is asked.)
        if hasValue(lo, hi), onlyNumbersSaidWrong(lo, hi), blockerStart(lo, hi) == nil {
            // ("700k⏎sorry the 700 was a typo", "+10k⏎the +10k was a typo": the value or the change as written.)
            if case .checkIn(let i)? = lastStatement, i < result.checkIns.count, (lo..<hi).contains(where: { j in tokens[j].kind == .number
                && [result.checkIns[i].value, result.checkIns[i].value / 1000, result.checkIns[i].value / 1_000_000, result.checkIns[i].relative ?? .nan, (result.checkIns[i].relative ?? .nan) / 1000].contains(tokens[j].value) }) {
                let last = result.checkIns[i]
                askInstead(ofCheckIn: i, proposing: false, "You wrote `\(last.target) \(NumberWriter.plain(last.value))`, then that it was a typo: what is it? Reply with the value, e.g. `\(last.target) \(NumberWriter.plain(last.value))`.")
            }
            return
        }
        if startsCorrection(lo, hi), !hasValue(lo, hi) || refs.isEmpty && read(lo, hi, skipping: []).candidates.isEmpty { return readWithoutReference(lo, hi) }
        if let owner = actionStart(lo, hi) { return readAction(from: owner.next, hi, owner: owner.person) }
        // "@maria send me the reseller forecast by Thursday": an instruction to the person addressed,
        // with a deadline, and no key result or number in it.
        // ("@priya I need the updated forecast before the 4th": a day of a date is no value.)
        if let addressee, addressee != index.author, refs.allSatisfy({ !$0.strong }), !(lo..<hi).contains(where: { tokens[$0].kind == .number && !isDatePart($0, hi) }),
           tokens[lo].kind == .word, person(at: lo) == nil,
           // ("@priya I need to check the pricing sheet": the author's own need.)
           // ("@li I need to see the pricing sheet by Wednesday": what they deliver.)
           !(isWord(lo, hi, .i) && ((isWord(lo + 1, hi, .need) || isWord(lo + 1, hi, .have) || spelled(lo + 1, ["want"])) && isWord(lo + 2, hi, .to) && !spelled(lo + 3, ["see", "get", "have", "receive", "read"])
                                    || spelled(lo + 1, ["must", "should", "will", "'ll"]) || isWord(lo + 1, hi, .will) || isWord(lo + 1, hi, .should) || isWord(lo + 1, hi, .must))),
           !WordSet.questionStarts.contains(tokens[lo].word) || spelled(lo, ["i'd", "we'd"]), hasDeadline(lo, hi) {
            return readAction(from: lo, hi, owner: addressee)
        }
        if isRequest(lo, hi) { return readRequest(lo, hi) }
        if aboutSomeoneElse(lo, hi, refs: refs) { return }
        if isAway(lo, hi) {
            // "on PTO Dec 1-4 - upsell 17.5", "Out sick today 🤒 demo conv 28": the absence ends where
            // a key result named with its value starts after a dash or an emoji.
            if let end = (lo + 1..<hi).first(where: { j in (tokens[j].kind == .dash || tokens[j].kind == .emoji || isDashAt(j) || tokens[j].kind == .other && bytes[tokens[j].start] >= 0xF0)
                && refs.contains(where: { $0.lo == j + 1 }) && hasValue(j + 1, hi) }) {
                readAway(lo, end)
                return readClause(end + 1, hi, refs: refs.filter { $0.lo > end }, question: question)
            }
            return readAway(lo, hi)
        }
        let unblocked = readUnblock(lo, hi, refs: refs)
        if unblocked, refs.isEmpty || !hasValue(lo, hi) { return }
        // ("blocker with legal is resolved, partners 3": the blocker the clause opens with is the one
        // cleared, not a new one; what follows it is read on its own, "..., now waiting on Globex to
        // countersign, partners 2" a new blocker.)
        // ("blocker on partners is resolved, 3 now": a value with no name of its own is the one named.)
        if unblocked, blockerStart(lo, hi) == lo, let cut = (lo + 1..<hi).first(where: { tokens[$0].kind == .comma || tokens[$0].kind == .semicolon || tokens[$0].kind == .dash || isDashAt($0) }), cut + 1 < hi,
           refs.contains(where: { $0.lo > cut }) || !refs.contains(where: { $0.lo < cut }) {
            return readClause(cut + 1, hi, refs: refs.filter { $0.lo > cut }, question: question)
        }
        if let blockerStart = blockerStart(lo, hi), !(unblocked && blockerStart == lo) {
            // ("partner 3 has not been signed yet": one partner's news, no blocker of the key result.)
            // ("partner 3 blocked by legal", "partner no. 3: blocked by legal review": one partner held
            // up is the key result's blocker, with no value.)
            let idAt = isKind(blockerStart - 1, hi, .colon) || isKind(blockerStart - 1, hi, .dash) ? blockerStart - 2 : blockerStart - 1
            if idAt >= 1, isKind(idAt, hi, .number), identifierBefore(idAt) {
                // (The key result named right before the number, one that counts: not "churn 9.8 -
                // customer 3 blocked by billing", not "deal 2" read as the deal-size KPI.)
                if spelled(blockerStart, ["blocked", "waiting", "stuck", "held"]), let ref = refs.first(where: { $0.hi <= idAt && $0.hi >= idAt - 2 }),
                   let entry = ref.entry, index.entries[entry].target.unit == .count {
                    return readBlocker(from: blockerStart, hi, refs: refs.filter { $0.lo >= blockerStart }, target: entry)
                }
                return
            }
            // "reseller-partners 3 blocked by legal": the check-in before the blocker is read too.
            var target: Int?
            if blockerStart > lo, let ref = refs.first(where: { $0.lo < blockerStart }) {
                target = ref.entry
                // (also "still 2 partners because legal ... that's the thing blocking me": the value before the name)
                if (ref.hi..<blockerStart).contains(where: { tokens[$0].kind == .number }) || refs.first?.strong == true || isKind(ref.lo - 1, hi, .number) && ref.lo - 1 >= lo {
                    _ = readCheckIn(lo, blockerStart, refs: refs.filter { $0.lo < blockerStart }, blocked: true)
                }
            }
            return readBlocker(from: blockerStart, hi, refs: refs.filter { $0.lo >= blockerStart }, target: target)
        }
        if refs.isEmpty, readDoneByText(lo, hi) { return }
        if readConfidenceException(lo, hi, refs: refs) { return }
        if readCheckIn(lo, hi, refs: refs, blocked: false) {
            // "Globex follow-up ✅, partner customers 11": a finished item and a value.
            _ = readDoneByText(lo, hi)
            return
        }
        if readDoneByText(lo, hi) { return }
        if refs.isEmpty, readConfidenceRevised(lo, hi) { return }
        if readMessageConfidence(lo, hi) { return }
        // "booked the ACME demo, so that action is done": the item was closed by the words before.
        if refs.isEmpty, result.commands.contains(where: { $0.kind == .done && $0.line == line }),
           (lo..<hi).contains(where: { isWord($0, hi, .action) && (isWord($0 + 1, hi, .is) || isWord($0 + 1, hi, .was)) }) { return }
        // "done with the legal review": neither a key result nor an action item is named.
        if isWord(lo, hi, .done) || isWord(lo, hi, .finished) || isWord(lo, hi, .completed), refs.isEmpty, !hasValue(lo, hi) {
            return error("which action item or key result is done? Write `done AI-12` for an action item (\(openActionList())), or the key result's key, e.g. `\(index.entries.first { $0.updatable }?.target.key ?? "kr1") done`.")
        }
        readWithoutReference(lo, hi)
    }

    /// "by Thursday", "before Friday", "EOD": a deadline somewhere in the clause.
    func hasDeadline(_ lo: Int, _ hi: Int) -> Bool {
        (lo..<hi).contains { k in
            // (Not "tomorrow" alone: "@li see you tomorrow" asks nothing.)
            (isWord(k, hi, .by) || isWord(k, hi, .before) || isWord(k, hi, .due)) && dateFollows(k + 1, hi) || spelled(k, ["eod", "eow"])
        }
    }

    /// The colon ending a heading of requests before the person asked: "Two things: @maria ...".
    /// (A method, not a closure in `readClause`: a closure there copies the whole reader.)
    func requestHeadingEnd(_ lo: Int, _ hi: Int) -> Int? {
        var colon = lo
        while colon < min(hi, lo + 7), tokens[colon].kind != .colon { colon += 1 }
        guard colon < min(hi, lo + 7), colon > lo, colon + 1 < hi,
              tokens[colon + 1].kind == .mention || isPerson(colon + 1) && tokens[colon + 1].kind == .word && (isKind(colon + 2, hi, .comma) || isKind(colon + 2, hi, .colon)) else { return nil }
        for j in lo..<colon {
            if spelled(j, Self.requestHeadingWords) || tokens[j].kind == .number && tokens[j].isPlainInteger && tokens[j].value < 10 { continue }
            // ("Reminder: @li please send ...": a request under it; not "Reminder: @maria the contract draft is due Friday".)
            if spelled(j, ["reminder", "reminders"]), (colon + 1..<hi).contains(where: { isWord($0, hi, .please) || isWord($0, hi, .pls) || isWord($0, hi, .you) }) { continue }
            return nil
        }
        return colon
    }

    /// Whether every number from `lo` is one said to be wrong ("the 97 in my earlier msg was a typo").
    func onlyNumbersSaidWrong(_ lo: Int, _ hi: Int) -> Bool {
        for j in lo..<hi where tokens[j].kind == .number && !saidWrong(j) { return false }
        return true
    }

    static let notTaskVerbs = Spellings(["be", "believe", "imagine", "guess", "see", "tell", "mind", "like", "have"])
    // (Not "Reminder:", which is about an item already open.)
    static let requestHeadingWords = Spellings(["two", "three", "four", "few", "a", "couple", "of", "things", "thing", "quick", "asks", "ask", "requests", "request",
                                                "for", "this", "week", "the", "team", "ps", "also", "and", "some", "favours", "favors", "favour", "favor", "one", "more",
                                                "last", "follow-ups", "followups", "housekeeping", "admin", "from", "me", "small", "todos", "to-dos", "next", "steps"])

    /// Whether the clause ending at `hi` is the last of its sentence (a `?` at the end asks it).
    func isLastClause(_ hi: Int) -> Bool {
        var k = hi
        while k < tokens.count, tokens[k].kind == .emoji { k += 1 }
        return k >= tokens.count || isSentenceStop(k)
    }

    func isSentenceStop(_ k: Int) -> Bool {
        guard k < tokens.count, tokens[k].kind == .other else { return false }
        let b = bytes[tokens[k].start]
        return b == UInt8(ascii: "?") || b == UInt8(ascii: "!") || b == UInt8(ascii: ".")
    }

    /// "what's", "is the", "do we", "can I", "how": a question, which records nothing.
    func startsQuestion(_ lo: Int, _ hi: Int) -> Bool {
        let w = word(lo, hi)
        guard w != .none, WordSet.questionStarts.contains(w) else { return false }
        switch w {
        case .is, .are, .isnt, .arent:
            // "is churn still 10.2" asks; "is 4 now" (after a reference) does not start a clause.
            return hi - lo >= 3
        case .will, .can, .could, .should, .would, .shall:
            // "can you", "could we", "should I": asks. "will send" is a commitment.
            return isWord(lo + 1, hi, .you) || isWord(lo + 1, hi, .we) || isWord(lo + 1, hi, .i) || isWord(lo + 1, hi, .anyone) || isWord(lo + 1, hi, .it) || isWord(lo + 1, hi, .someone)
        case .do, .does, .did:
            return questionMarked || isWord(lo + 1, hi, .we) || isWord(lo + 1, hi, .i) || isWord(lo + 1, hi, .you) || isWord(lo + 1, hi, .they) || isWord(lo + 1, hi, .anyone) || isWord(lo + 1, hi, .it) || isWord(lo + 1, hi, .a) || isWord(lo + 1, hi, .the)
        default:
            return true
        }
    }

    /// The author's absence said before a comma and a question ("I'm out Thursday, can you ...?"),
    /// after the people the clause addresses: where it starts, the comma, and whom the question asks.
    func awayBeforeQuestion(_ lo: Int, _ hi: Int) -> (from: Int, comma: Int, owners: [String])? {
        var k = lo
        var owners: [String] = []
        while k < hi, tokens[k].kind == .mention || isPerson(k) && tokens[k].kind == .word || !owners.isEmpty && (tokens[k].kind == .comma || tokens[k].kind == .colon) {
            if let who = person(at: k), !owners.contains(who) { owners.append(who) }
            k += 1
        }
        guard k < hi, let comma = (k + 1..<hi).first(where: { tokens[$0].kind == .comma && startsQuestion($0 + 1, hi) }), isAway(k, comma) else { return nil }
        if owners.isEmpty, let clauseAddressee { owners = [clauseAddressee] }
        // ("Li, I'm out Thursday, can you ...?": the name opening the sentence is a clause of its own.)
        if owners.isEmpty, sentenceStart < lo, (sentenceStart..<lo).allSatisfy({ tokens[$0].kind == .comma || tokens[$0].kind == .colon || tokens[$0].kind == .mention || isPerson($0) }) {
            for j in sentenceStart..<lo { if let who = person(at: j), !owners.contains(who) { owners.append(who) } }
        }
        return (k, comma, owners)
    }

    /// "if ...", "assuming", "hopefully", "maybe we": a hypothetical, which records nothing.
    func startsHypothetical(_ lo: Int, _ hi: Int) -> Bool {
        let w = word(lo, hi)
        guard w != .none || isKind(lo, hi, .number) else { return false }
        if w == .if || w == .assuming || w == .suppose || w == .hopefully || w == .hoping { return true }
        // "we'd be at 46k", "would be 4": conditional mood ("I'd double-counted Hooli" is "I had").
        if (w == .would && !(isWord(lo + 1, hi, .say) || lo + 1 < hi && spelled(lo, ["i'd", "we'd"]) && text(lo + 1).suffix(2).elementsEqual("ed".utf8) || isWord(lo + 1, hi, .like) || isWord(lo + 1, hi, .give) || isWord(lo + 1, hi, .call)
            // ("I'd put my confidence at 6", "I'd rate it a 7", "I'd guess 27": an estimate, said so.)
            || spelled(lo + 1, ["put", "peg", "rate"]) && spelled(lo + 2, ["my", "it", "confidence", "that", "this", "us", "our", "the"]) || spelled(lo + 1, ["guess", "estimate"])
            // ("@sam I'd love a one-pager on Globex by Wed": a wish said to someone, asking them.)
            || clauseAddressee != nil && spelled(lo + 1, ["love", "appreciate"]))) || (w == .we && isWord(lo + 1, hi, .would)) { return true }
        if w == .expect || w == .expecting || (w == .i && (isWord(lo + 1, hi, .expect) || isWord(lo + 1, hi, .hope))) { return true }
        // "one more tech partner and we're done for the year": what would be.
        if w == .one || w.numberValue != nil || isKind(lo, hi, .number) && tokens[lo].isPlainInteger, isWord(lo + 1, hi, .more), let and = (lo + 2..<min(hi, lo + 8)).first(where: { isWord($0, hi, .and) }),
           spelled(and + 1, ["we're", "were", "we'll", "we'd", "i'm"]) || isWord(and + 1, hi, .we), !(lo + 2..<and).contains(where: { isPastTense($0) && !spelled($0, ["lost"]) }) { return true }
        return false
    }

    static let ordinalWords = Spellings(["first", "second", "third", "fourth", "fifth", "last", "1st", "2nd", "3rd", "4th", "5th"])
    static let positionNouns = Spellings(["one", "number", "value", "line", "figure", "item"])
    static let roughWords = Spellings(["estimate", "estimated", "guess", "rough", "approximate", "approx", "preliminary", "prelim", "forecast", "ballpark"])

    /// "the second one should be 8.1, typo", "the second one is an estimate, not all invoices are in
    /// yet": a statement of this message named by its place; a value after it corrects it, a word
    /// that says it is rough makes it a question.
    mutating func readStatementByPosition(_ lo: Int, _ hi: Int) -> Bool {
        var k = lo
        if isWord(k, hi, .sorry) || isWord(k, hi, .oh) || isWord(k, hi, .oops) || isWord(k, hi, .wait) || isWord(k, hi, .actually) || isKind(k, hi, .comma) { k += 1 }
        if isKind(k, hi, .comma) { k += 1 }
        let cued = k > lo
        // ("second one should be 8.0" without "the" too: k is then where "the" would be.)
        if isWord(k, hi, .the) { k += 1 }
        guard spelled(k, Self.ordinalWords), spelled(k + 1, Self.positionNouns), !result.checkIns.isEmpty else { return false }
        k -= 1
        let ordinal = text(k + 1)
        let position: Int
        if spelled(k + 1, ["last"]) { position = result.checkIns.count - 1 } else {
            guard let n = ["first", "second", "third", "fourth", "fifth"].firstIndex(where: { ordinal.elementsEqual($0.utf8) })
                    ?? ["1st", "2nd", "3rd", "4th", "5th"].firstIndex(where: { ordinal.elementsEqual($0.utf8) }) else { return false }
            position = n
        }
        // (Only when every statement so far was recorded: a question among them would shift the count.)
        guard position < result.checkIns.count, result.checkIns.count >= 2, !result.clarifications.contains(where: { $0.target != nil }) else { return false }
        let previous = result.checkIns[position]
        guard let entry = index.entry(key: Array(previous.target.utf8)) else { return false }
        let target = index.entries[entry].target
        var said = read(k + 3, hi, skipping: [])
        // (A value only with a correction cue: "the second one should be 8.1", "... was a typo, 8.0";
        // not "Initech and Hooli. The first one is 85% likely to stay", which is about those.)
        let corrects = cued || (k + 3..<hi).contains { isWord($0, hi, .should) || isWord($0, hi, .typo) || isWord($0, hi, .wrong) || spelled($0, ["meant"])
            || isWord($0, hi, .actually) || isWord($0, hi, .correction) || isWord($0, hi, .sorry) || isWord($0, hi, .make) }
        if !said.candidates.isEmpty, corrects {
            result.checkIns.remove(at: position)
            said.confidence = said.confidence ?? previous.confidence
            said.epochs = max(said.epochs, 1)
            for c in said.candidates.indices { said.candidates[c].epoch = max(said.candidates[c].epoch, 1) }
            lastStatement = nil
            _ = record(entry, reading: &said, lo: k + 3, hi: hi, blocked: false)
            return true
        }
        if said.hedged || (k + 3..<hi).contains(where: { spelled($0, Self.roughWords) }) {
            result.checkIns.remove(at: position)
            lastStatement = nil
            ask("You wrote \(format(previous.value, for: target)) for `\(target.key)` and say it is not final. Record \(format(previous.value, for: target)) for now? Reply yes, or write the value.",
                proposal: .value(keyResult: target.key, value: previous.value, confidence: previous.confidence, isKPI: target.isKPI), target: target.key)
            return true
        }
        return false
    }

    static let positionalWords = Spellings(["former", "latter", "respectively", "respektive", "respectivamente", "respectivement", "rispettivamente"])
    static let foreignIfs = Spellings(["als", "wenn", "falls", "sofern", "si", "caso", "mocht", "indien", "jeśli", "jeżeli", "jesli", "jezeli", "gdyby"])

    /// Someone else's number: "Li's churn is 9.8", "your churn number looks great", "Sam's demo sat",
    /// "@priya 700k on demo pipeline is huge, well done" (a key result of someone mentioned on the line).
    func aboutSomeoneElse(_ lo: Int, _ hi: Int, refs: [Reference]) -> Bool {
        let mentioned = othersOnLine
        if !mentioned.isEmpty {
            for ref in refs {
                if let entry = ref.entry, let owner = index.entries[entry].target.owner, mentioned.contains(owner), !index.entries[entry].owned,
                   !postingFor.contains(owner), talksAbout(owner, after: ref.hi) { return true }
            }
            // Praise for someone: "nice one @li", "well done", "great job".
            if (lo..<hi).contains(where: { isWord($0, hi, .congrats) || isWord($0, hi, .kudos) || isWord($0, hi, .welldone) || isWord($0, hi, .well) && isWord($0 + 1, hi, .done) || isWord($0, hi, .huge) || isWord($0, hi, .nice) || isWord($0, hi, .great) && isWord($0 + 1, hi, .job) || isWord($0, hi, .best) && (isWord($0 + 1, hi, .we) || isWord($0 + 1, hi, .weveContraction) || isWord($0 + 1, hi, .ever)) }) || praisedOnLine {
                // "@sam congrats on the demo week!! my side: deals 4": the author's own key results
                // are still the author's news.
                return refs.isEmpty || refs.contains { ref in ref.entry.map { !index.entries[$0].owned } ?? true }
            }
        }
        // "Blocked: need Dana's sign-off on the tiers": the author's blocker names someone.
        if blockerStart(lo, hi) == lo { return false }
        // ("churn: 9.9 (Li's out today)": a possessive after the name is about something else.)
        for k in lo..<min(hi, lo + 6, refs.first?.lo ?? hi) {
            if isWord(k, hi, .your) { return true }
            guard tokens[k].kind == .word else { continue }
            let word = text(k)
            if word.count > 2, word.suffix(2).elementsEqual("'s".utf8), let id = person(at: k), id != index.author, !postingFor.contains(id) { return true }
        }
        return false
    }

    static let checkingVerbs = Spellings(["confirm", "check", "double-check", "verify", "validate", "correct", "fix", "update", "recheck"])

    /// "was 24 when we started", "was 3 two weeks ago": a past value said with its time.
    func datedPastValue(at k: Int, _ hi: Int) -> Bool {
        guard isWord(k, hi, .was) || isWord(k, hi, .were), isKind(k + 1, hi, .number) || isWord(k + 1, hi, .at) && isKind(k + 2, hi, .number) else { return false }
        let then = afterNumber(isKind(k + 1, hi, .number) ? k + 1 : k + 2, hi)
        return (then..<min(hi, then + 4)).contains { spelled($0, Self.whenWords) || spelled($0, ["ago"]) || monthAt($0, hi) }
    }

    /// Whether the line names `person` other than as the subject of a statement of their own after
    /// the key result's name ("territory model is 3 of 4 now, Maria will write more": Maria's next
    /// step, not Maria's number).
    func talksAbout(_ person: String, after named: Int) -> Bool {
        for k in linePeople.indices where linePeople[k] == person {
            // ("Li to confirm", "Li should double-check", "Maria will confirm": the number is not final.)
            let n = tokens.count
            if k > named, isKind(k - 1, n, .comma) || isWord(k - 1, n, .and) || isSymbol(k - 1, n, UInt8(ascii: ".")) || isSymbol(k - 1, n, UInt8(ascii: "!")),
               isWord(k + 1, n, .please) || isWord(k + 1, n, .pls) || isWord(k + 1, n, .will),
               !(k + 2..<min(n, k + 4)).contains(where: { spelled($0, Self.checkingVerbs) }) { continue }
            return true
        }
        return false
    }

    // MARK: Check-ins

    /// One number in a clause that may be the value, and why.
    struct Candidate {
        enum Role: Equatable {
            /// The value itself ("42", "at 42", "to 42").
            case absolute
            /// A change from the last value ("+3", "up 3", "3 more").
            case relative(Double)
            /// A change in percent of the last value ("up 15%" on a money key result).
            case percentChange(Double)
            /// A share of the target ("40% of target", "half of target").
            case shareOfTarget(Double)
        }

        var token: Int
        var role: Role
        var value: Double
        /// "3 of 4": what the value is out of.
        var denominator: Double? = nil
        var alternative: Double?
        /// After "to", "at", "now", an arrow: the value as it is now.
        var strong: Bool
        /// Corrections seen before it ("6, no wait, 7": the 7 has epoch 1).
        var epoch: Int
        /// Written right after the key result's name ("partner revenue 150k").
        var rightAfterName = false
        /// After a word that says "this is the value now" ("to", "at", "now", "is", an arrow, a colon),
        /// as opposed to merely following the name.
        var explicit = false
    }

    /// What a clause says about one key result.
    struct Reading {
        var candidates: [Candidate] = []
        /// The value the change was said to start from: "up 5 from 70", "+5 (was 70)".
        var statedBase: Double?
        var confidence: Int?
        var status: StatusWord?
        var noChange = false
        /// "nothing new in pipeline": no new items, which need not mean an amount or a rate stayed.
        var noChangeUnsure = false
        var done = false
        var milestone: Int?
        var moved = false
        /// The clause says it went down ("dropped to 80k", "lost a partner"): a lower value is explained.
        var saidDown = false
        /// A change since earlier today ("+1 since this morning"): from a value okrd has not seen.
        var changeFromToday = false
        /// "I wrote renewal rate 93%": a value written before was quoted, and a correction may follow.
        var wroteBefore = false
        /// The clause read, for checks that need its words again.
        var span = 0..<0
        var hedged = false
        var either = false
        var commentStart: Int?
        var epochs = 0
        /// A correction after the last value ("165k. hmm no, ..."): the next value corrects it.
        var trailingCorrection = false
        /// The value was taken back ("93 - no sorry, that's last year's") and nothing followed it.
        var takenBack = false
        /// The amount counted wrong, said in an aside after the value was taken back ("I double-counted
        /// Initech (30k)").
        var miscounted: Double?
        /// The confidence was said for everything ("conf 6 across the board", "good about both").
        var confidenceForAll = false
        /// The confidence said of the statements that have none of their own ("green on the rest").
        var restConfidence: Int?
        /// A confidence said of another key result than the clause's ("yellow on conversion").
        var otherConfidence: (entry: Int, confidence: Int)?
        /// Something on the line cannot be read ("conf 12"): the line is refused with this message.
        var problem: String?
        var blockerText: String?
    }

    /// Reads a check-in from a clause that names a key result (or answers for one). Returns false
    /// when the clause is not a check-in at all (no reference and nothing to attach it to).
    mutating func readCheckIn(_ lo: Int, _ hi: Int, refs: [Reference], blocked: Bool) -> Bool {
        guard !refs.isEmpty else { return false }
        var ref = primaryReference(refs)
        var reading = read(lo, hi, skipping: refs)
        noteConfidenceSaidOfOthers(reading)
        // "Confidence: conversion 4, satisfaction 8, customers 7": after a confidence heading, each key
        // result's number is how sure, not its value.
        if confidenceListSentence, reading.confidence == nil, reading.candidates.count == 1, let only = reading.candidates.first, case .absolute = only.role,
           // (Right after the name: "except reseller-partners, still at 2" says its value.)
           tokens[only.token].isPlainInteger, only.value <= 10, only.rightAfterName && (only.token == ref.hi || isKind(only.token - 1, hi, .colon)) || listedFor(only.token, ref.lo, hi) {
            reading.confidence = Int(only.value)
            reading.candidates = []
        }
        // "one more partner signed" where "partner" names a score ("Raise partner satisfaction"): counting
        // things changes no score or rate by itself; asked which key result counts them.
        if let counted = reading.candidates.last, case .relative = counted.role, case .found(let named) = ref.kind, index.entries[named].target.unit != .count,
           !ref.strong, isWord(counted.token + 1, hi, .more) && ref.lo == counted.token + 2 || isWord(counted.token, hi, .another) && ref.lo == counted.token + 1 {
            let said = original(from: counted.token, to: ref.hi)
            ask("Which key result does “\(said)” count? Reply with its key and the value now, e.g. `\(index.entries.first { $0.updatable && $0.target.unit == .count }?.target.key ?? "key") 3`.")
            return true
        }
        // "I wrote renewal rate 93% but that included ...": the value written before is not this
        // week's; a correction that follows ("The correct number is 92%") is for this key result.
        // ("I wrote reseller deals 5 but one of them (Litware, $22k) was direct": an aside's amount is no value.)
        if reading.wroteBefore, reading.candidates.allSatisfy({ isInParens($0.token, lo, hi) }), let entry = ref.entry, index.entries[entry].updatable {
            quotedWrong = (entry, line)
            return true
        }
        // "the 105k is the total pipeline tho, reseller-sourced is only 97k": after a statement was
        // taken back, a loosely named key result with a value only the retracted one can take
        // corrects that one.
        // ("Coverage is at 74%. Actually let me redo that, the accounts moved to the partner, so it's
        // more like 72": a correction that opens the clause is of the statement before, when only that
        // one can take the value.)
        // (Not "coverage 70. Actually partners 30": a name with its own value right after it.)
        if !pendingCorrection, !ref.strong, case .checkIn(let i)? = lastStatement, let last = reading.candidates.last, last.role == .absolute, startsCorrection(lo, hi),
           last.token > ref.hi, (ref.hi..<last.token).contains(where: { tokens[$0].kind == .comma || isWord($0, hi, .so) }),
           let before = index.entry(key: Array(result.checkIns[i].target.utf8)), !ref.candidates.contains(before), !ref.candidates.isEmpty,
           implausible(last.value, target: index.entries[before].target, written: "", relative: false) == nil,
           ref.candidates.allSatisfy({ implausible(last.value, target: index.entries[$0].target, written: "", relative: false) != nil }) {
            takeBack(i)
        }
        if pendingCorrection, let taken = retracted, !ref.strong, let last = reading.candidates.last, last.role == .absolute,
           implausible(last.value, target: index.entries[taken].target, written: "", relative: false) == nil {
            func unlikely(_ entry: Int) -> Bool { implausible(last.value, target: index.entries[entry].target, written: "", relative: false) != nil }
            var corrects = false
            switch ref.kind {
            case .ambiguous(let entries): corrects = entries.contains(taken) && entries.allSatisfy { $0 == taken || unlikely($0) }
            case .found(let named): corrects = named != taken && unlikely(named)
            case .error: break
            }
            if corrects {
                ref.kind = .found(taken)
                pendingCorrection = false
                retracted = nil
            }
        }
        adjustDone(&reading, ref: ref, lo, hi)
        // "partners + deals = 7 now", "partners and deals together 7": a sum of two key results is
        // neither's value.
        if refs.count >= 2, !reading.candidates.isEmpty,
           (refs[0].hi..<refs[1].lo).contains(where: { isSymbol($0, hi, UInt8(ascii: "+")) || isSymbol($0, hi, UInt8(ascii: "&")) || isWord($0, hi, .and) || isWord($0, hi, .plus) }),
           (refs[1].hi..<hi).contains(where: { isKind($0, hi, .equals) || spelled($0, ["together", "combined", "total", "zusammen", "juntos", "ensemble", "insieme", "samen"]) }) {
            let names = refs.prefix(2).compactMap { $0.entry.map { "`\(index.entries[$0].target.key)`" } }
            ask("“\(written(reading.candidates[0].token))” is for \(names.joined(separator: " and ")) together; okrd records each on its own. Reply with each, e.g. `\(names.first.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "`")) } ?? "key") 3`.")
            return true
        }
        // "In the 4 reassigned territories we closed 62 opps": before a milestone key result's name, a
        // number counts the things it names, not milestones ("3 milestones", "3 of 4" still count).
        if case .found(let entry) = ref.kind, index.entries[entry].target.isMilestone {
            reading.candidates.removeAll { candidate in
                // (Not "Phase 3 of territories done": "of" makes it the milestone.)
                let after = afterNumber(candidate.token, hi)
                return candidate.token < ref.lo && candidate.denominator == nil && !isWord(after, hi, .milestones) && !isWord(after, hi, .milestone) && !isWord(after, hi, .of)
            }
        }
        // "did 6 partner calls": a number before the name counts what follows the name.
        if case .found(let entry) = ref.kind, ref.hi < hi, tokens[ref.hi].kind == .word, tokens[ref.hi].word == .none {
            let next = text(ref.hi)
            if next.count > 3, next.last == UInt8(ascii: "s"), !index.hits(for: next).contains(where: { Int($0.entry) == entry }) {
                reading.candidates.removeAll { $0.token < ref.lo }
            }
        }
        let says = !reading.candidates.isEmpty || reading.noChange || reading.done || reading.milestone != nil || reading.moved
            || reading.confidence != nil || reading.status != nil
        switch ref.kind {
        case .error(let message):
            if says || ref.strong { error(message) }
            return says || ref.strong
        case .found(let entry):
            if !says {
                // A key result named without anything about it: a heading, part of a comment, or a line
                // pasted from the prompt; by its key with words after it ("kr - slower than hoped"), a
                // statement without a value, asked back.
                if ref.strong {
                    referenceOnlyLine = (entry, line)
                    lastTarget = entry
                    if !ref.titled, ref.milestone == nil, index.entries[entry].updatable, reading.problem != nil || (ref.lo == lo && (ref.hi == hi || reading.commentStart != nil || tokens[ref.hi].kind == .dash || tokens[ref.hi].kind == .colon)) {
                        if let problem = reading.problem { error(problem); return true }
                        let target = index.entries[entry].target
                        // "confident on pipeline and churn": the second of a list the confidence was said for.
                        if let confidence = confidenceListed, reading.commentStart == nil, ref.hi == hi,
                           let earlier = result.checkIns.lastIndex(where: { $0.target == target.key }) {
                            result.checkIns[earlier].confidence = confidence
                            return true
                        }
                        if reflecting, let ended = target.startingValue, let reflection = comment(from: reading.commentStart ?? ref.hi, hi) {
                            result.checkIns.append(ParsedCheckIn(target: target.key, value: ended, confidence: nil, status: nil,
                                                                 comment: reflection, line: line, isKPI: target.isKPI, relative: 0))
                            lastStatement = .checkIn(result.checkIns.count - 1)
                            return true
                        }
                        ask("`\(target.key)` has no new value here. What is it now? Write it after the key, e.g. `\(target.key) \(example(for: target))`.", proposal: nil, target: target.key)
                        noValueAsks.append((line, target.key))
                        return true
                    }
                }
                return false
            }
            // "pipeline 120k" from the lead, who owns no pipeline key result: one loose word for a
            // teammate's key result may be another number (the team's whole pipeline). Proposed.
            let named = index.entries[entry]
            if !named.owned, !ref.strong, ref.score < 1.9, !named.target.isKPI, named.updatable, !postingFor.contains(named.target.owner ?? ""),
               !ownsKeyResult(in: named.target.unit), !namesAgain(entry, lo, hi, outside: ref), let (value, proposal) = proposed(reading, for: named.target) {
                let owner = named.target.owner.map { index.names[$0] ?? $0 } ?? "a teammate"
                ask("Is “\(written(ref.lo, ref.hi))” \(owner)'s `\(named.target.key)`, at \(format(value, for: named.target))? Reply yes to record it, or write the key and value.",
                    proposal: proposal, target: named.target.key)
                return true
            }
            let wasPasted = pastedLine
            if ref.titled { pastedLine = true }
            let recorded = record(entry, reading: &reading, lo: lo, hi: hi, blocked: blocked)
            pastedLine = wasPasted
            return recorded
        case .ambiguous(let entries):
            guard says else { return false }
            // "win rate 27⏎sorry, 26 — 27 was the all-territory number": a correction of the key
            // result just reported, when the word could be that one.
            if startsCorrection(lo, hi), case .checkIn(let i)? = lastStatement, let previous = index.entry(key: Array(result.checkIns[i].target.utf8)),
               entries.contains(previous), reading.candidates.first.map({ $0.token < ref.lo }) ?? false {
                return record(previous, reading: &reading, lo: lo, hi: hi, blocked: blocked)
            }
            // ("partner customers 14. Hmm actually let me recheck the partner number, ... it's either 12
            // or 14": the key result just reported, its value put in doubt.)
            // (Only when the value recorded is one of those offered: not "partner customers 11. the
            // partner number for revenue is either 130k or 135k", another one's.)
            // (And the word was said of it before: not "deals 4. resellers either 3 or 4", another one.)
            if reading.either, case .checkIn(let i)? = lastStatement, i < result.checkIns.count, let previous = index.entry(key: Array(result.checkIns[i].target.utf8)),
               entries.contains(previous), reading.candidates.contains(where: { $0.value == result.checkIns[i].value }),
               (0..<ref.lo).contains(where: { j in tokens[j].kind == .word && (ref.lo..<ref.hi).contains { tokens[$0].kind == .word && text($0).elementsEqual(text(j)) } }) {
                result.checkIns.remove(at: i)
                lastStatement = nil
                return record(previous, reading: &reading, lo: lo, hi: hi, blocked: blocked)
            }
            // "we ran 17 demos": a number right before a word of several key results, none of which
            // counts things, counts those things.
            if reading.candidates.count == 1, case let only = reading.candidates[0], only.token + 1 == ref.lo, tokens[only.token].isPlainInteger,
               !tokens[only.token].percent, tokens[only.token].currency == nil, entries.allSatisfy({ index.entries[$0].target.unit != .count }) {
                return true
            }
            // ("we ran 14 demos (!!) and 4 turned into opps", "the 3 enterprise demos": every number
            // counts the word's things or others, up to two words before it.)
            // (The cheap test first: this runs for every clause whose name could be several.)
            // (A number's end may run past the name's start, "999reseller" glued: no range then.)
            if reading.candidates.contains(where: { $0.token < ref.lo && afterNumber($0.token, hi) <= ref.lo && ref.lo - afterNumber($0.token, hi) <= 2 && !(afterNumber($0.token, hi)..<ref.lo).contains { spelled($0, Self.valuePrepositions) } }),
               entries.allSatisfy({ index.entries[$0].target.unit != .count }),
               reading.candidates.allSatisfy({ c in
                   tokens[c.token].isPlainInteger && !tokens[c.token].percent && tokens[c.token].currency == nil
                       // (Adjectives between, "3 enterprise demos": not "28 on demos", "8 for demos", a value said of them.)
                       && (c.token < ref.lo && afterNumber(c.token, hi) <= ref.lo && ref.lo - afterNumber(c.token, hi) <= 2 && (afterNumber(c.token, hi)..<ref.lo).allSatisfy { tokens[$0].kind == .word && !spelled($0, Self.valuePrepositions) }
                           || isIncidental(c.token, lo, hi) || spelled(afterNumber(c.token, hi), ["turned", "became", "converted", "were", "went"]))
               }) {
                return true
            }
            let fitting = entries.filter { fits(reading, index.entries[$0]) }
            if fitting.count == 1 {
                return record(fitting[0], reading: &reading, lo: lo, hi: hi, blocked: blocked)
            }
            let keys = (fitting.isEmpty ? entries : fitting).map { "`\(index.entries[$0].target.key)`" }
            let value = reading.candidates.last.map { written($0.token) }
            ask("“\(written(ref.lo, ref.hi))” could be \(Self.list(keys, "or")). Which one\(value.map { " is \($0) for" } ?? " do you mean")? Write the key, e.g. `\(index.entries[entries[0]].target.key) \(value ?? "…")`.")
            return true
        }
    }

    /// What a "yes" would record for `target` from `reading`, when it decides to a value.
    func proposed(_ reading: Reading, for target: Target) -> (value: Double, proposal: Clarification.Proposal)? {
        var copy = reading
        guard case .value(let value, _) = decide(&copy, target: target) else { return nil }
        return (value, .value(keyResult: target.key, value: value, confidence: copy.confidence, isKPI: target.isKPI))
    }

    /// Whether the author owns a key result (not a KPI) counted in `unit`.
    func ownsKeyResult(in unit: MetricUnit) -> Bool {
        for entry in index.entries where entry.owned && !entry.target.isKPI && entry.target.unit == unit { return true }
        return false
    }

    /// Whether a word of the clause outside `ref` is also one of `entry`'s ("Pipeline über Reseller").
    func namesAgain(_ entry: Int, _ lo: Int, _ hi: Int, outside ref: Reference) -> Bool {
        for k in lo..<hi where (k < ref.lo || k >= ref.hi) && tokens[k].kind == .word && tokens[k].word == .none {
            for hit in index.hits(for: text(k)) where Int(hit.entry) == entry { return true }
        }
        return false
    }

    /// The reference a clause is about: the first, unless a milestone of the same key result is named
    /// ("which means milestone 3 is done").
    func primaryReference(_ refs: [Reference]) -> Reference {
        let firstEntry: Int? = refs[0].entry
        var chosen = 0
        for i in refs.indices {
            let entry: Int? = refs[i].entry
            if refs[i].milestone != nil, firstEntry == nil || entry == firstEntry {
                chosen = i
                break
            }
        }
        return refs[chosen]
    }

    /// "done" completes a key result only when it names one: its key, #n, its title, or two of its
    /// words right before ("reseller partners done"); "pricing sheet done" does not. "milestone 3 is
    /// done" is that many milestones.
    func adjustDone(_ reading: inout Reading, ref: Reference, _ lo: Int, _ hi: Int) {
        var near = false
        var k = ref.hi
        while k < min(hi, ref.hi + 3) {
            if isWord(k, hi, in: .doneWords) || tokens[k].kind == .emoji && tokens[k].emoji == .check || tokens[k].kind == .colon { near = true }
            k += 1
        }
        k = max(lo, ref.lo - 2)
        while k < ref.lo {
            if isWord(k, hi, in: .doneWords) { near = true }
            k += 1
        }
        if reading.done, !(ref.strong || ref.score >= 1.9) || !near { reading.done = false }
        if let number = ref.milestone {
            if reading.done { reading.milestone = number }
            reading.done = false
        }
    }

    /// Records (or asks back) what `reading` says about target `entry`.
    mutating func record(_ entry: Int, reading: inout Reading, lo: Int, hi: Int, blocked: Bool) -> Bool {
        let target = index.entries[entry].target
        lastTarget = entry
        guard index.entries[entry].updatable else {
            let owner = target.owner.map { index.names[$0] ?? $0 } ?? "someone else"
            error("you can't update `\(target.key)`: it belongs to \(owner), and you're not in the team that owns it. Ask them to check it in, or check the key: \(yourKeys())")
            return true
        }
        // "upsell 17 and win rate 25... actually make that 16": a correction nearer another statement's value.
        if reading.epochs > 0, let corrected = reading.candidates.last(where: { $0.epoch == reading.epochs }), case .absolute = corrected.role,
           let before = reading.candidates.last(where: { $0.epoch < reading.epochs }), case .absolute = before.role,
           let other = otherCorrected(corrected.value, instead: before.value, of: target.key) {
            askWhichCorrected(corrected.token, other, target.key, before: before.value)
            return true
        }
        // ("tech partners 2, red on cycle length": a KPI takes no confidence; nothing to record or ask.)
        // ("deal-size conf 6", the KPI named first, is still asked for its value.)
        if target.isKPI, !(tokens[lo].kind == .word && (index.entry(key: text(lo)) == entry || index.hits(for: text(lo)).contains { Int($0.entry) == entry })), reading.candidates.isEmpty, reading.status == nil, !reading.noChange, !reading.moved, !reading.done, reading.confidence != nil { return true }
        // "but I'm more confident about the pipeline": a confidence for a statement made before.
        if reading.candidates.isEmpty, !reading.noChange, !reading.done, reading.milestone == nil, !reading.moved, let confidence = reading.confidence,
           let earlier = result.checkIns.lastIndex(where: { $0.target == target.key }) {
            result.checkIns[earlier].confidence = confidence
            confidenceListed = confidence
            return true
        }
        let comment = reading.commentStart.flatMap { self.comment(from: $0, hi) }
        if reading.confidenceForAll, let confidence = reading.confidence {
            messageConfidence = (confidence, line)
            if let (excepted, own) = confidenceException(reading.commentStart ?? lo, hi) {
                setOwnConfidence(excepted, own, from: confidence)
                if excepted == entry { reading.confidence = own }
            }
        }
        var status = reading.status
        if blocked { status = status ?? .blocked }
        // "93 - no sorry, that's last year's": a value taken back in the same breath is not recorded;
        // a value that follows ("91.5 this week") is the one meant.
        if reading.takenBack {
            // "pipeline 120k, but I double-counted Initech (30k)": counted wrong, and the right value
            // not said; asked (what it comes to without the amount counted twice is proposed).
            if let written = reading.candidates.last, written.role == .absolute, let at = (lo..<hi).first(where: { takenBackBy($0, hi) }) {
                let twice = (at..<hi).contains { isWord($0, hi, .twice) || isWord($0, hi, .double) || spelled($0, ["double-counted", "doublecounted", "overcounted", "over-counted"]) }
                let proposal = reading.miscounted.flatMap { twice && $0 < written.value ? written.value - $0 : nil }
                ask("You wrote \(format(written.value, for: target)) for `\(target.key)` and then that something was counted wrong: "
                    + (proposal.map { "is it \(format($0, for: target))? Reply yes to record \(format($0, for: target)), or write the right value." } ?? "reply with the right value."),
                    proposal: proposal.map { .value(keyResult: target.key, value: $0, confidence: reading.confidence, isKPI: target.isKPI) }, target: target.key)
                pendingCorrection = true
                retracted = entry
                return true
            }
            pendingCorrection = true
            retracted = entry
            lastStatement = nil
            return true
        }
        if let problem = reading.problem {
            error(problem)
            return true
        }
        if reading.candidates.isEmpty, reading.milestone == nil, !index.entries[entry].milestoneWords.isEmpty {
            for k in lo..<hi where tokens[k].kind == .word {
                if let (position, _) = milestone(named: k, hi, in: index.entries[entry].milestoneWords) {
                    reading.milestone = position + 1
                    reading.done = false
                    break
                }
            }
        }
        let decision = decide(&reading, target: target)
        // A line pasted from the prompt with its value unchanged says nothing new (unless the person
        // added a confidence to it: "...: $120,000 of $400,000 conf 5 - nothing closed").
        // (Nor with a blocker said on it: "...: 2 of 5 - legal still blocking".)
        if pastedLine, case .value(let value, nil) = decision, value == target.lastValue, !reading.noChange, reading.confidence == nil, !blocked {
            referenceOnlyLine = (entry, line)
            pastedUnchanged.append(entry)
            // (Copied as the prompt shows it, its progress bar and all, it is an echo; retyped or
            // trimmed, it is what the person reports: see `recordPastedUnchanged`.)
            // (Bare, and the author's own: not "...: 3 of 8 - haven't updated this yet", "3 of 8 ??",
            // "(tbd)", a teammate's line pasted with one's own, a KPI.)
            if !lineShowsProgressBar(), reading.commentStart == nil, index.entries[entry].owned, !target.isKPI,
               !lower[lineStart..<lineEnd].contains(UInt8(ascii: "?")), !lower[lineStart..<lineEnd].contains(UInt8(ascii: "(")) { pastedUnchangedLines[entry] = line }
            return true
        }
        // ("pipeline 120k, Vogel withdrew 20k, so it's 100k": the comment concludes with another value.)
        if case .value(let value, nil) = decision, let from = reading.commentStart, from < hi,
           let k = (from..<hi).first(where: { concludesOtherValue($0, from: from, hi, target: target, instead: value) }) {
            ask(Self.whichOf(target.key, format(value, for: target), "“\(written(k))”"), target: target.key)
            return true
        }
        // ("tech partners: 3 (Stackhaus pending board approval)": the goal said reached, with what
        // still makes it count missing.)
        if case .value(let value, nil) = decision, let from = reading.commentStart, from < hi, reaches(value, target), stillMissing(from, hi) {
            ask(Self.doubted(target.key, NumberWriter.plain(value), original(from: from, to: hi, trimming: ".,;:!?()- "), format(value, for: target)),
                proposal: .value(keyResult: target.key, value: value, confidence: reading.confidence, isKPI: target.isKPI), target: target.key)
            return true
        }
        if questioned, case .value(let value, _) = decision {
            ask("Is `\(target.key)` \(format(value, for: target)) now? Reply yes to record it, or write the right value.", proposal: .value(keyResult: target.key, value: value, confidence: reading.confidence, isKPI: target.isKPI), target: target.key)
            return true
        }
        switch decision {
        case .value(let value, let relative):
            pendingCorrection = reading.trailingCorrection
            if let said = confidenceWithoutValue.removeValue(forKey: target.key),
               let asked = result.clarifications.lastIndex(where: { $0.target == target.key && $0.question.hasPrefix("I have confidence") }) {
                removeClarification(at: asked)
                reading.confidence = reading.confidence ?? said
            }
            let checkIn = ParsedCheckIn(target: target.key, value: value, confidence: reading.confidence, status: status, comment: comment,
                                        line: line, isKPI: target.isKPI, relative: relative)
            // A key result reported twice in one message: a correction ("sorry, 7") replaces the
            // earlier value; the same value again is one statement; two different values with
            // nothing saying which is meant are asked back, never one of them guessed.
            if let previous = result.checkIns.lastIndex(where: { $0.target == target.key }) {
                let earlier = result.checkIns[previous]
                // "X is done ... that's 3 of 4": "done" was about a part; the number says where it stands.
                let doneWasAPart = completedByWord.contains(target.key) && !reading.done && !reading.candidates.isEmpty
                if doneWasAPart { completedByWord.remove(target.key) }
                // "coverage 74 ... correction: coverage 47": the same digits swapped, and the correction
                // sets it back below last week's: which one is the typo?
                if reading.epochs > 0, Self.swappedDigits(earlier.value, value), let last = target.lastValue,
                   target.kind == .increase ? value < last && earlier.value >= last : target.kind == .decrease && value > last && earlier.value <= last {
                    result.checkIns.remove(at: previous)
                    ask("`\(target.key)`: \(format(earlier.value, for: target)) or \(format(value, for: target))? The correction has the same digits swapped and puts it back below last week's \(format(last, for: target)). Reply with the one to record.", target: target.key)
                    return true
                }
                if reading.epochs > 0 || doneWasAPart || abs(earlier.value - value) <= abs(value) * 1e-9 {
                    var merged = checkIn
                    if reading.epochs == 0 {
                        merged.confidence = checkIn.confidence ?? earlier.confidence
                        merged.comment = checkIn.comment ?? earlier.comment
                        merged.line = earlier.line
                    }
                    result.checkIns[previous] = merged
                    lastStatement = .checkIn(previous)
                    lastStatementCorrected = reading.epochs > 0
                } else {
                    result.checkIns.remove(at: previous)
                    ask(Self.whichOf(target.key, format(earlier.value, for: target), format(value, for: target)), target: target.key)
                }
            } else {
                result.checkIns.append(checkIn)
                lastStatement = .checkIn(result.checkIns.count - 1)
                lastStatementCorrected = reading.epochs > 0
                if reading.done && reading.candidates.isEmpty { completedByWord.insert(target.key) }
            }
            if let blockerText = reading.blockerText {
                result.blockers.append(ParsedBlocker(target: target.key, text: blockerText, line: line))
            }
        case .ask(let question, let proposal):
            if reading.candidates.isEmpty, !reading.noChange, !reading.moved, !reading.done, reading.milestone == nil, let confidence = reading.confidence {
                confidenceWithoutValue[target.key] = confidence
            }
            ask(question, proposal: proposal.map { .value(keyResult: target.key, value: $0, confidence: reading.confidence, isKPI: target.isKPI) }, target: target.key)
        case .refuse(let message):
            error(message)
        case .nothing:
            return false
        }
        return true
    }

    enum Decision {
        case value(Double, relative: Double?)
        case ask(String, proposal: Double?)
        case refuse(String)
        case nothing
    }

    /// Turns what a clause says into a value, a question, or a refusal.
    func decide(_ reading: inout Reading, target: Target) -> Decision {
        let key = target.key
        var live = reading.candidates
        if reading.epochs > 0, let last = live.map(\.epoch).max(), last > 0 {
            let corrected = live.filter { $0.epoch == last }
            // ("deals 4 sorry 2 more", "4 oops +2": a change after a value put right may be on it or on
            // last week's; asked.)
            func isChange(_ c: Candidate) -> Bool { if case .relative = c.role { return true }; return false }
            if !corrected.isEmpty, corrected.allSatisfy(isChange), live.contains(where: { $0.epoch < last && $0.role == .absolute }) {
                return .ask("“\(written(corrected[0].token))” for `\(key)`: more than the value you wrote before it, or than last week's? Reply with the value to record, e.g. `\(key) \(example(for: target))`.", proposal: nil)
            }
            if !corrected.isEmpty { live = corrected }
        }
        // ("without them it's 79, so 79": the same value said twice is one.)
        if reading.either, live.count >= 2, live.allSatisfy({ $0.value == live[0].value && tokens[$0.token].percent == tokens[live[0].token].percent }) {
            reading.either = false
            live = [live[live.count - 1]]
            reading.candidates = live
        }
        if reading.either, !live.isEmpty {
            if live.count >= 2 {
                return .ask("“\(written(live[0].token))” or “\(written(live[live.count - 1].token))” for `\(key)`? Reply with the one to record.", proposal: nil)
            }
            return .ask("“\(written(live[0].token))” for `\(key)`, or another value said with it? Reply with the value to record.", proposal: nil)
        }
        var absolutes = live.filter { if case .relative = $0.role { return false }; if case .percentChange = $0.role { return false }; return true }
        // "partner revenue 150k, 40% of the way there": the value written outranks a share of the
        // target said beside it.
        // ("partner revenue halfway there, Globex alone brought in 130k": a number elsewhere may be a
        // part, so the two are asked.)
        let shares = absolutes.filter { if case .shareOfTarget = $0.role { return true }; return false }
        if !shares.isEmpty, shares.count < absolutes.count {
            guard absolutes.contains(where: { $0.rightAfterName }) else {
                return .ask("I read \(Self.list(absolutes.prefix(3).map { "“\(written($0.token))”" }, "and")) for `\(key)`. Which is the value now? Reply with it, e.g. `\(key) \(example(for: target))`.", proposal: nil)
            }
            absolutes.removeAll { candidate in shares.contains { $0.token == candidate.token } }
        }
        let relatives = live.filter { candidate in !absolutes.contains { $0.token == candidate.token } && !shares.contains { $0.token == candidate.token } }
        var chosen: Candidate?
        if absolutes.count == 1 {
            chosen = absolutes[0]
            // "partner customers +2, so 12 now" after 9: the change and the value disagree.
            // ("close rate up 2 points, now at 26%" after 23: the same for a rate, beyond rounding.)
            if relatives.count == 1, case .relative(let delta) = relatives[0].role, let last = target.lastValue, case .absolute = absolutes[0].role,
               target.unit == .count && delta == delta.rounded() && abs(last + delta - absolutes[0].value) > 0.001
               || target.unit == .percent && abs(last + delta - absolutes[0].value) > 0.5 {
                return .ask("“\(written(relatives[0].token))” and “\(written(absolutes[0].token))” for `\(key)`: okrd has \(format(last, for: target)) from last week, and \(format(last, for: target)) \(delta < 0 ? "-" : "+") \(NumberWriter.plain(abs(delta))) is \(format(last + delta, for: target)). Which is it now? Reply with the value.", proposal: nil)
            }
        } else if absolutes.count > 1 {
            // Two values: the one said to be the value now ("to 31%", "now at 4") wins; otherwise ask.
            let explicit = absolutes.filter(\.explicit)
            if explicit.count == 1 {
                chosen = explicit[0]
            } else if Set(absolutes.map(\.value)).count == 1 {
                chosen = absolutes.last
            } else {
                let shown = absolutes.prefix(3).map { "“\(written($0.token))”" }
                return .ask("I read \(Self.list(shown, "and")) for `\(key)`. Which is the value now? Reply with it, e.g. `\(key) \(written(absolutes.last!.token))`.", proposal: nil)
            }
        } else if relatives.count == 1 {
            chosen = relatives[0]
        } else if relatives.count > 1 {
            return .ask("I read more than one change for `\(key)` (\(relatives.map { written($0.token) }.joined(separator: ", "))). What is the value now? Reply with it, e.g. `\(key) …`.", proposal: nil)
        }

        guard let chosen else {
            if reading.done {
                guard let goal = target.goal else { return .refuse("`\(key)` has no target, so I can't tell what “done” means; write the value.") }
                return .value(goal, relative: nil)
            }
            if let milestone = reading.milestone { return .value(Double(milestone), relative: nil) }
            if reading.noChange {
                if reading.moved || reading.hedged || reading.noChangeUnsure {
                    return .ask("Did `\(key)` stay at \(target.lastValue.map { format($0, for: target) } ?? "its value") or move? Reply with the value now, e.g. `\(key) \(example(for: target))`.", proposal: nil)
                }
                guard let last = target.lastValue else {
                    return .ask("`\(key)` has no earlier value to keep. What is it now? Reply with the value, e.g. `\(key) \(example(for: target))`.", proposal: nil)
                }
                return .value(last, relative: 0)
            }
            if reading.moved {
                return .ask("`\(key)` moved: to what? Reply with the new value, e.g. `\(key) \(example(for: target))`.", proposal: nil)
            }
            // Only a confidence or a status: a check-in needs a value.
            let about = reading.confidence.map { "confidence \($0)" } ?? reading.status.map { $0.rawValue.replacingOccurrences(of: "_", with: " ") } ?? "something"
            if let last = target.lastValue {
                return .ask("I have \(about) for `\(key)` but no value. Is it still \(format(last, for: target))? Reply yes to record \(format(last, for: target)) with it, or write the value.", proposal: last)
            }
            return .ask("I have \(about) for `\(key)` but no value. What is it now? Write it, e.g. `\(key) \(example(for: target))`.", proposal: nil)
        }

        switch resolve(chosen, target: target) {
        case .failure(let problem):
            switch problem {
            case .refuse(let message): return .refuse(message)
            case .ask(let question, let proposal): return .ask(question, proposal: proposal)
            }
        case .success(let (value, relative)):
            // ("coverage up 5 from 70", "+5 (was 70)" when okrd has 68: the change on which of the two?)
            if let relative, relative != 0, let base = reading.statedBase, base != target.lastValue, let last = target.lastValue ?? Optional(0), abs(base - last) > abs(last) * 1e-9 {
                return .ask(Self.whichOf(key, format(base + relative, for: target), format(value, for: target)) + " (You wrote it from \(format(base, for: target)); okrd has \(format(last, for: target)) from last week.)", proposal: nil)
            }
            if relative != nil, reading.changeFromToday {
                return .ask("“\(written(chosen.token))” for `\(key)` since earlier today: from which value? okrd has \(target.lastValue.map { format($0, for: target) } ?? "no value") from last week. Reply with the value now, e.g. `\(key) \(example(for: target))`.", proposal: nil)
            }
            // "Nov 1-20 we picked up 2 new customers", "+3 since October": a change over a period that
            // reaches back before last week's check-in may already be in last week's value.
            if let relative, relative != 0, let period = periodBeforeLastCheckIn(min(sentenceStart, reading.span.lowerBound)..<reading.span.upperBound) {
                return .ask("“\(written(chosen.token))” \(period) for `\(key)`: okrd has \(target.lastValue.map { format($0, for: target) } ?? "no value") from last week's check-in. Is the change on top of that? Reply yes to record \(format(value, for: target)), or write the value now.", proposal: value)
            }
            // "2 more deals" for a rate, an amount or a duration: a count of something else, never its value.
            let number = tokens[chosen.token]
            let afterChosen = afterNumber(chosen.token, tokens.count)
            // (Not a unit it converts from, "6 weeks", nor the name of the next key result: "cov 74 deals 4".)
            var at = afterChosen
            if isWord(at, tokens.count, .more) || isWord(at, tokens.count, .new) || isWord(at, tokens.count, .additional) || isWord(at, tokens.count, .extra) { at += 1 }
            if target.unit != .count, number.isPlainInteger, !number.scaled, let noun = countedNoun(at, tokens.count), !WordSet.timeNouns.contains(noun), !nounBelongs(noun, at, to: nil, target: target),
               !isKind(at + 1, tokens.count, .number), !(isKind(at + 1, tokens.count, .colon) && isKind(at + 2, tokens.count, .number)) {
                return .ask("“\(written(chosen.token, at + 1))” counts something `\(key)` does not measure. What is `\(key)` now? Reply with it, e.g. `\(key) \(example(for: target))`.", proposal: nil)
            }
            // "46 biz days": working days are not the calendar days a duration counts.
            if target.unit == .days, spelled(afterChosen, Self.workingDayWords) {
                return .ask("“\(written(chosen.token, afterChosen + 2))” for `\(key)`: it counts calendar days. How many calendar days is that? Reply with them, e.g. `\(key) \(example(for: target))`.", proposal: nil)
            }
            // "pipeline up 50" on 650k: a change in money too small to be meant without its "k".
            if case .currency = target.unit, let relative, relative != 0, abs(relative) < 1000, !number.scaled, number.currency == nil,
               let last = target.lastValue, abs(last) >= 10_000 {
                let proposal = last + relative * 1000
                return .ask("“\(written(chosen.token))” for `\(key)` is a change of \(format(relative, for: target)) on \(format(last, for: target)): did you mean \(format(proposal, for: target))? Reply yes to record \(format(proposal, for: target)), or write the value now.", proposal: proposal)
            }
            // An implausible value is asked about first, so a hedged one is never proposed as it is.
            let shown = written(chosen.token)
            if let problem = implausible(value, target: target, written: shown, relative: relative != nil, saidDown: reading.saidDown,
                                         explained: reading.commentStart != nil || reading.confidence != nil) {
                return .ask(problem.question, proposal: problem.proposal)
            }
            // (A second value for a key result that has one in this message is left to the conflict of the two.)
            // ("partners 6 - signed 4 this week at the summit": the jump said in the clause is explained.)
            // (A change said for a rate, an amount or a score is asked the same: "pipeline +300k" after 90k.)
            if relative == nil || target.unit != .count, !result.checkIns.contains(where: { $0.target == key }), let question = pastTargetInOneJump(value, target: target),
               relative != nil || !reading.span.contains(where: { $0 < tokens.count && tokens[$0].kind == .number && tokens[$0].value == value - (target.lastValue ?? 0) }) {
                return .ask(question, proposal: value)
            }
            // "140k gross, minus the 20k the partner hasn't qualified yet", "120k + 18k (Initech) + 7.5k
            // (Hooli)": a sum still to be done; the result is proposed.
            if relative == nil, let total = sumAfter(chosen.token, value: value, target: target) {
                return .ask("“\(written(chosen.token, total.end))” for `\(key)`: is it \(format(total.value, for: target)) in all? Reply yes to record \(format(total.value, for: target)), or write the value now.", proposal: total.value)
            }
            // "reseller deals 5 (incl. 2 pending signature)": a value that counts what is not final yet.
            // (An amount only when written as one: "180k incl 2 verbal" counts deals, not dollars.)
            if let (pending, end) = includedPending(after: afterChosen), pending.value < value, !pending.percent, pending.currency == number.currency,
               target.unit == .count || pending.scaled || pending.currency != nil {
                let without = value - pending.value
                return .ask("“\(written(chosen.token)) \(written(afterChosen, end).trimmingCharacters(in: CharacterSet(charactersIn: " ()")))” for `\(key)`: is it \(format(without, for: target)) without what is still pending? Reply yes to record \(format(without, for: target)), or write the value to record.", proposal: without)
            }
            if tableRowAmbiguous {
                return .ask("This table row has more than one value for `\(key)`, and its header does not say which is now. Which is it? Reply with it, e.g. `\(key) \(example(for: target))`.", proposal: nil)
            }
            if reading.hedged || conditionalSentence {
                return .ask("You wrote “\(written(chosen.token))” for `\(key)` with some doubt. Record \(format(value, for: target))? Reply yes, or write the exact value.", proposal: value)
            }
            return .value(value, relative: relative)
        }
    }

    /// ("Conf 8 on all, even with Li out until Jan 4", "confident we get to 5 before Jan" stay.)
    func aboutNextPeriod(_ lo: Int, _ hi: Int) -> Bool {
        (lo..<hi).contains { spelled($0, Self.nextPeriodWords) || isWord($0, hi, .next) && spelled($0 + 1, ["year", "quarter"]) }
            && (lo..<hi).contains { isWord($0, hi, .will) || isWord($0, hi, .well) }
            && !(lo..<hi).contains { isWord($0, hi, .we) || isWord($0, hi, .i) || isWord($0, hi, .all) }
    }

    static let nextPeriodWords = Spellings(["january", "jan", "february", "feb", "q1", "q2", "2027", "januar", "enero", "janvier", "janeiro", "gennaio"])
    static let minusWords = Spellings(["minus", "less", "abzüglich", "menos", "moins", "meno", "min"])

    /// The sum a value is followed by ("+ 18k (Initech) + 7.5k", "minus the 20k"), with the token it ends at.
    func sumAfter(_ k: Int, value: Double, target: Target) -> (value: Double, end: Int)? {
        let n = tokens.count
        var j = afterNumber(k, n)
        // ("140k gross, minus ...")
        if spelled(j, ["gross", "total", "brutto"]) { j += 1 }
        if isKind(j, n, .comma) { j += 1 }
        var total = value
        var terms = 0
        while j < n {
            let sign: Double
            if isSymbol(j, n, UInt8(ascii: "+")) || isWord(j, n, .plus) { sign = 1 } else if spelled(j, Self.minusWords) || isWord(j, n, .minus) { sign = -1 } else { break }
            var t = j + 1
            if isWord(t, n, .the) || isWord(t, n, .another) { t += 1 }
            let after = afterNumber(t, n)
            // (A term added stands alone or names its source in parentheses: not "120k + 2 more deals".)
            guard t < n, tokens[t].kind == .number, !tokens[t].percent || target.unit == .percent, tokens[t].currency == nil || tokens[t].currency == tokens[k].currency,
                  sign < 0 || after >= n || tokens[after].kind != .word || isWord(after, n, .plus) || spelled(after, Self.minusWords) else { break }
            total += sign * abs(tokens[t].value)
            terms += 1
            j = afterNumber(t, n)
            // ("+ 18k (Initech)": the name of where it came from)
            if isKind(j, n, .open), let close = (j + 1..<min(n, j + 6)).first(where: { tokens[$0].kind == .close }) { j = close + 1 }
        }
        guard terms > 0, total >= 0 else { return nil }
        return ((total * 100).rounded() / 100, j)
    }

    static let periodWords = Spellings(["mtd", "qtd", "ytd", "month-to-date", "quarter-to-date", "year-to-date"])
    static let periodAfterThis = Spellings(["month", "quarter", "year", "monat", "quartal", "mes", "mois", "trimestre"])
    static let periodAfterSince = Spellings(["start", "beginning", "launch", "kickoff", "q4", "q3", "oct", "october", "november", "nov", "the"])

    /// A period named in the clause that reaches back before last week's check-in ("Nov 1-20", "since
    /// October", "this month", "in November", "QTD"), as written.
    func periodBeforeLastCheckIn(_ span: Range<Int>) -> String? {
        let hi = min(span.upperBound, tokens.count)
        var k = span.lowerBound
        while k < hi {
            defer { k += 1 }
            guard tokens[k].kind == .word else { continue }
            if spelled(k, Self.periodWords) { return written(k) }
            if (isWord(k, hi, .this) || spelled(k, ["so", "far"]) && isWord(k + 1, hi, .this)) && spelled(isWord(k, hi, .this) ? k + 1 : k + 2, Self.periodAfterThis) {
                return written(k, isWord(k, hi, .this) ? k + 2 : k + 3)
            }
            let isMonth = monthAt(k, tokens.count)
            // "since October", "since the 1st", "since Oct 1"; not "since last week" or "since Monday".
            if isWord(k, hi, .since), k + 1 < hi, monthAt(k + 1, tokens.count) || spelled(k + 1, Self.periodAfterSince) && !isWord(k + 2, hi, .last) && !isWord(k + 2, hi, .week) || tokens[k + 1].kind == .number,
               !sinceLastCheckIn(k + 1) {
                var end = k + 2
                if isWord(k + 1, hi, .the) || monthAt(k + 1, tokens.count) && isKind(end, hi, .number) { end += 1 }
                if end < hi, isOrdinalSuffix(end) { end += 1 }
                return written(k, min(hi, end))
            }
            // "1-20 Nov", "1 - 20 Nov".
            if tokens[k].kind == .word, isMonth, k >= 2, isKind(k - 1, hi, .number) || tokens[k - 1].kind == .word && bytes[tokens[k - 1].start] == UInt8(ascii: "-"),
               isKind(k - 2, hi, .dash) || isKind(k - 2, hi, .number) && tokens[k - 2].end == tokens[k - 1].start {
                return written(max(span.lowerBound, k - 3), k + 1)
            }
            // "in November", "in Q4".
            if isWord(k, hi, .in), k + 1 < hi, monthAt(k + 1, tokens.count) || spelled(k + 1, ["q4", "oct", "october", "nov", "november"]) { return written(k, k + 2) }
            // "Nov 1-20", "Nov 1 - 20", "1-20 Nov": a range of days in a month.
            if isMonth, isKind(k + 1, hi, .number), isKind(k + 2, hi, .dash) && isKind(k + 3, hi, .number) && tokens[k + 3].value > tokens[k + 1].value && isDatePart(k + 3, hi)
                || isWord(k + 2, hi, .to) && isKind(k + 3, hi, .number) && tokens[k + 3].value > tokens[k + 1].value
                || k + 2 < hi && tokens[k + 2].start == tokens[k + 1].end && bytes[tokens[k + 2].start] == UInt8(ascii: "-") {
                return written(k, min(hi, isKind(k + 2, hi, .dash) || isWord(k + 2, hi, .to) ? k + 4 : k + 3))
            }
        }
        return nil
    }

    /// Whether the date after "since" at `k` is last week's check-in or later ("since Nov 16" on Nov 23).
    func sinceLastCheckIn(_ k: Int) -> Bool {
        let reader = DateReader(replyTime: replyTime, timeZone: timeZone)
        guard case .day(let day) = reader.read(words: DateReader.words(lower, tokens[k].start..<lineEnd)).0 else { return false }
        return day >= reader.adding(-7)
    }

    /// Whether token `k` (before `hi`) is a month's name.
    func monthAt(_ k: Int, _ hi: Int) -> Bool {
        k >= 0 && k < hi && tokens[k].kind == .word && DateReader.monthHashes[TargetIndex.hash64(text(k))] != nil
    }

    static let includingWords = Spellings(["incl", "including", "includes", "included", "inkl", "inkl.", "incl.", "incluye", "incluyendo", "inclui", "incluindo", "dont"])
    static let pendingWords = Spellings(["pending", "unsigned", "verbal", "verbally", "tentative", "unconfirmed", "awaiting", "outstanding", "ausstehend", "pendiente", "pendientes", "pendente", "pendentes", "offen"])

    static let thoseWords = Spellings(["those", "them", "these", "which", "den", "denen", "ellos", "esos", "eles", "esses"])

    /// "• deals: 4 / ◦ well, 1 of those is still waiting on the customer's signature": part of the
    /// value just recorded is not final yet, so it is asked instead, proposing the value without it.
    mutating func readPendingPart(_ lo: Int, _ hi: Int) -> Bool {
        // (Only a line right after the value that names nothing else and counts nothing else: not
        // "reseller deals 5, 1 of which is still waiting", nor "3 referrals, 2 of them waiting".)
        guard case .checkIn(let i)? = lastStatement, result.checkIns[i].line == line - 1,
              (lo..<hi).filter({ tokens[$0].kind == .number }).count == 1, let at = (lo..<hi).first(where: { k in
            tokens[k].kind == .number && tokens[k].isPlainInteger && (isWord(k + 1, hi, .of) || isWord(k + 1, hi, .from)) && spelled(k + 2, Self.thoseWords)
        }), (at + 3..<min(hi, at + 9)).contains(where: { spelled($0, Self.pendingWords) || isWord($0, hi, .waiting) || isWord($0, hi, .not) && isWord($0 + 1, hi, .yet) }),
              !(at + 3..<hi).contains(where: { isPastTense($0) }), references(lo, hi).isEmpty, !(lo..<hi).contains(where: { actionReference(at: $0, hi) != nil }),
              let entry = index.entry(key: Array(result.checkIns[i].target.utf8)), index.entries[entry].target.unit == .count,
              tokens[at].value < result.checkIns[i].value else { return false }
        let target = index.entries[entry].target
        let recorded = result.checkIns.remove(at: i)
        let without = recorded.value - tokens[at].value
        ask("“\(format(recorded.value, for: target))” for `\(target.key)` includes \(written(at)) not final yet: is it \(format(without, for: target)) without it? Reply yes to record \(format(without, for: target)), or write the value to record.",
            proposal: .value(keyResult: target.key, value: without, confidence: recorded.confidence, isKPI: target.isKPI), target: target.key)
        return true
    }

    /// "(incl. 2 pending signature)", "including 1 verbal" right after a value: how much of it is
    /// not final yet, and the token after the phrase.
    func includedPending(after k: Int) -> (Token, Int)? {
        var j = k
        if isKind(j, tokens.count, .open) || isKind(j, tokens.count, .comma) || isKind(j, tokens.count, .dash) { j += 1 }
        guard spelled(j, Self.includingWords) else { return nil }
        j += 1
        if isSymbol(j, tokens.count, UInt8(ascii: ".")) { j += 1 }
        guard isKind(j, tokens.count, .number) else { return nil }
        let amount = tokens[j]
        let end = min(tokens.count, j + 4)
        guard let said = (j + 1..<end).first(where: { spelled($0, Self.pendingWords) || isWord($0, tokens.count, .not) && spelled($0 + 1, ["yet", "signed", "final", "closed"]) }) else { return nil }
        var after = said + 1
        while after < tokens.count, tokens[after].kind == .word, after < said + 3 { after += 1 }
        if isKind(after, tokens.count, .close) { after += 1 }
        return (amount, after)
    }

    /// Whether a reading could be about `entry` (to choose among targets a word fits equally).
    func fits(_ reading: Reading, _ entry: TargetIndex.Entry) -> Bool {
        let target = entry.target
        guard let candidate = reading.candidates.last else { return true }
        let token = tokens[candidate.token]
        if let denominator = candidate.denominator {
            if let count = target.milestoneCount { return Double(count) == denominator }
            return target.goal == denominator
        }
        if let currency = token.currency { return target.unit == .currency(currency) }
        if token.percent, case .absolute = candidate.role { return target.unit == .percent }
        if let denominator = token.denominator {
            if let count = target.milestoneCount { return Double(count) == denominator }
            return target.goal == denominator
        }
        // Only what was written decides (a currency, a percent sign, "of 5"); a size that merely looks
        // plausible for one of them would be a guess.
        guard case .success = resolve(candidate, target: target) else { return false }
        return token.currency != nil || token.percent || candidate.denominator != nil
    }

    /// Comment text from token `k` to the end of the clause.
    func comment(from k: Int, _ hi: Int) -> String? {
        // Only smileys and symbols (":)", "🙌") say nothing to keep.
        guard k < hi, (k..<hi).contains(where: { tokens[$0].kind != .other }) else { return nil }
        let parenthesised = tokens[k].kind == .open && tokens[hi - 1].kind == .close
        let text = parenthesised ? original(from: k + 1, to: hi - 1, trimming: "-,;:") : original(from: k, to: hi, trimming: "-,;:.")
        return text.isEmpty ? nil : Self.limited(text, 1000)
    }

    static func list(_ items: [String], _ conjunction: String) -> String {
        switch items.count {
        case 0: ""
        case 1: items[0]
        case 2: "\(items[0]) \(conjunction) \(items[1])"
        default: items.dropLast().joined(separator: ", ") + ", \(conjunction) " + items.last!
        }
    }

    /// "Yours: #1 `territories`, #2 `territory-coverage`, ..."
    func yourKeys() -> String {
        let mine = index.entries.filter { $0.updatable && $0.number != nil }.prefix(6)
        guard !mine.isEmpty else { return "You have no key results to update." }
        return "Yours: " + mine.map { "#\($0.number!) `\($0.target.key)`" }.joined(separator: ", ") + "."
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

    /// A value in the target's unit, for questions: `31%`, `$120,000`, `3`.
    func format(_ value: Double, for target: Target) -> String {
        let number = NumberWriter.plain(value)
        switch target.unit {
        case .percent: return "\(number)%"
        case .currency(let code): return code == "USD" ? "$\(NumberWriter.grouped(value))" : "\(NumberWriter.grouped(value)) \(code)"
        case .days: return "\(number) days"
        case .count, .number: return number
        }
    }

    // MARK: Clauses without a key result

    /// Whether the number at `k` concludes ("..., so it's 100k", "So 130k now", "so let's say 2.5 for
    /// now") with what may be the value of `target` instead of `value`.
    /// (Said plainly, ending there: not "So 25 if Hansa closes", "so 16 without the pilot".)
    func concludesOtherValue(_ k: Int, from lo: Int, _ hi: Int, target: Target, instead value: Double) -> Bool {
        guard tokens[k].kind == .number, tokens[k].value != value, concludes(lo, before: k), fits(k, target, near: value) else { return false }
        let after = afterNumber(k, hi)
        return correctionEnds(k, hi) || spelled(after, ["for"]) && spelled(after + 1, ["now"]) || spelled(after, ["then", "haha", "lol"])
    }

    /// "So 130k now", "so it's 150k", "so let's say 2.5", "which makes 130k": a clause from `lo` that
    /// concludes with the number at `k`.
    func concludes(_ lo: Int, before k: Int) -> Bool {
        // (The clause may start after its "So": "So 130k now.")
        let first = max(0, lo - 1)
        var j = k - 1
        while j > first, spelled(j, Self.conclusionFillers) || isKind(j, k, .comma) { j -= 1 }
        if j > first, spelled(j, ["makes", "puts", "brings", "leaves"]), spelled(j - 1, ["which", "that"]) { j -= 1 }
        guard j >= first, isWord(j, k, .so) || spelled(j, ["therefore", "thus", "hence", "which", "that"]) else { return false }
        return j == 0 || tokens[j - 1].kind == .comma || tokens[j - 1].kind == .dash || isSentenceStop(j - 1)
    }

    static let conclusionFillers = Spellings(["it's", "its", "it", "is", "that's", "thats", "we're", "were", "we", "are", "let's", "lets", "say", "call", "makes", "puts", "brings", "us",
                                             "to", "at", "really", "now", "actually", "about", "around", "~", "more", "like", "leaves"])

    /// Whether the number at `k` may be a value of `target` near `value` (its unit, within a factor of three).
    func fits(_ k: Int, _ target: Target, near value: Double) -> Bool {
        let token = tokens[k]
        let number = token.value
        guard number > 0, value > 0, number / value <= 3, value / number <= 3 else { return false }
        switch target.unit {
        case .percent: return token.currency == nil && !token.scaled
        case .currency: return !token.percent && (token.currency != nil || token.scaled || number >= 1000)
        default: return !token.percent && token.currency == nil
        }
    }

    /// Takes the last statement back, when it was a check-in, and asks whether it or the number at
    /// `k` is the value.
    /// The number of a clause that is only a number in doubt: "11?", "upd: 11?", "or 11??", "maybe 11?".
    func doubtedNumberAlone(_ lo: Int, _ hi: Int) -> Int? {
        var n = lo
        while n < hi, tokens[n].kind == .colon || tokens[n].kind == .comma || spelled(n, Self.doubtedNumberLeads) { n += 1 }
        guard n < hi, tokens[n].kind == .number, !tokens[n].delta else { return nil }
        let after = afterNumber(n, tokens.count)
        guard isSymbol(after, tokens.count, UInt8(ascii: "?")) else { return nil }
        return (after..<hi).allSatisfy { tokens[$0].kind == .other } ? n : nil
    }

    static let doubtedNumberLeads = Spellings(["upd", "update", "or", "maybe", "perhaps", "possibly", "probably", "prob", "hmm", "hm", "edit", "actually", "rather", "more", "like"])

    mutating func askWhichOfLast(or k: Int) -> Bool {
        guard case .checkIn(let i)? = lastStatement, i < result.checkIns.count else { return false }
        askWhichOf(checkIn: i, or: k)
        return true
    }

    /// Takes the check-in at `i` back and asks whether its value or the number at `k` is the one.
    mutating func askWhichOf(checkIn i: Int, or k: Int) {
        let previous = result.checkIns[i]
        let shown = index.entry(key: Array(previous.target.utf8)).map { format(previous.value, for: index.entries[$0].target) } ?? NumberWriter.plain(previous.value)
        askInstead(ofCheckIn: i, proposing: false, Self.whichOf(previous.target, shown, "“\(written(k))”"))
    }

    /// The question whether `shown` or `other` is the value of `key`.
    static func whichOf(_ key: String, _ shown: String, _ other: String) -> String {
        "`\(key)`: \(shown) or \(other)? Reply with the one to record."
    }

    /// A value without a key result: it answers okrd's pending question, corrects the statement
    /// before, belongs to the line above ("^ it's 12 now"), or to the author's only key result.
    mutating func readWithoutReference(_ lo: Int, _ hi: Int) {
        if readStatementByPosition(lo, hi) { return }
        // "partner-revenue 150k⏎hmm might be 140k, one invoice isn't final": the value just given,
        // or another one: asked.
        var m = lo
        while m < hi, isWord(m, hi, .hmm) || isWord(m, hi, .oh) || isWord(m, hi, .actually) || isWord(m, hi, .wait) || isKind(m, hi, .comma) { m += 1 }
        if isWord(m, hi, .might) || isWord(m, hi, .could) || spelled(m, ["may"]), isWord(m + 1, hi, .be), isKind(m + 2, hi, .number), askWhichOfLast(or: m + 2) { return }
        var reading = read(lo, hi, skipping: [])
        // ("Renewal 92, nein warte, 93, falls Acme verlängert": corrected on a condition: asked.)
        if startsCorrection(lo, hi) { markCorrected(&reading, after: lo + (correctionAt(lo, hi) ?? 1), hi) }
        // ("no wait three because the migration was done": a done word said of something the clause
        // names, which is no key result, completes none.)
        if reading.done, (lo + 1..<hi).contains(where: { isWord($0, hi, in: .completionWords) && (isWord($0 - 1, hi, .was) || isWord($0 - 1, hi, .were) || isWord($0 - 1, hi, .is) || spelled($0 - 1, ["been", "got"])) }) {
            reading.done = false
        }
        // "..., so it's more like 72. Yes, 72.": the value just recorded, said again.
        if reading.candidates.count == 1, hi - lo <= 4, case .absolute = reading.candidates[0].role, case .checkIn(let i)? = lastStatement,
           result.checkIns[i].value == reading.candidates[0].value, !reading.done, reading.confidence == nil { return }
        // ("churn 9.7⏎9.8 not 9.7": the value just recorded, corrected on the next line.)
        if hi - lo == 3 || hi - lo == 4 && isSentenceStop(hi - 1), isKind(lo, hi, .number), isWord(lo + 1, hi, .not), isKind(lo + 2, hi, .number), case .checkIn(let i)? = lastStatement,
           !result.checkIns[i].isKPI, result.checkIns[i].relative == nil, result.checkIns[i].value == tokens[lo + 2].value, tokens[lo].value != tokens[lo + 2].value {
            result.checkIns[i].value = tokens[lo].value
            return
        }
        // ("conversion: 30.95%" pasted, then "so ~31% 🟢": the value just recorded, rounded as the author
        // reports it.)
        // (Only the number rounded, and nothing after it but a light: not "So 25 if Initech closes".)
        if reading.candidates.count == 1, hi - lo <= 5, isWord(lo - 1, hi, .so), case .absolute = reading.candidates[0].role, case .checkIn(let i)? = lastStatement,
           (lo..<reading.candidates[0].token).contains(where: { isSymbol($0, hi, UInt8(ascii: "~")) || spelled($0, ["about", "around", "roughly", "approx", "approximately", "ca", "circa", "≈"]) }),
           !result.checkIns[i].isKPI, result.checkIns[i].relative == nil, result.checkIns[i].value != result.checkIns[i].value.rounded(),
           result.checkIns[i].value.rounded() == reading.candidates[0].value || (result.checkIns[i].value * 10).rounded() / 10 == reading.candidates[0].value,
           (afterNumber(reading.candidates[0].token, hi)..<hi).allSatisfy({ tokens[$0].kind == .emoji || isSentenceStop($0) }), !reading.done {
            result.checkIns[i].value = reading.candidates[0].value
            if let confidence = reading.confidence { result.checkIns[i].confidence = confidence }
            return
        }
        // "all three unchanged": how many key results, not a value.
        if reading.noChange, reading.candidates.count == 1, isWord(reading.candidates[0].token - 1, hi, .all) {
            reading.candidates.removeAll()
        }
        // "same as above, nothing moved": the lines pasted from the prompt, unchanged.
        if reading.noChange, reading.candidates.isEmpty, !pastedUnchanged.isEmpty {
            for entry in pastedUnchanged { _ = record(entry, reading: &reading, lo: lo, hi: hi, blocked: false) }
            pastedUnchanged = []
            return
        }
        let says = !reading.candidates.isEmpty || reading.noChange || reading.done
        guard says else {
            // "Li told me churn is 9.9, not sure I believe it": the value just written is doubted.
            // ("Coverage is about 80%, I'll have the exact number once the dashboard refreshes": a
            // placeholder until then.)
            if reading.hedged, reading.confidence == nil, !reading.moved, (lo..<hi).contains(where: { doubtsTheNumber($0, hi, negated: false) || saysExactComesLater($0, hi) }),
               case .checkIn(let i)? = lastStatement, result.checkIns[i].line == line,
               let entry = index.entry(key: Array(result.checkIns[i].target.utf8)) {
                let placeholder = !(lo..<hi).contains(where: { doubtsTheNumber($0, hi, negated: false) })
                let key = index.entries[entry].target.key
                return askAgain(i, entry) { shown in
                    placeholder ? "You wrote \(shown) for `\(key)` until the exact number comes. Record \(shown) for now? Reply yes, or write the exact value."
                        : "You wrote \(shown) for `\(key)` and doubt it. Record \(shown)? Reply yes, or write the right value."
                }
            }
            // "coverage 72. I double-counted Kessler.": the value just written is doubted, so asked;
            // after a correction ("upsell 17 — sorry, 16, I counted the renewal twice") it explains it.
            if takenBackBy(lo, hi), case .checkIn(let i)? = lastStatement {
                guard !lastStatementCorrected, let entry = index.entry(key: Array(result.checkIns[i].target.utf8)) else { return }
                let key = index.entries[entry].target.key
                askAgain(i, entry) { shown in
                    "You wrote \(shown) for `\(key)` and then that something was counted wrong. Is \(shown) right? Reply yes to record it, or write the right value."
                }
                // ("coverage 72. I double-counted Kessler. 70.": a value that follows is the right one.)
                pendingCorrection = true
                return
            }
            if reading.confidence != nil || reading.moved || reading.restConfidence != nil || reading.otherConfidence != nil { noteLoose(lo, hi, reading: reading) }
            // "wait no, that's Carlos's": the statement before is taken back; a value that follows
            // ("external only is 8.2") is its corrected value.
            // ("Actually conversion was 24 when we started the quarter": an earlier value with its
            // time, which takes nothing back.)
            // ("oops wrong channel, but the numbers are right anyway": nothing is taken back.)
            if reading.epochs > 0 || startsCorrection(lo, hi), !(lo..<hi).contains(where: { datedPastValue(at: $0, hi) }),
               !(lo..<tokens.count).contains(where: { (isWord($0, tokens.count, .are) || isWord($0, tokens.count, .is)) && confirmsAfter($0 + 1, tokens.count) }),
               // ("Hmm, actually that's fine.": what was said stands.)
               !(lo..<hi).contains(where: { (isWord($0, hi, .thats) || isWord($0, hi, .its) || isWord($0, hi, .itsContraction)) && confirmsAfter($0, hi) && !isWord($0 + 1, hi, .not) }) {
                pendingCorrection = true
                if case .checkIn(let i)? = lastStatement { takeBack(i) }
            }
            return
        }
        // "I wrote renewal rate 93% but that included ... The correct number for now is 92%": only a
        // correction, on that line or the next, is for the key result written wrong.
        // "Deals 4 or 5, partners 3. I'll go with 4": the choice answers the question between two values.
        if reading.candidates.count == 1, (lo..<min(hi, lo + 4)).contains(where: { goesWithValue($0, hi) > 0 }) {
            let chosen = written(reading.candidates[0].token)
            if let q = result.clarifications.lastIndex(where: { $0.target != nil && ($0.question.contains(": \(chosen) or ") || $0.question.contains(" or \(chosen)?")
                || $0.question.contains("“\(chosen)” or ") || $0.question.contains(" or “\(chosen)”")) }),
               let key = result.clarifications[q].target, let entry = index.entry(key: Array(key.utf8)) {
                removeClarification(at: q)
                _ = record(entry, reading: &reading, lo: lo, hi: hi, blocked: false)
                return
            }
        }
        // ("... doesn't count under our definition. So 4.", "Without them ... it's 22.5.": what it is.)
        if let (entry, quotedLine) = quotedWrong, line <= quotedLine + 1, reading.candidates.count == 1,
           case let said = reading.candidates[0].token,
           reading.epochs > 0 || said == lo && isWord(lo - 1, hi, .so) || (max(lo, said - 2)..<said).contains(where: { isWord($0, hi, .so) || isWord($0, hi, .its) || isWord($0, hi, .itsContraction) || isWord($0, hi, .thats) }) {
            quotedWrong = nil
            _ = record(entry, reading: &reading, lo: lo, hi: hi, blocked: false)
            return
        }
        // "The number is 90. Or 91, depending...": the previous statement was one of two values.
        // (Past a side number asked about in between: "148k. Not sure the Kessler 40k opp is qualified.
        // Without it, 108k.")
        var offeredFor = lastStatement
        if !isWord(lo, hi, .or), case .clarification(let q)? = offeredFor, result.clarifications[q].target == nil, let last = result.checkIns.indices.last { offeredFor = .checkIn(last) }
        if isWord(lo, hi, .or) || reading.either, case .checkIn(let i)? = offeredFor, !reading.candidates.isEmpty {
            let previous = result.checkIns.remove(at: i)
            lastStatement = nil
            let other = reading.candidates.first.map { written($0.token) } ?? "another value"
            let shown = index.entry(key: Array(previous.target.utf8)).map { format(previous.value, for: index.entries[$0].target) } ?? NumberWriter.plain(previous.value)
            ask(Self.whichOf(previous.target, shown, other), target: previous.target)
            return
        }
        // A correction of the previous statement: "oops, 4", "sorry 8.2", "edit: 11", or a value after
        // "hmm no, that includes the Wayne deal" in the sentence before.
        if reading.epochs > 0 || startsCorrection(lo, hi) || pendingCorrection, var previous = lastStatement {
            pendingCorrection = false
            retracted = nil
            // "dashboard says $812k ... (1) it double-counts the Cyberdyne opp ($60k) ... so the real
            // number is $707k": the right number is for the statement doubted, not for a side number
            // asked about in between (a plain "sorry, typo, 120k" still goes to the question before).
            if case .clarification(let i) = previous, result.clarifications[i].target == nil, let last = result.checkIns.indices.last {
                if (lo..<hi).contains(where: { spelled($0, Self.rightAdjectives) && spelled($0 + 1, Self.numberNouns) }) {
                    previous = .checkIn(last)
                } else if let other = reading.candidates.last {
                    // ("pipeline 148k. Biggest new opp is Kessler at 40k.\nsorry, typo: 138k": which one had the typo?)
                    let earlier = result.checkIns.remove(at: last)
                    let shown = index.entry(key: Array(earlier.target.utf8)).map { format(earlier.value, for: index.entries[$0].target) } ?? NumberWriter.plain(earlier.value)
                    ask("`\(earlier.target)`: \(shown), or is “\(written(other.token))” the right value? Reply with the one to record.", target: earlier.target)
                    return
                }
            }
            switch previous {
            case .checkIn(let i):
                let key = result.checkIns[i].target
                // "upsell 17 and win rate 25... actually make that 16": closer to the statement before
                // the last one; which one it corrects is asked.
                if reading.candidates.count == 1, case .absolute = reading.candidates[0].role,
                   let other = otherCorrected(reading.candidates[0].value, instead: result.checkIns[i].value, of: result.checkIns[i].target) {
                    askWhichCorrected(reading.candidates[0].token, other, result.checkIns[i].target, before: result.checkIns[i].value)
                    return
                }
                // "pipeline 120k. I double-counted Initech so 30k less": a change of the value just
                // written, not of last week's; proposed.
                if reading.candidates.count == 1, case .relative(let delta) = reading.candidates[0].role, let entry = index.entry(key: Array(key.utf8)) {
                    let corrected = result.checkIns.remove(at: i)
                    let target = index.entries[entry].target
                    let proposal = corrected.value + delta
                    lastStatement = nil
                    ask("“\(written(reading.candidates[0].token))” on the \(format(corrected.value, for: target)) you wrote for `\(key)`: is it \(format(proposal, for: target))? Reply yes to record \(format(proposal, for: target)), or write the value now.",
                        proposal: .value(keyResult: key, value: proposal, confidence: reading.confidence ?? corrected.confidence, isKPI: target.isKPI), target: key)
                    return
                }
                if let entry = index.entry(key: Array(key.utf8)) {
                    let corrected = result.checkIns.remove(at: i)
                    reading.confidence = reading.confidence ?? corrected.confidence
                    lastStatement = nil
                    reading.epochs = max(reading.epochs, 1)
                    for c in reading.candidates.indices { reading.candidates[c].epoch = max(reading.candidates[c].epoch, 1) }
                    _ = record(entry, reading: &reading, lo: lo, hi: hi, blocked: false)
                    return
                }
            case .clarification(let i):
                if let key = result.clarifications[i].target, let entry = index.entry(key: Array(key.utf8)) {
                    result.clarifications.remove(at: i)
                    lastStatement = nil
                    _ = record(entry, reading: &reading, lo: lo, hi: hi, blocked: false)
                    return
                }
            }
        }
        if pendingCorrection, let entry = retracted {
            pendingCorrection = false
            retracted = nil
            _ = record(entry, reading: &reading, lo: lo, hi: hi, blocked: false)
            return
        }
        if let (entry, refLine) = referenceOnlyLine, refLine == line - 1 {
            referenceOnlyLine = nil
            _ = record(entry, reading: &reading, lo: lo, hi: hi, blocked: false)
            return
        }
        // The answer to okrd's question.
        if let pending = index.pending, let key = pending.target, let entry = index.entry(key: Array(key.utf8)), result.checkIns.isEmpty {
            _ = record(entry, reading: &reading, lo: lo, hi: hi, blocked: false)
            return
        }
        // "⚠️ demo-conversion is at risk" quoted: "it's 28 now".
        if let entry = quotedSubject, index.pending == nil, result.checkIns.isEmpty {
            _ = record(entry, reading: &reading, lo: lo, hi: hi, blocked: false)
            return
        }
        // "... migration is done, that's 3 of 4": a value out of the target of the key result just named.
        if reading.candidates.count == 1, let denominator = reading.candidates[0].denominator, let entry = lastTarget {
            let target = index.entries[entry].target
            if target.goal == denominator || target.milestoneCount.map(Double.init) == denominator {
                _ = record(entry, reading: &reading, lo: lo, hi: hi, blocked: false)
                return
            }
        }
        // Someone with exactly one key result may leave it out of a one-statement reply.
        let own = index.entries.indices.filter { index.entries[$0].updatable && !index.entries[$0].target.isKPI && index.entries[$0].owned }
        // "all three unchanged", "same numbers as last week across the board": each of the author's
        // own key results at its last value (asked back below when one has none).
        if reading.noChange, reading.candidates.isEmpty, !reading.moved, !reading.hedged, !reading.done, result.checkIns.isEmpty, own.count > 1,
           own.allSatisfy({ index.entries[$0].target.lastValue != nil }),
           (lo..<hi).contains(where: { isWord($0, hi, .all) || isWord($0, hi, .both) || isWord($0, hi, .every) || isWord($0, hi, .everything) || isWord($0, hi, .across) }),
           // ("everything unchanged except pipeline, which is 93k": not all of them.)
           !(lo..<hi).contains(where: { isExceptWord($0) }) {
            // ("partners – Globex signed⏎everything else unchanged": not one already spoken of, which moved.)
            for entry in own where !namedEntries.contains(entry) {
                var each = reading
                _ = record(entry, reading: &each, lo: lo, hi: hi, blocked: false)
            }
            return
        }
        // The value must open the clause ("27%", "at 27 🟢", "it's 27 - two demos converted"), not sit in prose.
        let opens = reading.candidates.first.map { first in (lo..<first.token).allSatisfy { tokens[$0].kind != .word || isFiller(tokens[$0].word) || WordSet.absoluteCues.contains(tokens[$0].word) } } ?? false
        // "Coverage moved a lot. 70% now.", "The coverage I reported last week (68%) was from the old
        // report. This week we're at 70%.": the key result the sentence before named without a value,
        // for a lone value that opens the clause in that key result's unit.
        // (Only a bare value of now: not "30% to go", "8% is the target", "70% would be great", "3 more
        // needed", "4 in talks", "70% in north", "70% likely".)
        // ("last week's partner revenue should've been 112k not 120k. this week we're at 126k": words of
        // now before it too.)
        if let (entry, subjectLine) = subjectBefore, subjectLine == line, reading.candidates.count == 1, !reading.moved,
           (lo..<hi).allSatisfy({ k in k == reading.candidates[0].token || tokens[k].kind != .word && tokens[k].kind != .number && tokens[k].kind != .mention
               || tokens[k].kind == .word && spelled(k, Self.nowWords) }) {
            let token = tokens[reading.candidates[0].token]
            let target = index.entries[entry].target
            let fits = switch target.unit {
            // ("upsell was 14 not 15. this week 16": a bare number near the last value too.)
            case .percent: token.percent || token.currency == nil && !token.scaled && target.lastValue.map { self.fits(reading.candidates[0].token, target, near: $0) } ?? false
            case .currency: token.currency != nil || token.scaled
            default: !token.percent && token.currency == nil
            }
            if fits, index.entries[entry].updatable {
                _ = record(entry, reading: &reading, lo: lo, hi: hi, blocked: false)
                return
            }
        }
        if own.count == 1, opens, isOnlyStatement() {
            // (Not when they may report others too: "2" or "we're at 2 now" from a lead who owns one
            // may be any of the team's. Their own is the likely one: proposed, so "yes" records it.)
            var mayReport = 0
            for entry in index.entries where entry.updatable && !entry.target.isKPI { mayReport += 1 }
            if mayReport == 1 {
                _ = record(own[0], reading: &reading, lo: lo, hi: hi, blocked: false)
                return
            }
            let target = index.entries[own[0]].target
            if let first = reading.candidates.first, let (value, proposal) = proposed(reading, for: target) {
                let shown = written(first.token)
                return ask("Is “\(shown)” for `\(target.key)`? Reply yes to record \(format(value, for: target)), or write the key result and value, e.g. `\(target.key) \(shown)`.",
                           proposal: proposal, target: target.key)
            }
        }
        // "Monday I had it at 120k, ... So 130k now.", "..., so it's 150k": a conclusion with a number
        // and no key result, after a check-in on this line whose unit it fits: that one's value, or
        // the one before? Asked.
        if let first = reading.candidates.first, case .absolute = first.role, let i = result.checkIns.indices.last(where: { result.checkIns[$0].line == line }),
           let entry = index.entry(key: Array(result.checkIns[i].target.utf8)),
           concludesOtherValue(first.token, from: lo, hi, target: index.entries[entry].target, instead: result.checkIns[i].value) {
            askWhichOf(checkIn: i, or: first.token)
            return
        }
        // ("Tech partners: 1. ... the partner summit already has 40 registrations", "we added Wayne
        // (60k)", "brought in three new qualified opportunities": once the message has reported its
        // values, a number in its prose that counts other things, or an amount in an aside, is no key
        // result's value.)
        if !result.checkIns.isEmpty, !opens, !reading.noChange, !reading.done, !reading.moved, !reading.candidates.isEmpty,
           reading.candidates.allSatisfy({ isIncidental($0.token, lo, hi) }) { return }
        // ("coverage 69. rest same": the rest, read after the whole reply; see `recordRestUnchanged`.)
        if reading.noChange, reading.candidates.isEmpty, restUnchangedLine == line { return }
        let keys = index.entries.filter { $0.updatable && !$0.target.isKPI }.prefix(5).map { "`\($0.target.key)`" }
        let value = reading.candidates.first.map { written($0.token) }
        ask("Which key result is \(value.map { "“\($0)”" } ?? "this") for? Reply with its key\(keys.isEmpty ? "" : " (yours: \(keys.joined(separator: ", ")))"), e.g. `\(index.entries.first { $0.updatable }?.target.key ?? "kr1") \(value ?? "3")`.")
    }

    static let valuePrepositions = Spellings(["on", "for", "at", "in", "of", "with", "from", "to", "by"])

    /// Whether the number at `n` counts things no key result counts ("40 registrations", "three new
    /// qualified opportunities", "85k ARR") or is an amount in an aside ("Wayne (60k)").
    func isIncidental(_ n: Int, _ lo: Int, _ hi: Int) -> Bool {
        let after = afterNumber(n, hi)
        // (An amount in an aside after something named, "Wayne (60k)", "the Initech expansion (about
        // 45k)"; not "(16%)", "(3 of 4 done)", "(11 total)", which may be a key result's.)
        if let open = (max(lo, n - 3)..<max(lo, n)).last(where: { tokens[$0].kind == .open }), (after..<max(after, min(hi, after + 4))).contains(where: { tokens[$0].kind == .close }),
           tokens[n].currency != nil || tokens[n].scaled, tokens[n].denominator == nil, isKind(open - 1, hi, .word), index.hits(for: text(open - 1)).isEmpty { return true }
        if let (noun, _) = countedNounAhead(after, hi), noun == .none { return true }
        return isOtherPlural(after)
    }

    /// The words a bare value of now may come with: "we're at 70% now", "it's 110k currently".
    static let nowWords = Spellings(["we're", "we", "are", "it's", "its", "it", "is", "at", "now", "currently", "this", "week", "today", "so", "far", "sitting", "right",
                                     "we've", "that's", "thats", "which", "puts", "us"])

    /// "conf 6" and nothing else: for the author's only key result, asked back with its last value;
    /// otherwise asked which key result it is for.
    mutating func askAboutConfidence(_ confidence: Int) {
        let own = index.entries.filter { $0.owned && !$0.target.isKPI }
        if own.count == 1 {
            let target = own[0].target
            if let last = target.lastValue {
                return ask("I have confidence \(confidence) for `\(target.key)` but no value. Is it still \(format(last, for: target))? Reply yes to record \(format(last, for: target)) with it, or write the value.", proposal: .value(keyResult: target.key, value: last, confidence: confidence, isKPI: false), target: target.key)
            }
            return ask("I have confidence \(confidence) for `\(target.key)` but no value. What is it now? Write it, e.g. `\(target.key) \(example(for: target)) conf \(confidence)`.", target: target.key)
        }
        ask("Which key result is confidence \(confidence) for, and what is its value? Write e.g. `\(index.entries.first { $0.updatable }?.target.key ?? "kr1") \(index.entries.first { $0.updatable }.map { example(for: $0.target) } ?? "3") conf \(confidence)`.")
    }

    /// "except", "besides", "apart (from)": what follows is left out of what was said for all.
    /// (Bytes first: this runs at every word before a key result's name.)
    func isExceptWord(_ k: Int) -> Bool {
        // ("everything green but churn red", "all 🟢 but churn 🔴": "but" after a colour for all.)
        if k >= 2, k + 1 < tokens.count, tokens[k].kind == .word, tokens[k].word == .but, tokens[k + 1].kind == .word, !index.hits(for: text(k + 1)).isEmpty,
           colourBand(k - 1, tokens.count, negated: false) != nil || tokens[k - 1].kind == .emoji && tokens[k - 1].emoji.isTrafficLight,
           (max(0, k - 4)..<(k - 1)).contains(where: { isWord($0, tokens.count, .all) || isWord($0, tokens.count, .everything) || isWord($0, tokens.count, .both) }) { return true }
        guard k >= 0, k < tokens.count, tokens[k].kind == .word, tokens[k].word == .none else { return false }
        let length = tokens[k].end - tokens[k].start
        guard length == 5 || length == 6 || length == 7 else { return false }
        let first = lower[tokens[k].start]
        guard first == UInt8(ascii: "e") || first == UInt8(ascii: "b") || first == UInt8(ascii: "a") else { return false }
        return spelled(k, Self.exceptWords)
    }

    static let exceptWords: [StaticString] = ["except", "besides", "apart"]

    /// Whether the name at `k` follows "except", "besides", "apart from", "except for", "other than".
    func exceptionNamed(at k: Int) -> Bool {
        isExceptWord(k - 1) || k >= 2 && (spelled(k - 1, ["from", "for"]) && isExceptWord(k - 2) || spelled(k - 1, ["than"]) && isWord(k - 2, tokens.count, .other))
    }

    /// A confidence or a movement with nothing to attach it to.
    /// "green on the rest": the statements without a confidence get it; "yellow on conversion" said
    /// in another's clause: conversion's, also against a confidence for the rest.
    mutating func noteConfidenceSaidOfOthers(_ reading: Reading) {
        if let rest = reading.restConfidence { messageConfidence = (rest, line) }
        if let (entry, confidence) = reading.otherConfidence {
            let key = index.entries[entry].target.key
            confidenceExceptions[key] = .some(confidence)
            if let earlier = result.checkIns.lastIndex(where: { $0.target == key && !$0.isKPI }) { result.checkIns[earlier].confidence = confidence }
        }
    }

    mutating func noteLoose(_ lo: Int, _ hi: Int, reading: Reading) {
        noteConfidenceSaidOfOthers(reading)
        guard let confidence = reading.confidence else { return }
        // ("Very confident Bosch will sign the follow-up order in January": about next quarter, not
        // this one's key results.)
        if aboutNextPeriod(lo, hi) { return }
        // "I'd say 7/10", "feeling good about both": the sentence's statements; else the message's when
        // it has one statement or says "all"/"both"; else it is not clear which one it is about.
        if result.checkIns.count > sentenceFirstCheckIn {
            sentenceConfidence = confidence
        } else if reading.confidenceForAll, giveBoth(confidence, lo, hi) {
        } else if reading.confidenceForAll {
            messageConfidence = (confidence, line)
        } else {
            applyLooseConfidence(confidence, lo, hi)
        }
    }

    /// "ignore the 2, it's still 1": takes back the statement of this message whose value was
    /// written 2 (not only the last one); a value after it is that key result's corrected value.
    mutating func readIgnored(_ lo: Int, _ hi: Int) -> Bool {
        guard tokens[lo].kind == .word, tokens[lo].word == .none, spelled(lo, Self.ignoreWords) else { return false }
        var k = lo + 1
        // "ignore that", "disregard the above": the statement before.
        if isWord(k, hi, .that) || isWord(k, hi, .this) || isWord(k, hi, .it) || spelled(k, Self.aboveWords) || isWord(k, hi, .the) && spelled(k + 1, Self.aboveWords) {
            guard case .checkIn(let i)? = lastStatement else { return false }
            takeBack(i)
            let rest = isWord(k, hi, .the) ? k + 2 : k + 1
            if rest < hi, hasValue(rest, hi) { readWithoutReference(rest, hi) }
            return true
        }
        if isWord(k, hi, .the) { k += 1 }
        guard isKind(k, hi, .number) else { return false }
        let written = tokens[k].value
        let matching = result.checkIns.indices.filter { result.checkIns[$0].value == written || result.checkIns[$0].relative == written }
        guard matching.count == 1 else { return false }
        takeBack(matching[0])
        let rest = afterNumber(k, hi)
        if rest < hi, hasValue(rest, hi) { readWithoutReference(rest, hi) }
        return true
    }

    /// Takes check-in `i` (of key result `entry`) back and asks whether its value stands; `question`
    /// gets the value as okrd writes it.
    mutating func askAgain(_ i: Int, _ entry: Int, question: (String) -> String) {
        let doubted = result.checkIns.remove(at: i)
        let target = index.entries[entry].target
        lastStatement = nil
        ask(question(format(doubted.value, for: target)),
            proposal: .value(keyResult: target.key, value: doubted.value, confidence: doubted.confidence, isKPI: target.isKPI), target: target.key)
    }

    /// The check-in of this line that a correction to `value` seems meant for when it is far from
    /// `before`, the value of `key` it would correct, and near that one's ("upsell 17 and win rate
    /// 25... actually make that 16").
    func otherCorrected(_ value: Double, instead before: Double, of key: String) -> Int? {
        guard abs(before - value) > max(1, abs(before) * 0.2) else { return nil }
        let others = result.checkIns.indices.filter { result.checkIns[$0].line == line && result.checkIns[$0].target != key && !result.checkIns[$0].isKPI }
        guard let nearest = others.min(by: { abs(result.checkIns[$0].value - value) < abs(result.checkIns[$1].value - value) }),
              abs(result.checkIns[nearest].value - value) * 3 < abs(before - value) else { return nil }
        return nearest
    }

    /// Asks which of check-in `other` and `key` (said as `before`) the value at `token` corrects;
    /// neither is recorded.
    mutating func askWhichCorrected(_ token: Int, _ other: Int, _ key: String, before: Double) {
        let a = result.checkIns[other]
        result.checkIns.removeAll { $0.target == a.target || $0.target == key }
        lastStatement = nil
        let shown = written(token)
        ask("Which value does “\(shown)” correct: `\(a.target)` (\(NumberWriter.plain(a.value))) or `\(key)` (\(NumberWriter.plain(before)))? Reply with both, e.g. `\(a.target) \(shown), \(key) \(NumberWriter.plain(before))`.")
    }

    /// "6 on churn", "6 sur le churn", "6 für Churn": the number at `number` is listed for the key
    /// result named at `name`.
    func listedFor(_ number: Int, _ name: Int, _ hi: Int) -> Bool {
        guard spelled(number + 1, Self.listedOnWords) else { return false }
        return number + 2 == name || number + 3 == name && spelled(number + 2, Self.articles)
    }

    /// "rest 7", "the others: 7", "7 on the rest", "7 sur le reste", "Rest 7" in a confidence list: the
    /// confidence of every statement of the message that has none of its own.
    mutating func readConfidenceForRest(_ start: Int, _ hi: Int) -> Bool {
        // ("Confidence: 6 on the rest, 8 on coverage": after the heading.)
        var lo = start
        if spelled(lo, Self.confidenceHeadings) { lo += isKind(lo + 1, hi, .colon) || isKind(lo + 1, hi, .dash) ? 2 : 1 }
        func confidence(at k: Int) -> Int? {
            // ("Confidence 4 on churn, 🟢 on the rest": a traffic light too.)
            if isKind(k, hi, .emoji), let band = Self.band(tokens[k].emoji) { return band }
            guard isKind(k, hi, .number), tokens[k].isPlainInteger && tokens[k].value <= 10 || tokens[k].percent else { return nil }
            return Self.confidenceNumber(tokens[k])
        }
        var value: Int?
        var end = lo
        if let after = restEnd(lo, hi) {
            let at = isKind(after, hi, .colon) || isKind(after, hi, .dash) ? after + 1 : after
            value = confidence(at: at)
            end = at + 1
        } else if let c = confidence(at: lo), spelled(lo + 1, Self.listedOnWords), let after = restEnd(lo + 2, hi) {
            value = c
            end = after
        }
        guard let value, end >= hi || isKind(end, hi, .close) else { return false }
        // ("🔴 on churn, 🟢 on the other two": only when two are left without one; else nothing is guessed.)
        var named: Int?
        for k in lo..<end where isWord(k, hi, .other) {
            named = othersCounted(at: k, hi)
        }
        if let named, result.checkIns.filter({ $0.confidence == nil }).count != named { return true }
        messageConfidence = (value, line)
        return true
    }

    /// Where "the rest", "others", "everything else", "le reste" starting at `k` ends.
    func restEnd(_ k: Int, _ hi: Int) -> Int? {
        var j = k
        if spelled(j, Self.articles) { j += 1 }
        if spelled(j, Self.restWords) { return j + 1 }
        if isWord(j, hi, .everything) || isWord(j, hi, .all), spelled(j + 1, ["else"]) || isWord(j + 1, hi, .other) || isWord(j + 1, hi, .others) { return j + 2 }
        // ("the other two", "the other ones", "the other one".)
        if isWord(j, hi, .other), othersCounted(at: j, hi) != nil || spelled(j + 1, ["ones", "krs"]) { return j + 2 }
        return nil
    }

    /// How many "other one", "other two", "other three", "other four" at `k` (on "other") counts.
    func othersCounted(at k: Int, _ hi: Int) -> Int? {
        guard isWord(k, hi, .other) else { return nil }
        if isWord(k + 1, hi, .one) || spelled(k + 1, ["one"]) { return 1 }
        if isWord(k + 1, hi, .two) || spelled(k + 1, ["two"]) { return 2 }
        if isWord(k + 1, hi, .three) || spelled(k + 1, ["three"]) { return 3 }
        return spelled(k + 1, ["four"]) ? 4 : nil
    }

    /// Whether a part of a confidence list about the rest starts at `k`: "rest 7", "7 on the rest".
    func startsRest(_ k: Int, _ hi: Int) -> Bool {
        restEnd(k, hi) != nil || (isKind(k, hi, .number) || isKind(k, hi, .emoji) && Self.band(tokens[k].emoji) != nil) && spelled(k + 1, Self.listedOnWords) && restEnd(k + 2, hi) != nil
    }

    /// Verbs after "both" or "all" that make them the subject of a sentence, not "for all of them".
    static let subjectVerbs = Spellings(["said", "say", "says", "are", "were", "have", "had", "will", "want", "wants", "agreed", "decided", "think", "told"])

    static let confidenceHeadings = Spellings(["confidence", "conf", "zuversicht", "confiance", "confianza", "confiança", "vertrouwen", "fiducia", "pewność", "信心"])
    static let listedOnWords = Spellings(["on", "for", "about", "sur", "pour", "für", "bei", "para", "en", "em", "op", "voor", "per", "su"])
    static let articles = Spellings(["the", "le", "la", "les", "l'", "der", "die", "das", "den", "el", "los", "las", "o", "os", "a", "de", "het", "il", "lo"])
    static let restWords = Spellings(["rest", "others", "remainder", "reste", "resto", "restliche", "restlichen", "rester", "resten", "demais", "restantes", "altri"])

    /// "argh wrong thread, that was for the forecast call": what this message said so far was meant
    /// for another conversation, so none of it is recorded ("posted in the wrong channel yesterday"
    /// is about another message).
    mutating func readWrongPlace(_ lo: Int, _ hi: Int) -> Bool {
        // Only said of this message, near the clause's start and without a "but" or "if": not "Globex
        // contacted the wrong channel partner", "sorry if this is the wrong thread", "oops wrong
        // channel, but the numbers are right", "my previous message was in the wrong thread".
        // ("deals 4 - wrong thread, reposting in #sales-emea": after a dash or comma.)
        // ("argh wrong tab, ignore": another place, said to be ignored.)
        func ignoredOnLine() -> Bool { (lo..<tokens.count).contains { spelled($0, Self.ignoreWords) } }
        guard let at = (lo..<hi).first(where: { isWord($0, hi, .wrong) && (spelled($0 + 1, Self.conversationNouns) || spelled($0 + 1, ["tab", "group", "sheet", "doc"]) && ignoredOnLine()) }),
              case let start = ((lo..<at).last(where: { tokens[$0].kind == .dash || tokens[$0].kind == .comma }) ?? lo - 1) + 1, at - start <= 5,
              (start..<at).allSatisfy({ tokens[$0].kind != .word || spelled($0, Self.wrongPlaceOpeners) }),
              at + 2 >= hi || tokens[at + 2].kind != .word || spelled(at + 2, ["sorry", "ignore", "lol", "pls", "please", "that", "this", "my", "oops", "for"]) || spelled(at + 2, Self.ignoreWords),
              // (The rest of the line counts: "oops wrong channel, but the numbers are right anyway".)
              case let end = tokens.count,
              !(lo..<end).contains(where: { isWord($0, end, .but) || isWord($0, end, .if) || spelled($0, ["yesterday", "earlier", "before", "previously", "previous", "hope", "anyway"]) || isWord($0, end, .last) })
        else { return false }
        result.checkIns.removeAll()
        result.clarifications.removeAll()
        result.blockers.removeAll()
        result.resolvedBlockers.removeAll()
        result.actions.removeAll()
        result.commands.removeAll()
        lastStatement = nil
        pendingCorrection = false
        retracted = nil
        return true
    }

    static let wrongPlaceOpeners = Spellings(["oops", "argh", "ugh", "sorry", "oh", "whoops", "damn", "dang", "my", "bad", "posted", "in", "the",
                                              "this", "that", "was", "is", "meant", "a", "wait", "lol", "ah", "haha", "sry", "oopsie"])
    /// (Not "group" or "tab": "the wrong group of accounts", "I looked at the wrong tab".)
    static let conversationNouns = Spellings(["thread", "channel", "chat", "room", "convo", "conversation", "dm"])
    static let ignoreWords: [StaticString] = ["ignore", "disregard", "scrap"]
    static let aboveWords: [StaticString] = ["above", "last"]

    /// Takes back check-in `i` of this message: a value that follows corrects its key result.
    mutating func takeBack(_ i: Int) {
        let taken = result.checkIns.remove(at: i)
        retracted = index.entry(key: Array(taken.target.utf8))
        lastStatement = nil
        pendingCorrection = true
    }

    /// "the 105k is the total pipeline tho, ...": a value of this message quoted back and said to be
    /// something else takes that statement back (a value that follows may correct it).
    mutating func readQuotedBack(_ lo: Int, _ hi: Int) -> Bool {
        guard isWord(lo, hi, .the) || isWord(lo, hi, .that) || isWord(lo, hi, .my), isKind(lo + 1, hi, .number),
              isWord(afterNumber(lo + 1, hi), hi, .is) || isWord(afterNumber(lo + 1, hi), hi, .was) || spelled(afterNumber(lo + 1, hi), Self.includesWords) else { return false }
        let quoted = tokens[lo + 1].value
        let matching = result.checkIns.indices.filter { result.checkIns[$0].value == quoted }
        guard matching.count == 1 else { return false }
        takeBack(matching[0])
        return true
    }

    static let includesWords: [StaticString] = ["includes", "included", "including", "counts", "counted"]

    /// "coverage I said 81 but that includes the test accounts, without them it's 79": a value this
    /// message gave, quoted back by the author and set aside, takes that statement back; the rest of
    /// the clause is read for the value that replaces it.
    mutating func readSaidBefore(_ lo: Int, _ hi: Int, refs: [Reference]) -> Bool {
        guard let i = (lo..<min(hi, lo + 5)).first(where: { isWord($0, hi, .i) && spelled($0 + 1, Self.saidVerbs) && isKind($0 + 2, hi, .number) }) else { return false }
        let number = i + 2
        let after = min(hi, afterNumber(number, hi))
        guard isWord(after, hi, .but) || isKind(after, hi, .comma) || isKind(after, hi, .dash) else { return false }
        // (Only set aside for a reason of the author's: "that includes the test accounts", "without
        // them", "wrong"; not "but it's right", "but Dana thinks it's 65", "but 75 is possible next week".)
        // ("but it's really 79": the value it really is.)
        guard (after..<hi).contains(where: { spelled($0, Self.takeBackWords) || isWord($0, hi, .wrong) || spelled($0, ["without", "excluding", "typo"])
                  || spelled($0, ["really"]) && isKind($0 + 1, hi, .number) }),
              !(after..<hi).contains(where: { person(at: $0) != nil || isKind($0, hi, .mention) || isWord($0, hi, .might) || isWord($0, hi, .could) || isWord($0, hi, .will) || isWord($0, hi, .well)
                  || isWord($0, hi, .would) || isWord($0, hi, .need) || isWord($0, hi, .should)
                  || spelled($0, ["thinks", "says", "counts", "possible", "maybe", "ideal", "hope", "hoping", "want", "wish", "target", "goal", "plan"]) }) else { return false }
        let quoted = tokens[number].value
        let named = refs.first { $0.lo < i }?.entry.map { index.entries[$0].target.key }
        let matching = result.checkIns.indices.filter { result.checkIns[$0].value == quoted && (named == nil || result.checkIns[$0].target == named) }
        guard matching.count == 1 else { return false }
        takeBack(matching[0])
        readClause(after, hi, refs: refs.filter { $0.lo >= after }, question: false)
        return true
    }

    static let saidVerbs = Spellings(["said", "wrote", "reported", "posted", "gave", "put"])

    /// "~7/10 on everything except partners which is more like 4": a confidence for the message's
    /// statements but one, and that one's own confidence after its name (a 0-10 number there is how
    /// sure, not its value).
    mutating func readConfidenceException(_ lo: Int, _ hi: Int, refs: [Reference]) -> Bool {
        guard refs.count == 1, case .found(let entry) = refs[0].kind else { return false }
        let ref = refs[0]
        var except = -1
        for k in lo..<ref.lo where isExceptWord(k) { except = k }
        guard except >= lo else { return false }
        // The confidence for all comes before "except", in this clause or (", except churn, maybe 4")
        // in the one before on the same line.
        let confidence: Int
        if except > lo {
            let general = read(lo, except, skipping: [])
            guard let said = general.confidence, general.candidates.isEmpty, !general.noChange else { return false }
            confidence = said
        } else {
            guard let (said, saidOn) = messageConfidence, saidOn == line else { return false }
            confidence = said
        }
        messageConfidence = (confidence, line)
        guard let exception = ownConfidence(ref.hi, hi) else {
            // "conf 8 on everything except partners, still at 2": partners gets none of the 8; what
            // follows its name is read as usual.
            setOwnConfidence(entry, nil, from: confidence)
            _ = readCheckIn(ref.lo, hi, refs: refs, blocked: false)
            return true
        }
        setOwnConfidence(entry, exception, from: confidence)
        return true
    }

    /// What follows an excepted key result's name: its own confidence ("which is more like 4",
    /// "maybe 4", "(4/10)"), or nil when it says anything else (a value).
    func ownConfidence(_ lo: Int, _ hi: Int) -> Int? {
        let own = read(lo, hi, skipping: [])
        if own.candidates.isEmpty { return own.confidence }
        guard own.confidence == nil, own.candidates.count == 1, case .absolute = own.candidates[0].role else { return nil }
        let at = own.candidates[0].token
        let token = tokens[at]
        guard token.isPlainInteger, token.value <= 10, token.denominator == nil else { return nil }
        // Only after a hedge that compares it with the confidence before ("more like 4", "maybe 4",
        // "~4"); "still at 2", "which went up to 9" say its value.
        let hedged = isWord(at - 1, hi, .maybe) || isWord(at - 1, hi, .perhaps) || isWord(at - 1, hi, .probably) || isWord(at - 1, hi, .around)
            || isSymbol(at - 1, hi, UInt8(ascii: "~")) || at - 1 >= lo && spelled(at - 1, Self.likeWords)
        return hedged ? Int(token.value) : nil
    }

    static let likeWords: [StaticString] = ["like", "closer", "nearer", "rather"]

    /// Whether two different whole numbers are written with the same digits (74 and 47, 105 and 150).
    static func swappedDigits(_ a: Double, _ b: Double) -> Bool {
        guard a != b, a == a.rounded(), b == b.rounded(), abs(a) < 1e12, abs(b) < 1e12 else { return false }
        return String(Int64(abs(a))).sorted() == String(Int64(abs(b))).sorted()
    }
    static let workingDayWords: [StaticString] = ["biz", "business", "working", "work", "werktage", "arbeitstage", "hábiles", "habiles", "úteis", "uteis", "ouvrés", "ouvres"]

    /// Gives `entry` its own confidence instead of the message's `general` one, also on its check-ins so far.
    mutating func setOwnConfidence(_ entry: Int, _ confidence: Int?, from general: Int) {
        let key = index.entries[entry].target.key
        confidenceExceptions[key] = .some(confidence)
        for i in result.checkIns.indices where result.checkIns[i].target == key && (result.checkIns[i].confidence ?? general) == general {
            result.checkIns[i].confidence = confidence
        }
    }

    /// "churn 10.0 - 8/10 on all, except churn, maybe 4": a confidence for all said in a statement's
    /// comment, with an exception after it. Returns the excepted key result and its confidence.
    func confidenceException(_ lo: Int, _ hi: Int) -> (entry: Int, confidence: Int)? {
        var k = lo
        while k < hi, !isExceptWord(k) { k += 1 }
        guard k < hi, let ref = references(k + 1, hi).first, ref.lo <= k + 2, case .found(let entry) = ref.kind,
              let confidence = ownConfidence(ref.hi, hi) else { return nil }
        return (entry, confidence)
    }

    /// "conf 7 on all", "conf 6 across the board", "Ziemlich zuversichtlich bei beiden".
    mutating func readMessageConfidence(_ lo: Int, _ hi: Int) -> Bool {
        let reading = read(lo, hi, skipping: [])
        // "all my KRs same as last week, confidence 7 across the board" says the values too.
        guard let confidence = reading.confidence, reading.candidates.isEmpty, !reading.noChange else { return false }
        if aboutNextPeriod(lo, hi) { return true }
        // ("on everything except coverage": not all.)
        // (Not a subject: "the two accounts ... both said they'll decide in January, ... I'd call it shaky".)
        // ("en todo", "für beide", "per tutto": not "beide Kunden 🔴", "tutto ok con ACME 🟢".)
        let all = (lo..<hi).contains { (isWord($0, hi, .all) || isWord($0, hi, .both) || spelled($0, Self.allWords) && spelled($0 - 1, Self.listedOnWords)) && !isPastTense($0 + 1) && !spelled($0 + 1, Self.subjectVerbs) || isWord($0, hi, .across) || isWord($0, hi, .every) || isWord($0, hi, .each) || isWord($0, hi, .everything) || isWord($0, hi, .overall)
            // ("not sure on either honestly": either of them, so both.)
            || isWord($0, hi, .either) && (isWord($0 - 1, hi, .about) || isWord($0 - 1, hi, .on) || isWord($0 - 1, hi, .for)) }
            && !(lo..<hi).contains { isExceptWord($0) }
        if all {
            if !giveBoth(confidence, lo, hi) { messageConfidence = (confidence, line) }
        } else if confidenceAboutSomethingElse(lo, hi) {
            // "Coverage is at 81. ... I'm confident we finish the rollout this week": about the rollout.
        } else if result.checkIns.count <= 1 && result.checkIns.count == sentenceFirstCheckIn || isBareConfidence(lo, hi) {
            applyLooseConfidence(confidence, lo, hi)
        } else if result.checkIns.count > sentenceFirstCheckIn {
            sentenceConfidence = confidence
        } else if refersToLastStatement(lo, hi) {
            applyLooseConfidence(confidence, lo, hi)
        }
        return true
    }

    /// "... so we're at 3 of 4. Coverage is now 79%. I'd put confidence at 8 for both. Reseller side:
    /// unchanged, ...": a confidence for "both" after statements goes to the two said before it, not
    /// to what follows; whether it was given so.
    mutating func giveBoth(_ confidence: Int, _ lo: Int, _ hi: Int) -> Bool {
        // (Not "both Globex and Initech signed, conf 9 overall": both of something else.)
        guard !result.checkIns.isEmpty, (lo..<hi).contains(where: { isWord($0, hi, .both) && !isWord($0 + 2, hi, .and) && !isWord($0 + 3, hi, .and) }),
              !(lo..<hi).contains(where: { isWord($0, hi, .all) || isWord($0, hi, .every) || isWord($0, hi, .everything) || isWord($0, hi, .across) || isWord($0, hi, .overall) }) else { return false }
        for i in max(0, result.checkIns.count - 2)..<result.checkIns.count where !result.checkIns[i].isKPI && result.checkIns[i].confidence == nil {
            result.checkIns[i].confidence = confidence
        }
        return true
    }

    /// "80% sure. honestly 60%", "7/10 confident. ok realistically 6/10": the confidence just said
    /// (right before, ending the sentence or clause), said again; the later one holds. A bare
    /// percentage only after a sentence that was nothing but the confidence ("upsell 16%, 7/10.
    /// actually 17%" corrects the value).
    mutating func readConfidenceRevised(_ lo: Int, _ hi: Int) -> Bool {
        var k = lo
        while k < hi, spelled(k, ["ok", "okay", "well", "hm", "hmm", "tbh"]) || isKind(k, hi, .comma) { k += 1 }
        if spelled(k, ["more"]), spelled(k + 1, ["like"]) { k += 1 } else if !spelled(k, ["realistically", "honestly", "actually", "really"]) { return false }
        k += 1
        guard isKind(k, hi, .number), tokens[k].percent || tokens[k].denominator == 10, let revised = Self.confidenceNumber(tokens[k]) else { return false }
        let end = afterNumber(k, hi)
        let sureAfter = isWord(end, hi, .sure) || isWord(end, hi, .confident) || spelled(end, ["certain"])
        let last = sureAfter ? end + 1 : end
        guard last >= hi || isSentenceStop(last),
              lo >= 3, tokens[lo - 1].kind == .comma || isSentenceStop(lo - 1),
              isWord(lo - 2, hi, .sure) || isWord(lo - 2, hi, .confident) || spelled(lo - 2, ["certain"]) || tokens[lo - 2].kind == .number && tokens[lo - 2].denominator == 10,
              let at = (max(0, lo - 4)..<lo - 1).last(where: { tokens[$0].kind == .number }), let said = Self.confidenceNumber(tokens[at]) else { return false }
        if tokens[k].denominator != 10, !sureAfter {
            // (The sentence before was only the confidence: no key result and no other number in it.)
            var start = at
            while start > 0, !isSentenceStop(start - 1) { start -= 1 }
            // ("deals 4, 80% sure. honestly 60%": a percentage cannot be a count's value.)
            let named = references(start, at)
            guard named.isEmpty ? tokens[at].percent && !(start..<at).contains(where: { tokens[$0].kind == .number })
                    : named.allSatisfy({ ref in ref.entry.map { index.entries[$0].target.unit != .percent } ?? false }) else { return false }
            // (After a rate said in an earlier sentence, "coverage 74. 80% sure. actually 70%" may correct
            // either: asked.)
            if named.isEmpty, result.checkIns.contains(where: { checkIn in index.entry(key: Array(checkIn.target.utf8)).map { index.entries[$0].target.unit == .percent } ?? false }) {
                ask("“\(written(k))” after “\(written(at))”: is that how sure you are now, or a value? Reply `conf \(revised)`, or the key and the value.")
                return true
            }
        }
        if let (value, on) = messageConfidence, value == said { messageConfidence = (revised, on) }
        for i in result.checkIns.indices where result.checkIns[i].line == line && result.checkIns[i].confidence == said { result.checkIns[i].confidence = revised }
        return true
    }

    /// Whether a confidence said on its own names something ("we finish the rollout", "the Hansa
    /// renewal comes through") that is not a key result of the statements it would go to.
    func confidenceAboutSomethingElse(_ lo: Int, _ hi: Int) -> Bool {
        let recent = Set(result.checkIns[min(confidenceGroupStart, result.checkIns.count)...].map(\.target))
        // ("I'm not sure we hit four hundred by the end of the quarter": the goal of a key result not
        // among them, 400k for partner revenue.)
        for k in lo..<hi where spelled(k, Self.hitVerbs) {
            let at = isWord(k + 1, hi, .to) || isWord(k + 1, hi, .the) ? k + 2 : k + 1
            guard let value = tokens.indices.contains(at) && at < hi ? tokens[at].kind == .number ? tokens[at].value : spokenNumber(at: at, hi)?.0 : nil, value > 0 else { continue }
            func isGoal(_ entry: TargetIndex.Entry) -> Bool { entry.target.goal.map { goal in [1, 1_000, 1_000_000].contains { value * $0 == goal } } == true }
            if index.entries.contains(where: { $0.updatable && !recent.contains($0.target.key) && isGoal($0) }), !index.entries.contains(where: { recent.contains($0.target.key) && isGoal($0) }) { return true }
        }
        // ("not sure about the quarter target", "we stay above the line", "feeling good about the quarter": no thing of its own.)
        for k in lo..<hi where (isWord(k, hi, .the) || isWord(k, hi, .our)) && k + 1 < hi && tokens[k + 1].kind == .word && tokens[k + 1].word == .none && !spelled(k + 1, Self.periodNouns) {
            let hits = index.hits(for: text(k + 1))
            if !hits.contains(where: { recent.contains(index.entries[Int($0.entry)].target.key) }) { return true }
        }
        return false
    }

    static let hitVerbs = Spellings(["hit", "reach", "make", "get", "land", "hitting", "reaching", "making", "getting", "landing"])

    static let periodNouns = Spellings(["quarter", "line", "rest", "year", "q4", "quarter's", "mark", "bar", "threshold", "finish", "numbers", "trend", "team", "forecast", "outlook", "remainder"])

    /// "for that one", "on that last one", "this one": the statement just made.
    func refersToLastStatement(_ lo: Int, _ hi: Int) -> Bool {
        (lo..<hi).contains { (isWord($0, hi, .that) || isWord($0, hi, .this)) && (isWord($0 + 1, hi, .one) || isWord($0 + 1, hi, .last) && isWord($0 + 2, hi, .one)) }
    }

    /// A confidence said on its own ("My confidence is 3.", "conf 7" on a line of its own) is for the
    /// statements made since the last one said so ("churn 9.9 ... confidence 4 for that one. Upsell
    /// still 15": not upsell), or for the whole message when it comes before any.
    /// When the first one comes before any statement, each is for the statements after it ("conf 8\n
    /// partners 3\nconf 4\ndeals 4").
    mutating func applyLooseConfidence(_ confidence: Int, _ lo: Int, _ hi: Int) {
        let count = result.checkIns.count
        // "Confidence 4 for that one", "conf 4 on that last one": the statement just made.
        // ("coverage 75, 80% sure we'll get there... no, Q1. call it 6/10": a confidence revised.)
        if count > 0, refersToLastStatement(lo, hi) || (spelled(lo, ["call", "make"]) && isWord(lo + 1, hi, .it) || isWord(lo, hi, .actually)) && result.checkIns[count - 1].confidence != nil,
           !result.checkIns[count - 1].isKPI {
            result.checkIns[count - 1].confidence = confidence
            confidenceGroupStart = count
            return
        }
        // ("We're at 745k ... [asked] ... I'm just saying confidence is 2. Partner revenue 135k.": after
        // a statement that was asked, the confidence is about that one, not the rest.)
        if count == 0, !result.clarifications.isEmpty { return }
        if count == 0 { confidenceLeads = true }
        guard count > confidenceGroupStart else {
            messageConfidence = (confidence, line)
            return
        }
        let given = confidenceLeads ? messageConfidence?.value : confidence
        if let given {
            for i in confidenceGroupStart..<count where result.checkIns[i].confidence == nil && !result.checkIns[i].isKPI {
                result.checkIns[i].confidence = given
            }
        }
        confidenceGroupStart = count
        if confidenceLeads { messageConfidence = (confidence, line) }
    }

    /// "28 🟢  8.0 🟡  10 🟢": a line of values and nothing else, one per key result of the author's
    /// own, in the order their prompt numbered them (#1, #2, ...). Each is read and checked as if
    /// written after its key (so an implausible one is asked back); any other count is not this.
    mutating func readValuesInOrder(_ lo: Int, _ hi: Int) -> Bool {
        var values: [(start: Int, end: Int)] = []
        var k = lo
        while k < hi {
            let token = tokens[k]
            switch token.kind {
            case .number:
                guard !token.delta else { return false }
                var end = k + 1
                if end < hi, tokens[end].kind == .emoji, tokens[end].emoji.isTrafficLight { end += 1 }
                values.append((k, end))
                k = end
                continue
            case .comma, .slash, .dash, .semicolon:
                break
            case .other where isSymbol(k, hi, UInt8(ascii: "|")):
                break
            default:
                return false
            }
            k += 1
        }
        let numbered = index.entries.indices.filter { index.entries[$0].number != nil && index.entries[$0].updatable && !index.entries[$0].target.isKPI }
            .sorted { index.entries[$0].number! < index.entries[$1].number! }
        guard values.count >= 2, values.count == numbered.count, result.checkIns.isEmpty else { return false }
        var readings = values.map { read($0.start, $0.end, skipping: []) }
        // Every value must fit its place as it stands; one that does not says the order is not the
        // prompt's, and the whole line is asked about rather than any of it recorded.
        let keys = numbered.map { "`\(index.entries[$0].target.key)`" }
        var proposals: [(entry: Int, value: Double, confidence: Int?)] = []
        for (i, entry) in numbered.enumerated() {
            guard case .value(let value, _) = decide(&readings[i], target: index.entries[entry].target) else {
                ask("Are these your key results in order (\(keys.joined(separator: ", ")))? Reply with each key and its value, e.g. `\(index.entries[numbered[0]].target.key) \(written(values[0].start))`.")
                return true
            }
            proposals.append((entry, value, readings[i].confidence))
        }
        // Numbers alone, even in the prompt's order, do not say which is which: proposed in that
        // order, one "yes" records them all.
        var shown: [String] = []
        var offers: [Clarification.Proposal] = []
        for proposal in proposals {
            let target = index.entries[proposal.entry].target
            shown.append("`\(target.key)` \(format(proposal.value, for: target))")
            offers.append(.value(keyResult: target.key, value: proposal.value, confidence: proposal.confidence, isKPI: false))
        }
        ask("Are these your key results in your prompt's order: \(shown.joined(separator: ", "))? Reply yes to record them all, or write each key and its value.",
            proposal: offers[0], alsoProposed: Array(offers.dropFirst()), target: index.entries[proposals[0].entry].target.key)
        return true
    }

    /// "I'm pretty confident.", "Ich bin ziemlich zuversichtlich.", "Je suis assez confiant": a
    /// sentence that is only a confidence, about nothing in particular, so about the whole message.
    func isBareConfidence(_ lo: Int, _ hi: Int) -> Bool {
        var k = lo
        var said = false
        while k < hi {
            let token = tokens[k]
            if token.kind == .word, let (_, next) = confidenceWord(k, hi, negated: false) {
                said = true
                k = next
                continue
            }
            // "confiança 🟢", "confidence 7/10", "confidence: 7".
            if isWord(k, hi, .confidence) || isWord(k, hi, .conf) {
                let n = isKind(k + 1, hi, .colon) || isKind(k + 1, hi, .equals) ? k + 2 : k + 1
                if n < hi, tokens[n].kind == .emoji || tokens[n].kind == .number && Self.confidenceNumber(tokens[n]) != nil {
                    said = true
                    k = n + 1
                    continue
                }
                return false
            }
            switch token.kind {
            case .word:
                guard isWord(k, hi, .i) || isWord(k, hi, .imContraction) || isWord(k, hi, .we) || isWord(k, hi, .very) || isWord(k, hi, .so) || isWord(k, hi, .not)
                        || isWord(k, hi, .too) || isWord(k, hi, .ich) || isWord(k, hi, .bin) || isWord(k, hi, .je) || isWord(k, hi, .suis)
                        || isWord(k, hi, .estoy) || isWord(k, hi, .wir) || isWord(k, hi, .overall) || spelled(k, Self.bareConfidenceFillers) else { return false }
            case .comma, .other, .emoji, .dash, .colon:
                break
            default:
                return false
            }
            k += 1
        }
        return said
    }

    static let bareConfidenceFillers: [StaticString] = ["am", "are", "pretty", "quite", "really", "fairly", "ziemlich", "sehr", "assez", "très", "tres", "bastante", "muy",
                                        "muito", "estou", "tbh", "honestly", "still", "feeling", "feel", "sind", "somos", "estamos", "nous", "sommes"]

    func startsCorrection(_ lo: Int, _ hi: Int) -> Bool {
        correctionAt(lo, hi) != nil || isWord(lo, hi, .no) && (isKind(lo + 1, hi, .comma) || lo + 1 == hi) || takenBackBy(lo, hi)
    }

    /// Whether the reply has no other statement (the one-key-result rule applies to one-statement replies).
    func isOnlyStatement() -> Bool {
        result.checkIns.isEmpty && result.clarifications.isEmpty && linesWithDigits <= 1
    }
}
