import OKRModel
/// Action items, blockers and commands.
extension LineParser {
    // MARK: Action items

    /// `action: @maria send the draft to legal by Friday`, `todo ...`, `- [ ] ...`, `@li will ...`.
    mutating func parseAction(from start: Int, into state: inout ReplyState) {
        var k = start
        while k < end, tokens[k].kind == .colon || tokens[k].kind == .dash { k += 1 }
        var owner = index.author
        if k < end, tokens[k].kind == .mention {
            let spelling = lower[(tokens[k].start + 1)..<tokens[k].end]
            guard let person = index.person(spelling) else {
                return state.error(number, "I don't know “\(written(tokens[k]))”. Mention someone okrd knows (by their chat handle or okrd id), or leave the owner out to take the action yourself.")
            }
            owner = person
            k += 1
            if isWord(k, in: WordSet([.will, .should, .must, .shall])) { k += 1 }
            if isWord(k, .needs, .has), isWord(k + 1, .to) { k += 2 }
            if isWord(k, .to) { k += 1 }
            while k < end, tokens[k].kind == .colon || tokens[k].kind == .dash || tokens[k].kind == .comma { k += 1 }
        }
        guard k < end else {
            return state.error(number, "this action item has no task. Write what needs doing, e.g. `action: @\(owner) send the contract draft by Friday`.")
        }

        // The due date: after by / due / before / until, or a trailing "next week", "tomorrow"...
        var due: LocalDate?
        var cut: (from: Int, to: Int)?
        for j in k..<end where isWord(j, in: .dateKeywords) {
            let phraseStart = isWord(j + 1, .on) ? j + 2 : j + 1
            guard phraseStart < end else { continue }
            let (outcome, used) = readDate(at: phraseStart, state: &state)
            switch outcome {
            case .day(let day):
                due = day
                cut = (j, tokenIndex(afterWords: used, from: phraseStart))
            case .error(let message):
                return state.error(number, message)
            case .notADate:
                continue
            }
            break
        }
        if due == nil {
            // Trailing phrases without a preposition: "follow up with Globex next week".
            for back in (1...min(4, end - k)).reversed() {
                let j = end - back
                guard j > k, tokens[j].kind == .word, WordSet.trailingDateStarts.contains(tokens[j].word) else { continue }
                let (outcome, used) = readDate(at: j, state: &state)
                if case .day(let day) = outcome, used == wordCount(from: j) {
                    due = day
                    cut = (j, end)
                    break
                }
            }
        }
        let taskText: String
        if let cut {
            let before = original(from: k, to: cut.from, trimming: ".,;:-")
            let after = cut.to < end ? original(from: cut.to, trimming: ".,;:-") : ""
            taskText = before.isEmpty ? after : (after.isEmpty ? before : before + " " + after)
        } else {
            taskText = original(from: k, trimming: ".,;:-")
        }
        // "Actions: none", "todo: n/a": nothing to record, nothing to complain about.
        if ["none", "n/a", "na", "nothing", "no", "-", "nothing new", "none this week"].contains(taskText.lowercased()) { return }
        guard !taskText.isEmpty else {
            return state.error(number, "this action item has no task, only a date. Write what needs doing, e.g. `action: send the contract draft by Friday`.")
        }
        var target = state.lastTarget
        for j in k..<end where tokens[j].kind == .word {
            if let entry = index.entry(key: text(tokens[j])), index.entries[entry].updatable { target = index.entries[entry].target.key; break }
        }
        state.result.actions.append(ParsedAction(owner: owner, text: LineParser.limited(taskText, 500), due: due, target: target, line: number))
    }

    /// Reads a date from token `j`; `used` counts words, as the reader does.
    func readDate(at j: Int, state: inout ReplyState) -> (DateReader.Outcome, Int) {
        guard j < end else { return (.notADate, 0) }
        return state.dates().read(words: DateReader.words(lower, tokens[j].start..<lineEnd))
    }

    /// Words from token `j` to the end (up to 7), counted the way the date reader splits them.
    func wordCount(from j: Int) -> Int {
        DateReader.words(lower, tokens[j].start..<lineEnd, limit: 7).count
    }

