import Foundation
import OKRModel

/// Action items, blockers, time away, finished action items, commands, answers to okrd's
/// questions, and lines pasted back from the prompt.
extension ReplyReader {
    // MARK: Action items

    /// Where an action item starts, and whose it is (nil: the first mention, else the author):
    /// `action: ...`, `todo ...`, `next steps: ...`, `to do: ...`, `todo for me: ...`,
    /// `@li will ...`, `@li to ...`, `I'll ...`, `I will ...`, `need @li to ...`, `I'd like Maria to ...`.
    func actionStart(_ lo: Int, _ hi: Int) -> (person: String?, next: Int)? {
        let w = word(lo, hi)
        switch w {
        // ("Aktion läuft bei ACME", "Acción de gracias": the word in other languages only as a heading.)
        case _ where (w == .action || w == .actions) && spelled(lo, Self.foreignActionWords) && !isKind(lo + 1, hi, .colon):
            return nil
        case _ where (w == .action || w == .actions || w == .todo || w == .todoDash || w == .ai) && actionReference(at: lo, hi) == nil:
            // "that action is done": about an item, not a new one; "no action needed"; "todo bien".
            if isWord(lo + 1, hi, .is) || isWord(lo + 1, hi, .was) || isWord(lo + 1, hi, in: .completionWords) || isWord(lo - 1, hi, .no)
                || spelled(lo + 1, ["needed", "required"]) { return nil }
            if w == .todo, isSpanishTodo(lo, hi) { return nil }
            var k = lo + 1
            if isWord(k, hi, .item) || isWord(k, hi, .items) { k += 1 }
            // "action items from today's pipeline review:": where they come from; the items follow.
            if isWord(k, hi, .from) || spelled(k, ["after"]) {
                guard let colon = (k..<hi).first(where: { tokens[$0].kind == .colon || tokens[$0].kind == .dash }), colon + 1 < hi else { return nil }
                return (nil, skipPunctuation(colon + 1, hi))
            }
            // "action for me:", "todo for me:"
            if isWord(k, hi, .for), isWord(k + 1, hi, .me) { return (index.author, skipPunctuation(k + 2, hi)) }
            // "action for Li: ...", "action for @maria: ...", "@dana action for you: ...": theirs.
            if isWord(k, hi, .for), k + 1 < hi, tokens[k + 1].kind == .mention || isPerson(k + 1), let who = person(at: k + 1) {
                return (who, skipPunctuation(k + 2, hi))
            }
            if isWord(k, hi, .for), isWord(k + 1, hi, .you), let addressee = clauseAddressee { return (addressee, skipPunctuation(k + 2, hi)) }
            if w == .ai, !(isKind(k, hi, .colon)) { return nil }
            // ("Acción: Maria enviará el contrato el viernes": the person named first does it.)
            let task = skipPunctuation(k, hi)
            // (Not "Dana's accounts need a handover plan": whose, not who.)
            // (Not the one to call: "Aktion: Maria anrufen", "Azione: Maria chiamare domani", "Aktion:
            // Maria den Vertrag schicken": an infinitive after the name or at the end.)
            if tokens.indices.contains(task), tokens[task].kind == .word, let who = person(at: task), who != index.author, isKind(task + 1, hi, .word), !isWord(task + 1, hi, .and),
               !text(task).suffix(2).elementsEqual("'s".utf8), !looksInfinitive(task + 1), !looksInfinitive(lastWord(task + 1, hi)) {
                return (who, task + 1)
            }
            return (nil, task)
        case .to where isWord(lo + 1, hi, .do) && isKind(lo + 2, hi, .colon):
            return (nil, lo + 3)
        case .plan where isKind(lo + 1, hi, .colon):
            // "Plan: call their partner manager tomorrow."
            return (nil, lo + 2)
        case .next where (isWord(lo + 1, hi, .step) || isWord(lo + 1, hi, .steps)) && isKind(lo + 2, hi, .colon):
            return (nil, lo + 3)
        case .imContraction where spelled(lo + 1, ["taking", "owning"]) && isWord(lo + 3, hi, .action) && isWord(lo + 4, hi, .to):
            // "I'm taking the action to escalate it by Wednesday", "I'm taking an action to ...".
            return (index.author, lo + 5)
        case .ill:
            // "I'll be out next week" is time away, not a task.
            // ("I'll have the exact figure after the CRM sync" is about the value said before.)
            if isWord(lo + 1, hi, .be) || isHedgeOrIdiom(lo + 1, hi) || exactComesLater(lo + 1, hi) { return nil }
            // "I'll need Carlos to sign off on the discount tiers by Wednesday": Carlos's.
            if isWord(lo + 1, hi, .need), lo + 2 < hi, let who = person(at: lo + 2), who != index.author, isWord(lo + 3, hi, .to) { return (who, lo + 4) }
            return (index.author, lo + 1)
        case .i where isWord(lo + 1, hi, .will) && !isWord(lo + 2, hi, .be):
            if isHedgeOrIdiom(lo + 2, hi) || exactComesLater(lo + 2, hi) { return nil }
            return (index.author, lo + 2)
        case _ where (w == .going && isWord(lo + 1, hi, .to) || w == .gonna) && !isWord(lo + (w == .gonna ? 1 : 2), hi, .be):
            // "going to review the lead scoring with marketing by Friday": a commitment when it has a
            // date; without one it is talk ("going to be a long week").
            let start = lo + (w == .gonna ? 1 : 2)
            guard (start..<hi).contains(where: { k in (isWord(k, hi, .by) || isWord(k, hi, .before)) && dateFollows(k + 1, hi) || isWord(k, hi, .tomorrow) }) else { return nil }
            return (index.author, start)
        case .will where lo == 0 || tokens[lo - 1].kind != .word:
            // "will prep the demo script review for Carlos, EOD"
            return isWord(lo + 1, hi, .be) || isHedgeOrIdiom(lo + 1, hi) ? nil : (index.author, lo + 1)
        case .need where lo + 1 < hi && (tokens[lo + 1].kind == .mention || isPerson(lo + 1)) && isWord(lo + 2, hi, .to):
            return (person(at: lo + 1), lo + 3)
        case .would where isWord(lo + 1, hi, .like):
            // "I'd like Maria to put together a summary by Wednesday"
            if lo + 2 < hi, let who = person(at: lo + 2), isWord(lo + 3, hi, .to) { return (who, lo + 4) }
            return nil
        case .i where (isWord(lo + 1, hi, .need) || isWord(lo + 1, hi, .would) && isWord(lo + 2, hi, .like)):
            let p = isWord(lo + 1, hi, .need) ? lo + 2 : lo + 3
            if p < hi, let who = person(at: p), who != index.author, isWord(p + 1, hi, .to) { return (who, p + 2) }
            // ("I need the final discount tiers from @carlos by Tuesday": theirs to deliver, by then.)
            // (A thing to deliver, "the ...", "your ...": not "I need to send the numbers from @li's deck",
            // "I need a break from @li", "I need nothing from @sam".)
            if isWord(lo + 1, hi, .need), spelled(p, Self.deliverableStarts), !spelled(p + 1, ["break", "favor", "favour", "word", "minute", "second", "hand"]),
               let from = (p..<min(hi, p + 8)).first(where: { isWord($0, hi, .from) }), from > p,
               let who = person(at: from + 1), who != index.author, hasDeadline(lo, hi) {
                return (who, p)
            }
            return nil
        default:
            break
        }
        if tokens[lo].kind == .mention || (tokens[lo].kind == .word && isPerson(lo) && bytes[tokens[lo].start] < 0x61) {
            let after = lo + 1
            if isWord(after, hi, .will) || isWord(after, hi, .should) || isWord(after, hi, .must) || isWord(after, hi, .shall) || isWord(after, hi, .to) && tokens[lo].kind == .mention {
                if isHedgeOrIdiom(after + 1, hi) { return nil }
                return (person(at: lo), after + 1)
            }
            if (isWord(after, hi, .needs) || isWord(after, hi, .has)) && isWord(after + 1, hi, .to) { return (person(at: lo), after + 2) }
        }
        return nil
    }

    static let futureWords: [StaticString] = ["once", "unless", "soon"]
    /// "still not", "todavía no", "noch nicht", "pas encore", "ainda não": not yet.
    static let notYetWords: [StaticString] = ["todavía", "todavia", "noch", "nicht", "encore", "ainda", "não", "nao", "pas", "niet", "nog"]
    static let postingVerbs: [StaticString] = ["post", "share", "report", "update"]
    static let onlyWords: [StaticString] = ["only"]
    static let countWords: [StaticString] = ["count"]
    static let hedgeVerbs: [StaticString] = ["take", "confirm", "check", "double", "double-check", "doublecheck", "verify", "see", "keep", "try", "let", "survive"]
    static let checkInObjects: [StaticString] = ["his", "her", "hers", "their", "theirs", "own", "mine", "numbers", "number", "update", "updates", "when", "once", "later", "it", "them"]

    /// "I'll take it", "will double check", "I'll confirm once the report refreshes", "I'll keep you
    /// posted": a hedge on a number or an idiom, not a task (unless it has a deadline).
    func isHedgeOrIdiom(_ k: Int, _ hi: Int) -> Bool {
        // ("I'll go with 91.2", "I'll go with 8.1 for satisfaction": the value chosen, not a task.)
        if spelled(k, ["go", "going"]), isWord(k + 1, hi, .with), isKind(k + 2, hi, .number) || isWord(k + 2, hi, .the) && isKind(k + 3, hi, .number) { return true }
        // ("I'll call it at 8.0 for demo sat", "I'll put it at 30%", "I'll peg churn at 9.9", "I'll say
        // 27": an estimate; not "I'll call 3 partners tomorrow", "I'll call Globex at 3".)
        if spelled(k, ["say", "guess", "estimate"]), isKind(spelled(k + 1, ["around", "about", "roughly"]) ? k + 2 : k + 1, hi, .number) { return true }
        if spelled(k, ["call", "put", "peg", "mark"]) {
            var n = k + 1
            if spelled(n, ["it", "that", "this"]) {
                n += 1
                // ("I'll call it a day".)
                if spelled(n, ["a"]), spelled(n + 1, ["day", "night", "week"]) { return true }
            } else {
                while n < min(hi, k + 4), tokens[n].kind == .word, !index.hits(for: text(n)).isEmpty { n += 1 }
                guard n > k + 1, isWord(n, hi, .at) else { return false }
            }
            if isWord(n, hi, .at) || spelled(n, ["around", "about", "roughly"]) { n += 1 }
            if isKind(n, hi, .number) { return true }
        }
        // "Maria will post hers", "Sam will post his own numbers", "will update when it lands",
        // "I'll only count it when the paper is signed": about check-ins, not a task.
        let aboutCheckIn = spelled(k, Self.postingVerbs) && spelled(k + 1, Self.checkInObjects) || spelled(k, Self.onlyWords) && spelled(k + 1, Self.countWords)
        guard aboutCheckIn || spelled(k, Self.hedgeVerbs) else { return false }
        return !(k..<hi).contains { j in (isWord(j, hi, .by) || isWord(j, hi, .before) || isWord(j, hi, .due)) && dateFollows(j + 1, hi) || isWord(j, hi, .tomorrow) || isWord(j, hi, .today) }
    }

    func skipPunctuation(_ k: Int, _ hi: Int) -> Int {
        var k = k
        while k < hi, tokens[k].kind == .colon || tokens[k].kind == .dash || tokens[k].kind == .comma { k += 1 }
        return k
    }

    /// A request to someone okrd knows: "@li please chase ...", "@priya can you update ... by tomorrow?",
    /// "Li, bitte schick mir ...", "Sam, Priya: I need your forecasts by end of month".
    func isRequest(_ lo: Int, _ hi: Int) -> Bool {
        var k = lo
        var people = 0
        while k < hi, tokens[k].kind == .mention || (isPerson(k) && tokens[k].kind == .word) || (people > 0 && (tokens[k].kind == .comma || isWord(k, hi, .and) || tokens[k].kind == .colon)) {
            if tokens[k].kind == .mention || isPerson(k) { people += 1 }
            k += 1
        }
        guard people > 0 else {
            // "please @li ..."
            if isWord(lo, hi, .please) || isWord(lo, hi, .pls), lo + 1 < hi, tokens[lo + 1].kind == .mention { return true }
            return false
        }
        // Someone else's number or a compliment is not a request.
        for j in k..<hi {
            if isWord(j, hi, .please) || isWord(j, hi, .pls) || isWord(j, hi, .canyou) { return true }
            if (isWord(j, hi, .can) || isWord(j, hi, .could) || isWord(j, hi, .would) || isWord(j, hi, .will)), isWord(j + 1, hi, .you) { return true }
            if isWord(j, hi, .i) && isWord(j + 1, hi, .need) && (isWord(j + 2, hi, .your) || isWord(j + 2, hi, .you)) { return true }
            if isWord(j, hi, .need) && (isWord(j + 1, hi, .your) || isWord(j + 1, hi, .you)) { return true }
        }
        return false
    }

    /// How a thing someone is to deliver starts: "I need the final discount tiers from @carlos".
    static let deliverableStarts = Spellings(["the", "your", "his", "her", "their", "updated", "final", "latest", "new", "signed", "revised", "current", "q1", "q4"])

    /// Words after "please" that ask for no task.
    static let notTasks = Spellings(["don't", "dont", "note", "see", "ignore", "keep", "enjoy", "let", "no", "disregard", "stop"])

    /// An action item for each person a request addresses.
    mutating func readRequest(_ lo: Int, _ hi: Int) {
        var owners: [String] = []
        var k = lo
        if isWord(k, hi, .please) || isWord(k, hi, .pls) { k += 1 }
        while k < hi, tokens[k].kind == .mention || (isPerson(k) && tokens[k].kind == .word) || (!owners.isEmpty && (tokens[k].kind == .comma || isWord(k, hi, .and) || tokens[k].kind == .colon)) {
            if let who = person(at: k), !owners.contains(who) { owners.append(who) }
            k += 1
        }
        guard !owners.isEmpty else { return }
        // ("Sam, please.", "Sam, please don't chase Initech yet", "please see above", "please, what's
        // the status?": no task.)
        var task = k
        while task < hi, isWord(task, hi, .please) || isWord(task, hi, .pls) || spelled(task, ["thanks", "thx"]) || tokens[task].kind == .comma || tokens[task].kind == .dash { task += 1 }
        if task >= hi || tokens[task].kind != .word || spelled(task, Self.notTasks) || isWord(task, hi, .dont) || isWord(task, hi, .do) && isWord(task + 1, hi, .not)
            || WordSet.questionStarts.contains(tokens[task].word) && !isWord(task, hi, .can) && !isWord(task, hi, .could) && !isWord(task, hi, .do) { return }
        // ("@dana could you and @carlos send me your Q1 proposals": each one asked.)
        var start = k
        if isWord(k, hi, .can) || isWord(k, hi, .could) || isWord(k, hi, .would) || isWord(k, hi, .will), isWord(k + 1, hi, .you), isWord(k + 2, hi, .and) {
            var m = k + 3
            var more: [String] = []
            while m < hi, tokens[m].kind == .mention || isPerson(m) && tokens[m].kind == .word || !more.isEmpty && (isWord(m, hi, .and) || tokens[m].kind == .comma) {
                if let who = person(at: m), !owners.contains(who), !more.contains(who) { more.append(who) }
                m += 1
            }
            if !more.isEmpty {
                owners += more
                start = m
            }
        }
        // Unknown mentions were refused by `person(at:)` returning nil: say so.
        for owner in owners {
            readAction(from: start, hi, owner: owner)
        }
    }

    /// `action: @maria send the draft to legal by Friday`: owner (the first mention, else the
    /// author), task and due date.
    mutating func readAction(from start: Int, _ hi: Int, owner given: String?) {
        var k = start
        while k < hi, tokens[k].kind == .colon || tokens[k].kind == .dash || tokens[k].kind == .comma { k += 1 }
        var owner = given ?? index.author
        /// "action: Priya & Sam - each send me 3 prospects": the same task for each person named.
        var alsoFor: [String] = []
        if given == nil, k < hi, tokens[k].kind == .word, let first = person(at: k), let (others, next) = morePeople(after: k, hi),
           isWord(next, hi, .to) || isWord(next, hi, .will) || isWord(next, hi, .should) || isWord(next, hi, .must) || isKind(next, hi, .dash) || isKind(next, hi, .colon) {
            owner = first
            k = next
            // "Priya & Sam - each send me ...": one item each; "Priya and Sam to align on pricing": a
            // joint task, the first person named owns it.
            if isWord(k, hi, .each) || isKind(k, hi, .dash) && isWord(k + 1, hi, .each) || isWord(k, hi, .to) && isWord(k + 1, hi, .each) {
                alsoFor = others
                k += isWord(k, hi, .each) ? 1 : 2
            }
        } else if given == nil, k < hi, tokens[k].kind == .mention {
            let spelling = lower[(tokens[k].start + 1)..<tokens[k].end]
            guard let person = index.person(spelling) else {
                return error("I don't know “\(written(k))”. Mention someone okrd knows (by their chat handle or okrd id), or leave the owner out to take the action yourself.")
            }
            owner = person
            k += 1
        } else if given == nil, k < hi, tokens[k].kind == .word, let person = person(at: k),
                  isWord(k + 1, hi, .to) || isWord(k + 1, hi, .will) || isWord(k + 1, hi, .should) || isWord(k + 1, hi, .must)
                    || (isWord(k + 1, hi, .needs) || isWord(k + 1, hi, .has)) && isWord(k + 2, hi, .to) || isPresentVerb(k + 1, hi) {
            // "action: Priya to finalize the Lumen agreement", "action: sam sends the questionnaire":
            // theirs, named rather than mentioned.
            owner = person
            k += 1
        } else if given == nil, isWord(k, hi, .me) {
            k += 1
        }
        // ("will you follow up with Globex by Friday?": the task after "you".)
        if isWord(k, hi, .will) || isWord(k, hi, .would), isWord(k + 1, hi, .you) { k += 2 }
        while k < hi, isWord(k, hi, .will) || isWord(k, hi, .should) || isWord(k, hi, .must) || isWord(k, hi, .shall) || isWord(k, hi, .please) || isWord(k, hi, .pls)
            || tokens[k].kind == .colon || tokens[k].kind == .dash || tokens[k].kind == .comma {
            k += 1
        }
        if (isWord(k, hi, .needs) || isWord(k, hi, .has)), isWord(k + 1, hi, .to) { k += 2 }
        if isWord(k, hi, .to) { k += 1 }
        if (isWord(k, hi, .can) || isWord(k, hi, .could) || isWord(k, hi, .would) || isWord(k, hi, .will)), isWord(k + 1, hi, .you) { k += 2 }
        guard k < hi else {
            return error("this action item has no task. Write what needs doing, e.g. `action: @\(owner) send the contract draft by Friday`.")
        }
        // The due date: after by / due / before / until / on, or a trailing "next week", "tomorrow"...
        var due: LocalDate?
        var cut: (from: Int, to: Int)?
        var j = k
        while j < hi {
            if isWord(j, hi, in: .dateKeywords) || isDateKeywordAbroad(j) {
                let phrase = isWord(j + 1, hi, .on) || isWord(j + 1, hi, .the) && !isWord(j + 2, hi, .end) ? j + 2 : j + 1
                if phrase < hi {
                    let (outcome, used) = readDate(at: phrase, hi)
                    switch outcome {
                    case .day(let day):
                        due = day
                        cut = (j, tokenIndex(afterWords: used, from: phrase, hi))
                    case .error(let message):
                        return ask("The action item “\(original(from: k, to: hi, trimming: ".,;:?"))” has a date I can't read: \(message). Reply with the date, e.g. `by 2026-12-04`.")
                    case .notADate, .range:
                        j += 1
                        continue
                    }
                    break
                }
            }
            // A date without a preposition: "next week", "EOD", "tomorrow", "Dec 4", "in 3 days".
            if tokens[j].kind == .word, WordSet.trailingDateStarts.contains(tokens[j].word) || isBareDateStart(j) {
                // ("ACME anrufen nächsten Dienstag", "el próximo martes": the word for next goes with it.)
                let at = j > k && DateReader.nextWords.contains(String(decoding: lower[tokens[j - 1].start..<tokens[j - 1].end], as: UTF8.self)) ? j - 1 : j
                let (outcome, used) = readDate(at: at, hi)
                if case .day(let day) = outcome {
                    due = day
                    // ("mandar el kit para el viernes", "propuesta a Hooli el martes que viene": the
                    // article and preposition go with the date.)
                    var from = at
                    while from > k + 1, spelled(from - 1, Self.beforeBareDate) { from -= 1 }
                    cut = (from, tokenIndex(afterWords: used, from: at, hi))
                    break
                }
                if case .error(let message) = outcome {
                    return ask("The action item “\(original(from: k, to: hi, trimming: ".,;:?"))” has a date I can't read: \(message). Reply with the date, e.g. `by 2026-12-04`.")
                }
            }
            j += 1
        }
        let taskText: String
        if let cut {
            let before = original(from: k, to: cut.from, trimming: ".,;:-?!")
            let after = cut.to < hi ? original(from: cut.to, to: hi, trimming: ".,;:-?!") : ""
            taskText = before.isEmpty ? after : (after.isEmpty ? before : before + " " + after)
        } else {
            taskText = original(from: k, to: hi, trimming: ".,;:-?!")
        }
        // "Actions: none", "todo: n/a": nothing to record, nothing to complain about. "will confirm
        // tomorrow" is a promise about the numbers, not a task.
        if ["none", "n/a", "na", "nothing", "no", "-", "nothing new", "none this week"].contains(taskText.lowercased()) { return }
        if given == index.author, !taskText.contains(" "), ["confirm", "check", "update", "post", "follow", "see", "report"].contains(taskText.lowercased()) { return }
        guard !taskText.isEmpty else {
            return error("this action item has no task, only a date. Write what needs doing, e.g. `action: send the contract draft by Friday`.")
        }
        var target = lastTarget.map { index.entries[$0].target.key }
        for ref in references(k, hi) where ref.strong {
            if let entry = ref.entry, index.entries[entry].updatable { target = index.entries[entry].target.key; break }
        }
        for person in [owner] + alsoFor {
            result.actions.append(ParsedAction(owner: person, text: Self.limited(taskText, 500), due: due, target: target, line: line))
        }
    }