    /// The token index reached after `words` space-separated words starting at token `j`.
    func tokenIndex(afterWords words: Int, from j: Int) -> Int {
        guard words > 0, j < end else { return j }
        var remaining = words
        var k = j
        var position = tokens[j].start
        while k < end, remaining > 0 {
            // Tokens touching each other ("4th", "2026-12-04") belong to one word.
            let wordEnd = bytes[position..<lineEnd].firstIndex(where: { $0 == 0x20 || $0 == UInt8(ascii: ",") }) ?? lineEnd
            while k < end, tokens[k].start < wordEnd { k += 1 }
            remaining -= 1
            guard k < end else { break }
            position = tokens[k].start
        }
        return k
    }

    // MARK: Blockers

    /// `blocker: legal has not reviewed the contract`, `blocked by legal`, `waiting on finance`, `🚧 ...`.
    mutating func parseBlocker(from start: Int, keepKeyword: Bool, into state: inout ReplyState) {
        var k = start
        while k < end, tokens[k].kind == .colon || tokens[k].kind == .dash { k += 1 }
        var target = state.lastTarget
        if !keepKeyword, k < end {
            let (reference, next) = exactReference(at: k)
            if let reference {
                target = reference
                k = next
                while k < end, tokens[k].kind == .colon || tokens[k].kind == .dash { k += 1 }
            }
        }
        let text = original(from: keepKeyword ? start : k, trimming: ".")
        guard !text.isEmpty else {
            return state.error(number, "this blocker is empty. Say what is in the way, e.g. `blocker: legal has not reviewed the reseller contract`.")
        }
        state.result.blockers.append(ParsedBlocker(target: target, text: LineParser.limited(text, 500), line: number))
    }

    /// A key or `#N` at token `k` (no free-text matching): for lines whose main content is text.
    func exactReference(at k: Int) -> (String?, Int) {
        let token = tokens[k]
        if token.kind == .hashNumber, let entry = index.entry(number: Self.number(token.value)) { return (index.entries[entry].target.key, k + 1) }
        if token.kind == .word, let entry = index.entry(key: text(token)), index.entries[entry].updatable { return (index.entries[entry].target.key, k + 1) }
        return (nil, k)
    }

    // MARK: Commands

    /// `done AI-12`, `AI-12 done`, `- [x] AI-12`, `- [x] send the contract draft`.
    mutating func parseDone(from start: Int, into state: inout ReplyState) {
        var k = start
        while k < end, tokens[k].kind == .colon || tokens[k].kind == .dash { k += 1 }
        if let id = actionReference(at: k) ?? (k < end && tokens[k].kind == .hashNumber && isWord(k - 1, .ai) ? Int64(tokens[k].value) : nil) {
            guard index.openActions.contains(where: { $0.id == id }) else {
                return state.error(number, "there is no open action item AI-\(id). Your open ones: \(openActionList()).")
            }
            return state.result.commands.append(ParsedCommand(kind: .done, action: id, line: number))
        }
        let wanted = original(from: k).lowercased().trimmingCharactersInSet(" .")
        guard !wanted.isEmpty else { return state.error(number, "which action item is done? Write `done AI-12` with its number.") }
        let matches = index.openActions.filter { action in
            let text = action.text.lowercased()
            return text == wanted || text.hasPrefix(wanted) || wanted.hasPrefix(text)
        }
        guard matches.count == 1 else {
            return state.error(number, matches.isEmpty
                ? "I couldn't find an open action item matching “\(original(from: k))”. Use its number, e.g. `done AI-12`. Open: \(openActionList())."
                : "“\(original(from: k))” matches \(matches.count) action items (\(matches.map { "AI-\($0.id)" }.joined(separator: ", "))); use the number.")
        }
        state.result.commands.append(ParsedCommand(kind: .done, action: matches[0].id, line: number))
    }

    func openActionList() -> String {
        let mine = index.openActions.filter { $0.owner == index.author }
        guard !mine.isEmpty else { return "none" }
        return mine.prefix(5).map { "AI-\($0.id) \($0.text)" }.joined(separator: "; ")
    }