    /// "& Sam", "and Sam", ", Sam and Li" after a person's name: the others named, and where the list ends.
    func morePeople(after k: Int, _ hi: Int) -> ([String], Int)? {
        var others: [String] = []
        var j = k + 1
        while j + 1 < hi, isWord(j, hi, .and) || isSymbol(j, hi, UInt8(ascii: "&")) || isKind(j, hi, .comma), let person = person(at: j + 1) {
            others.append(person)
            j += 2
        }
        return others.isEmpty ? nil : (others, j)
    }

    /// A verb in the third person after a name ("sam sends", "Priya updates"): not "is", "has", "was".
    /// (Not after a possessive: "Priya's accounts need a handover plan" is not Priya's item.)
    func isPresentVerb(_ k: Int, _ hi: Int) -> Bool {
        guard k > 0, k < hi, tokens[k].kind == .word, tokens[k].word == .none else { return false }
        let name = text(k - 1)
        guard !(name.count > 2 && name.suffix(2).elementsEqual("'s".utf8)) else { return false }
        let spelling = text(k)
        guard spelling.count >= 4, spelling.last == UInt8(ascii: "s"), spelling.dropLast().last != UInt8(ascii: "s") else { return false }
        return isKind(k + 1, hi, .word) && person(at: k) == nil && !Self.otherCountNouns.contains(String(decoding: spelling, as: UTF8.self))
    }

    /// "bis" (de), "hasta" (es), "até" (pt), "avant" (fr) are read as "until", a date keyword.
    func isDateKeywordAbroad(_ j: Int) -> Bool { false }

    /// A weekday or month name that starts a date on its own ("Friday", "Dec 4").
    func isBareDateStart(_ j: Int) -> Bool {
        let hash = TargetIndex.hash64(text(j))
        return DateReader.dayHashes[hash] != nil || (DateReader.monthHashes[hash] != nil && j + 1 < tokens.count && tokens[j + 1].kind == .number)
    }

    /// Reads a date from token `j`; `used` counts words, as the reader does.
    mutating func readDate(at j: Int, _ hi: Int, away: Bool = false) -> (DateReader.Outcome, Int) {
        guard j < hi else { return (.notADate, 0) }
        var reader = dates()
        reader.dottedDays = away && dottedDateAt(j)
        return reader.read(words: DateReader.words(lower, tokens[j].start..<(hi < tokens.count ? tokens[hi].start : lineEnd)))
    }

    /// The token index reached after `words` space-separated words starting at token `j`.
    func tokenIndex(afterWords words: Int, from j: Int, _ hi: Int) -> Int {
        guard words > 0, j < hi else { return j }
        var remaining = words
        var k = j
        var position = tokens[j].start
        while k < hi, remaining > 0 {
            // Tokens touching each other ("4th", "2026-12-04") belong to one word.
            let wordEnd = bytes[position..<lineEnd].firstIndex(where: { $0 == 0x20 || $0 == UInt8(ascii: ",") }) ?? lineEnd
            while k < hi, tokens[k].start < wordEnd { k += 1 }
            remaining -= 1
            guard k < hi else { break }
            position = tokens[k].start
        }
        return k
    }

    /// A German, Dutch, Italian, Spanish or Portuguese infinitive ending at word `k` ("anrufen", "chiamare", "llamar").
    func looksInfinitive(_ k: Int) -> Bool {
        guard k >= 0, k < tokens.count, tokens[k].kind == .word, tokens[k].word == .none else { return false }
        let word = text(k)
        guard word.count > 4 else { return false }
        return ["en", "ar", "er", "ir", "re"].contains { word.suffix(2).elementsEqual($0.utf8) }
    }

    /// The last word token before `hi`, from `k`.
    func lastWord(_ k: Int, _ hi: Int) -> Int {
        var j = hi - 1
        while j > k, tokens[j].kind != .word { j -= 1 }
        return j
    }

    static let foreignActionWords = Spellings(["acción", "accion", "ação", "acao", "actie", "azione", "aktion", "acciones", "ações", "acties", "azioni", "aktionen"])

    /// Words that lead to a date without saying a deadline in English: "para el viernes", "am Freitag".
    static let beforeBareDate = Spellings(["el", "la", "le", "il", "para", "pour", "per", "voor", "am", "on", "the", "op", "al", "até", "ate"])

    // MARK: Time away

    /// "ooo until Dec 4", "I'm out Thursday and Friday", "off next week", "OOO Wed-Fri", "vacation until Jan 4".
    func isAway(_ lo: Int, _ hi: Int) -> Bool {
        guard saysAway(lo, hi) else { return false }
        // Someone else's absence ("Li is out today", "Sam's off Friday") is not the author's.
        for j in lo..<hi {
            if (max(lo, j - 2)...j).contains(where: { sharesAbsence(at: $0, hi) }) { continue }
            if let who = person(at: j), who != index.author { return false }
            if isWord(j, hi, .he) || isWord(j, hi, .she) || isWord(j, hi, .they) { return false }
            // (Only before the absence: "I'm on vacation Dec 7 to Dec 11, Maria has my accounts".)
            if tokens[j].kind == .word, isWord(j, hi, in: Self.awayCues) || spelled(j, Self.awayWords) { break }
        }
        return true
    }

    /// "Carlos and I", "me and Carlos" at `k`: another person and the author, away together.
    func sharesAbsence(at k: Int, _ hi: Int) -> Bool {
        guard isWord(k + 1, hi, .and) else { return false }
        return person(at: k) != nil && isWord(k + 2, hi, .i) || spelled(k, ["me"]) && person(at: k + 2) != nil
    }

    /// "30.11." (a point after it) or "vom 30.11", "du 30.11", "bis 4.12" at `j`: a day and a month
    /// written with points, not a value like "churn 9.8".
    /// (A preposition of dates before it, or a range after it: not "churn 9.8." or "from 11 to 9.5".)
    func dottedDateAt(_ j: Int) -> Bool {
        guard j >= 0, j < tokens.count, tokens[j].kind == .number, DateReader.dottedDay(String(decoding: text(j), as: UTF8.self)) != nil else { return false }
        if spelled(j - 1, Self.dottedDatePrepositions) { return true }
        // ("OOO 30.11 - 4.12": the second of a range.)
        if j >= 2, isDashAt(j - 1) {
            let first = isSymbol(j - 2, tokens.count, UInt8(ascii: ".")) ? j - 3 : j - 2
            if first >= 0, tokens[first].kind == .number, DateReader.dottedDay(String(decoding: text(first), as: UTF8.self)) != nil { return true }
        }
        if j + 1 < tokens.count, isDashAt(j + 1), j + 2 < tokens.count, tokens[j + 2].kind == .number, DateReader.dottedDay(String(decoding: text(j + 2), as: UTF8.self)) != nil { return true }
        let after = j + 1 < tokens.count && isSymbol(j + 1, tokens.count, UInt8(ascii: ".")) && tokens[j + 1].start == tokens[j].end ? j + 2 : j + 1
        // ("30.11.–4.12.": the dash may have joined the second day as a sign.)
        return after > j + 1 && after < tokens.count && (spelled(after, ["bis", "au", "al", "a", "tot", "do"]) || isDashAt(after)
            || tokens[after].kind == .number && text(after).first == UInt8(ascii: "-") && DateReader.dottedDay(String(decoding: text(after).dropFirst(), as: UTF8.self)) != nil)
    }

    /// A hyphen or a dash (– —) at `k`, as a range writes it.
    func isDashAt(_ k: Int) -> Bool {
        k >= 0 && k < tokens.count && (tokens[k].kind == .dash || tokens[k].kind == .other && bytes[tokens[k].start] == 0xE2 && tokens[k].end - tokens[k].start == 3)
    }

    static let dottedDatePrepositions = Spellings(["vom", "bis", "ab", "am", "seit", "zum", "du", "au", "le", "del", "al", "dal", "od", "do", "van", "tot", "dès", "desde", "hasta"])

    /// "I'm out Thu/Fri", "ooo until Dec 4", "off next week", "nächste Woche im Urlaub".
    func saysAway(_ lo: Int, _ hi: Int) -> Bool {
        // (Not someone else's, a hypothetical, a past or a cancelled absence: "the customer is on
        // vacation Dec 1-4", "der Kunde ist ... im Urlaub", "wenn ich ab Donnerstag nicht da bin", "I might
        // be on vacation", "Ich war am Freitag nicht da", "I'm not on vacation next week after all".)
        // (Over the sentence: a clause may start at "Urlaub" in "der Kunde ist nächste Woche im Urlaub".)
        // (Only what comes before the word of the absence counts: "I'm out Thursday, so if anything is
        // urgent ping Sam" is the author's.)
        let from = sentenceStart <= lo ? sentenceStart : lo
        guard saysAwayPlainly(lo, hi) else { return false }
        let at = (lo..<hi).first(where: { isWord($0, hi, in: Self.awayCues) || spelled($0, Self.awayWords) || spelled($0, ["offline", "unavailable", "taking", "nicht"]) }) ?? hi
        // ("im" is "I'm" typed fast, or German "in dem": not counted.)
        let firstPerson = (from..<at).contains { spelled($0, Self.firstPersonWords) || isWord($0, hi, .i) || isWord($0, hi, .imContraction) && !spelled($0, ["im"]) || isWord($0, hi, .ill) || isWord($0, hi, .bin) || spelled($0, ["i'll"])
            // ("my vacation starts Monday", not "my Globex contact is on vacation till Dec 1".)
            || spelled($0, ["my"]) && (isWord($0 + 1, hi, in: Self.awayCues) || spelled($0 + 1, Self.awayWords) || spelled($0 + 1, ["time", "last", "days"])) }
        if !firstPerson, (from..<at).contains(where: { isWord($0, hi, .is) || spelled($0, Self.thirdPersonVerbs) }) { return false }
        // ("if I get the days approved I'm off till Monday", "if my PTO goes through, out Friday": a
        // condition of the author's before it; not "if you need anything, I'm out Friday".)
        // ("I'm out Friday if my PTO goes through": said right after it too, before a comma or "so";
        // not "If I remember correctly, I'm off Friday".)
        // (A condition on the time off itself: approved, going through, confirmed; not "if I don't
        // respond that's why".)
        func authorsCondition(_ j: Int) -> Bool {
            (isWord(j, hi, .if) || spelled(j, ["assuming", "provided", "unless"])) && (isWord(j + 1, hi, .i) || isWord(j + 1, hi, .we) || spelled(j + 1, ["my", "our"]))
                && (j + 2..<min(hi, j + 8)).contains(where: { spelled($0, ["approved", "approval", "through", "confirmed", "granted", "signed", "okayed", "ok'd"]) })
        }
        if (from..<lo).contains(where: authorsCondition) { return false }
        var after = at
        while after < hi, tokens[after].kind != .comma, tokens[after].kind != .dash, !isWord(after, hi, .so), !isWord(after, hi, .but) {
            if authorsCondition(after) { return false }
            after += 1
        }
        return !(lo..<at).contains(where: { isWord($0, hi, .if) || isWord($0, hi, .might) || isWord($0, hi, .maybe) || spelled($0, Self.notSoAway) || isWord($0, hi, .not) })
    }

    static let awayCues = WordSet([.out, .off, .away, .ooo, .pto, .vacation, .urlaub, .holiday, .holidays, .leave, .offsite, .sick])
    static let thirdPersonVerbs = Spellings(["ist", "está", "esta", "est", "hat", "has", "sind", "are", "estão", "estan", "están", "è", "sono"])
    /// Words that make an absence not one: a condition, a doubt, the past, a cancellation.
    static let notSoAway = Spellings(["wenn", "falls", "si", "se", "vielleicht", "quizás", "quizas", "peut-être", "talvez", "forse", "perhaps", "possibly",
                                      "was", "were", "war", "waren", "estuve", "estaba", "étais", "j'étais", "fui", "ero", "cancelled", "canceled", "doch"])

    func saysAwayPlainly(_ lo: Int, _ hi: Int) -> Bool {
        var k = lo
        // "Carlos and I are out Thursday", "me and Sam will be off Friday": the author is one of them.
        if sharesAbsence(at: k, hi) {
            k += 3
            if spelled(k, ["are", "both"]) { k += 1 } else if isWord(k, hi, .will), isWord(k + 1, hi, .be) { k += 2 }
            if spelled(k, ["both"]) { k += 1 }
        }
        // "I'm", "I am", "I'll be", "I will be", "bin", "heads up"
        if spelled(k, ["ich"]), isWord(k + 1, hi, .bin) { k += 1 }
        if isWord(k, hi, .imContraction) || isWord(k, hi, .ill) && isWord(k + 1, hi, .be) || isWord(k, hi, .i) && (isWord(k + 1, hi, .am) || isWord(k + 1, hi, .will)) || isWord(k, hi, .bin) {
            k += isWord(k, hi, .imContraction) || isWord(k, hi, .bin) ? 1 : 2
            if isWord(k, hi, .be) { k += 1 }
            // "I'm going to be out", "I'm gonna be off".
            if isWord(k, hi, .going), isWord(k + 1, hi, .to), isWord(k + 2, hi, .be) { k += 3 } else if isWord(k, hi, .gonna), isWord(k + 1, hi, .be) { k += 2 }
        }
        guard k < hi, tokens[k].kind == .word else { return false }
        let w = tokens[k].word
        if w == .ooo || w == .pto || w == .vacation || w == .urlaub || w == .holiday || w == .holidays || w == .leave { return true }
        // (Not "out of office reply from ACME until Wednesday": someone else's auto-reply.)
        if w == .out, isWord(k + 1, hi, .of), isWord(k + 2, hi, .office) { return !spelled(k + 3, ["reply", "message", "responder", "autoreply", "notice"]) }
        if w == .out || w == .off || w == .away || w == .offsite || w == .sick || w == .back || spelled(k, ["offline", "unavailable"]) {
            // ("I'm out again Wed-Fri this week", "out sick until Wednesday", "off sick tomorrow".)
            let d = spelled(k + 1, ["again", "also", "too"]) || w != .sick && isWord(k + 1, hi, .sick) ? k + 2 : k + 1
            return dateFollows(d, hi, away: true) || isWord(d, hi, .all)
        }
        // "I'm taking Friday off", "taking Dec 21 - Jan 4 off".
        if spelled(k, ["taking", "take"]), dateFollows(k + 1, hi, away: true), (k + 2..<hi).contains(where: { isWord($0, hi, .off) }) { return true }
        // "taking the day off tomorrow", "taking a few days off next week", "taking some time off from Dec 21".
        if spelled(k, ["taking", "take"]) {
            var d = k + 1
            // (Not "taking a day off next week", "a few days off next week": which days is not said.)
            if spelled(d, ["the"]) { d += 1 }
            if spelled(d, ["day", "days", "week"]), isWord(d + 1, hi, .off), dateFollows(d + 2, hi, away: true) { return true }
        }
        // "Bin ab Donnerstag bis Montag nicht da", "Ich bin am Freitag nicht da".
        // ("je suis absente du 30.11. au 4.12.", "estoy de vacaciones del 1 al 4 de diciembre".)
        // (Said by the author: not "Initech's buyer is on vacances until Dec 4".)
        if (lo..<hi).contains(where: { spelled($0, ["nicht"]) && spelled($0 + 1, ["da", "erreichbar"]) || spelled($0, Self.awayWords) }),
           (lo..<hi).contains(where: { spelled($0, Self.firstPersonWords) || isWord($0, hi, .i) || isWord($0, hi, .imContraction) || isWord($0, hi, .bin) }),
           (lo..<hi).contains(where: { tokens[$0].kind == .word || tokens[$0].kind == .number ? dateFollows($0, hi, away: true) : false }) { return true }
        // "nächste Woche im Urlaub", "on PTO Dec 1-4", "on holiday until the 4th", "on leave next week".
        return (k..<hi).contains { isWord($0, hi, .urlaub) || isWord($0, hi, .vacation)
            || isWord($0 - 1, hi, .on) && ($0 - 1 == k || isWord($0 - 2, hi, .imContraction) || isWord($0 - 2, hi, .am) || isWord($0 - 2, hi, .be)) && (isWord($0, hi, .pto) || isWord($0, hi, .holiday) || isWord($0, hi, .holidays) || isWord($0, hi, .leave)) && dateFollows($0 + 1, hi, away: true) }
    }

    static let firstPersonWords = Spellings(["ich", "je", "suis", "j'suis", "estoy", "estou", "sono", "ik", "ben", "jestem", "jag", "yo", "eu", "io"])
    static let awayWords = Spellings(["abwesend", "absent", "absente", "ausente", "vacances", "congé", "conge", "vacaciones", "férias", "ferias", "ferie",
                                      "vakantie", "urlop", "semester", "ledig"])

    /// Reads time away: the first day (today when not said) and the last.
    mutating func readAway(_ lo: Int, _ hi: Int) {
        var k = lo
        while k < hi, tokens[k].kind == .word, !isDateStart(k, hi, away: true) { k += 1 }
        var from: LocalDate?
        var until: LocalDate?
        let reader = dates()
        // Collect the days and ranges mentioned.
        var days: [LocalDate] = []
        /// Each day or range named on its own, to see gaps between them ("out Dec 1 and Dec 3").
        var named: [(LocalDate, LocalDate)] = []
        var explicitFrom: LocalDate?
        var explicitUntil: LocalDate?
        var back: LocalDate?
        /// Days written as a day of the month alone ("the 24th").
        var bareDays: Set<LocalDate> = []
        /// A whole week named ("next week"), used when no day of it is.
        var weekSpan: [LocalDate] = []
        var j = k
        while j < hi {
            // "off Monday and Tuesday, so expect the next update on Wednesday": the absence ends
            // where a new thought starts.
            // (A comma ends the dates unless the end of the absence follows: "out Thu, back Monday",
            // "..., so I'm offline Wednesday through Friday"; not when someone else comes first:
            // "..., so Sam is the point of contact until Wednesday".)
            if !days.isEmpty || explicitFrom != nil || explicitUntil != nil || back != nil, tokens[j].kind == .comma, !isDateStart(j + 1, hi, away: true),
               !absenceGoesOn(after: j, hi), !isWord(j + 1, hi, .and), !isWord(j + 1, hi, .to), !isWord(j + 1, hi, .from) {
                break
            }
            // (Without a comma too, as dictation writes: "out Wednesday through Friday so if you need
            // anything ask today or tomorrow"; not "because of the dentist and Friday for the move".)
            if !days.isEmpty || explicitFrom != nil || explicitUntil != nil || back != nil,
               isWord(j, hi, .so) || isWord(j, hi, .if), !absenceGoesOn(after: j, hi) {
                break
            }
            // ("Out sick today 🤒 numbers tomorrow": an emoji ends the phrase of the absence too.)
            if !days.isEmpty || explicitFrom != nil || explicitUntil != nil || back != nil,
               tokens[j].kind == .emoji || tokens[j].kind == .other && !isDashAt(j) && bytes[tokens[j].start] >= 0xF0, !absenceGoesOn(after: j, hi) {
                break
            }
            // "off Thu and Fri this week": the week only says which Thursday; "... next week" moves them.
            if !days.isEmpty, isWord(j + 1, hi, .week), isWord(j, hi, .this) || isWord(j, hi, .next) {
                if isWord(j, hi, .next), let (monday, _) = reader.weekRange(words: ["next", "week"]) { days = days.map { $0 < monday ? $0.adding(days: 7) : $0 } }
                j += 2
                continue
            }
            let lead = word(j - 1, hi)
            let (outcome, used) = readDate(at: j, hi, away: true)
            if case .day(var day) = outcome {
                let next = tokenIndex(afterWords: used, from: j, hi)
                // ("the 24th", "24th": a day of the month alone.)
                if (j..<max(j, min(hi, next))).allSatisfy({ isWord($0, hi, .the) || tokens[$0].kind == .number && tokens[$0].isPlainInteger || spelled($0, ["st", "nd", "rd", "th"]) }) { bareDays.insert(day) }
                // ("out Friday for Thanksgiving stuff": after the days, what it is for, not another day.)
                if lead == .for, !days.isEmpty || explicitUntil != nil || back != nil {
                    j = max(next, j + 1)
                    continue
                }
                // ("out the Wednesday before Thanksgiving": the day it is before, not a day away.)
                // ("off the Friday after Thanksgiving", "Friday (day after Thanksgiving)": the same.)
                // (Not "until after New Year's Day", "back after", "bis nach Neujahr": the end of the absence.)
                if lead == .before || lead == .after || spelled(j - 1, ["vor", "antes", "avant", "prima", "nach", "después", "après", "dopo"]), !days.isEmpty,
                   !spelled(j - 2, ["until", "till", "til", "back", "bis", "through", "thru", "to", "from", "hasta", "jusqu'à", "tot"]) {
                    j = max(next, j + 1)
                    continue
                }
                // "off next Monday and Tuesday": a day listed after another is not before it.
                // (A weekday named after another is at most a week on; one step, never a loop.)
                if let previous = days.last, day < previous, used == 1, lead == .and || isKind(j - 1, hi, .comma) {
                    let later = day.adding(days: 7)
                    if later >= previous { day = later }
                }
                if lead == .back || (j >= 2 && isWord(j - 2, hi, .back)) {
                    // ("off Dec 24 - Jan 1, back on the 4th", "off Fri Dec 4, back Mon": the return
                    // comes after the days named, a week or a month on.)
                    if let previous = (days + [explicitFrom].compactMap { $0 }).max(), day <= previous {
                        let weekdayNamed = (j..<max(j, min(hi, next))).contains { tokens[$0].kind == .word && DateReader.weekday(String(decoding: text($0), as: UTF8.self)) != nil }
                        for _ in 0..<2 where day <= previous {
                            if weekdayNamed { day = day.adding(days: 7) } else {
                                let (year, month) = day.month == 12 ? (day.year + 1, 1) : (day.year, day.month + 1)
                                guard reader.valid(year, month, day.day) else { break }
                                day = LocalDate(year: year, month: month, day: day.day)
                            }
                        }
                    }
                    back = day
                } else if lead == .until || lead == .till || lead == .til || lead == .through || lead == .thru || (lead == .to && !days.isEmpty)
                            || spelled(j - 1, ["a"]) && spelled(j - 2, ["fino"]) || spelled(j - 1, ["jusqu'à", "jusqu'au", "tot"]) {
                    // ("sono in ferie fino a mercoledì", "jusqu'à mercredi".)
                    explicitUntil = day
                    // ("off till monday", "out until Monday": back on the Monday, away to the Friday.)
                    // (English only: "bis Montag nicht da" is labelled to the Monday.)
                    // (The weekday alone: not "until Monday 30 Nov", "until monday inclusive", "until monday
                    // evening", "until monday, back tuesday".)
                    if spelled(j - 1, ["until", "till", "til", "untill"]), reader.weekday(of: day) == 1, next == j + 1,
                       tokens[j].kind == .word && DateReader.weekday(String(decoding: text(j), as: UTF8.self)) == 1,
                       !spelled(next, ["incl", "incl.", "inclusive", "including", "included", "evening", "night", "eod", "noon", "afternoon", "morning"]),
                       !(lo..<hi).contains(where: { isWord($0, hi, .back) || isWord($0, hi, .returning) }) {
                        explicitUntil = reader.lastWorkday(before: day, notBefore: nil)
                    }
                } else if lead == .from || lead == .starting || spelled(j - 1, ["ab", "dès", "desde", "vanaf", "da", "dal"]) {
                    explicitFrom = day
                } else {
                    days.append(day)
                    named.append((day, day))
                }
                // "next week": the whole week (unless days of it are named: "this week I have only three
                // days because Thursday and Friday I am in vacation").
                if let range = reader.weekRange(words: DateReader.words(lower, tokens[j].start..<lineEnd)) {
                    if days.last == day { days.removeLast() }
                    weekSpan += [day, range.0, range.1]
                }
                j = max(next, j + 1)
                continue
            } else if case .range(let a, let b) = outcome {
                days.append(a)
                days.append(b)
                named.append((a, b))
                j = max(tokenIndex(afterWords: used, from: j, hi), j + 1)
                continue
            } else if case .error(let message) = outcome, used >= 2 || isDashAt(j + 1) || isDashAt(j - 1) || lead == .back || lead == .until || lead == .till || lead == .through {
                // ("I'm out 12/21 - 4/1": a span whose days cannot be read is asked, not cut to one day.)
                return error(message)
            }
            j += 1
        }
        // ("off Friday and all of next week": the days named outside the week add to it; "out this week
        // except Monday": which days is asked.)
        // (Days right before or after the week join it; others, or a day taken out, "next week, Wednesday
        // I'm in", "without Monday", "and Dec 10": asked, not filled into one span.)
        // ("nächste Woche Urlaub ohne Montag", "next week minus Monday": a day taken out is asked, never
        // recorded as the absence.)
        if !days.isEmpty || !weekSpan.isEmpty {
            for j in lo..<hi where spelled(j, Self.exceptDayWords) || spelled(j, ["bis"]) && spelled(j + 1, ["auf"]) || spelled(j, ["other"]) && spelled(j + 1, ["than"]) {
                return error(Self.whichDaysAway)
            }
        }
        if days.isEmpty { days = weekSpan } else if !weekSpan.isEmpty {
            var takenOut = false
            for j in lo..<hi where spelled(j, ["but", "not", "back", "here", "around"]) || spelled(j, Self.exceptDayWords) { takenOut = true }
            if let first = weekSpan.min(), let last = weekSpan.max() {
                let outside = days.filter { $0 < first || $0 > last }
                if takenOut || outside.contains(where: { $0 < first.adding(days: -3) || $0 > last.adding(days: 3) }) {
                    return error(Self.whichDaysAway)
                }
                if !outside.isEmpty { days += weekSpan }
            }
        }
        // "next week I'm out Wed–Fri" (the clause starts at "I'm"): the weekdays are next week's.
        if isWord(lo - 1, lo, .week), isWord(lo - 2, lo, .next), let (monday, _) = reader.weekRange(words: ["next", "week"]) {
            func shifted(_ day: LocalDate) -> LocalDate { day < monday ? day.adding(days: 7) : day }
            days = days.map(shifted)
            explicitFrom = explicitFrom.map(shifted)
            explicitUntil = explicitUntil.map(shifted)
            back = back.map(shifted)
        }
        if let explicitFrom { from = explicitFrom }
        if let explicitUntil { until = explicitUntil }
        if let back, until == nil {
            // "out Wed–Fri, back next Monday": the days named end the absence; "back" only says when
            // work resumes (a weekend lies between).
            if days.count >= 2, let last = days.max(), last < back, back.adding(days: -3) <= last { until = last } else {
                // ("Off on Friday, back Monday 30th", "off from Wednesday, back next Monday": away to
                // the Friday; the weekend before the return is no absence.)
                until = reader.lastWorkday(before: back, notBefore: explicitFrom ?? days.min() ?? reader.today)
            }
        }
        // ("I'm only around today and tomorrow, then off till monday": away from the day after the
        // last day the sentence says the author is there.)
        if explicitFrom == nil, days.isEmpty, sentenceStart < lo,
           let presence = (sentenceStart..<lo).last(where: { spelled($0, ["around", "here", "available", "working", "online", "reachable"]) }) {
            var last: LocalDate?
            for j in presence + 1..<lo {
                switch readDate(at: j, lo).0 {
                case .day(let d): last = max(last ?? d, d)
                case .range(_, let b): last = max(last ?? b, b)
                default: break
                }
            }
            if let last { from = last.adding(days: 1) }
        }
        if from == nil, let first = days.min(), first > reader.today || until != nil && first < (until ?? first) { from = first }
        if until == nil, let last = days.max() { until = last }
        if from == nil, days.count >= 2, let first = days.min(), first != until { from = first }
        guard let until else {
            return error("until when are you away? Write e.g. `ooo until Dec 4`.")
        }
        // ("I'm out the 24th through Jan 1": a day of the month alone over a month before the end may
        // be tomorrow or Dec 24; asked.)
        if let start = from, bareDays.contains(start), until > start.adding(days: 31) {
            var later = start
            while true {
                let (year, month) = later.month == 12 ? (later.year + 1, 1) : (later.year, later.month + 1)
                guard reader.valid(year, month, later.day), case let next = LocalDate(year: year, month: month, day: later.day), next < until else { break }
                later = next
            }
            return error("away from \(start) or from \(later), until \(until)? Write the month too, e.g. `ooo \(later) - \(until)`.")
        }
        let first = from ?? reader.today
        guard until >= first else { return error("you'd be back (\(until)) before you leave (\(first)); check the dates.") }
        if awaySpanContradicts(lo, j, hi, first: first, until: until, reader: reader) {
            return error(Self.whichDaysAway)
        }
        // ("out Dec 1 and Dec 3", "off Friday, and Dec 1-4": days named apart, with workdays between
        // them, are not one absence; asked.)
        // (Only days joined by "and", "&", "+" or a comma: not "out Mon Dec 7 - Fri Dec 11", "du 30.11. au 4.12.".)
        let joinedApart = (lo..<j).contains { spelled($0, Self.andWordsEverywhere) || text($0).elementsEqual("&".utf8) || text($0).elementsEqual("+".utf8) }
            && !(lo..<j).contains { isDashAt($0) || tokens[$0].kind == .dash || spelled($0, ["to", "through", "thru", "till", "until", "bis", "au", "al", "hasta", "tot", "fino", "-"]) }
        if joinedApart, weekSpan.isEmpty, explicitFrom == nil, explicitUntil == nil, back == nil, named.count >= 2 {
            let sorted = named.sorted { $0.0 < $1.0 }
            for (a, b) in zip(sorted, sorted.dropFirst()) where b.0 > a.1.adding(days: 1) {
                // (Friday and the Monday after touch.)
                if reader.weekday(of: a.1) == 5, b.0 <= a.1.adding(days: 3) { continue }
                return error(Self.whichDaysAway)
            }
        }
        // ("PTO all next week but I'm back on Wednesday": a second absence read from the same line
        // says the first is not what was meant; asked, and neither is recorded.)
        if let earlier = result.commands.firstIndex(where: { $0.kind == .ooo && $0.line == line }) {
            result.commands.remove(at: earlier)
            return error(Self.whichDaysAway)
        }
        result.commands.append(ParsedCommand(kind: .ooo, from: from == reader.today ? nil : from, until: until, line: line))
    }

    /// Whether the span read from an absence leaves out what the phrase says, checked against the
    /// words themselves whatever path read the days: a week and a day joined ("Friday + next week",
    /// "next week and on Dec 1", "la próxima semana y el viernes") whose span does not cover the
    /// week; a second week ("next week and the week after"); days joined by "and" with workdays
    /// between them ("off Monday and Friday": two days, not the week); a day the author says they
    /// are in, inside the span ("next week, Wednesday I'm in", "Montag noch da"); "this Friday" left
    /// out of the span.
    static let spanBoundWords = Spellings(["until", "till", "til", "through", "thru", "bis", "from", "ab", "since", "seit", "back", "zurück", "desde", "hasta", "jusqu'à", "jusqu'au", "dès", "tot", "vanaf", "até", "ate", "fino", "dal", "od", "do", "after", "nach"])
    static let officeWords = Spellings(["office", "büro", "buero", "oficina", "bureau", "kantoor", "ufficio", "escritório", "escritorio"])

    func awaySpanContradicts(_ lo: Int, _ end: Int, _ hi: Int, first: LocalDate, until: LocalDate, reader: DateReader) -> Bool {
        guard lo < end else { return false }
        func weekdayAt(_ k: Int) -> Int? { k >= lo && k < end && tokens[k].kind == .word ? DateReader.weekday(String(decoding: text(k), as: UTF8.self)) : nil }
        func isWeekWord(_ k: Int) -> Bool {
            guard tokens[k].kind == .word else { return false }
            if spelled(k, Self.weekWordsEverywhere) { return true }
            let t = text(k)
            return t.count > 2 && t.starts(with: "kw".utf8) && t.dropFirst(2).allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
        }
        func isJoin(_ k: Int) -> Bool {
            k >= lo && k < end && (tokens[k].kind == .comma || spelled(k, Self.andWordsEverywhere) || text(k).elementsEqual("+".utf8) || text(k).elementsEqual("&".utf8))
        }
        func isDayWord(_ k: Int) -> Bool {
            weekdayAt(k) != nil || k >= lo && k < end && tokens[k].kind == .word && DateReader.month(String(decoding: text(k), as: UTF8.self)) != nil
        }
        let spanDays = until.daysSinceEpoch - first.daysSinceEpoch + 1
        let weekdaysInSpan = Set((0..<min(spanDays, 7)).map { reader.weekday(of: first.adding(days: $0)) })
        // "KW49 Urlaub ab Dienstag", "week 49 off, Tuesday too": a span reaching further than the
        // day before or after the calendar week named.
        for k in lo..<end where tokens[k].kind == .word && !spelled(k - 1, Self.weekDeterminers) {
            let words = DateReader.words(lower, tokens[k].start..<lineEnd, limit: 3)
            guard let word = words.first, let (week, used) = DateReader.calendarWeek(word, words.dropFirst().first, words.dropFirst(2).first),
                  let monday = reader.mondayOf(calendarWeek: week) else { continue }
            // ("until week 50", "bis KW 50", "ab KW 50", "back in week 50": a bound, not the span; asked.)
            if spelled(k - 1, Self.spanBoundWords) || spelled(k - 2, Self.spanBoundWords) && (isWord(k - 1, hi, .in) || spelled(k - 1, ["einschließlich", "inklusive", "incl", "including"])) { return true }
            // ("KW 49 und 50": the span reads both weeks.)
            if case .range(_, let last) = reader.read(words: Array(DateReader.words(lower, tokens[k].start..<lineEnd, limit: 5))).0, last > monday.adding(days: 4) {
                if first < monday.adding(days: -3) || until != last { return true }
                continue
            }
            _ = used
            if first < monday.adding(days: -3) || until > monday.adding(days: 7) { return true }
            // ("KW49 und Freitag": which Friday, the one before or in that week? Not "KW 49 ab Dienstag".)
            if (k + 1..<end).contains(where: { weekdayAt($0) != nil && !spelled($0 - 1, ["from", "ab", "desde", "dès", "am", "on"]) }) { return true }
        }
        let weeks = (lo..<end).filter(isWeekWord)
        if let week = weeks.first {
            // A week and a day joined, the day next to the week: the span covers the week.
            let joined = (lo..<end).contains { d in
                guard isDayWord(d), !spelled(d - 1, Self.spanEndWords), !spelled(d - 2, Self.spanEndWords) else { return false }
                let between = min(d, week) + 1..<max(d, week)
                return between.contains(where: isJoin) && !between.contains(where: isDayWord)
            }
            if joined {
                if let range = reader.weekRange(words: DateReader.words(lower, tokens[max(lo, week - 1)].start..<lineEnd)) {
                    if first > range.0 || until < range.1 { return true }
                } else if spanDays < 5 { return true }
            }
            // "the week after", "the following week": two weeks said, not one.
            if spanDays < 8, weeks.contains(where: { spelled($0 + 1, Self.afterWordsEverywhere) || spelled($0 - 1, ["following", "folgende", "siguiente", "suivante", "seguente"]) }) { return true }
        }
        for k in lo..<end {
            guard let d = weekdayAt(k) else { continue }
            // "off Monday and Friday": two days, not what lies between.
            if isJoin(k + 1), let e = weekdayAt(k + 2) ?? (spelled(k + 2, ["next", "this"]) ? weekdayAt(k + 3) : nil), case let gap = ((e - d) % 7 + 7) % 7, gap > 1, !(d == 5 && e == 1), spanDays > 1 { return true }
            // "next week, Wednesday I'm in", "Montag noch da", "in on Monday though": a day inside
            // the span that the author is there (not the return: "back Monday").
            if spelled(k - 1, ["back"]) || spelled(k - 2, ["back"]) { continue }
            let near = max(lo, k - 3)..<min(end, k + 4)
            let present = near.contains { p in
                guard p != k, !(min(p, k)..<max(p, k)).contains(where: { tokens[$0].kind == .comma }), !spelled(p - 1, ["not", "nicht", "no"]) else { return false }
                // ("Tuesday I'm back"; not "Fri ... back Mon": the return after another day.)
                if spelled(p, ["back"]) { return p > k && !(p + 1..<min(end, p + 3)).contains { isDayWord($0) || tokens[$0].kind == .number } }
                // (Not "out of office from Wednesday".)
                if spelled(p, Self.officeWords) { return !spelled(p - 1, ["of"]) && !spelled(p - 2, ["of"]) }
                // ("Montag noch da", "Mittwoch bin ich da"; not "da lunedì", from.)
                return spelled(p, ["working", "here", "present"]) || spelled(p, ["da"]) && spelled(p - 1, ["noch", "ich", "bin", "wieder"])
                    || spelled(p, ["in"]) && (p + 1 >= end || tokens[p + 1].kind != .word || spelled(p + 1, ["on", "though", "office", "again"]) || spelled(p + 1, ["the"]) && spelled(p + 2, ["office"]))
            }
            if present, weekdaysInSpan.contains(d) { return true }
            // "off this Friday, and next week Monday": the day called "this" is in the span.
            if spelled(k - 1, ["this", "diesen", "dieser", "este", "ce"]), d >= reader.weekday {
                let day = reader.today.adding(days: d - reader.weekday)
                if day < first || day > until { return true }
            }
        }
        // ("off next week but I'll be in on Wednesday": in the rest of the clause too.)
        for k in end..<min(hi, end + 12) where tokens[k].kind == .word {
            guard let d = DateReader.weekday(String(decoding: text(k), as: UTF8.self)), weekdaysInSpan.contains(d), !spelled(k - 1, ["back"]), !spelled(k - 2, ["back"]) else { continue }
            if (max(end, k - 3)..<k).contains(where: { spelled($0, ["in"]) && spelled($0 + 1, ["on"]) || spelled($0, ["office", "working", "here", "around"]) && !spelled($0 - 1, ["not", "no"]) }) { return true }
        }
        return false
    }

    static let whichDaysAway = "which days are you away? Write the first and the last, e.g. `ooo Nov 27 - Dec 4`."

    /// Words before the end or the return of an absence ("back on Wednesday Dec 2", "until Friday").
    static let spanEndWords = Spellings(["back", "until", "till", "til", "through", "thru", "from", "bis", "ab", "zurück", "hasta", "jusqu'à", "jusqu'au", "fino", "tot"])
    static let weekWordsEverywhere = Spellings(["week", "woche", "semana", "semaine", "settimana", "vecka", "veckan", "tydzień", "tydzien", "semanas"])
    static let andWordsEverywhere = Spellings(["and", "und", "y", "e", "et", "en", "och", "plus"])
    static let afterWordsEverywhere = Spellings(["after", "danach", "darauf", "después", "despues", "après", "apres", "dopo", "erna", "efter"])

    func isDateStart(_ k: Int, _ hi: Int, away: Bool = false) -> Bool {
        guard k < hi else { return false }
        if tokens[k].kind == .number { return true }
        let words = DateReader.words(lower, tokens[k].start..<lineEnd, limit: 7)
        guard let first = words.first else { return false }
        if ["from", "until", "till", "through", "thru", "back", "starting"].contains(first) { return true }
        var reader = DateReader(replyTime: replyTime, timeZone: timeZone)
        reader.dottedDays = away && dottedDateAt(k)
        let (outcome, _) = reader.read(words: words)
        if case .notADate = outcome { return false }
        return true
    }

    // MARK: Blockers

    /// Where a blocker starts in the clause: `blocker:`, `blocked by`, `waiting on`, `stuck because`,
    /// `held up by`, `can't ... until`, 🚧.
    func blockerStart(_ lo: Int, _ hi: Int) -> Int? {
        guard let start = blockerCue(lo, hi) else { return nil }
        // ("AI-4 done, waiting for the next one / new action items / nothing else": nothing in the way.)
        if spelled(start, ["waiting", "wait"]), isWord(start + 1, hi, .for) || isWord(start + 1, hi, .on) {
            var o = start + 2
            while spelled(o, Self.determiners) { o += 1 }
            // (Not "waiting on the new contract", "waiting for the next board meeting": in the way.)
            if spelled(o, ["nothing"]) || spelled(o, ["next", "new", "more", "further", "another"]) && spelled(o + 1, ["one", "ones", "task", "tasks", "item", "items", "action", "assignment", "thing", "things"]) { return nil }
        }
        // "waiting on ACME's answer, not a blocker, they're just slow": the line says it is none.
        // ("wasn't really a blocker", "isn't a blocker", "not a blocker", "no longer a blocker", "not blockers")
        for k in lo..<hi where isWord(k, hi, .blocker) || isWord(k, hi, .blockers) {
            var j = k - 1
            while j >= lo, j >= k - 3, isWord(j, hi, .a) || isWord(j, hi, .longer) || spelled(j, Self.blockerHedges) { j -= 1 }
            if isWord(j, hi, in: .negations) { return nil }
        }
        return start
    }