    /// `snooze kr3 1w`, `snooze #2 for 2 weeks`, `snooze kr3 until Dec 4`.
    mutating func parseSnooze(from start: Int, into state: inout ReplyState) {
        let (reference, next) = reference(at: start)
        guard case .found(let entry) = reference, index.entries[entry].updatable else {
            if case .error(let message) = reference { return state.error(number, message) }
            return state.error(number, "snooze which key result, and for how long? e.g. `snooze \(index.entries.first { $0.updatable }?.target.key ?? "kr1") 1w`.")
        }
        let key = index.entries[entry].target.key
        var k = next
        if isWord(k, .for) { k += 1 }
        var until: LocalDate?
        if k < end, tokens[k].kind == .number, let days = durationDays(value: tokens[k].value, unitAt: k + 1, adjacent: true) {
            guard days > 0, days <= 92 else { return state.error(number, "I can snooze for 1 day up to a quarter (13w); “\(original(from: k))” is outside that. Write e.g. `snooze \(key) 2w`.") }
            until = state.dates().adding(days - 1)
        } else if isWord(k, .a, .one), let days = durationDays(value: 1, unitAt: k + 1, adjacent: false) {
            until = state.dates().adding(days - 1)
        } else if k < end {
            let dateStart = isWord(k, in: WordSet([.until, .till, .til, .to])) ? k + 1 : k
            let (outcome, _) = readDate(at: dateStart, state: &state)
            switch outcome {
            case .day(let day): until = day
            case .error(let message): return state.error(number, message)
            case .notADate: break
            }
        }
        guard let until else {
            return state.error(number, "how long should I snooze `\(key)`? e.g. `snooze \(key) 1w` or `snooze \(key) until Dec 4`.")
        }
        state.lastTarget = key
        state.result.commands.append(ParsedCommand(kind: .snooze, target: key, until: until, line: number))
    }

    /// Days in `value` units named by the word at `unitAt` (`w`, `weeks`, `d`, `days`).
    func durationDays(value: Double, unitAt j: Int, adjacent: Bool) -> Int? {
        let unit = word(j)
        if adjacent, j > 0, tokens[j].start != tokens[j - 1].end, tokens[j].end - tokens[j].start <= 2 { return nil }
        guard value == value.rounded(), value >= 0, value < 1000 else { return nil }
        switch unit {
        case .d, .day, .days: return Int(value)
        case .w, .wk, .wks, .week, .weeks: return Int(value) * 7
        default: return nil
        }
    }

    /// `ack kr3`: the owner has seen the alert.
    mutating func parseAck(from start: Int, into state: inout ReplyState) {
        let (reference, _) = reference(at: start)
        switch reference {
        case .found(let entry) where index.entries[entry].updatable:
            let key = index.entries[entry].target.key
            state.lastTarget = key
            state.result.commands.append(ParsedCommand(kind: .ack, target: key, line: number))
        case .error(let message):
            state.error(number, message)
        default:
            state.error(number, "acknowledge which key result? e.g. `ack \(index.entries.first { $0.updatable }?.target.key ?? "kr1")`.")
        }
    }

    /// `ooo until Dec 4`, `ooo next week`, `out of office from Dec 1 until Dec 5`.
    mutating func parseAway(from start: Int, into state: inout ReplyState) {
        var k = start
        while k < end, tokens[k].kind == .colon || tokens[k].kind == .dash { k += 1 }
        var from: LocalDate?
        if isWord(k, .from, .starting) {
            let (outcome, used) = readDate(at: k + 1, state: &state)
            switch outcome {
            case .day(let day):
                from = day
                k = tokenIndex(afterWords: used, from: k + 1)
            case .error(let message): return state.error(number, message)
            case .notADate: return state.error(number, "from when? Write e.g. `ooo from Dec 1 until Dec 5`.")
            }
            while k < end, tokens[k].kind == .dash { k += 1 }
        }
        if isWord(k, .next), isWord(k + 1, .week), from == nil {
            let friday = state.dates().endOfWeek(weeksAhead: 1)
            let monday = state.dates().adding(state.dates().daysBetween(state.dates().today, friday) - 4)
            state.result.commands.append(ParsedCommand(kind: .ooo, from: monday, until: friday, line: number))
            return
        }
        if isWord(k, in: WordSet([.until, .till, .til, .through, .thru, .to])) { k += 1 }
        guard k < end else {
            return state.error(number, "until when are you away? Write e.g. `ooo until Dec 4`.")
        }
        let (outcome, _) = readDate(at: k, state: &state)
        switch outcome {
        case .day(let until):
            let first = from ?? state.dates().today
            guard until >= first else { return state.error(number, "you'd be back (\(until)) before you leave (\(first)); check the dates.") }
            state.result.commands.append(ParsedCommand(kind: .ooo, from: from, until: until, line: number))
        case .error(let message):
            state.error(number, message)
        case .notADate:
            state.error(number, "I couldn't read “\(original(from: k))” as a date. Write e.g. `ooo until Dec 4` or `ooo until 2026-12-04`.")
        }
    }
}