    static let blockerHedges: [StaticString] = ["really", "real", "big", "actual"]

    /// "that blocker can go", "the blocker can be closed" at `k`: the open blocker is cleared.
    /// (Not "I don't think the blocker can go yet", "the blocker can go to legal", "can be closed once
    /// legal reviews", "the ACME blocker can go": another blocker, or not yet.)
    func blockerCanGo(_ k: Int, _ hi: Int) -> Bool {
        guard isWord(k, hi, .blocker) || isWord(k, hi, .blockers), isWord(k + 1, hi, .can) else { return false }
        let end: Int
        if spelled(k + 2, ["go", "close"]) { end = k + 3 } else if isWord(k + 2, hi, .be), spelled(k + 3, ["closed", "removed", "cleared", "dropped", "deleted"]) { end = k + 4 } else { return false }
        if end < hi, tokens[end].kind == .word, !isWord(end, hi, .now) && !spelled(end, ["too", "then"]) { return false }
        if isWord(k - 1, hi, .the) || isWord(k - 1, hi, .that) || isWord(k - 1, hi, .this) || isWord(k - 1, hi, .my) || isWord(k - 1, hi, .our) || k == 0 || tokens[k - 1].kind != .word {
            // (A determiner, or the open blocker's own words: "the legal blocker can go".)
        } else if !index.openBlockers.contains(where: { overlap($0.words, k - 1, k) >= 1 }) {
            return false
        }
        var j = k - 1
        while j >= 0, k - j <= 8, tokens[j].kind != .comma, !isSentenceStop(j) {
            if isWord(j, hi, in: .negations) || isWord(j, hi, .not) || isWord(j, hi, .if) || isWord(j, hi, .hopefully) || isWord(j, hi, .maybe) || spelled(j, ["sure", "think"]) { return false }
            j -= 1
        }
        return true
    }
    static let noMoreWords = Spellings(["more", "other", "new", "further", "real", "big", "major", "open", "current", "actual", "outstanding"])

    /// "you can close the legal blocker", "pls remove that blocker", "clear the blocker": the open
    /// blocker at `k` cleared by an instruction that opens the clause. (Not "don't close the blocker
    /// yet", "we need to clear the blocker", "still trying to clear the legal blocker", "close the
    /// blocker once legal signs off", "should I close the blocker?")
    func blockerToClose(_ k: Int, _ hi: Int) -> Bool {
        guard isWord(k, hi, .blocker) || isWord(k, hi, .blockers), let v = closeVerb(before: k) else { return false }
        // Only words of an instruction before the verb, back to where the clause starts.
        var j = v - 1
        while j >= 0, tokens[j].kind == .word {
            guard spelled(j, Self.instructionWords) || isWord(j, hi, .to) && spelled(j - 1, ["free"]) else { return false }
            j -= 1
        }
        // (Nothing after it on the line that says it still holds: "please resolve the blocker, legal
        // is sitting on it", "... but legal hasn't signed".)
        for a in (k + 1)..<max(k + 1, tokens.count) {
            if isSymbol(a, tokens.count, UInt8(ascii: "?")) || isWord(a, tokens.count, .until) || isWord(a, tokens.count, .till) || isWord(a, tokens.count, .when) || isWord(a, tokens.count, .after)
                || isWord(a, tokens.count, .if) || isWord(a, tokens.count, .yet) || isWord(a, tokens.count, .tomorrow) || isWord(a, tokens.count, .before) || isWord(a, tokens.count, .but)
                || isWord(a, tokens.count, .still) || isWord(a, tokens.count, .not) || isWord(a, tokens.count, in: .negations) || isWord(a, tokens.count, .waiting)
                || spelled(a, ["once", "later", "next", "soon", "sitting", "hasn't", "hasnt", "haven't", "havent"]) { return false }
        }
        return true
    }
    static let instructionWords = Spellings(["you", "u", "can", "pls", "plz", "please", "ok", "okay", "so", "and", "then", "now", "just", "feel", "free", "go", "ahead", "kindly"])

    /// Where "close", "remove", "clear" stands before `k`, followed by a determiner and at most one
    /// word ("close the legal blocker", "clear that blocker"; not "close rate blocker").
    func closeVerb(before k: Int) -> Int? {
        var v = k - 1
        while v >= 0, v >= k - 3, tokens[v].kind == .word, !spelled(v, Self.closeVerbs) { v -= 1 }
        guard v >= 0, v >= k - 3, spelled(v, Self.closeVerbs) else { return nil }
        return v + 1 == k || spelled(v + 1, ["the", "that", "this", "my", "our", "your", "those", "these", "both", "all", "out"]) ? v : nil
    }
    static let closeVerbs = Spellings(["close", "clear", "remove", "delete", "resolve"])

    /// "blocker: none anymore", "none left": still none.
    static let stillNone: [StaticString] = ["anymore", "left", "now", "currently", "atm", "today", "really"]

    /// Where a blocker's cue is ("blocker:", "waiting on", "stuck because", 🚧), if anywhere.
    func blockerCue(_ lo: Int, _ hi: Int) -> Int? {
        var k = lo
        while k < hi {
            let token = tokens[k]
            if token.kind == .emoji, token.emoji == .construction { return k }
            if token.kind == .word {
                switch token.word {
                case .blocker, .blockers, .impediment, .impediments:
                    // "no blockers", "no more blockers", "zero blockers": nothing in the way.
                    if isWord(k - 1, hi, .no) || spelled(k - 1, ["zero"]) || spelled(k - 1, Self.noMoreWords) && isWord(k - 2, hi, .no) { return nil }
                    // ("you can close the legal blocker": the open one, cleared; "don't close the
                    // blocker yet": not a new one either.)
                    if closeVerb(before: k) != nil { return nil }
                    // "the legal blocker should clear this week": news about the open one, not a new one.
                    // ("the blocker can go to legal": what may happen to one, not a new one.)
                    if isWord(k + 1, hi, .should) || isWord(k + 1, hi, .will) || isWord(k + 1, hi, .might) || isWord(k + 1, hi, .could) || isWord(k + 1, hi, .well) || isWord(k + 1, hi, .can)
                        || isWord(k + 1, hi, .cant) || isWord(k + 1, hi, .cannot) || spelled(k + 1, ["stays", "remains"]) { return nil }
                    // ("so that blocker can go": the open one, cleared.)
                    if blockerCanGo(k, hi) { return nil }
                    // "blocker: none", "blockers - n/a", "blocker: nothing new".
                    var after = k + 1
                    while after < hi, tokens[after].kind == .colon || tokens[after].kind == .dash { after += 1 }
                    if after < hi, isWord(after, hi, .none) == false, spelled(after, ["none", "nothing", "n/a", "na", "nope", "nil", "keine", "ninguno", "nenhum", "aucun", "geen", "nessuno", "brak", "没有", "无", "なし"]),
                       after + 1 >= hi || tokens[after + 1].kind != .word || isWord(after + 1, hi, .new) || spelled(after + 1, Self.stillNone) { return nil }
                    if isWord(k + 1, hi, .gone) && !(isWord(k + 2, hi, .up) || isWord(k + 2, hi, .down)) || isWord(k + 1, hi, .cleared) || isWord(k + 1, hi, .resolved) || isWord(k + 1, hi, .removed) { return nil }
                    // ("the blocker is not confirmed", "the blocker isn't resolved yet": news about
                    // one, not a new one.)
                    // (Not "blocker is not enough SE capacity": what the blocker is.)
                    if isWord(k + 1, hi, .isnt) || isWord(k + 1, hi, .wasnt) || spelled(k + 1, ["isnt", "wasnt"]) || (isWord(k + 1, hi, .is) || isWord(k + 1, hi, .was)) && isWord(k + 2, hi, .not),
                       case let state = isWord(k + 2, hi, .not) ? k + 3 : k + 2, isWord(state, hi, .yet) || isWord(state, hi, in: .unblockCues) || isWord(state, hi, .gone)
                        || spelled(state, ["confirmed", "fixed", "done", "real", "sure", "final", "official", "a", "an", "really"]) { return nil }
                    // "the blocker is gone", "blocker has been lifted": cleared, not a new one.
                    if isWord(k + 1, hi, .is) || isWord(k + 1, hi, .was) || isWord(k + 1, hi, .has) || isWord(k + 1, hi, .its) {
                        let after = spelled(k + 2, ["been"]) ? k + 3 : k + 2
                        if isWord(after, hi, in: .unblockCues) || isWord(after, hi, .gone) { return nil }
                    }
                    return k
                case .blocked:
                    // ("nothing blocking on my side", "not blocked on anything")
                    if isWord(k - 1, hi, .no) && isWord(k - 2, hi, .longer) || isWord(k - 1, hi, .longer) || isWord(k - 1, hi, .not) || isWord(k - 1, hi, .nothing)
                        || (k + 1..<min(hi, k + 4)).contains(where: { spelled($0, ["anything", "nothing"]) }) { return nil }
                    // "reseller-partners 3 blocked": a status, nothing to record as a blocker.
                    if k + 1 >= hi { return nil }
                    return k
                case .waiting where isWord(k + 1, hi, .on) || isWord(k + 1, hi, .for):
                    return k
                // "stuck at 24" is a value; "stuck at legal" is a blocker.
                // ("she's stuck at the airport", "I got stuck at the partner summit": a person, not the work.)
                case .stuck where !stuckAtValue(k, hi) && !stuckPerson(k, hi):
                    return k
                // "held up by legal", "the deal is held up"; "renewals held up nicely" is good news.
                case .held where isWord(k + 1, hi, .up) && (k + 2 >= hi || isWord(k + 2, hi, .by) || isWord(k + 2, hi, .on) || isWord(k + 2, hi, .in)
                                                           || isWord(k + 2, hi, .at) || isWord(k + 2, hi, .because) || isWord(k + 2, hi, .until) || isWord(k + 2, hi, .due)
                                                           || isWord(k + 2, hi, .with) || isWord(k + 2, hi, .for) || tokens[k + 2].kind != .word):
                    return k
                case .cant, .cannot, .wont, .unable:
                    if (k + 1..<hi).contains(where: { isWord($0, hi, .until) || isWord($0, hi, .because) || isWord($0, hi, .till) }) || token.word == .unable { return k }
                default:
                    break
                }
            }
            k += 1
        }
        return restatedOpenBlocker(lo, hi)
    }

    /// "legal still hasn't looked at the contract", "the contract is still sitting with legal": the
    /// open blocker said again in other words, still in the way. Where its words start, if so.
    /// (Not "legal finally reviewed the contract", "is the contract with legal?": no longer, or asked.)
    func restatedOpenBlocker(_ lo: Int, _ hi: Int) -> Int? {
        // (A verb said not done, not any "not": "closed direct, not via reseller", "not the reseller
        // agreement", "better not until legal is done"; and not someone else's: "Maria's contract".)
        guard !index.openBlockers.isEmpty,
              // (Someone else's work not done: "I haven't sent the contract to legal yet" is the author's own.)
              let said = (lo..<hi).first(where: { isWord($0, hi, .hasnt) || isWord($0, hi, .didntMove) || isWord($0, hi, .havent) || isWord($0, hi, .didnt) || isWord($0, hi, .isnt) || isWord($0, hi, .wasnt)
                  || (isWord($0, hi, .has) || isWord($0, hi, .have) || isWord($0, hi, .still)) && isWord($0 + 1, hi, .not) || isWord($0, hi, .not) && isWord($0 + 1, hi, .yet)
                  || isWord($0, hi, .still) && spelled($0 + 1, Self.stillInTheWay) }),
              !(max(lo, said - 2)..<said).contains(where: { isWord($0, hi, .i) || isWord($0, hi, .we) || isWord($0, hi, .weveContraction) }),
              // ("haven't sent the contract to legal yet": no subject, so the author's own.)
              !(said == lo && (isWord(said, hi, .havent) || isWord(said, hi, .didnt))),
              // (Progress not made: "hasn't looked at", "still hasn't reviewed", "not signed yet"; not "hasn't changed since Q3".)
              isWord(said, hi, .still) && spelled(said + 1, Self.stillInTheWay) || (said + 1..<min(hi, said + 4)).contains(where: { spelled($0, Self.progressVerbs) }),
              !(lo..<hi).contains(where: { person(at: $0).map { $0 != index.author } ?? false }),
              !(lo..<hi).contains(where: { isSymbol($0, hi, UInt8(ascii: "?")) || spelled($0, ["finally", "signed", "approved", "reviewed"]) && !(max(lo, $0 - 3)..<$0).contains(where: { isWord($0, hi, in: .negations) || isWord($0, hi, .not) }) })
        else { return nil }
        // (After the clause's values: "Reseller partners still at 2, legal still hasn't looked at the
        // contract" keeps the 2.)
        let from = ((lo..<hi).last(where: { tokens[$0].kind == .number }) ?? lo - 1) + 1
        for blocker in index.openBlockers {
            guard from < hi, overlap(blocker.words, from, hi) >= 2 else { continue }
            return (from..<hi).first { overlap(blocker.words, $0, $0 + 1) >= 1 }
        }
        return nil
    }

    static let progressVerbs = Spellings(["looked", "reviewed", "signed", "approved", "replied", "answered", "responded", "started", "checked", "touched", "moved",
                                          "come", "gotten", "got", "read", "opened", "countersigned", "returned", "sent"])
    static let stillInTheWay = Spellings(["pending", "sitting", "waiting", "stuck"])

    /// Records the blocker from `start`: attached to the key result named in it, else the one
    /// named before it in the message.
    mutating func readBlocker(from start: Int, _ hi: Int, refs: [Reference], target given: Int?) {
        var k = start
        var keepCue = true
        // "blocked by legal review" records "legal review"; "blocked on finance" records "finance".
        if isWord(k, hi, .blocked), isWord(k + 1, hi, .by) || isWord(k + 1, hi, .on), k + 2 < hi {
            k += 2
            keepCue = false
        } else if isWord(k, hi, .blocker) || isWord(k, hi, .blockers) || isWord(k, hi, .impediment) || isWord(k, hi, .impediments) || (tokens[k].kind == .emoji) {
            keepCue = false
            k += 1
            // "blocker for me:", "blocker on milestone 4:", "blocker for the churn KR"
            if isWord(k, hi, .for), isWord(k + 1, hi, .me) { k += 2 }
            while k < hi, tokens[k].kind == .colon || tokens[k].kind == .dash { k += 1 }
        }
        var target = given.map { index.entries[$0].target.key }
        if target == nil, lastTarget == nil || refs.isEmpty == false {
            // Someone with one key result whose words the blocker uses blocks that one.
            let own = index.entries.indices.filter { index.entries[$0].owned && !index.entries[$0].target.isKPI }
            if own.count == 1, (start..<hi).contains(where: { k in tokens[k].kind == .word && index.hits(for: self.text(k)).contains { Int($0.entry) == own[0] } }) {
                target = index.entries[own[0]].target.key
            }
        }
        // "blocker on upsell: ...": the key result named right after the cue, however briefly.
        let named = refs.first.map { ref in ref.lo <= k + 1 && (isWord(ref.lo - 1, hi, .on) || isWord(ref.lo - 1, hi, .for)) } ?? false
        // "blocker: Lumen won't sign until the partner discount is approved, so partner revenue is
        // stuck": else the first key result the blocker's own words name unambiguously.
        // (One loose word, "partner portal", does not outweigh the key result named just before.)
        let inText = refs.first { ref in
            ref.lo >= start && ref.entry.map { index.entries[$0].updatable } == true && (ref.strong || ref.score >= 1.9 || lastTarget == nil)
        }
        if let ref = refs.first, let entry = ref.entry, index.entries[entry].updatable, ref.strong || ref.lo < start || named || lastTarget == nil && ref.score >= 1.9 {
            target = index.entries[entry].target.key
            if ref.lo <= k + 1 && ref.strong, !keepCue {
                k = ref.hi
                while k < hi, tokens[k].kind == .colon || tokens[k].kind == .dash { k += 1 }
            }
        } else if target == nil, let ref = inText, let entry = ref.entry {
            target = index.entries[entry].target.key
        }
        if target == nil {
            // "still blocked by legal on the reseller contract": the open blocker it restates.
            let restated = index.openBlockers.filter { $0.blocker.target != nil && overlap($0.words, start, hi) >= 3 }
            if restated.count == 1 { target = restated[0].blocker.target }
        }
        if target == nil, let last = lastTarget {
            target = index.entries[last].target.key
            // ("deals 3⏎coverage 70⏎blocker: still no access to the dashboard, can't check coverage",
            // "demo pipe 760k⏎partner rev 140k⏎blocker: the Hooli demo got pushed, 90k of pipeline on
            // hold": a blocker on a line of its own, after several key results, whose words name
            // another one than the last, even loosely, is that one's.)
            let alone = (lineBodyStart..<start).allSatisfy { tokens[$0].kind != .word && tokens[$0].kind != .number && tokens[$0].kind != .mention }
            if alone, keyResultsSaid(before: line, atLeast: 2),
               !(start..<hi).contains(where: { k in tokens[k].kind == .word && index.hits(for: self.text(k)).contains { Int($0.entry) == last } }),
               let entry = refs.first(where: { $0.lo >= start && $0.entry.map { index.entries[$0].updatable && !index.entries[$0].target.isKPI } == true })?.entry {
                target = index.entries[entry].target.key
            }
        }
        var text = original(from: keepCue ? start : k, to: hi, trimming: ".")
        if text.isEmpty, keepCue == false {
            // "that's my blocker": it points back at what was just said; said already, it is not new.
            if !result.blockers.isEmpty { return }
            if start > 0 { text = original(from: 0, to: start, trimming: ".,;:-") }
            if text.lowercased().hasPrefix("that") || text.lowercased().hasPrefix("this") { return }
        }
        guard !text.isEmpty else {
            return error("this blocker is empty. Say what is in the way, e.g. `blocker: legal has not reviewed the reseller contract`.")
        }
        result.blockers.append(ParsedBlocker(target: target, text: Self.limited(text, 500), line: line))
    }

    /// Whether check-ins of lines before `line` name at least `count` key results.
    func keyResultsSaid(before line: Int, atLeast count: Int) -> Bool {
        var seen: [String] = []
        for checkIn in result.checkIns where checkIn.line < line && !seen.contains(checkIn.target) {
            seen.append(checkIn.target)
            if seen.count >= count { return true }
        }
        return false
    }

    /// "unblocked", "blocker gone", "no longer blocked", "legal signed off on the contract": the open
    /// blockers of the key result named (or of the author's, when there is one) are resolved.
    /// A wish: "I'd love to see it unblocked"; not quite there: "almost resolved".
    static let unblockWishWords = Spellings(["love", "wish", "wanna"])
    /// "Blocker ist erledigt", "der Blocker ist also weg", "el bloqueo está solucionado" at `k` (on the
    /// word of clearing): only said plainly of the blocker the clause opens with, and ending there.
    /// (Not "fast erledigt", "bald weg", "erledigt, sobald Legal antwortet", "der Blocker mit Globex
    /// ist erledigt", "Blocker erledigt?": almost, later, on a condition, another one, asked.)
    func clearedInOtherLanguage(_ k: Int, _ lo: Int, _ hi: Int) -> Bool {
        var b = k - 1
        while b > lo, b > k - 4, spelled(b, Self.foreignClearedLinks) { b -= 1 }
        guard isWord(b, hi, .blocker) || isWord(b, hi, .blockers) else { return false }
        var start = b - 1
        while start >= lo, spelled(start, Self.articles) || spelled(start, ["unser", "unsere", "mein", "meine", "nuestro", "notre", "onze"]) { start -= 1 }
        guard start < lo || tokens[start].kind != .word && tokens[start].kind != .number else { return false }
        guard k + 1 >= hi || tokens[k + 1].kind != .word && tokens[k + 1].kind != .number else { return false }
        for j in lo..<min(tokens.count, hi + 1) where isSymbol(j, tokens.count, UInt8(ascii: "?")) { return false }
        return true
    }

    static let foreignClearedLinks = Spellings(["ist", "is", "está", "esta", "est", "es", "also", "jetzt", "endlich", "ya", "nun", "enfin", "nu", "eindelijk"])

    /// Words of a cleared blocker in other languages, said of the blocker ("Blocker ist erledigt").
    static let foreignClearedWords = Spellings(["erledigt", "weg", "behoben", "aufgehoben", "geklärt", "solucionado", "solucionada", "desbloqueado", "levé", "réglé", "opgelost", "risolto"])
    static let nearlyWords = Spellings(["wish", "almost", "nearly"])
    /// Part of it: "half unblocked", "partly resolved".
    static let unblockedInPart = Spellings(["half", "halfway", "partly", "partially", "mostly", "somewhat", "halb", "teilweise", "medio", "parcialmente", "moitié", "partiellement"])

    mutating func readUnblock(_ lo: Int, _ hi: Int, refs: [Reference]) -> Bool {
        var cue = false
        /// Only "is fixed" / "it's resolved" said of something the clause names, not of a blocker.
        var weakCue = false
        var negated = false
        var future = false
        var cueAt = hi
        for k in lo..<hi {
            // "until the PO number is fixed", "once IT fixes it": not yet.
            // ("so hopefully unblocked soon", "should be resolved": not yet either.)
            if isWord(k, hi, .until) || isWord(k, hi, .till) || isWord(k, hi, .til) || isWord(k, hi, .before) || isWord(k, hi, .if) || isWord(k, hi, .when)
                || isWord(k, hi, .hopefully) || isWord(k, hi, .hope) || isWord(k, hi, .hoping) || isWord(k, hi, .maybe) || isWord(k, hi, .might)
                // ("I'd love to see the reseller contract unblocked this week": a wish.)
                || isWord(k, hi, .would) || isWord(k, hi, .want) || spelled(k, Self.unblockWishWords)
                // ("half unblocked", "partly resolved": not all of it.)
                || tokens[k].kind == .word && tokens[k].word == .none && (spelled(k, Self.futureWords) || spelled(k, Self.nearlyWords))
                || spelled(k, Self.unblockedInPart) { future = true }
            // ("revenue is gone up": it moved.)
            // ("Blocker ist erledigt", "der Blocker ist also weg", "el bloqueo está solucionado".)
            if spelled(k, Self.foreignClearedWords), clearedInOtherLanguage(k, lo, hi) {
                cue = true
                cueAt = min(cueAt, k)
                continue
            }
            if isWord(k, hi, in: .unblockCues) && !future && !(isWord(k, hi, .gone) && (isWord(k + 1, hi, .up) || isWord(k + 1, hi, .down))) {
                var namesBlocker = isWord(k + 1, hi, .blocker) || tokens[k].word == .unblocked || tokens[k].word == .unstuck
                // "the blocker with legal is resolved", "El bloqueo con legal está resuelto"; not across
                // a negation or a modal ("blocker: the MSA still not resolved", "should be resolved by Friday").
                var j = k - 1
                while !namesBlocker, j >= lo, j >= k - 6, !isWord(j, hi, in: .negations), !isWord(j, hi, in: .futureWords),
                      tokens[j].kind != .colon, tokens[j].kind != .dash, !spelled(j, Self.notYetWords) {
                    namesBlocker = isWord(j, hi, .blocker) || isWord(j, hi, .blockers)
                    j -= 1
                }
                // "not resolved", "isn't yet resolved", "todavía no está resuelto": not cleared.
                if isWord(k - 1, hi, in: .negations) || isWord(k - 2, hi, in: .negations) && !isKind(k - 1, hi, .comma) || isWord(k - 1, hi, .yet) || spelled(k - 1, Self.notYetWords) || spelled(k - 2, Self.notYetWords) {
                    namesBlocker = false
                    negated = true
                }
                // "is fixed", "it's resolved": about a blocker only when the clause names a key result
                // or the open blocker's words ("the coffee machine is fixed" resolves nothing).
                if namesBlocker {
                    cue = true
                    cueAt = min(cueAt, k)
                } else if isWord(k - 1, hi, .is) || isWord(k - 1, hi, .its) {
                    let restatesBlocker = index.openBlockers.contains { overlap($0.words, lo, hi) >= 2 }
                    if restatesBlocker || refs.contains(where: { $0.hi <= k }) {
                        cue = true
                        weakCue = weakCue || !restatesBlocker
                    }
                }
            }
            if isWord(k, hi, .longer), isWord(k - 1, hi, .no), isWord(k + 1, hi, .blocked) { cue = true }
            if blockerCanGo(k, hi) || blockerToClose(k, hi) { cue = true }
            if isWord(k, hi, .not) || isWord(k, hi, .havent) || isWord(k, hi, .hasnt) || isWord(k, hi, .didntMove) || isWord(k, hi, .didnt) || isWord(k, hi, .isnt) || isWord(k, hi, .wasnt) || isWord(k, hi, .yet) && !cue { negated = true }
        }
        var blocker: OpenBlocker?
        if !cue, !negated {
            // "legal reviewed the contract": a done word and the open blocker's own words; not while
            // still waiting ("sent the draft to legal ✅ now waiting for their review").
            // (A plain loop: a closure here copied the whole reader per token.)
            // (Nor while something of it is still pending: "legal approved the NDA, the reseller
            // contract is next", "..., contract still with legal".)
            // (Up to another statement: "legal approved the contract, partners still 2 though".)
            // (Plain loops again, and nothing to clear without an open blocker.)
            guard !future, !index.openBlockers.isEmpty else { return false }
            var own = hi
            for j in lo..<hi where tokens[j].kind == .comma || tokens[j].kind == .dash {
                var starts = false
                for ref in refs where ref.lo == j + 1 { starts = true }
                if starts { own = j; break }
            }
            for j in lo..<own where spelled(j, Self.stillPendingWords) { return false }
            guard blockerStart(lo, hi) == nil else { return false }
            // ("legal reviewed the contract, 1 point remaining", "..., need another round", "..., they
            // flagged issues", "approved it, TODO: indemnity": work still to do, to the sentence's end;
            // the blocker stays and the clause records nothing else.)
            // (Read only when an approval or a review of the blocker's thing is found.)
            var followUp: Bool { followUpWorkSaid(lo, own, toSentenceEnd: own == hi) }
            if let approved = approvedBlocker(lo, hi) {
                if followUp { return true }
                // ("sent the reseller contract draft to legal, they signed off already": the item
                // the author did is done too.)
                // (Said twice, "legal approved the contract ... yes, legal approved it": cleared once.)
                if !result.resolvedBlockers.contains(where: { $0.target == approved.target }) {
                    result.resolvedBlockers.append(ResolvedBlocker(target: approved.target, line: line))
                }
                _ = readDoneByText(lo, hi, ownVerbOnly: true)
                return true
            }
            var completed = false
            for k in lo..<hi where isWord(k, hi, in: .completionWords) {
                completed = true
                break
            }
            guard completed else { return false }
            let candidates = index.openBlockers.filter { overlap($0.words, lo, hi) >= 3 }
            guard candidates.count == 1 else { return false }
            if followUp { return true }
            // "I sent the contract draft to legal, tick that one off": an open action item the words
            // match at least as well was done; the blocker waiting on it is not cleared by that.
            let blockerScore = overlap(candidates[0].words, lo, hi)
            if index.openActions.contains(where: { overlap(TargetIndex.distinctiveWords($0.text), lo, hi) >= blockerScore }) { return false }
            // (Each of these reads the clause as about the blocker's thing and records nothing: not an
            // item done either, "I reviewed the reseller contract" closes no "send ... contract".)
            // ("legal reviewed the Globex contract", "the acme contract", "the contract (Globex)", "the
            // Globex contract was reviewed": what was done is the blocker's thing and nothing else, as
            // for an approval; a name before it makes it another.)
            let open = candidates[0]
            let words = open.words + index.ownActions.filter { action in action.words.contains { word in open.words.contains { $0.lowered == word.lowered } } }.flatMap(\.words)
            var doneAt: Int?
            for j in lo..<hi where isWord(j, hi, in: .completionWords) { doneAt = j; break }
            if let done = doneAt {
                var o = done + 1
                while spelled(o, ["on", "off", "it", "through", "over", "with"]) || spelled(o, Self.determiners) { o += 1 }
                var m = o
                // ("finished the review of the reseller contract".)
                while m < hi, tokens[m].kind == .word, overlap(words, m, m + 1) > 0 || spelled(m, ["of"]) && m > o || spelled(m, Self.determiners) && spelled(m - 1, ["of"]) { m += 1 }
                guard m >= hi || tokens[m].kind != .word && tokens[m].kind != .open || spelled(m, Self.afterApprovalWords) || dateFollows(m, hi, away: false) || isWord(m, hi, .by) && overlap(open.party, m + 1, m + 2) > 0
                        || isWord(m, hi, .by) && spelled(m + 1, Self.determiners) && overlap(open.party, m + 2, m + 3) > 0
                        // ("... with Dana", "(thanks Tom!)": who helped.)
                        || isWord(m, hi, .with) && person(at: m + 1) != nil || isKind(m, hi, .open) && spelled(m + 1, ["thanks", "thx", "finally", "yay", "woohoo", "phew"]) else { return true }
                // ("I reviewed the reseller contract", "Dana reviewed it": the blocker waits on its party, not them.)
                var subject = done - 1
                while subject >= lo, spelled(subject, Self.approvalAdverbs) { subject -= 1 }
                if subject >= lo, spelled(subject, ["i", "we", "i've", "we've", "ive", "weve"]) || person(at: subject) != nil { return true }
                // ("legal almost reviewed", "mostly reviewed", "2 of 3 sections", "one open point": not all of it.)
                for j in lo..<hi where spelled(j, ["almost", "nearly", "mostly", "partially", "partly"]) || spelled(j, ["open"]) && spelled(j + 1, ["point", "points", "issue", "issues", "question", "questions"])
                    || isKind(j, hi, .number) && isWord(j + 1, hi, .of) { return true }
                // ("... - partially", ", only the first half though", ", I think", "and rejected it": not all of it.)
                var e = m
                while e < tokens.count, !isSentenceStop(e), e < m + 10 {
                    if spelled(e, ["partially", "partly", "only", "except", "half", "rejected", "declined", "refused", "maybe", "probably"]) || isWord(e, tokens.count, .think) && isWord(e - 1, tokens.count, .i) { return true }
                    e += 1
                }
                // (Not another time or taken back: "last year", "in 2025", "jk".)
                for j in m..<min(tokens.count, hi + 3) {
                    if isKind(j, tokens.count, .number) && tokens[j].isPlainInteger && tokens[j].value >= 1990 && tokens[j].value <= 2100 || isWord(j, tokens.count, .last) && spelled(j + 1, ["year", "quarter", "month", "time"])
                        || spelled(j, ["jk", "kidding", "joking", "withdrew", "withdrawn", "retracted", "revoked"]) { return true }
                }
                for j in lo..<done where tokens[j].kind == .word && j > lo && bytes[tokens[j].start] &- UInt8(ascii: "A") < 26 && overlap(words, j, j + 1) == 0 && person(at: j) == nil
                    && index.hits(for: text(j)).isEmpty && text(j).count >= 3 && DateReader.dayHashes[TargetIndex.hash64(text(j))] == nil && DateReader.monthHashes[TargetIndex.hash64(text(j))] == nil {
                    return true
                }
            }
            blocker = candidates[0].blocker
        }
        guard cue || blocker != nil, !negated || cue else { return false }
        var target = blocker?.target
        // (A key result named after the cue and a comma is a statement of its own: "the blocker is
        // gone, deals at 4".)
        if target == nil, let ref = refs.first(where: { ref in ref.lo < cueAt || !(cueAt..<ref.lo).contains { tokens[$0].kind == .comma || tokens[$0].kind == .dash } }),
           let entry = ref.entry { target = index.entries[entry].target.key }
        // "JIRA-123 (territory report bug) is fixed": something the clause names was fixed, not
        // another key result's open blocker.
        if target == nil, weakCue, blocker == nil, !refs.isEmpty { return false }
        // ("the IT blocker is gone", "the blocker with Globex is gone": another blocker than the open
        // one, which stays; nothing okrd knows is cleared.)
        if target == nil, blocker == nil, namesAnotherBlocker(lo, hi) { return true }
        if target == nil {
            let mine = index.openBlockers.map(\.blocker).filter { $0.author == index.author || $0.target.map { key in index.entries.contains { $0.owned && $0.target.key == key } } == true }
            if mine.count == 1 { target = mine[0].target } else if index.openBlockers.count == 1 { target = index.openBlockers[0].blocker.target } else if let last = lastTarget { target = index.entries[last].target.key }
        }
        // ("that's what unstuck it" of the author's key result with no open blocker: nothing to clear.
        // Another's is left for the reply path to refuse: okrd does not show this reader their blockers.)
        if let target, let entry = index.entry(key: Array(target.utf8)), index.entries[entry].updatable,
           !index.openBlockers.contains(where: { $0.blocker.target == target }), !result.blockers.contains(where: { $0.target == target }) { return true }
        // Said twice ("legal reviewed it, blocker cleared"): resolved once.
        if !result.resolvedBlockers.contains(where: { $0.target == target }) {
            result.resolvedBlockers.append(ResolvedBlocker(target: target, line: line))
        }
        // The same clause may report a value too: "blocker cleared, pipeline 110k" is split before here.
        return true
    }

    /// The open blocker an approval in the clause clears: a party the blocker names approves ("legal
    /// approved", "legal finally signed off on", "approved by legal", "they signed off" after legal
    /// was named) the thing it names and nothing else ("the contract", "the reseller contract", "it";
    /// not "the Globex contract", "the NDA", "the contract for the Globex deal", "ACME's legal
    /// approved the contract", "the partner approved the reseller contract").
    func approvedBlocker(_ lo: Int, _ hi: Int) -> OpenBlocker? {
        for a in lo..<hi {
            let signedOff = isWord(a, hi, .signed) && isWord(a + 1, hi, .off)
            guard isWord(a, hi, .approved) || signedOff || spelled(a, Self.approvalWords) else { continue }
            let after = signedOff ? a + 2 : a + 1
            for open in index.openBlockers {
                let party = open.party
                let words = open.words + index.ownActions.filter { action in action.words.contains { word in open.words.contains { $0.lowered == word.lowered } } }.flatMap(\.words)
                func names(_ j: Int, _ of: [TargetIndex.DistinctiveWord]) -> Bool { j >= lo && j < hi && tokens[j].kind == .word && overlap(of, j, j + 1) > 0 }
                // Who approved: just before the verb ("legal (finally) approved", "the legal team
                // signed off"), "they" once the party was named, or "by legal" after it.
                var j = a - 1
                while j >= lo, spelled(j, Self.approvalAdverbs) { j -= 1 }
                if j > lo, spelled(j, ["team", "department", "dept", "folks", "people", "guys"]) { j -= 1 }
                // (Not someone else's: "ACME's legal", "acme legal", "partner legal".)
                let owned = j - 1 >= lo && tokens[j - 1].kind == .word && !spelled(j - 1, Self.determiners) && !spelled(j - 1, Self.beforeParty) && !names(j - 1, party)
                // ("sent it to legal, they signed off": "they" right after the party; not "legal pinged
                // the partner and they approved".)
                let they = spelled(j, ["they"]) && (lo..<j).last(where: { tokens[$0].kind == .word && !spelled($0, ["and", "so", "then", "but", "who"]) }).map { names($0, party) } == true
                let active = names(j, party) && !owned || they
                var approvedThing: Bool
                if active {
                    // What was approved: only the blocker's (or its item's) words, "it", or nothing.
                    var o = after
                    while spelled(o, ["on", "off", "it"]) || spelled(o, Self.determiners) { o += 1 }
                    var m = o
                    while m < hi, tokens[m].kind == .word, names(m, words) { m += 1 }
                    approvedThing = (m >= hi || tokens[m].kind != .word || spelled(m, Self.afterApprovalWords) || dateFollows(m, hi, away: false)) && !takesApprovalBack(m, hi)
                } else {
                    // "the reseller contract was (finally) approved by legal", "approved by legal: reseller
                    // contract ✅".
                    var by = after
                    guard isWord(by, hi, .by) else { continue }
                    by += 1
                    while spelled(by, Self.determiners) { by += 1 }
                    guard names(by, party), !spelled(by + 1, ["'s"]) else { continue }
                    var m = a - 1
                    while m >= lo, isWord(m, hi, .was) || isWord(m, hi, .is) || spelled(m, ["got", "been", "has", "finally", "now", "just", "officially"]) { m -= 1 }
                    var count = 0
                    while m >= lo, names(m, words) { m -= 1; count += 1 }
                    while m >= lo, spelled(m, Self.determiners) { m -= 1 }
                    approvedThing = count > 0 && (m < lo || tokens[m].kind != .word || isWord(m, hi, .and) || isWord(m, hi, .so))
                    if !approvedThing, m < lo || tokens[m].kind != .word, isKind(by + 1, hi, .colon) {
                        var o = by + 2
                        while spelled(o, Self.determiners) { o += 1 }
                        var run = o
                        while run < hi, names(run, words) { run += 1 }
                        approvedThing = run > o && (run >= hi || tokens[run].kind != .word || spelled(run, Self.afterApprovalWords)) && !takesApprovalBack(run, hi)
                    }
                }
                if approvedThing { return open.blocker }
            }
        }
        return nil
    }

    /// Who a blocker waits for: "legal" in "legal has not reviewed the reseller contract" and in
    /// "waiting on legal to review the contract" (the word after on/by/from/for/with, else the first
    /// word that names anything).
    static func party(of blocker: String) -> [TargetIndex.DistinctiveWord] {
        let words = blocker.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber) })
        let all = TargetIndex.distinctiveWords(blocker)
        if let on = words.firstIndex(where: { ["on", "by", "from", "for", "with"].contains($0) }), on + 1 < words.count {
            var r = on + 1
            while r < words.count - 1, ["the", "our", "a", "an", "their", "my"].contains(words[r]) { r += 1 }
            if let word = all.first(where: { $0.lowered.elementsEqual(words[r].utf8) }) { return [word] }
        }
        return all.first.map { [$0] } ?? []
    }

    /// Whether what follows an approval takes it back or puts it elsewhere in time: "last year", "in
    /// 2025", "in draft form only", "as a template", "but then withdrew it", "🙃 jk".
    func takesApprovalBack(_ from: Int, _ hi: Int) -> Bool {
        (from..<min(tokens.count, hi + 3)).contains { j in
            spelled(j, Self.approvalTakenBack) || isKind(j, tokens.count, .number) && tokens[j].isPlainInteger && tokens[j].value >= 1990 && tokens[j].value <= 2100
                || isWord(j, tokens.count, .last) && spelled(j + 1, ["year", "quarter", "month", "time"])
        }
    }

    static let approvalTakenBack = Spellings(["withdrew", "withdrawn", "pulled", "retracted", "revoked", "jk", "kidding", "joking", "dreams", "lol", "template", "draft",
                                              "form", "version", "partially", "partly", "only", "conditionally", "provisionally", "except", "pending", "then", "but"])
    /// Words that may come before the party who approves: "good news: legal approved", "so legal approved".
    static let beforeParty = Spellings(["and", "so", "but", "finally", "now", "also", "btw", "fyi", "ok", "okay", "yes", "yay", "great", "news", "update", "good", "well",
                                        "today", "friday", "monday", "thursday", "tuesday", "wednesday", "yesterday", "morning", "internal", "our", "the", "that", "guess", "what"])

    /// Words between who approved and the approval: "legal has finally signed off".
    static let approvalAdverbs = Spellings(["finally", "already", "has", "have", "just", "officially", "now", "also", "eventually", "actually", "hat", "ha", "a"])
    /// Words after what was approved that end it: "legal approved the contract this morning".
    static let afterApprovalWords = Spellings(["this", "today", "yesterday", "so", "and", "finally", "already", "just", "now", "earlier", "i", "we",
                                               "btw", "fyi", "too", "also", "yay", "woohoo", "officially", "heute", "gestern", "hoy", "ayer", "hoje", "ontem", "aujourd'hui", "hier", "oggi", "ieri"])
    /// Words that say something of a blocker is still pending: "the reseller contract is next".
    /// Work still to do said with a review or an approval, from `lo` to `end` (or on to the end of the
    /// sentence): "1 point remaining", "a couple of questions left", "need another round", "needs a
    /// second pass", "sent it back with changes", "redlines coming back", "TODO: indemnity"; not
    /// "no open points", "nothing left", "0 open comments".
    func followUpWorkSaid(_ lo: Int, _ end: Int, toSentenceEnd: Bool) -> Bool {
        var last = end
        if toSentenceEnd { while last < tokens.count, !isSentenceStop(last), last < end + 20 { last += 1 } }
        func denied(_ j: Int) -> Bool {
            (max(lo, j - 2)..<j).contains { spelled($0, ["no", "nothing", "zero", "without", "not", "none", "keine", "kein", "sin", "sans", "geen"]) || isKind($0, tokens.count, .number) && tokens[$0].value == 0 }
        }
        for j in lo..<last where spelled(j, Self.followUpWords) || spelled(j, ["save"]) && spelled(j + 1, ["for"]) || spelled(j, ["other"]) && spelled(j + 1, ["than"]) {
            if !denied(j) { return true }
        }
        // ("legal reviewed the reseller contract. TODO: indemnity", ". Remaining: ...", ". Next step:
        // fix ...", ". Blocker stays until ...": work still to do said in the sentences after it, on the
        // same line.)
        // (The next sentence only, and said as work left: not "Pipeline still 300k." after it.)
        if toSentenceEnd {
            var next = last + 1
            while next < tokens.count, !isSentenceStop(next) { next += 1 }
            for j in last..<next where spelled(j, ["todo", "to-do", "remaining", "outstanding", "apart", "aside", "besides", "except"])
                || spelled(j, ["open", "pending", "left"]) && (isKind(j + 1, tokens.count, .colon) || spelled(j + 1, ["point", "points", "item", "items", "issue", "issues", "question", "questions"]))
                || spelled(j, ["still"]) && spelled(j + 1, ["open", "to", "pending", "missing"])
                || spelled(j, ["next"]) && spelled(j + 1, ["step", "steps"]) || spelled(j, ["to"]) && spelled(j + 1, ["do"])
                || spelled(j, ["more"]) && spelled(j + 1, ["thing", "point", "item"]) || isWord(j, tokens.count, .blocker) && spelled(j + 1, ["stays", "remains"]) {
                if !denied(j) { return true }
            }
        }
        return false
    }


    static let followUpWords = Spellings(["remaining", "left", "outstanding", "open", "pending", "another", "second", "round", "pass", "changes", "redlines", "redline",
                                          "comments", "questions", "issues", "flagged", "todo", "waiting", "concerns", "feedback", "edits", "revisions", "tweaks",
                                          "objections", "caveats", "offen", "offene", "fragen", "änderungen", "pendiente", "pendientes", "abierto", "abiertos", "cambios",
                                          "ouvert", "ouverts", "modifications", "apart", "aside", "besides", "except", "excluding", "mostly", "largely",
                                          "partly", "partially", "mainly", "heard", "apparently", "supposedly", "confirm"])

    static let stillPendingWords = Spellings(["still", "pending", "next", "waiting", "outstanding", "noch", "todavía", "ainda", "encore", "ancora", "nog"])

    /// Words of someone approving what a blocker waited for: "legal okayed the contract".
    static let approvalWords = Spellings(["okayed", "ok'd", "oked", "cleared", "greenlit", "freigegeben", "genehmigt", "aprobado", "aprobó", "aprovado", "aprovou",
                                          "approuvé", "validé", "approvato", "goedgekeurd", "godkänt", "zatwierdził", "zatwierdzili"])

    /// Whether the clause names a blocker by words none of the open blockers has: "the IT blocker",
    /// "the blocker with Globex" (not "the blocker", "the legal blocker", "our blocker").
    func namesAnotherBlocker(_ lo: Int, _ hi: Int) -> Bool {
        guard !index.openBlockers.isEmpty else { return false }
        func foreign(_ j: Int) -> Bool {
            guard j >= lo, j < hi, tokens[j].kind == .word, !spelled(j, ["the", "that", "this", "my", "our", "a", "one", "last", "only", "big", "main", "remaining", "current", "open", "old",
                                                                            "so", "and", "but", "then", "now", "also", "finally", "any", "is", "was", "that's", "thats", "your", "their"]),
                  // ("der Blocker ist weg", "unser Blocker", "el bloqueo": an article or "our" in another language.)
                  !spelled(j, Self.articles), !spelled(j, ["unser", "unsere", "mein", "meine", "dieser", "nuestro", "mi", "notre", "mon", "ons", "onze"]),
                  !isWord(j, hi, in: .negations) else { return false }
            return !index.openBlockers.contains { overlap($0.words, j, j + 1) > 0 } && index.hits(for: text(j)).isEmpty
        }
        for k in lo..<hi where isWord(k, hi, .blocker) || isWord(k, hi, .blockers) {
            if foreign(k - 1) { return true }
            if isWord(k + 1, hi, .with) || isWord(k + 1, hi, .on) || isWord(k + 1, hi, .from) || spelled(k + 1, ["mit", "con", "avec", "met", "de", "von", "bei"]),
               foreign(isWord(k + 2, hi, .the) || spelled(k + 2, Self.articles) ? k + 3 : k + 2) { return true }
        }
        return false
    }

    /// How many of `words` (an action item's or a blocker's distinctive words) the clause has; a
    /// name ("Globex", "ACME") counts double.
    func overlap(_ words: [TargetIndex.DistinctiveWord], _ lo: Int, _ hi: Int, nameWeight: Int = 2) -> Int {
        var score = 0
        for word in words {
            if (lo..<hi).contains(where: { k in
                guard tokens[k].kind == .word else { return false }
                var found = false
                forEachPart(of: text(k)) { part in if part.elementsEqual(word.lowered) || TargetIndex.stem(part).elementsEqual(word.stem) { found = true } }
                return found
            }) {
                score += word.proper ? nameWeight : 1
            }
        }
        return score
    }

    // MARK: Finished action items

    /// `AI-12`, `ai12` at token `i`: an action item id.
    func actionReference(at i: Int, _ hi: Int) -> Int64? {
        guard i < hi, i >= 0, tokens[i].kind == .word else { return nil }
        var rest = text(i)
        guard rest.count >= 3, rest.starts(with: [0x61, 0x69]) else { return nil }  // "ai"
        rest = rest.dropFirst(2)
        if rest.first == UInt8(ascii: "-") { rest = rest.dropFirst() }
        guard !rest.isEmpty, rest.count <= 12, rest.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        var value: Int64 = 0
        for digit in rest { value = value * 10 + Int64(digit - 0x30) }
        return value
    }

    /// `done AI-12`, `done with AI-12`, `AI-12 done`, `AI-12 ✅`, `closed AI-12`, `AI-1 can be closed`.
    /// Returns whether the clause was about an action item by its id.
    mutating func explicitDone(_ lo: Int, _ hi: Int, refs: [Reference], question: Bool) -> Bool {
        guard var position = (lo..<hi).first(where: { actionReference(at: $0, hi) != nil }) else {
            // "done" alone, or "done <something>" that names no key result, is not a check-in.
            return false
        }
        // ("AI-1 and AI-3: Maria sent the draft so AI-1 is done": the item by the done word.)
        if let doneAt = (lo..<hi).first(where: { isPlainDone($0, hi) }),
           let nearest = (lo..<hi).filter({ actionReference(at: $0, hi) != nil }).min(by: { abs($0 - doneAt) < abs($1 - doneAt) }) {
            position = nearest
        }
        // "partner customers 11, Globex signed via the referral so AI-3 is done": a value said
        // before the action item's part is a statement of its own.
        if let cut = (lo..<position).last(where: { tokens[$0].kind == .comma || tokens[$0].kind == .dash || tokens[$0].kind == .semicolon || isWord($0, hi, .and) }), cut > lo,
           refs.contains(where: { $0.lo < cut }), hasValue(lo, cut) {
            readClause(lo, cut, refs: refs.filter { $0.lo < cut }, question: question)
            readClause(cut + 1, hi, refs: refs.filter { $0.lo > cut }, question: question)
            return true
        }
        let id = actionReference(at: position, hi)!
        let negative = (lo..<hi).contains { isWord($0, hi, .not) || isWord($0, hi, .half) || isWord($0, hi, .yet) || isWord($0, hi, .havent) || isWord($0, hi, .hasnt) || isWord($0, hi, .didntMove) || isWord($0, hi, .isnt) }
        // "I think his AI-3 is done, but he should confirm": a guess, not a completion.
        let hedged = (lo..<hi).contains { isWord($0, hi, in: .hedges) || isWord($0, hi, .might) || isWord($0, hi, .should) && isWord($0 + 1, hi, .be) }
        if negative || hedged { return true }
        // ("AI-1 is half done", "how do I mark AI-1", "will be done Wed": not a completion.)
        // ("you can close AI-1", "AI-1 can be closed", "so AI-1 can go": the author says to close it.)
        var closeIt = saysToClose(lo, hi, item: position)
        // ("you can close AI-1 and AI-2": each item of the list, read as clauses of their own; none
        // when what follows the list puts it off, "... once legal confirms".)
        var listed: [Int64] = []
        if closeIt {
            var j = hi
            while j + 1 < tokens.count, tokens[j].kind == .comma || isWord(j, tokens.count, .and) || isSymbol(j, tokens.count, UInt8(ascii: "&")),
                  let next = actionReference(at: j + 1, tokens.count) {
                listed.append(next)
                j += 2
            }
            if !listed.isEmpty {
                var end = j
                // (To the end of the sentence or an aside: "close AI-1 and AI-2 — Maria sent ..."; none
                // when the line takes it back: "— actually no, wait for legal".)
                while end < tokens.count, !isSentenceStop(end), tokens[end].kind != .dash { end += 1 }
                var sentenceEnd = end
                while sentenceEnd < tokens.count, !isSentenceStop(sentenceEnd) { sentenceEnd += 1 }
                closeIt = saysToClose(lo, end, item: position)
                    && !(end..<sentenceEnd).contains(where: { isWord($0, tokens.count, .no) || isWord($0, tokens.count, .wait) || isWord($0, tokens.count, .not) || isWord($0, tokens.count, in: .negations) || spelled($0, ["hold", "scratch", "ignore", "undo"]) })
                if !closeIt { return true }
            }
        }
        guard closeIt || saysDoneNow(lo, hi) else { return true }
        // ("Housekeeping for AI-3 and AI-4: ..., so that one is done": the sentence names several
        // items and the clause does not say which one.)
        let named = Set((min(sentenceStart, lo)..<hi).compactMap { actionReference(at: $0, hi) })
        if named.count > 1, !(lo..<hi).contains(where: { isWord($0, hi, in: .completionWords) && abs($0 - position) <= 3 || tokens[$0].kind == .emoji && tokens[$0].emoji == .check && abs($0 - position) <= 3 }) && !closeIt {
            let list = named.sorted().map { "AI-\($0)" }
            ask("Which action item is done: \(list.joined(separator: " or "))? Reply `done \(list[0])` with its number.")
            return true
        }
        // ("done AI-4 - well, 80% of it, still need to do the EMEA tab": the rest of the sentence
        // says part of it is still open; asked.)
        if listed.isEmpty { return closeAction(id, unlessPartLeftAfter: position + 1) }
        closeAction(id)
        for other in listed { closeAction(other) }
        return true
    }

    /// Closes item `id`, or asks when the rest of the sentence after `j` says part of it is still
    /// open. Returns true (the clause was read).
    @discardableResult
    mutating func closeAction(_ id: Int64, unlessPartLeftAfter j: Int) -> Bool {
        guard partLeftAfter(j, of: id) else {
            closeAction(id)
            return true
        }
        let text = index.openActions.first(where: { $0.id == id }).map { " (“\($0.text)”)" } ?? ""
        ask("Is AI-\(id)\(text) done? The rest of the sentence says part of it is still open. Reply yes to close it.", proposal: .done(action: id))
        return true
    }

    /// Whether the sentence from `start` says part of finished item `id` is still open: "well, 80%
    /// of it", "still need to do the EMEA tab", "mostly", "almost done", "except the EMEA tab" (up to
    /// another item it names: "AI-12 done, AI-13 still open").
    func partLeftAfter(_ start: Int, of id: Int64) -> Bool {
        let itemWords = index.openActions.first(where: { $0.id == id }).map { TargetIndex.distinctiveWords($0.text) } ?? []
        let itemText = Set((index.openActions.first(where: { $0.id == id })?.text ?? "").lowercased().split(separator: " ").map { Self.stem(String($0)) })
        // ("AI-2 invite sent", "AI-5 prep done": a part of the item named before the done word, not
        // the item; "AI-1 draft done" names the item's own draft.)
        var p = start
        while p < min(tokens.count, start + 4), tokens[p].kind == .word, !isWord(p, tokens.count, in: .completionWords) { p += 1 }
        if start > 0, actionReference(at: start - 1, tokens.count) == id, p > start, p < tokens.count, isWord(p, tokens.count, in: .completionWords) {
            for q in start..<p where !spelled(q, Self.determiners) && !spelled(q, Self.fillerWords) && !spelled(q, Self.doneAuxiliaries) && !spelled(q, Self.helpingWords)
                && !spelled(q, ReplyReader.stateCopulas) && text(q).count >= 3 && !itemText.contains(Self.stem(String(decoding: text(q), as: UTF8.self))) { return true }
        }
        var j = start
        while j < tokens.count, !isSentenceStop(j) {
            if let other = actionReference(at: j, tokens.count), other != id { return false }
            // ("AI-1 erledigt, Abdeckung 80% erledigt": a statement of its own, with its value; not the
            // item's own words, "partner tab 80% done" of "update the partner pricing sheet".)
            if tokens[j].kind == .word, !index.hits(for: text(j)).isEmpty, isKind(j + 1, tokens.count, .number) || isKind(j + 2, tokens.count, .number) && tokens[j + 1].kind == .word,
               !itemWords.contains(where: { $0.lowered.elementsEqual(text(j)) || $0.stem.elementsEqual(TargetIndex.stem(text(j))) }) { return false }
            // ("AI-4 erledigt, bis auf den EMEA-Tab": except.)
            if spelled(j, ["bis"]), spelled(j + 1, ["auf"]) { return true }
            // ("done AI-4 mostly on time", "mostly thanks to Grace": how, not how much.)
            if spelled(j, Self.partlyWords), !spelled(j + 1, ["on", "thanks", "because", "due", "by", "with", "in"]) { return true }
            if spelled(j, ["almost", "nearly", "fast", "casi", "quase", "presque", "quasi", "praktisch", "nahezu", "bijna", "prawie", "nästan", "halb", "half", "halfway"]),
               spelled(j + 1, ["done", "finished", "complete", "completed", "fertig", "listo", "pronto", "fini", "finito", "klaar", "gotowe", "klart"]) || isWord(j + 1, tokens.count, in: .doneWords) { return true }
            // ("zur Hälfte erledigt", "a medias", "à moitié", "a metà": half.)
            if spelled(j, ["hälfte", "medias", "moitié", "metà", "połowie", "helft"]) { return true }
            // ("still need to do the EMEA tab"; not "still need their review", "still need to tell
            // Carlos", "still to hear back": someone else's step, or news of it.)
            if isWord(j, tokens.count, .still), spelled(j + 1, Self.stillOpenWords) && spelled(j + 2, ["to"]) && !spelled(j + 3, Self.followUpVerbs) || spelled(j + 1, Self.stillLeftWords) { return true }
            // ("pricing sheet updated, EMEA tab left": something of it left, at the sentence's end;
            // not "nothing left".)
            if j > start, spelled(j, ["left", "outstanding", "missing", "open"]), j + 1 >= tokens.count || isSentenceStop(j + 1) || tokens[j + 1].kind == .comma,
               tokens[j - 1].kind == .word, !spelled(j - 1, ["nothing", "none", "no", "zero", "still", "is", "are"]) { return true }
            // ("80% of it", "AI-4 80% done", "AI-4 zu 80% erledigt", "done, 90%"; not "100% of it".)
            // ("AI-4 done (80%)", "done ~80%", "done to 80%", "80 percent done", "80% of the sheet".)
            let percent = isKind(j, tokens.count, .number) && (tokens[j].percent || spelled(j + 1, ["percent", "prozent", "procent", "pour", "por", "per"]))
            let share = percent && tokens[j].value < 100 && tokens[j].value > 0
            if share, j > start, isKind(j - 1, tokens.count, .open) || spelled(j - 1, ["to", "at", "zu", "al", "à", "about", "approx", "ca", "around", "~"]) || isSymbol(j - 1, tokens.count, UInt8(ascii: "~"))
                || isWord(j - 1, tokens.count, in: .doneWords) { return true }
            if share, spelled(afterNumber(j, tokens.count), ["percent", "prozent", "procent"]), isWord(afterNumber(j, tokens.count) + 1, tokens.count, in: .doneWords) || spelled(afterNumber(j, tokens.count) + 1, ["done"]) { return true }
            if isKind(j, tokens.count, .number), tokens[j].percent, tokens[j].value < 100,
               spelled(j + 1, ["of"]) || spelled(j + 1, ["there"]) || isWord(j + 1, tokens.count, in: .doneWords)
                || (j + 1 >= tokens.count || isSentenceStop(j + 1)) && isKind(j - 1, tokens.count, .comma) && (isWord(j - 2, tokens.count, .done) || actionReference(at: j - 2, tokens.count) != nil) { return true }
            if isWord(j, tokens.count, .half), spelled(j + 1, ["of", "done"]) { return true }
            j += 1
        }
        return false
    }

    static let partlyWords = Spellings(["mostly", "partly", "partially", "except", "apart", "teilweise", "parcialmente", "partiellement", "parzialmente"])
    /// After "still": part of the item is open ("still need to", "still missing"); not "still waiting
    /// on their review", the next step of someone else, nor "still got 2 more calls to make".
    static let stillOpenWords = Spellings(["need", "needs", "have", "has", "got"])
    static let stillLeftWords = Spellings(["missing", "open", "left", "todo", "outstanding"])
    /// Steps after an item that are not part of it: "still need to tell Carlos".
    static let followUpVerbs = Spellings(["tell", "inform", "let", "ping", "notify", "ask", "wait", "hear", "chase", "celebrate", "thank"])

    /// Who an item goes to: "legal" for "send the reseller contract draft to legal".
    static func recipient(of item: String) -> [UInt8]? {
        let words = item.lowercased().split(separator: " ").map(String.init)
        guard var r = words.lastIndex(of: "to").map({ $0 + 1 }), r < words.count else { return nil }
        while r < words.count - 1, determiners.contains(Array(words[r].utf8)[...]) { r += 1 }
        return Array(words[r].utf8)
    }

    /// Whether a clause with the item's verb says it went to someone other than the item's recipient:
    /// "already sent it over to partner #3", "sent it to Dana for a look before legal", "to ACME's
    /// legal team" for "send the reseller contract draft to legal" (not "to our legal team", nor
    /// "to be fair").
    func sentElsewhere(_ item: TargetIndex.ActionWords, _ lo: Int, _ hi: Int) -> Bool {
        guard let recipient = item.recipient else { return false }
        var toSomeone = false
        for k in lo..<hi where isWord(k, hi, .to) {
            if spelled(k + 1, Self.infinitives) { continue }
            var w = k + 1
            while spelled(w, Self.determiners) || spelled(w, ["over", "back"]) { w += 1 }
            guard w < hi, tokens[w].kind == .word else { continue }
            if text(w).elementsEqual(recipient) { return false }
            toSomeone = true
        }
        return toSomeone
    }

    static let infinitives = Spellings(["be", "get", "make", "have", "see", "do", "keep", "avoid", "help", "check", "review", "sign", "loop", "push", "speed", "finish",
                                        "let", "give", "take", "start", "move", "close", "confirm"])

    static let determiners = Spellings(["the", "a", "an", "our", "my", "their", "his", "her", "your"])

    /// "you can close AI-1", "AI-1 can be closed", "so AI-1 can go", "pls close AI-1": the author says
    /// to close the item at `item`, now and without a doubt (not "I need to close AI-1 before Friday",
    /// "close AI-1 once legal confirms", "AI-1 can be closed next week", "I doubt AI-1 can be closed",
    /// "AI-1 can be closed or moved to Li", "you can close AI-1, almost done").
    func saysToClose(_ lo: Int, _ hi: Int, item: Int) -> Bool {
        var end: Int?
        for k in lo..<hi {
            if spelled(k, ["close"]), k == lo || isWord(k - 1, hi, .please) || isWord(k - 1, hi, .pls) || isWord(k - 1, hi, .can) && spelled(k - 2, ["you"]) || isWord(k - 1, hi, .so) {
                end = actionReference(at: k + 1, hi) != nil ? k + 2 : nil
            } else if k == item, isWord(k + 1, hi, .can) {
                if k + 2 < hi, spelled(k + 2, ["go"]) { end = k + 3 } else if isWord(k + 2, hi, .be), k + 3 < hi, spelled(k + 3, ["closed"]) { end = k + 4 }
            }
            if end != nil { break }
        }
        guard let end, end <= hi else { return false }
        // Nothing after it but thanks and marks; no doubt, plan, time or alternative anywhere.
        // (Or more items: "close AI-1 and AI-2".)
        for k in end..<hi where tokens[k].kind != .other && tokens[k].kind != .emoji && tokens[k].kind != .comma {
            guard tokens[k].kind == .word, spelled(k, ["now", "thanks", "thx", "ty", "please", "pls", "too", "then", "both"]) || isWord(k, hi, .and) || actionReference(at: k, hi) != nil else { return false }
        }
        return !(lo..<hi).contains { isWord($0, hi, in: .negations) || isWord($0, hi, .when) || isWord($0, hi, .if) || isWord($0, hi, .after) || isWord($0, hi, .before) || isWord($0, hi, .by)
            || isWord($0, hi, .or) || isWord($0, hi, in: .hedges) || spelled($0, ["once", "unless", "doubt", "nobody", "thinks", "think", "wish", "almost", "soon", "later", "tomorrow", "next"]) }
    }

    /// "she's stuck at the airport", "got stuck at the partner summit", "stuck in traffic": someone
    /// held up in person, not the work blocked.
    func stuckPerson(_ k: Int, _ hi: Int) -> Bool {
        if k > 0, spelled(k - 1, ["she's", "he's", "shes", "hes", "they're", "theyre", "got", "was", "were"]) || isWord(k - 1, hi, .imContraction) {
            return (isWord(k + 1, hi, .at) || isWord(k + 1, hi, .in) || isWord(k + 1, hi, .on)) && (k + 2..<min(hi, k + 5)).contains(where: { spelled($0, Self.placesPeopleGetStuck) })
        }
        return false
    }

    static let placesPeopleGetStuck = Spellings(["airport", "traffic", "home", "summit", "conference", "offsite", "train", "station", "hotel", "flight", "meetings", "customer", "client"])

    /// Whether a done word or ✅ says it is finished now: not "will be done Wed", "almost done", "not done".
    func saysDoneNow(_ lo: Int, _ hi: Int) -> Bool {
        for k in lo..<hi where isWord(k, hi, in: .completionWords) || tokens[k].kind == .emoji && tokens[k].emoji == .check || tokens[k].kind == .checkbox && tokens[k].checked {
            var later = false
            // ("I'd say it's done": "would" of an opinion, not of a condition.)
            for j in max(lo, k - 3)..<k where isWord(j, hi, in: Self.notDoneYet) && !(isWord(j, hi, .would) && spelled(j + 1, ["say", "think"])) || isWord(j, hi, in: .negations)
                || spelled(j, ReplyReader.notQuiteWords) || isForeignNegation(j)
                // ("I have to / gotta / hope to / trying to / about to finish AI-4": still to do.)
                || spelled(j, Self.stillToDoWords) || isWord(j, hi, .have) && isWord(j + 1, hi, .to)
                // ("pls close AI-1 when it's done", "once it's done": not yet.)
                || isWord(j, hi, .when) || spelled(j, ["once"]) { later = true }
            if (k + 1..<min(hi, k + 6)).contains(where: { spelled($0, ReplyReader.exceptionWords) }) || spelled(k + 1, ["soon", "once", "when"]) { later = true }
            // ("Entwurf ist fertig, wartet aber noch auf Danas Freigabe", "updated, but Carlos still
            // needs to approve it": done, and still waiting, to the sentence's end.)
            // ("draft done, will send once Dana signs off", "draft complete, awaiting Dana's sign-off",
            // "✅ (waiting for Dana's OK before it goes to legal)", "prep done, meeting with Grace still to
            // happen", "Entwurf fertig, schicke ich raus sobald ...", "j'attends le feu vert": the item's
            // part is done, the item is to come.)
            var w = k + 1
            while !later, w < tokens.count, w < k + 14, !isSentenceStop(w) {
                // (The author's "will" or "sending": not "they're sending the paperwork".)
                if spelled(w, ["awaiting", "j'attends", "sobald", "falta", "faltan", "pendiente"])
                    || spelled(w, ["will", "gonna", "sending"]) && (spelled(w - 1, ["i", "we"]) || tokens[w - 1].kind == .comma) && Self.itemVerbAhead(w, self)
                    || spelled(w, ["before", "after", "once", "until"]) && (spelled(w + 1, ["i", "it", "we", "it's", "sending", "dana's", "the"]) || isCapitalised(w + 1))
                    || spelled(w, ["still", "yet"]) && spelled(w + 1, ["to"]) || spelled(w, ["muss", "muß", "moet", "doit", "debe", "tiene"]) && spelled(w + 1, ["noch", "nog", "encore", "todavía", "aún"])
                    || spelled(w, ["i'll", "ill"]) && Self.itemVerbAhead(w, self) { later = true }
                w += 1
            }
            w = k + 1
            while !later, w < tokens.count, w < k + 12, !isSentenceStop(w) {
                // (With a "but" or "still" by it: not "AI-4 done, waiting for the next one from Carlos".)
                if spelled(w, Self.stillWaitingWords), (max(k + 1, w - 2)..<min(tokens.count, w + 3)).contains(where: { $0 != w && spelled($0, Self.butStillWords) })
                    || spelled(w, ["still", "noch", "todavía", "todavia", "encore", "nog", "ainda", "ancora"]) && spelled(w + 1, ["needs", "need", "braucht", "muss", "necesita", "falta", "doit", "moet", "precisa"]) { later = true }
                w += 1
            }
            // ("it'll be done by Wednesday", "done before the offsite", "to be done end of week": a
            // deadline; "done by Carlos yesterday" is who did it.)
            if isWord(k + 1, hi, .by) && (person(at: k + 2) == nil || namesDay(k + 3, hi) || futureTimeAfter(k + 3, hi)) || isWord(k + 1, hi, .before) || isWord(k + 1, hi, .until) || isWord(k + 1, hi, .after) { later = true }
            if isWord(k - 1, hi, .be) && isWord(k - 2, hi, .to) { later = true }
            // "erledigt ist das noch nicht": German says it after; a dash or comma ends that reach
            // ("erledigt – hat nicht lange gedauert").
            var j = k + 1
            while !later, j < hi, tokens[j].kind != .dash, tokens[j].kind != .comma, tokens[j].kind != .semicolon, !isWord(j, hi, .and), !spelled(j, ["und", "y", "e", "et", "en"]) {
                if isForeignNegation(j) { later = true }
                j += 1
            }
            if !later { return true }
        }
        return false
    }

    static let butStillWords = Spellings(["but", "aber", "pero", "mais", "maar", "mas", "ma", "still", "noch", "todavía", "todavia", "encore", "nog", "ainda", "ancora"])
    /// "will send once Dana signs off", "I'll send it Friday": the author's item verb still to come
    /// (not "will send the next one", "I'll call Globex").
    static func itemVerbAhead(_ w: Int, _ r: ReplyReader) -> Bool {
        var v = w + 1
        if r.spelled(v, ["be"]) { v += 1 }
        guard r.spelled(v, ["send", "sending", "book", "update", "review", "finish", "submit", "ship", "deliver", "share", "post", "do", "close", "wrap", "get"]) else { return false }
        var o = v + 1
        while r.spelled(o, ["it", "out", "off", "over", "up"]) { o += 1 }
        while r.spelled(o, Self.determiners) { o += 1 }
        return !r.spelled(o, ["next", "another", "more", "new", "other", "rest"])
    }

    /// Words between an item's number and its done word that name no part: "AI-2 can be marked as done",
    /// "AI-5 est fait", "AI-4 ist jetzt erledigt".
    static let doneAuxiliaries = Spellings(["can", "could", "be", "been", "being", "marked", "as", "now", "jetzt", "officially", "fully", "completely", "totally", "ya", "schon",
                                            "est", "ist", "es", "está", "esta", "é", "è", "sind", "are", "wurde", "was", "were", "is", "has", "have", "had", "ha", "sido", "fue",
                                            "également", "auch", "también", "too", "then", "hereby", "basically", "pretty", "much", "all", "entirely", "kann", "puede", "peut",
                                            "i'd", "say", "think", "guess", "it's", "its", "that's", "thats", "i", "we", "would", "should", "consider", "call"])
    static let stillWaitingWords = Spellings(["waiting", "awaiting", "wartet", "warten", "esperando", "attend", "attente", "wacht", "wachten", "aspetta", "aguarda", "aguardando"])

    /// "noch nicht erledigt", "ainda não foi feito", "pas encore fait", "nog niet klaar", "non ancora".
    static let foreignNegations = Spellings(["não", "nao", "niet", "non", "nunca", "jamais", "nie"])

    /// Whether token `k` is a negation in another language okrd's vocabulary has no case for.
    func isForeignNegation(_ k: Int) -> Bool {
        guard k >= 0, k < tokens.count, tokens[k].kind == .word else { return false }
        if tokens[k].word == .nicht { return true }
        guard tokens[k].word == .none else { return false }
        let first = lower[tokens[k].start]
        guard first == UInt8(ascii: "n") || first == UInt8(ascii: "j") else { return false }
        return spelled(k, Self.foreignNegations)
    }
    static let absenceEnds = WordSet([.back, .until, .till, .til, .through, .thru, .returning])

    /// Whether, after the comma at `j`, the author's absence goes on ("back", "until", "through")
    /// before anyone else is named.
    func absenceGoesOn(after j: Int, _ hi: Int) -> Bool {
        for k in (j + 1)..<hi {
            if isWord(k, hi, in: Self.absenceEnds) { return true }
            if let someone = person(at: k), someone != index.author { return false }
        }
        return false
    }

    /// `- [x] AI-12`, `- [x] send the contract draft`.
    mutating func readDone(from start: Int, _ hi: Int) {
        var k = start
        while k < hi, tokens[k].kind == .colon || tokens[k].kind == .dash { k += 1 }
        if let id = actionReference(at: k, hi) {
            closeAction(id, unlessPartLeftAfter: k + 1)
            return
        }
        let wanted = original(from: k, to: hi).lowercased().trimmingCharactersInSet(" .")
        guard !wanted.isEmpty else { return error("which action item is done? Write `done AI-12` with its number.") }
        let matches = index.openActions.filter { action in
            let text = action.text.lowercased()
            return text == wanted || text.hasPrefix(wanted) || wanted.hasPrefix(text)
        }
        guard matches.count == 1 else {
            return error(matches.isEmpty
                ? "I couldn't find an open action item matching “\(original(from: k, to: hi))”. Use its number, e.g. `done AI-12`. Open: \(openActionList())."
                : "“\(original(from: k, to: hi))” matches \(matches.count) action items (\(matches.map { "AI-\($0.id)" }.joined(separator: ", "))); use the number.")
        }
        closeAction(matches[0].id)
    }

    /// "booked the ACME demo ✅", "pricing sheet done", "followed up with Globex": a done word and the
    /// words of exactly one of the author's open action items. Sure when they match well, asked back
    /// when they match a little.
    /// Words that say an action item is not done yet ("will", "tomorrow", "should be done by Wednesday").
    static let stillToDoWords = Spellings(["gotta", "hope", "hoping", "trying", "try", "about", "plan", "planning", "want", "wants", "going", "aim"])
    static let notDoneYet = WordSet([.yet, .half, .if, .will, .ill, .well, .would, .could, .tomorrow, .might, .should, .gonna, .going, .must, .need, .needs])

    /// A verb of the author's items ("sent", "booked", "reviewed") right after a name other than
    /// the author's: "Globex sent", "Legal reviewed".
    func doneBySomeoneNamed(_ k: Int) -> Bool {
        guard k > 0, tokens[k - 1].kind == .word, !isWord(k, tokens.count, .done), !isWord(k, tokens.count, .finished), !isWord(k, tokens.count, .completed) else { return false }
        // ("they've sent us 7 leads", "Globex has finally sent the referral": over the helping words.)
        guard let s = subject(before: k) else { return false }
        if spelled(s, Self.thirdPersonSubjects) || doneByDepartment(k) { return true }
        // ("legal reviewed the contract and sent it back": the subject of the verb before "and".)
        if let start = coordinated(s) {
            if spelled(start, Self.departments) || spelled(start, Self.thirdPersonSubjects) { return true }
            if let before = (start..<s).last(where: { isWord($0, tokens.count, in: .completionWords) }) { return doneBySomeoneNamed(before) }
        }
        return isCapitalised(s) && !isWord(s, tokens.count, .i) && person(at: s) != index.author
    }

    /// "legal checked the draft and sent it back": where the clause before an "and" at `s` starts
    /// (its subject is the verb's after the "and").
    func coordinated(_ s: Int) -> Int? {
        guard s > 0, isWord(s, tokens.count, .and) else { return nil }
        var start = s - 1
        while start > 0, start > s - 10, tokens[start - 1].kind == .word || tokens[start - 1].kind == .number { start -= 1 }
        return start >= 0 && start < s ? start : nil
    }

    /// Where the subject of the verb at `k` is, over helping words ("Globex has finally sent"): the
    /// word before them, if it is a word or a mention.
    func subject(before k: Int) -> Int? {
        var s = k - 1
        while s > 0, s > k - 3, spelled(s, Self.helpingWords) { s -= 1 }
        guard s >= 0, tokens[s].kind == .word || tokens[s].kind == .mention, !spelled(s, Self.helpingWords) else { return nil }
        return s
    }

    /// Whether the word at `k` starts with a capital letter (ASCII or not: "Émile", "Łukasz").
    func isCapitalised(_ k: Int) -> Bool {
        guard k >= 0, k < tokens.count, tokens[k].kind == .word else { return false }
        let first = bytes[tokens[k].start]
        if first < 0x80 { return first >= 0x41 && first <= 0x5A }
        let scalar = String(decoding: bytes[tokens[k].start..<tokens[k].end], as: UTF8.self).unicodeScalars.first
        return scalar.map { $0.properties.isUppercase } ?? false
    }

    /// "legal finally sent back the redlines", "finance sent the numbers": a department did what the
    /// word at `k` says.
    func doneByDepartment(_ k: Int) -> Bool {
        guard let s = subject(before: k) else { return false }
        return spelled(s, Self.departments) && !isWord(s - 1, tokens.count, .to)
    }

    static let thirdPersonSubjects = Spellings(["they", "they've", "theyve", "he", "she", "he's", "she's", "they'd", "who", "which"])
    static let departments = Spellings(["legal", "finance", "procurement", "purchasing", "accounting", "ops", "revops", "hr", "security", "compliance", "management", "marketing"])

    /// (`ownVerbOnly`: after a blocker cleared in the same clause, only an item the author says they
    /// did, "sent the reseller contract draft to legal, they signed off already"; not "legal signed
    /// off on the contract ✅", the blocker's clearing.)
    mutating func readDoneByText(_ lo: Int, _ hi: Int, ownVerbOnly: Bool = false) -> Bool {
        // ("Globex sent one more referral": the customer did something, not the author's item.)
        let doneWord = (lo..<hi).contains { isWord($0, hi, in: .completionWords) && !doneBySomeoneNamed($0) || (tokens[$0].kind == .emoji && tokens[$0].emoji == .check) }
        // (A verb of its own closes only the item it is the verb of: "I reviewed the contract draft" is
        // not "send the contract draft to legal"; "done", "finished", ✅ close any.)
        var plainDone = false
        for k in lo..<hi where isWord(k, hi, in: .completionWords) && (!isWord(k, hi, in: .completionVerbs) || isWord(k, hi, .gebucht)) && !doneBySomeoneNamed(k) || tokens[k].kind == .emoji && tokens[k].emoji == .check {
            plainDone = true
            break
        }
        let generic = plainDone || (lo..<hi).contains { (isWord($0, hi, .went) || isWord($0, hi, .gone)) && isWord($0 + 1, hi, .through) }
        let pastTense = (lo..<hi).contains { isPastTense($0) }
        guard generic || pastTense else { return false }
        // (A plain loop: a closure here copied the whole reader per call.)
        for k in lo..<hi where tokens[k].kind == .word {
            let w = tokens[k].word
            // ("booked the ACME demo, pretty confident they'll show up": "'ll" of someone else; near
            // the done word saysDoneNow judges it.)
            if WordSet.negations.contains(w) || WordSet.hedges.contains(w) || Self.notDoneYet.contains(w) && w != .well && w != .would && w != .could { return false }
        }
        // ("Der Vertrag ist noch nicht erledigt": a done word said not to hold yet.)
        if (lo..<hi).contains(where: { isWord($0, hi, in: .completionWords) }), !saysDoneNow(lo, hi) { return false }
        // The item's own verb in the past ("followed up", "booked", "sent") or a done word counts.
        // With only a done word in a clause about numbers, a name alone is not the item ("ACME's 40
        // seats went through" is not "book a demo with ACME"; "ACME: done" is): a name then counts
        // as one word, not two.
        let aboutNumbers = (lo..<hi).contains { tokens[$0].kind == .number && !isDatePart($0, hi) && !isTimePart($0, hi) }
        // "done", "finished", ✅ say the item is done; "sent", "booked" are verbs of their own.
        let plainDoneWord = (lo..<hi).contains { isPlainDone($0, hi) && !(tokens[$0].kind == .word && doneBySomeoneNamed($0)) }
        var scored: [(OpenAction, Int)] = []
        for action in index.ownActions {
            let doer = didVerb(of: action, lo, hi)
            let ownVerb = if case .author? = doer { true } else { false }
            // ("Grace reviewed the Q1 plan" for "review the Q1 plan with Grace", "Globex is amazing,
            // they've sent the contract draft to legal": the item's verb, done by someone else, is
            // asked about when the item's other words are there too; not closed.)
            if case .other(let subject)? = doer {
                var others = overlap(action.words, lo, hi)
                let said = text(subject)
                if let word = action.words.first(where: { said.elementsEqual($0.lowered) }),
                   !(lo..<hi).contains(where: { $0 != subject && tokens[$0].kind == .word && text($0).elementsEqual(word.lowered) }) {
                    others -= word.proper ? 2 : 1
                }
                if others >= 2 { scored.append((action.action, 1)) }
                continue
            }
            guard generic && !ownVerbOnly || ownVerb else { continue }
            // (Sent to someone else: asked when the item's other words say it is the same thing, "sent
            // the contract draft to the lawyers"; else another sending, "sent it over to partner #3".)
            if ownVerb, sentElsewhere(action, lo, hi) {
                if overlap(action.words.filter { $0.lowered != action.recipient }, lo, hi, nameWeight: 1) >= 2 { scored.append((action.action, 1)) }
                continue
            }
            // ("Q1 territory plan: draft done, reviewing with Grace Thursday": the item's own verb is
            // still going on.)
            if !ownVerb, isGoingOn(action, lo, hi) { continue }
            // ("Partners 3 - Ingram signed after legal finally went through the contract": in a clause
            // about numbers, "went through" is news about something else.)
            if !ownVerb, aboutNumbers, !doneWord { continue }
            // ("booked a demo with Globex" for "book a demo with ACME", "reviewed the plan with Maria" for
            // "... with Grace", "sent the NDA draft": another name than the item's is another thing.)
            if namesOtherThan(action, lo, hi) { continue }
            let score = overlap(action.words, lo, hi, nameWeight: ownVerb || !aboutNumbers ? 2 : 1)
            // ("@maria sent you the Globex contact": a past verb of something else, with only the
            // item's name in common, is asked about, not closed.)
            // ("done with Globex": finished with the customer, maybe, not said to be the item.)
            let doneWithName = (lo..<hi).contains { (isWord($0, hi, .done) || isWord($0, hi, .finished)) && isWord($0 + 1, hi, .with) }
            // ("the Globex onboarding was done": something else of the customer's was done.)
            let nameOnly = !ownVerb && (!plainDoneWord || doneWithName || otherThingDone(action, lo, hi)) && overlap(action.words, lo, hi, nameWeight: 0) == 0
            if score >= 2 { scored.append((action.action, nameOnly ? 1 : score)) }
        }
        guard let best = scored.max(by: { $0.1 < $1.1 }) else { return false }
        let rivals = scored.filter { $0.1 == best.1 }
        guard rivals.count == 1 else { return false }
        if best.1 >= 2 {
            // ("pricing sheet mostly updated, EMEA tab left", "updated the sheet except the EMEA tab".)
            closeAction(best.0.id, unlessPartLeftAfter: lo)
        } else {
            ask("Is AI-\(best.0.id) (“\(best.0.text)”) done? Reply yes to close it.", proposal: .done(action: best.0.id))
        }
        return true
    }

    /// Whether a plain done word's subject is a thing none of the item's words names: "the Globex
    /// onboarding was done" (not "Globex done", "Globex is done", "it's done", "the Globex thing is
    /// done", "Globex followup done").
    func otherThingDone(_ action: TargetIndex.ActionWords, _ lo: Int, _ hi: Int) -> Bool {
        guard let d = (lo..<hi).first(where: { isPlainDone($0, hi) }) else { return false }
        var j = d - 1
        while j >= lo, isWord(j, hi, .is) || isWord(j, hi, .was) || isWord(j, hi, .were) || isWord(j, hi, .has) || spelled(j, ["been", "got", "finally", "now", "all", "fully", "completely"]) { j -= 1 }
        guard j >= lo, tokens[j].kind == .word, !isWord(j, hi, .it), !isWord(j, hi, .that), !isWord(j, hi, .this), !spelled(j, Self.genericThings),
              !TargetIndex.stopwordHashes.contains(TargetIndex.hash64(text(j))) else { return false }
        let said = text(j)
        return overlap(action.words, j, j + 1) == 0 && !action.words.contains { $0.lowered.count >= 4 && said.starts(with: $0.lowered) }
    }

    /// Nouns that name nothing of their own: "the Globex thing is done".
    /// Whether the clause names a customer, a document or a person the item does not ("Globex" for an
    /// item about ACME, "NDA" for the contract draft, "Maria" for an item with Grace).
    func namesOtherThan(_ action: TargetIndex.ActionWords, _ lo: Int, _ hi: Int) -> Bool {
        // ("booked a demo with globex" for "... with ACME", "the Q2 territory plan" for the Q1 one: the
        // word after the same preposition, or another quarter, in any case.)
        let itemWords = action.action.text.lowercased().split(separator: " ").map { String($0).trimmingCharacters(in: .punctuationCharacters) }
        let itemSet = Set(itemWords.flatMap { [$0, Self.stem($0)] })
        /// The words of a phrase from `m` said (up to a preposition, a mark or the clause's end), less
        /// determiners and words that say nothing of which thing ("new", "v2", days, numbers).
        func phrase(from m: Int) -> [String] {
            var words: [String] = []
            var j = m
            while j < hi, j < m + 6, tokens[j].kind == .word, !spelled(j, Self.phraseEnds) {
                let said = String(decoding: text(j), as: UTF8.self)
                if !spelled(j, Self.determiners), !spelled(j, Self.fillerWords), !spelled(j, Self.timeFillers), DateReader.weekday(said) == nil, DateReader.month(said) == nil, said.count >= 2 {
                    words.append(Self.stem(said))
                }
                j += 1
            }
            return words
        }
        // (Same preposition, or "for"/"w/" where the item has "with": another party or topic when
        // none of the words after it is the item's: "with a new prospect", "for the globex team",
        // "on pricing" for "on the partner referral"; not "on the referral", "with ACME's EU team".)
        for (i, word) in itemWords.enumerated() where ["with", "to", "for", "on"].contains(word) && i + 1 < itemWords.count {
            let forms = word == "with" && !itemWords.contains("for") ? ["with", "for", "w"] : [word]
            var other = false
            var same = false
            for j in lo..<hi where spelled(j, anyOf: forms) {
                // ("on" only right after the item's verb done: "followed up with Globex on pricing";
                // not "we talked it all through on that call".)
                if word == "on", !(max(lo, j - 6)..<j).contains(where: { v in
                    tokens[v].kind == .word && (text(v).elementsEqual(action.past) || text(v).elementsEqual(action.doubledPast)) && !(v..<j).contains { tokens[$0].kind == .comma } }) { continue }
                var m = j + 1
                if spelled(j, ["w"]) { guard isKind(m, hi, .slash) else { continue }; m += 1 }
                let said = phrase(from: m)
                // (The first word names the party or topic: not "to be fair Dana nudged me".)
                if said.contains(where: { itemSet.contains($0) }) { same = true } else if let first = said.first, first.count >= 3 { other = true }
            }
            if other, !same { return true }
        }
        // ("sent the pricing draft" / "the Ingram contract draft" / "the nda draft" for "send the
        // reseller contract draft to legal", "updated the partner pricing deck" for "... sheet",
        // "reviewed the Q1 hiring plan": what was done is another thing when a word of it is not the
        // item's.)
        // (The item's own verb with its object after it only: "ACME demo booked", "pricing sheet
        // done", "went through the plan" are judged by the item's words as before.)
        if !action.past.isEmpty, let verb = (lo..<hi).first(where: { tokens[$0].kind == .word && (text($0).elementsEqual(action.past) || text($0).elementsEqual(action.doubledPast)) }) {
            var m = verb + 1
            while spelled(m, ["up", "out", "off", "over", "back", "through"]) { m += 1 }
            if phrase(from: m).contains(where: { !itemSet.contains($0) && $0.count >= 2 }) { return true }
        }
        if let quarter = itemWords.first(where: { $0.count == 2 && $0.first == "q" && "1234".contains($0.last!) }) {
            for j in lo..<hi where tokens[j].end - tokens[j].start == 2 && lower[tokens[j].start] == UInt8(ascii: "q") && lower[tokens[j].start + 1] &- 0x31 < 4
                && !text(j).elementsEqual(quarter.utf8) { return true }
        }
        let itemPeople = Set(action.action.text.split(separator: " ").compactMap { index.people[TargetIndex.hash64(Array($0.lowercased().utf8)[...])] })
        for j in lo + 1..<max(lo + 1, hi) where tokens[j].kind == .word && bytes[tokens[j].start] &- UInt8(ascii: "A") < 26 && text(j).count >= 3 && !isSentenceStop(j - 1) {
            if overlap(action.words, j, j + 1) > 0 || TargetIndex.stopwords.contains(Array(text(j))) { continue }
            if let who = person(at: j) {
                if !itemPeople.isEmpty, !itemPeople.contains(who) { return true }
                continue
            }
            if index.hits(for: text(j)).isEmpty, DateReader.dayHashes[TargetIndex.hash64(text(j))] == nil, DateReader.monthHashes[TargetIndex.hash64(text(j))] == nil,
               action.words.contains(where: \.proper) || (tokens[j].end - tokens[j].start >= 2 && (tokens[j].start..<tokens[j].end).allSatisfy { bytes[$0] &- UInt8(ascii: "A") < 26 }) { return true }
        }
        return false
    }

    /// A word's form for comparing things said: lower case, without "'s" or a plural "s".
    static func stem(_ word: String) -> String {
        var w = word.lowercased()
        for suffix in ["'s", "’s"] where w.hasSuffix(suffix) { w.removeLast(2) }
        if w.count > 3, w.hasSuffix("s"), !w.hasSuffix("ss") { w.removeLast() }
        return w
    }
    /// Where the phrase of a thing done ends.
    static let phraseEnds = Spellings(["to", "with", "for", "on", "in", "via", "from", "by", "at", "about", "and", "but", "so", "w", "today", "yesterday", "this", "last", "is", "was", "are", "were",
                                       "over", "off", "out", "back", "through", "up", "as", "after", "before", "since"])
    /// Times and asides after a thing done: "booked for next Tuesday, finally", "for December second btw".
    static let timeFillers = Spellings(["next", "tomorrow", "today", "tonight", "morning", "afternoon", "evening", "eod", "eow", "later", "week", "month", "btw", "fyi",
                                        "now", "too", "second", "third", "fourth", "fifth", "1st", "2nd", "3rd", "4th", "noon", "asap", "soon", "lol"])
    /// Words that say nothing of which thing: "the new sheet", "draft v2", "the whole deck".
    static let fillerWords = Spellings(["new", "updated", "latest", "final", "revised", "v1", "v2", "v3", "version", "copy", "whole", "entire", "full", "first", "initial",
                                        "current", "draft", "it", "them", "that", "this", "one", "finally", "just", "also", "already", "quickly",
                                        "all", "both", "done", "finished", "booked", "sent", "reviewed", "followed", "up", "ai", "item", "task", "action"])

    /// Words that take a day out of an absence.
    static let exceptDayWords = Spellings(exceptWordsEverywhere + ["ohne", "exceto", "menos", "without", "apart", "minus", "excluded", "excluding", "save"])

    static let genericThings = Spellings(["everything", "all", "which", "one", "thing", "things", "stuff", "item", "task", "todo", "to-do", "bit", "part", "piece", "topic",
                                          "matter", "story", "ticket", "action", "ai"])

    /// "done", "finished", ✅ at `k`: a word that says something is done, not a verb of its own
    /// ("sent", "booked").
    func isPlainDone(_ k: Int, _ hi: Int) -> Bool {
        isWord(k, hi, in: .completionWords) && !isWord(k, hi, in: .completionVerbs) || isKind(k, hi, .emoji) && tokens[k].emoji == .check
    }

    /// A verb in the past tense or a done word at `k`: "signed", "closed", "won", "got", "done".
    func isPastTense(_ k: Int) -> Bool {
        guard k >= 0, k < tokens.count, tokens[k].kind == .word else { return false }
        if tokens[k].word != .none, WordSet.completionWords.contains(tokens[k].word) { return true }
        let length = tokens[k].end - tokens[k].start
        return length > 3 && lower[tokens[k].end - 2] == UInt8(ascii: "e") && lower[tokens[k].end - 1] == UInt8(ascii: "d")
            || length <= 7 && Self.irregularPastHashes.contains(TargetIndex.hash64(text(k)))
    }

    static let irregularPastHashes: Set<UInt64> = Set(irregularPast.values.map { TargetIndex.hash64(Array($0.utf8)) })
    static let irregularPast: [String: String] = [
        "send": "sent", "do": "did", "get": "got", "write": "wrote", "bring": "brought", "meet": "met", "make": "made", "take": "took",
        "run": "ran", "set": "set", "pay": "paid", "hold": "held", "lead": "led", "tell": "told", "find": "found", "give": "gave",
        "win": "won", "sell": "sold", "buy": "bought", "lose": "lost",
    ]

    /// Whether the clause has the past tense of the item's first word ("follow up" / "followed"),
    /// and who did it: `.author`, or `.other(subject)` when only someone else did ("legal sent back
    /// comments", "Globex followed up with me").
    func didVerb(of action: TargetIndex.ActionWords, _ lo: Int, _ hi: Int) -> VerbDoer? {
        guard !action.past.isEmpty else { return nil }
        var doer: VerbDoer?
        for k in lo..<hi where tokens[k].kind == .word {
            var matched = false
            forEachPart(of: text(k)) { part in if part.elementsEqual(action.past) || part.elementsEqual(action.doubledPast) { matched = true } }
            guard matched else { continue }
            guard let subject = subjectOtherThanAuthor(of: k, action) else { return .author }
            doer = doer ?? .other(subject: subject)
        }
        return doer
    }

    enum VerbDoer { case author, other(subject: Int) }

    /// Where the subject of the item's verb at `k` is, when it is someone other than the author: a
    /// department ("legal sent back comments"), a colleague ("Li booked it"), "they", or the item's
    /// own counterpart ("Globex followed up with me" for "follow up with Globex", "Grace reviewed
    /// the plan" for "review the plan with Grace").
    func subjectOtherThanAuthor(of k: Int, _ action: TargetIndex.ActionWords) -> Int? {
        // (Not the object of a preposition: "demo with ACME booked".)
        // ("legal looked at the draft, sent it back": the subject of the clause before the comma;
        // "sent it back" is a return, not the item's sending.)
        if k > 1, tokens[k - 1].kind == .comma {
            var start = k - 2
            while start > 0, start > k - 12, tokens[start - 1].kind == .word || tokens[start - 1].kind == .number { start -= 1 }
            if spelled(start, Self.departments) || spelled(start, Self.thirdPersonSubjects) || spelled(start, Self.roleNouns) { return start }
        }
        if spelled(k + 1, ["back"]) || spelled(k + 1, ["it", "them"]) && spelled(k + 2, ["back"]), let s = subject(before: k), let who = Optional(coordinated(s) ?? s),
           spelled(who, Self.departments) || spelled(who, Self.thirdPersonSubjects) || spelled(who, Self.roleNouns) || person(at: who).map({ $0 != index.author }) == true {
            return who
        }
        guard let s = subject(before: k), !spelled(s - 1, ["with", "to", "for", "from", "at", "of", "by"]) else { return nil }
        // ("legal checked the draft and sent it back": the subject of the clause before "and".)
        if let start = coordinated(s), spelled(start, Self.departments) || spelled(start, Self.thirdPersonSubjects) || spelled(start, Self.roleNouns)
            || person(at: start).map({ $0 != index.author }) == true { return start }
        // ("My manager sent ...", "Ingram's lawyer sent ...": someone named by their role.)
        if doneByDepartment(k) || spelled(s, Self.thirdPersonSubjects) || spelled(s, Self.roleNouns) { return s }
        if let someone = person(at: s) { return someone != index.author ? s : nil }
        let subject = text(s)
        if let word = action.words.first(where: { subject.elementsEqual($0.lowered) }) { return word.proper ? s : nil }
        // ("Brightline updated the partner pricing on their side": a name okrd does not know; not a
        // day or an adverb opening the sentence, "Tuesday sent ...", "Quickly updated ...".)
        guard isCapitalised(s), tokens[s].word == .none, !isWord(s, tokens.count, .i), !namesDay(s, tokens.count),
              !(subject.count > 4 && subject.suffix(2).elementsEqual("ly".utf8)) else { return nil }
        return s
    }
    static let roleNouns = Spellings(["manager", "boss", "lawyer", "lawyers", "attorney", "counsel", "customer", "client", "buyer", "champion", "assistant", "colleague",
                                      "cfo", "ceo", "cto", "vp", "rep", "reseller", "distributor", "partner", "procurement", "team"])
    static let helpingWords = Spellings(["has", "have", "had", "just", "already", "finally", "also", "actually", "even"])

    /// Whether the item's verb is written as still going on ("reviewing", "booking").
    func isGoingOn(_ action: TargetIndex.ActionWords, _ lo: Int, _ hi: Int) -> Bool {
        guard action.past.count > 4, action.past.suffix(2).elementsEqual("ed".utf8) else { return false }
        // ("reviewed" -> "reviewing", "updated" -> "updating", "stopped" -> "stopping")
        let ongoing = Array(action.past.dropLast(2)) + Array("ing".utf8)
        return (lo..<hi).contains { k in tokens[k].kind == .word && text(k).elementsEqual(ongoing) }
    }

    func openActionList() -> String {
        let mine = index.openActions.filter { $0.owner == index.author }
        guard !mine.isEmpty else { return "none" }
        return mine.prefix(5).map { "AI-\($0.id) \($0.text)" }.joined(separator: "; ")
    }

    // MARK: Commands

    /// `snooze kr3 1w`, `snooze #2 for 2 weeks`, `snooze kr3 until Dec 4`.
    mutating func readSnooze(from start: Int, _ hi: Int) {
        let refs = references(start, hi)
        guard let ref = refs.first, let entry = ref.entry, index.entries[entry].updatable else {
            if case .error(let message)? = refs.first?.kind { return error(message) }
            return error("snooze which key result, and for how long? e.g. `snooze \(index.entries.first { $0.updatable }?.target.key ?? "kr1") 1w`.")
        }
        let key = index.entries[entry].target.key
        var k = ref.hi
        if isWord(k, hi, .for) { k += 1 }
        var until: LocalDate?
        if k < hi, tokens[k].kind == .number, let days = durationDays(value: tokens[k].value, unitAt: k + 1, hi, adjacent: true) {
            guard days > 0, days <= 92 else { return error("I can snooze for 1 day up to a quarter (13w); “\(original(from: k, to: hi))” is outside that. Write e.g. `snooze \(key) 2w`.") }
            until = dates().adding(days - 1)
        } else if isWord(k, hi, .a) || isWord(k, hi, .one), let days = durationDays(value: 1, unitAt: k + 1, hi, adjacent: false) {
            until = dates().adding(days - 1)
        } else if k < hi {
            let dateStart = isWord(k, hi, .until) || isWord(k, hi, .till) || isWord(k, hi, .til) || isWord(k, hi, .to) ? k + 1 : k
            let (outcome, _) = readDate(at: dateStart, hi)
            switch outcome {
            case .day(let day): until = day
            case .error(let message): return error(message)
            default: break
            }
        }
        guard let until else {
            return error("how long should I snooze `\(key)`? e.g. `snooze \(key) 1w` or `snooze \(key) until Dec 4`.")
        }
        lastTarget = entry
        result.commands.append(ParsedCommand(kind: .snooze, target: key, until: until, line: line))
    }

    /// Days in `value` units named by the word at `unitAt` (`w`, `weeks`, `d`, `days`).
    func durationDays(value: Double, unitAt j: Int, _ hi: Int, adjacent: Bool) -> Int? {
        let unit = word(j, hi)
        if adjacent, j > 0, j < hi, tokens[j].start != tokens[j - 1].end, tokens[j].end - tokens[j].start <= 2 { return nil }
        guard value == value.rounded(), value >= 0, value < 1000 else { return nil }
        switch unit {
        case .d, .day, .days: return Int(value)
        case .w, .wk, .wks, .week, .weeks: return Int(value) * 7
        default: return nil
        }
    }

    /// `ack kr3`: the owner has seen the alert.
    mutating func readAck(from start: Int, _ hi: Int) {
        let refs = references(start, hi)
        if let ref = refs.first, let entry = ref.entry, index.entries[entry].updatable {
            lastTarget = entry
            return result.commands.append(ParsedCommand(kind: .ack, target: index.entries[entry].target.key, line: line))
        }
        if case .error(let message)? = refs.first?.kind { return error(message) }
        error("acknowledge which key result? e.g. `ack \(index.entries.first { $0.updatable }?.target.key ?? "kr1")`.")
    }

    /// `yes`, `y`, 👍 (okrd's question is answered: record its proposal); `no` (drop it).
    mutating func readAnswer(_ lo: Int, _ hi: Int) -> Bool {
        guard index.pending != nil, line == firstLine, lo == 0 else { return false }
        var affirmative = false
        var negative = false
        for k in lo..<hi {
            switch tokens[k].kind {
            case .word:
                let w = tokens[k].word
                if WordSet.affirmatives.contains(w) || w == .please || w == .pls || w == .do || w == .it || w == .that || w == .record || w == .thanks || w == .correct { affirmative = affirmative || WordSet.affirmatives.contains(w); continue }
                if w == .no || w == .nope || w == .not { negative = true; continue }
                return false
            case .other:
                let symbol = text(k)
                if symbol.elementsEqual([0xF0, 0x9F, 0x91, 0x8D]) { affirmative = true; continue }  // 👍
                if symbol.elementsEqual([0xF0, 0x9F, 0x91, 0x8E]) { negative = true; continue }  // 👎
                continue
            case .emoji where tokens[k].emoji == .check:
                affirmative = true
            case .comma, .dash:
                continue
            default:
                return false
            }
        }
        if affirmative && !negative {
            result.commands.append(ParsedCommand(kind: .confirm, line: line))
            return true
        }
        if negative && !affirmative {
            result.commands.append(ParsedCommand(kind: .decline, line: line))
            return true
        }
        return false
    }

    // MARK: The prompt pasted back

    /// A line copied from okrd's prompt: the title, the introduction, "reply like" examples and the
    /// footer say nothing; a key result's line says something only where the person changed it
    /// (a new value after the colon or an arrow); an open action line closes the item only when
    /// "done" or ✅ was added. Returns whether the line was handled.
    mutating func readPromptEcho(_ lo: Int, _ hi: Int) -> Bool {
        for marker in Self.promptMarkers where lineContains(marker) { return true }
        if lineContains(Self.openActionMarker) {
            // "Open action AI-2 book a demo with ACME · reply `done AI-2` when it is" as pasted: nothing.
            if lineContains(Self.whenItIsMarker) { return true }
            guard let position = (lo..<hi).first(where: { actionReference(at: $0, hi) != nil }), let id = actionReference(at: position, hi) else { return true }
            if saysDoneNow(position + 1, hi) { closeAction(id) }
            return true
        }
        // A key result's line: status emoji, bar, "50% (expected 58%)", then "#1 key Title: value".
        var k = lo
        if k < hi, tokens[k].kind == .emoji { k += 1 }
        var sawBar = false
        while k < hi, tokens[k].kind == .other, bytes[tokens[k].start] == 0xE2, tokens[k].end - tokens[k].start >= 3, bytes[tokens[k].start + 1] == 0x96 {
            sawBar = true
            k += 1
        }
        guard sawBar else { return false }
        // "50% (expected 58%)"
        if k < hi, tokens[k].kind == .number, tokens[k].percent { k += 1 }
        if k < hi, tokens[k].kind == .open, let close = (k..<hi).first(where: { tokens[$0].kind == .close }) { k = close + 1 }
        guard k < hi else { return true }
        pastedLine = true
        defer { pastedLine = false }
        for (start, end, question) in sentences(k, hi) {
            readSentence(start, end, question: question)
        }
        return true
    }

    static let openActionMarker = Array("open action ai-".utf8)
    static let whenItIsMarker = Array("when it is".utf8)

    /// Whether the lowercase line being read contains `pattern` (byte search, no allocation).
    func lineContains(_ pattern: [UInt8]) -> Bool {
        guard let first = pattern.first, lineEnd - lineStart >= pattern.count else { return false }
        return lower.withUnsafeBufferPointer { buffer in
            var i = lineStart
            let last = lineEnd - pattern.count
            while i <= last {
                guard let found = memchr(buffer.baseAddress! + i, Int32(first), last - i + 1) else { return false }
                let at = buffer.baseAddress!.distance(to: found.assumingMemoryBound(to: UInt8.self))
                if memcmp(buffer.baseAddress! + at, pattern, pattern.count) == 0 { return true }
                i = at + 1
            }
            return false
        }
    }

    static let promptMarkers: [[UInt8]] = [
        "how did your key results move", "reply like", "what moved it", "for the reply format", "report like", "weekly check-in ·",
        "still waiting for your check-in", "check in here:", "your check-in page",
    ].map { Array($0.utf8) }
}
