import Foundation
import OKRModel

/// Finding the value in a clause, and checking it against the key result.
extension ReplyReader {
    /// Walks a clause (minus its references) and collects what it says: candidate values with
    /// their roles, confidence, status, "no change", "done", corrections, hedges and comment.
    func read(_ lo: Int, _ hi: Int, skipping refs: [Reference]) -> Reading {
        var r = Reading()
        r.span = lo..<hi
        var k = lo
        var depth = 0
        var parenValue = false
        var valueOutside = false
        /// A word after the value doubted it ("but it's stale").
        var doubted = false
        /// Epochs opened by a correction right after "(": "760k (edit: 706k, typo)".
        var correctedInParens: [Int] = []
        /// The words just before a number: what it is.
        var absoluteCue = false
        var relativeSign: Double = 0
        var previousValue = false  // after "from", "was", "previously"
        /// The level a word of holding holds at: "holding nicely at 92%".
        var heldAt: Int?
        /// Where a count of a part ends: "2 of the 3 deals", "60% of renewals".
        var partSaid = -1
        var goalTalk = false  // after "get to", "hit", "we'll", "target"
        /// After "claim", "boast": a number someone asserts, not the author's report.
        var claimed = false
        /// The direction was said by "lost", "gained" or "added": things counted, not points.
        var countVerb = false
        /// Where the last correction ended ("sixteen no wait | seventeen").
        var correctedUpTo = -1
        var afterArrow = false
        var negated = false
        /// The first number said for another period ("9.8 in November"): when it is the only one, it
        /// is asked rather than dropped.
        var otherPeriodValue: Int?
        let skipUntil = -1
        // (No closure over the reader here or below: one copies the whole reader per call.)
        var target: Target?
        var entryWords: TargetIndex.Entry?
        if let entry = refs.first?.entry {
            entryWords = index.entries[entry]
            target = entryWords?.target
        }
        var directionWord: Double = 0
        var directionBeforeColon: Double = 0

        var afterName = false
        /// How deep in parentheses the last value was: "(30k) so really 660k", an aside's value
        /// does not start the comment outside it.
        var lastValueDepth = 0
        var confidenceFromPercent = false
        /// After "if", up to the next comma: what would be, not what is.
        var conditional = false
        func addCandidate(_ token: Int, role: Candidate.Role, value: Double, alternative: Double?, strong: Bool) {
            // "120k but I double-counted Initech (30k)": the amount counted wrong, alone in an aside
            // after the value was taken back, is not a value.
            if r.takenBack, depth > 0, isKind(token - 1, hi, .open) || isKind(token - 2, hi, .open) && isKind(token - 1, hi, .other), isKind(afterNumber(token, hi), hi, .close) {
                r.miscounted = value
                return
            }
            if depth > 0 { parenValue = true } else { valueOutside = true }
            lastValueDepth = depth
            var candidate = Candidate(token: token, role: role, value: value, alternative: alternative, strong: strong || afterArrow || afterName, epoch: r.epochs)
            candidate.rightAfterName = afterName
            // (A colon after the name opens the value; it does not say which of two values is meant:
            // "renewals: 92% by logo count, 88% by ARR".)
            candidate.explicit = strong && !(token > lo && isKind(token - 1, hi, .colon)) || afterArrow
            r.candidates.append(candidate)
            afterName = false
            r.takenBack = false
        }
        /// "25% - about, maybe 26", "entre 25 et 26 %": a second value offered right after one, taken
        /// as a candidate; returns where reading goes on.
        func takeOfferedValue(_ k: Int) -> Int? {
            guard let second = anotherValueOffered(k, hi, after: r.candidates.last) else { return nil }
            addCandidate(second, role: .absolute, value: tokens[second].value, alternative: tokens[second].alternative, strong: false)
            r.either = true
            return afterNumber(second, hi)
        }
        /// "64 % – circa", "3 erbij denk ik": roughness or "more" said right after the value.
        func noteRoughOrMore(_ k: Int) {
            if hedgesValueBefore(k, hi) { r.hedged = true }
            if let last = r.candidates.indices.last, saysMoreAfter(k, hi, r.candidates[last]) { r.candidates[last].role = .relative(r.candidates[last].value) }
        }

        while k < hi {
            if k < skipUntil { k += 1; continue }
            if let span = refs.first(where: { $0.lo <= k && k < $0.hi }) {
                k = span.hi
                afterName = true  // "churn 9.8": right after the name
                continue
            }
            let token = tokens[k]
            switch token.kind {
            case .open:
                // ("partner customers 12 (11?)": another value offered in doubt beside it; which one is asked.)
                if depth == 0, let target, let last = r.candidates.last, last.epoch == r.epochs, case .absolute = last.role, isKind(k + 1, hi, .number), !tokens[k + 1].delta,
                   tokens[k + 1].value != last.value, case let after = afterNumber(k + 1, hi), isSymbol(after, hi, UInt8(ascii: "?")), isKind(after + 1, hi, .close), fits(k + 1, target, near: last.value) {
                    r.either = true
                    addCandidate(k + 1, role: .absolute, value: tokens[k + 1].value, alternative: tokens[k + 1].alternative, strong: false)
                    k = after + 2
                    continue
                }
                depth += 1
                // (Not after a value taken back: "690k, no wait, I double counted one opp (30k) so 660k".)
                if r.candidates.contains(where: { $0.epoch == r.epochs }), r.commentStart == nil, depth == 1 { r.commentStart = k }
            case .close:
                depth = max(0, depth - 1)
                // ("two more partner customers (Globex + Soylent referral), so 12 now": what it is now
                // after the aside is read too.)
                if depth == 0, let start = r.commentStart, start < k, tokens[start].kind == .open, !r.candidates.isEmpty,
                   case let so = isKind(k + 1, hi, .comma) ? k + 2 : k + 1, isWord(so, hi, .so),
                   isKind(so + 1, hi, .number) || isKind(so + 2, hi, .number) && spelled(so + 1, ["it's", "its", "we're", "now", "that's"]) {
                    r.commentStart = nil
                }
                // "4 upsells (2 in Poland), so upsell rate is now 16 %": an aside in parentheses does not
                // start the comment when no value was said outside it.
                if depth == 0, parenValue, !valueOutside { r.commentStart = nil }
                // "9.4 (EMEA total) / 9.9 (excl. public sector)": a second value after the first one's note.
                if depth == 0, let start = r.commentStart, start < k, tokens[start].kind == .open, isKind(k + 1, hi, .slash), isKind(k + 2, hi, .number) {
                    r.commentStart = nil
                }
            case .dash, .semicolon:
                // After a correction ("25, no sorry that was October - it's 24") the value is still to come.
                let valueNow = r.candidates.contains { $0.epoch == r.epochs }
                if valueNow || (r.candidates.isEmpty && (r.noChange || r.confidence != nil)), r.commentStart == nil { r.commentStart = k + 1 }
                absoluteCue = false
            case .colon:
                // "pipeline went up a lot: 148k": the colon gives the value now, the change only its direction.
                if relativeSign != 0 {
                    directionBeforeColon = relativeSign
                    relativeSign = 0
                }
                // "correction: 92%": what follows the correction is the value.
                if k > lo, correctionAt(k - 1, hi) != nil || (k > lo + 1 && correctionAt(k - 2, hi) != nil) {
                    absoluteCue = true
                } else if r.candidates.contains(where: { $0.epoch == r.epochs }), r.commentStart == nil { r.commentStart = k + 1 } else { absoluteCue = true }
            case .equals:
                absoluteCue = true
                // "$812k − $60k − $45k = $707k": the sum's terms are not values, its result is.
                // (Only after a sum: not "churn 9.8% = 49 of 500 accounts", which explains the value.)
                if k > lo, tokens[k - 1].kind == .number || isKind(k - 1, hi, .word) && k > lo + 1 && tokens[k - 2].kind == .number, isKind(k + 1, hi, .number) || isKind(k + 2, hi, .number),
                   (lo..<k).contains(where: { tokens[$0].kind == .dash || tokens[$0].kind == .number && (tokens[$0].delta || tokens[$0].value < 0) || isSymbol($0, hi, UInt8(ascii: "+")) || isSymbol($0, hi, UInt8(ascii: "*")) }),
                   // (Not a sum of what would be: "95k - if Hooli qualifies it's 95k + 40k = 135k".)
                   !(lo..<k).contains(where: { isWord($0, hi, .if) || isWord($0, hi, .when) || isWord($0, hi, .would) || isWord($0, hi, .will) || isWord($0, hi, .could)
                       || isWord($0, hi, .might) || isWord($0, hi, .gonna) || isWord($0, hi, .well) || spelled($0, Self.foreignIfs) }) {
                    let epoch = r.epochs
                    r.candidates.removeAll { $0.epoch == epoch }
                    afterArrow = true
                    if let start = r.commentStart, start <= k { r.commentStart = nil }
                }
            case .arrow:
                // "24% -> 26%": what came before is the old value ("+5 → 72" keeps the change, to be
                // checked against the value it leads to).
                let epoch = r.epochs
                r.candidates.removeAll { if case .relative = $0.role { return false }; return $0.epoch == epoch }
                afterArrow = true
                absoluteCue = true
                if r.commentStart != nil, r.commentStart! <= k { r.commentStart = nil }
            case .comma:
                absoluteCue = false
                // ("I'm not counting it yet, fairly confident it lands": a negation ends with its phrase.)
                negated = false
                conditional = false
                relativeSign = 0
                goalTalk = false
                previousValue = false
            case .emoji:
                switch token.emoji {
                case .green, .yellow, .orange, .red:
                    // ("🟢 on everything except coverage which is 🟡": the light after the name is its own.)
                    // (A loop, not a closure over the reader: this runs at every traffic light.)
                    var afterName = false
                    if r.confidence != nil, let ref = refs.first, k > ref.hi {
                        for j in lo..<ref.lo where tokens[j].kind == .emoji && tokens[j].emoji.isTrafficLight || isWord(j, hi, .confidence) || isWord(j, hi, .conf) {
                            afterName = true
                            break
                        }
                    }
                    // ("... partner cust 10 🟢🟢🟡": a run of different lights is one per statement, given
                    // out when the line is read, not all to this one.)
                    // ("... last week was 🔴": how it was, not how sure the author is now.)
                    // ("🟢 conversion 28, other stuff 🔴": the light after "the rest", "everything else",
                    // "other stuff" is theirs.)
                    let forTheRest = !r.candidates.isEmpty && (max(lo, k - 3)..<k).contains { spelled($0, ["rest", "others", "else"]) || spelled($0, ["stuff", "things", "ones"]) && spelled($0 - 1, ["other"]) }
                    // ("confidence moved from 🟡 to 🟢": where it went.)
                    if isWord(k - 1, hi, .to), k >= 3, tokens[k - 2].kind == .emoji, tokens[k - 2].emoji.isTrafficLight, isWord(k - 3, hi, .from) {
                        r.confidence = Self.band(token.emoji)
                        break
                    }
                    if r.confidence == nil || afterName, !forTheRest, !isPromptStatusEmoji(k), r.candidates.isEmpty || !inMixedLightRun(k), !saidOfThePast(lightRunStart(k), hi) {
                        r.confidence = Self.band(token.emoji)
                        // ("partner rev 135k, demo pipe 720k — both 🟡", "all 🟢", "en todo 🟢".)
                        // ("... — todo bien 🟢", "all good 🟢": all of it is fine.)
                        // ("pipeline 101k, win rate 25, upsell 15 — all three 🟡": all of them, counted.)
                        var all = spelled(k - 1, ["good", "fine", "ok", "okay", "bien", "bem", "gut", "bene", "goed"]) ? k - 2 : k - 1
                        if all > lo, tokens[all].kind == .number && tokens[all].isPlainInteger && tokens[all].value <= 12 || tokens[all].kind == .word && tokens[all].word.numberValue != nil,
                           isWord(all - 1, hi, .all) { all -= 1 }
                        if isWord(all, hi, .all) || isWord(all, hi, .both) || spelled(all, Self.allWords) { r.confidenceForAll = true }
                    }
                case .check: if r.candidates.isEmpty, k == lo || (k > 0 && tokens[k - 1].kind == .word && !index.hits(for: text(k - 1)).isEmpty) || refs.contains(where: { $0.hi == k }) { r.done = true }
                case .construction:
                    r.status = .blocked
                    let text = original(from: k + 1, to: hi)
                    if !text.isEmpty { r.blockerText = Self.limited(text, 500) }
                    return r
                default: break
                }
            case .number:
                // ("we picked up two partner customers so 11": what it comes to after "so", not 11 more.)
                // (Not "+10k, so 150k to go": what is missing.)
                if relativeSign != 0, !token.delta, isWord(k - 1, hi, .so) || isWord(k - 2, hi, .so) && (isWord(k - 1, hi, .now) || isWord(k - 1, hi, .thats) || isWord(k - 1, hi, .itsContraction) || isWord(k - 1, hi, .at)),
                   !gapToGoal(after: afterNumber(k, hi), hi), !spelled(afterNumber(k, hi), ["to", "left", "remaining", "short", "missing", "away", "more", "still"]) {
                    relativeSign = 0
                    absoluteCue = true
                }
                // "partner 3 still hasn't signed", "deal 2 didn't close": one thing named by its number
                // (after the singular of a key result's word) that something did not happen to, not a count.
                // (Not "coverage 72 hasn't moved", "conv 27 not sure tbh": a rate or amount, and "not" alone.)
                // (The word, not a key: "partner-satisfaction 7 hasn't moved" is its value.)
                if token.isPlainInteger, !token.percent, token.currency == nil, !token.scaled, k > lo, tokens[k - 1].kind == .word, !text(k - 1).contains(UInt8(ascii: "-")),
                   lower[tokens[k - 1].end - 1] != UInt8(ascii: "s"), index.hits(for: text(k - 1)).contains(where: { index.entries[Int($0.entry)].target.unit == .count }), notHappened(k + 1, max(hi, min(tokens.count, k + 8))) {
                    k += 1
                    continue
                }
                // "480k short of the 1.2M target", "2 away from the goal", "3 shy of plan": what is
                // missing, not the value.
                if gapToGoal(after: afterNumber(k, hi), hi) {
                    k = afterNumber(k, hi)
                    continue
                }
                // ("deals 4 left to 8", "pipeline 155k to go until 250k": how far from a number, not the
                // value, nor is that number; asked.)
                if let end = gapToNumber(after: afterNumber(k, hi), hi) {
                    r.hedged = true
                    k = end
                    continue
                }
                // "I'm 80% sure Cyberdyne (25k) signs before Thanksgiving": the odds of one deal, neither
                // a value nor how sure the author is of the key result.
                if token.percent, isWord(k + 1, hi, .sure) || isWord(k + 1, hi, .certain), isUnknownWord(k + 2), bytes[tokens[k + 2].start] &- UInt8(ascii: "A") < 26,
                   index.hits(for: text(k + 2)).isEmpty, person(at: k + 2) == nil {
                    k += 2
                    continue
                }
                // "Zuversicht eher hoch (7)": the number in brackets after a confidence said in words is it.
                if r.confidence != nil, !r.candidates.isEmpty, isKind(k - 1, hi, .open), isKind(k + 1, hi, .close), token.isPlainInteger, !token.percent, token.value <= 10,
                   k >= 2, tokens[k - 1].start > tokens[k - 2].end, Self.confidenceLevel(word(k - 2, hi)) != nil || spelled(k - 2, Self.confidenceGood) || spelled(k - 2, Self.confidenceMiddling)
                    || spelled(k - 2, Self.confidencePoor) || isWord(k - 2, hi, .confident) || isWord(k - 2, hi, .confidence) || spelled(k - 2, ["hoch", "alta", "alto", "élevée", "haute", "niedrig", "baja", "baixa", "bassa"]) {
                    r.confidence = Int(token.value)
                    k += 2
                    continue
                }
                // "80% sure we get to 100 by year end… ok realistically 60%": the confidence said again.
                if confidenceFromPercent, r.confidence != nil, token.percent, spelled(k - 1, ["realistically", "honestly", "actually", "really"]) || spelled(k - 1, ["like"]) && spelled(k - 2, ["more"]),
                   let c = Self.confidenceNumber(token) {
                    r.confidence = c
                    k = afterNumber(k, hi)
                    continue
                }
                // Confidence: "70% confident", "7/10", "8 out of 10", "(7/10)" (also in a comment).
                if let (confidence, next) = confidenceAt(k, hi, target: target, valueSeen: !r.candidates.isEmpty, rightAfterName: afterName) {
                    // ("win rate 25 — pipeline I'm 9/10 on": after another key result's name in the
                    // comment, the confidence is that one's.)
                    if let start = r.commentStart, refs.contains(where: { ref in ref.lo >= start && ref.hi <= k && k - ref.hi <= 2 && !(ref.hi..<k).contains { tokens[$0].kind == .comma }
                        && ref.entry.map { index.entries[$0].target.key } != target?.key }) {
                        k = next
                        continue
                    }
                    r.confidence = confidence
                    // "churn 10.0 - 8/10 on all", "8/10 across the board": said for every statement
                    // (right after it; not "(8/10 - all the big ones signed)").
                    let about = isWord(next, hi, .on) || isWord(next, hi, .for) || isWord(next, hi, .about) ? next + 1 : next
                    r.confidenceForAll = r.confidenceForAll || isWord(about, hi, .all) || isWord(about, hi, .everything) || isWord(about, hi, .both)
                        || isWord(about, hi, .across) || isWord(about, hi, .overall) || isWord(about, hi, .every) || isWord(about, hi, .each)
                    confidenceFromPercent = token.percent
                    k = next
                    continue
                }
                // "churn 9.8 confident 9": the number right after "confident" (read as a word before) is how sure.
                if k > lo, let (confidence, next) = confidenceRightAfterWord(k - 1, hi) {
                    r.confidence = confidence
                    k = next
                    continue
                }
                // "$745,000 of $1,200,000 🟢 8": the number after a traffic light is how sure.
                if k > lo, tokens[k - 1].kind == .emoji, tokens[k - 1].emoji.isTrafficLight, !r.candidates.isEmpty,
                   token.isPlainInteger, token.value <= 10, token.currency == nil, !token.percent {
                    r.confidence = Int(token.value)
                    k += 1
                    continue
                }
                // "70% sure we hit 8... ok maybe 60%": the confidence revised.
                if confidenceFromPercent, token.percent, isWord(k - 1, hi, .maybe) || isWord(k - 1, hi, .ok) || isWord(k - 1, hi, .actually) || isWord(k - 1, hi, .or), let revised = Self.confidenceNumber(token) {
                    r.confidence = revised
                    k += 1
                    continue
                }
                // "close rate 26 (*25, fat fingers)": a starred number corrects the one before, as chat does.
                if !r.candidates.isEmpty, k > lo, isSymbol(k - 1, hi, UInt8(ascii: "*")), tokens[k - 1].end == token.start {
                    r.epochs += 1
                    if depth > 0, isKind(k - 2, hi, .open) { correctedInParens.append(r.epochs) }
                    r.commentStart = nil
                }
                // "44k flat-ish, 44,050 to be exact": the precise value replaces the rough one.
                // ("pipeline crossed 700k!! 703k to be exact.": of the statement before.)
                // (Only a figure close to the round one: "DACH is 21% to be exact" after 17% is another number.)
                // (Nor a part named before it: "DACH alone is 17.5 to be exact", "enterprise is 27%".)
                // ("about 44k now, 44.2 to be exact": the thousands left out; asked with them.)
                if !r.candidates.isEmpty && (saysExact(afterNumber(k, hi), hi) || k - 1 > lo && tokens[k - 1].kind == .word && spelled(k - 1, Self.exactWords))
                    && (closeTo(r.candidates.last!.value, token.value) || tokens[r.candidates.last!.token].scaled && !token.scaled && closeTo(r.candidates.last!.value, token.value * 1000))
                    && !namesAPart(afterNumber(r.candidates.last!.token, hi), k)
                    || r.candidates.isEmpty && refs.isEmpty && saysExact(afterNumber(k, hi), hi) && lastStatementValue.map({ closeTo($0, token.value) }) ?? false && !namesAPart(lo, k) {
                    r.epochs += 1
                    if depth > 0 { correctedInParens.append(r.epochs) }
                    r.commentStart = nil
                }
                if let count = target?.milestoneCount, token.isPlainInteger, token.value <= Double(count) {
                    // "only 1 milestone left", "2 milestones to go": what remains, so count minus it is done.
                    if isWord(k + 1, hi, .milestones) || isWord(k + 1, hi, .milestone), spelled(k + 2, Self.remainingWords) || isWord(k + 2, hi, .to) && spelled(k + 3, ["go"]) {
                        r.done = false
                        r.commentStart = nil
                        addCandidate(k, role: .absolute, value: Double(count) - token.value, alternative: nil, strong: true)
                        k += 3
                        continue
                    }
                    // "Phase 3 of territories done", "step 2 done": a milestone by its number.
                    // (Only said done: not "phase 3 starts Monday", "step 1 of the account migration".)
                    if spelled(k - 1, Self.stepWords), isWord(k + 1, hi, in: .doneWords) || isWord(k + 1, hi, .of) && refs.contains(where: { $0.lo == k + 2 && isWord($0.hi, hi, in: .doneWords) }) {
                        r.done = false
                        addCandidate(k, role: .absolute, value: token.value, alternative: nil, strong: true)
                        k = isWord(k + 1, hi, .of) ? k + 2 : k + 1
                        continue
                    }
                }
                // "territories: finished the migration of accounts, so 3 milestones done", "... is done, so
                // we're at 3 of 4 milestones": the count says which milestone was done, not the key result.
                if r.done, r.candidates.isEmpty, let count = target?.milestoneCount, token.isPlainInteger, token.value <= Double(count),
                   isWord(k + 1, hi, .milestones) && !spelled(k + 2, Self.remainingWords) || isWord(k + 1, hi, .milestone) && !spelled(k + 2, Self.remainingWords)
                    || isWord(k + 1, hi, .of) && isKind(k + 2, hi, .number) && tokens[k + 2].value == Double(count) {
                    r.done = false
                    r.commentStart = nil
                    addCandidate(k, role: .absolute, value: token.value, alternative: nil, strong: true)
                    if isWord(k + 1, hi, .of) { r.candidates[r.candidates.count - 1].denominator = Double(count) }
                    k = isWord(k + 1, hi, .of) ? k + 3 : k + 2
                    continue
                }
                // "130k, no wait, I double-added Northwind, it's 115k": after a correction the value is still to come.
                // "the dashboard still says 68% but it's stale, ... we're at 77": after the value was
                // doubted, what it is said to be at corrects it.
                // (Only what "we" or "it" are at: not "Benelux is now at 31%", a part.)
                // ("we're at 77", "we're now at 77", "it's now 77": the word before "at"/"is"/"now" is the subject.)
                if doubted, r.commentStart.map({ k >= $0 }) == true, !r.candidates.isEmpty, isWord(k - 1, hi, .at) || isWord(k - 1, hi, .is) || isWord(k - 1, hi, .now),
                   case let subject = isWord(k - 1, hi, .at) && isWord(k - 2, hi, .now) ? k - 3 : k - 2,
                   isKind(subject, hi, .comma) || spelled(subject, ["we're", "were", "we", "it's", "its", "it", "actually", "really", "so", "we’re"]) {
                    r.epochs += 1
                    r.trailingCorrection = true
                    r.commentStart = nil
                    doubted = false
                }
                // "Initech rated us 9, average now 8.1", "DACH 31%, overall 25%": the average or overall
                // figure said after a part is the value; a total or a sum is asked.
                if r.commentStart.map({ k >= $0 }) == true, let first = r.candidates.last, k > lo + 1, token.percent == tokens[first.token].percent, token.currency == tokens[first.token].currency,
                   case let said = isWord(k - 1, hi, .now) ? k - 2 : k - 1, spelled(said, Self.summaryWords) {
                    if spelled(said, ["total", "combined"]) {
                        r.either = true
                        k += 1
                        continue
                    }
                    r.epochs += 1
                    r.commentStart = nil
                    absoluteCue = true
                }
                let awaitingCorrection = r.epochs > 0 && !r.candidates.contains { $0.epoch == r.epochs }
                if r.commentStart.map({ k >= $0 }) == true && !afterArrow && !awaitingCorrection {
                    // "4 turned into opportunities which brings our conversion to 30%": what the name is
                    // said to be at outranks a number before the name.
                    guard let ref = refs.first, k > ref.hi, !goalTalk, !previousValue, isWord(k - 1, hi, .to) || isWord(k - 1, hi, .at),
                          !r.candidates.isEmpty, r.candidates.allSatisfy({ $0.token < ref.lo }) else {
                        // "128k in the CRM but 30k isn't qualified, so qualified is 98k": a second
                        // amount in the same unit said to be what something is: which one is it?
                        let moneyOrRate = target.map { t in if case .currency = t.unit { return true }; return t.unit == .percent } ?? false
                        // "renewals: 92% by logo count, 88% by ARR", "deal size DACH 51k, EMEA-wide 44,900":
                        // the same thing measured another way, right after a comma.
                        // (Only names between the comma and the number, and nothing after it but how it was measured.)
                        let after = afterNumber(k, hi)
                        let qualified = after >= hi || tokens[after].kind == .open || isWord(after, hi, .by) || spelled(after, Self.measureWords)
                        let measuredAgain = qualified && (isKind(k - 1, hi, .comma) || isKind(k - 2, hi, .comma) && isUnknownWord(k - 1)
                            || isKind(k - 3, hi, .comma) && isUnknownWord(k - 2) && isUnknownWord(k - 1))
                        // "27%, though on a rolling 90 days it's more like 24", "48 days, 55 if you include
                        // the ones we lost": another reading of the same value, in any unit.
                        // (Not in parentheses: "partners 3 (4 if you count the LOI)" is a comment.)
                        if depth == 0, let first = r.candidates.last, !goalTalk, !previousValue, readsAnotherWay(k, hi, than: first) { r.either = true }
                        if let first = r.candidates.last, !goalTalk, !previousValue, moneyOrRate, token.currency == tokens[first.token].currency,
                           token.percent == tokens[first.token].percent,
                           isWord(k - 1, hi, .is) || isWord(k - 1, hi, .its) || isKind(k - 1, hi, .equals) || measuredAgain && countedNounAhead(afterNumber(k, hi), hi) == nil,
                           !isComparison(k), abs(token.value - tokens[first.token].value) > 1e-9,
                           // ("churn 10.1 - target is 10.5": what the target is, not another value.)
                           !(isWord(k - 2, hi, .target) || isWord(k - 2, hi, .goal) || isWord(k - 3, hi, .target) || isWord(k - 3, hi, .goal)) {
                            r.either = true
                        }
                        k += 1
                        continue
                    }
                    r.candidates.removeAll()
                    r.commentStart = nil
                    absoluteCue = true
                }
                // "720k, of which ~40% came from the webinar demos", "davon 40 %": a part of the value before.
                // (In the value's own unit it may be the value meant: "total pipeline 300k, of which 120k via
                // resellers" is asked.)
                if k > lo, !r.candidates.isEmpty || token.percent, spelled(k - 1, Self.ofWhichWords) || isWord(k - 1, hi, .which) && isWord(k - 2, hi, .of)
                    || k > lo + 1 && (isKind(k - 1, hi, .other) || isWord(k - 1, hi, .about) || isWord(k - 1, hi, .around)) && (spelled(k - 2, Self.ofWhichWords) || isWord(k - 2, hi, .which) && isWord(k - 3, hi, .of)) {
                    // ("Pipeline through resellers is 118k, of which 40k is the Alpenland deal": a part; "300k,
                    // of which 120k via resellers" may be the key result's own.)
                    // (What the part is may be cut off as a clause of its own: read up to the next comma.)
                    let partEnd = (afterNumber(k, hi)..<min(tokens.count, k + 8)).first { tokens[$0].kind == .comma || tokens[$0].kind == .semicolon || isKind($0, tokens.count, .other) } ?? min(tokens.count, k + 8)
                    // (Its title's own words count too: "118k, of which 40k is qualified" for "qualified pipeline".)
                    let partNamesIt = (afterNumber(k, hi)..<partEnd).contains { j in
                        tokens[j].kind == .word && (index.hits(for: text(j)).contains { Int($0.entry) == refs.first?.entry }
                            || text(j).count >= 4 && entryWords.map { Self.containsWords($0.title, text(j)) } ?? false)
                    }
                    if let first = r.candidates.last, tokens[first.token].percent == token.percent, !token.percent || target?.unit == .percent,
                       partNamesIt || refs.first.map({ $0.lo > first.token }) ?? true {
                        // (Asked with both: "118k or 40k?")
                        r.either = true
                        addCandidate(k, role: .absolute, value: token.value, alternative: token.alternative, strong: false)
                    }
                    k = afterNumber(k, hi)
                    continue
                }
                // "churn 9.6*" with a footnote: the value is qualified (not "*9.6*", bold).
                if k + 1 < hi, isSymbol(k + 1, hi, UInt8(ascii: "*")), tokens[k + 1].start == token.end, !(isSymbol(k - 1, hi, UInt8(ascii: "*")) && tokens[k - 1].end == token.start) {
                    r.hedged = true
                }
                // "Two caveats: (1) it double-counts ..., (2) ...": a list number, not a value.
                if token.isPlainInteger, token.value <= 9, isKind(k - 1, hi, .open), isKind(k + 1, hi, .close), k + 2 < hi, tokens[k + 2].kind == .word,
                   k - 1 == lo || tokens[k - 2].kind == .colon || tokens[k - 2].kind == .comma || isWord(k - 2, hi, .and) {
                    k += 2
                    continue
                }
                // "The conversion I posted (31) was demos-to-meetings", "Sales cycle I first read as 44
                // days, but ...": what the author said or read before, not the value.
                if reportedBefore(k) || saidWrong(k) {
                    if !r.candidates.isEmpty, r.commentStart == nil { r.commentStart = k }
                    k = afterNumber(k, hi)
                    continue
                }
                // "ob wir die 8 schaffen": a goal.
                if isWord(k + 1, hi, .schaffen) || isWord(k + 1, hi, .reach) { k += 2; continue }
                if isDatePart(k, hi) || isTimePart(k, hi) {
                    // ("from our 1:1: churn 10.0", "from Nov 2: ...": "from" was about the time.)
                    previousValue = false
                    // ("deals 4, signed on the 4th": the date is part of the comment.)
                    if !r.candidates.isEmpty, r.commentStart == nil {
                        var start = k
                        while start > lo + 1, k - start < 2, isWord(start - 1, hi, .the) || isWord(start - 1, hi, .on) || isWord(start - 1, hi, .by) || isWord(start - 1, hi, .in) || monthAt(start - 1, hi)
                        || spelled(start - 1, Self.calendarWeekWords) { start -= 1 }
                        r.commentStart = start
                    }
                    k += isOrdinalSuffix(k + 1) ? 2 : 1
                    continue
                }
                // "2nd one signs this week": an ordinal, a value only when it counts the key result's
                // own things ("the 3rd partner signed", read at its suffix).
                if k + 1 < hi, token.isPlainInteger, isOrdinalSuffix(k + 1) {
                    if !r.candidates.isEmpty, r.commentStart == nil { r.commentStart = isWord(k - 1, hi, .the) ? k - 1 : k }
                    k += 1
                    continue
                }
                // "more confident about the pipeline, call it 8": the number is the confidence.
                // ("fairly confident on all of it, maybe 7": how sure, in a number.)
                let roughly = isWord(k - 1, hi, .maybe) || isWord(k - 1, hi, .probably) || isWord(k - 1, hi, .like) || isWord(k - 1, hi, .around)
                if r.confidence != nil, r.candidates.isEmpty, token.isPlainInteger, token.value <= 10, isWord(k - 1, hi, .it) || isWord(k - 1, hi, .say) || roughly,
                   !(roughly && afterNumber(k, hi) < hi && !isKind(afterNumber(k, hi), hi, .other) && !isKind(afterNumber(k, hi), hi, .comma)),
                   // ("confident about the rest, maybe 2": a number that contradicts the word is not it.)
                   !roughly || abs(Int(token.value) - (r.confidence ?? 0)) <= 2 {
                    // (The hedge was about the confidence, not a value.)
                    if roughly, !(lo..<k - 1).contains(where: { isWord($0, hi, in: .hedges) }) { r.hedged = false }
                    r.confidence = Int(token.value)
                    k += 1
                    continue
                }
                if previousValue || goalTalk || claimed {
                    k = afterNumber(k, hi)
                    // ("That would be partners 3 and 4, just sitting there": both what it would be; not "was
                    // 68 and 74 this week", "target 5 and 3 signed so far": a second number that goes on.)
                    // ("we'll hit 28 or 29 on win rate": "or" gives another of the same.)
                    if isWord(k, hi, .or) || isWord(k, hi, .and) && !spelled(afterNumber(k + 1, hi), Self.nowMarkers), isKind(k + 1, hi, .number) {
                        k += 1
                        continue
                    }
                    previousValue = false
                    goalTalk = false
                    claimed = false
                    continue
                }
                // "still not at 25, stuck on 24", "didn't hit 30": a value said not to be reached is
                // not the value.
                if saidNotReached(k, lo, hi) { k = afterNumber(k, hi); continue }
                // "almost 25 on win rate", "upsell almost at 17": not there yet, so not the value.
                if spelled(k - 1, Self.almostWords) || isWord(k - 1, hi, .at) && spelled(k - 2, Self.almostWords) { k = afterNumber(k, hi); continue }
                if isComparison(k) { k = afterNumber(k, hi); continue }
                // "should be 900k+ by mid Dec", "we'll be at 5 by Christmas": what it will be.
                if isForecastValue(k, lo, hi) || conditional { k = afterNumber(k, hi); continue }
                // ("the churn number for November is 9.5": a month's figure, which may not be the key
                // result's; asked.)
                if monthFigure(before: k, lo, hi) { r.hedged = true }
                // "commit 2, best case 3", "weighted 410k", "partner-revenue 180k should land", "85 would
                // be ideal": a forecast's figure or a wish, even right after the name.
                if spelled(k - 1, Self.forecastCategories) || spelled(k - 1, Self.caseWord) && spelled(k - 2, Self.caseKinds)
                    || modalRightAfter(afterNumber(k, hi), hi) { k = afterNumber(k, hi); continue }
                // "we closed 5 last quarter", "88% in Q3": another period's number; "W47 15, W48 17, W49
                // should be 18": only this week's.
                // ("For the next 2 weeks churn 9.5": how many weeks, no value at all.)
                if isWord(k - 1, hi, .next) || spelled(k - 1, Self.nextWordsEverywhere), spelled(k + 1, Self.longPeriods) || spelled(k + 1, Self.periodWordsEverywhere) {
                    k += 1
                    continue
                }
                // ("650k demo pipeline per last week", "we're at 3 partners as of last week": the name
                // after the value, then the time it was so.)
                let named = refs.first(where: { $0.lo == afterNumber(k, hi) })?.hi
                if saidForOtherPeriod(afterNumber(k, hi), hi) || labelledOtherWeek(k, lo) || ledByOtherPeriod(lo, k, hi) || !tokens[k].delta && relativeSign == 0 && (named.map({ asOfLastWeek($0, hi) }) ?? asOfLastWeek(afterNumber(k, hi), hi) || ledByLastWeek(lo, k, hi))
                    || lineLedByOtherWeek(before: k) {
                    if otherPeriodValue == nil { otherPeriodValue = k }
                    // ("deals 4, 6 by Christmas": the comment is "6 by Christmas".)
                    if !r.candidates.isEmpty, r.commentStart == nil, !labelledOtherWeek(k, lo) { r.commentStart = k }
                    k = afterNumber(k, hi)
                    continue
                }
                // "turned into a $150k opp", "closed a 40k deal": the size of one thing, not a value.
                // ("at a 25% win rate": the key result's own name follows.)
                // (Nor "a 70% coverage now", "a 52k average": the key result's own name or what it measures.)
                if isWord(k - 1, hi, .a) || isWord(k - 1, hi, .an), case let n = afterNumber(k, hi), isKind(n, hi, .word),
                   word(n, hi) == .none && !isUnitWord(n, hi, target: target) && !refs.contains(where: { $0.lo == n }) && !spelled(n, Self.summaryWords) && !spelled(n, Self.genericHeads)
                    || spelled(n, Self.oneItemNouns) && !refs.contains(where: { $0.lo == n && ($0.strong || $0.hi - $0.lo > 1) }) {
                    if !r.candidates.isEmpty, r.commentStart == nil { r.commentStart = k - 1 }
                    k = n
                    continue
                }
                // "2 more deals worth 45k": what something is worth, not a count.
                if k > lo, target.map({ if case .currency = $0.unit { return false } else { return true } }) ?? false, spelled(k - 1, Self.worthWords) { k = afterNumber(k, hi); continue }
                // ("up 2 opps worth 50k each": how much in all is asked.)
                if k > lo, spelled(k - 1, Self.worthWords), spelled(afterNumber(k, hi), ["each", "apiece", "per"]) { r.hedged = true }
                // "51, not 49": a value ruled out.
                if isWord(k - 1, hi, .not), k - 1 > lo { k = afterNumber(k, hi); continue }
                // ("4 nicht 5", "4 niet 5", "4 non 5": the value said, then the one it is not.)
                if k - 2 >= lo, isKind(k - 2, hi, .number), spelled(k - 1, ["nicht", "niet", "inte", "nie", "não", "nao", "non", "değil"]) { k = afterNumber(k, hi); continue }
                // "89 % statt 91 %", "instead of 91", "en vez de 91": the value it replaces.
                if k - 1 > lo, spelled(k - 1, ["statt", "anstatt"]) || (spelled(k - 1, Self.ofWords) || isWord(k - 1, hi, .of)) && k - 2 > lo && spelled(k - 2, Self.insteadWords) {
                    k = afterNumber(k, hi)
                    continue
                }
                // "9.4 (EMEA total) / 9.9 (excl. public sector)": two values side by side, neither said to be the one.
                if !r.candidates.isEmpty, isKind(k - 1, hi, .slash) { r.either = true }
                var value = token.value
                var alternative = token.alternative
                var next = k + 1
                // "9.x", "9.?", "1xx": digits still to come.
                if next < hi, tokens[next].start == token.end || (next + 1 < hi && isSymbol(next, hi, UInt8(ascii: ".")) && tokens[next + 1].start == tokens[next].end),
                   let placeholder = [next, next + 1].first(where: { $0 < hi && tokens[$0].kind == .word }), text(placeholder).allSatisfy({ $0 == UInt8(ascii: "x") }) {
                    r.hedged = true
                }
                // "9 point something", "40 something": the rest is not known.
                if isWord(next, hi, .something) || (isWord(next, hi, .point) && isWord(next + 1, hi, .something)) {
                    r.hedged = true
                }
                // ("churn is 10 point one", "7 point 9": a decimal point said, as dictation writes it.)
                if token.isPlainInteger, !token.scaled, token.currency == nil, !token.percent, isWord(next, hi, .point) {
                    let digits = isKind(k + 2, hi, .number) ? bytes[tokens[k + 2].start..<tokens[k + 2].end].filter({ $0 >= 0x30 && $0 <= 0x39 }).count : 0
                    if isKind(k + 2, hi, .number), tokens[k + 2].isPlainInteger, !tokens[k + 2].scaled, digits >= 1, digits <= 3 {
                        // ("27 point 5%": the percent sign after the digits.)
                        value += tokens[k + 2].value / pow(10, Double(digits))
                        next = k + 3
                    } else if let (decimals, d) = spokenDecimals(value, from: k + 2, hi) {
                        // ("10 point one five" is 10.15.)
                        value = (decimals * 1000).rounded() / 1000
                        next = d
                    }
                }
                // "10 and a half", "2 and a half million": a half more (a fraction of a count is then asked).
                // ("9 and a half percent", "44 and a half days" for a key result in days; "4 and a half days
                // in legal" for a count is a duration, not the value.)
                if isWord(next, hi, .and), isWord(next + 1, hi, .a), spelled(next + 2, ["half"]), !token.percent {
                    let unit = next + 3
                    if unit < hi, spelled(unit, ["days", "weeks", "day", "week"]), target?.unit != .days {
                        k = unit + 1
                        continue
                    }
                    if unit >= hi || tokens[unit].kind != .word || word(unit, hi).magnitude != nil || isUnitWord(unit, hi, target: target) || spelled(unit, ["percent", "out", "points", "pts"]) {
                        value += 0.5
                        alternative = nil
                        next = unit
                    }
                }
                // Magnitude words: "2.5 million", "725 mil", "1,2 Mio", "144 k$".
                if next < hi, let magnitude = word(next, hi).magnitude, !token.scaled, magnitudeApplies(word(next, hi), target: target) {
                    // "725 mil dólares" is 725,000 in Spanish and Portuguese, "2 mil" 2 million in English
                    // slang: both readings, and plausibility decides.
                    alternative = word(next, hi) == .mil ? value * 1_000 : alternative.map { $0 * magnitude }
                    value *= magnitude
                    next += 1
                }
                // "3 of 5", "3 out of 5", "25% of 28%", "40% of target"; "3 von 4", "3 de 8", "3 sur 5", "3 di 4".
                if isWord(next, hi, .of) || (isWord(next, hi, .out) && isWord(next + 1, hi, .of)) || spelled(next, Self.foreignOf) && isKind(next + 1, hi, .number) {
                    var d = isWord(next, hi, .out) ? next + 2 : next + 1
                    // ("3 of the 4 milestones".)
                    if isWord(d, hi, .the), isKind(d + 1, hi, .number), isWord(d + 2, hi, .milestones) { d += 1 }
                    if d < hi, tokens[d].kind == .number {
                        let denominator = tokens[d].value
                        let matchesGoal = target.map { t in t.goal == denominator || t.milestoneCount.map(Double.init) == denominator } ?? false
                        // "territories 2 of 5" right after the name: the value, checked against the target.
                        if matchesGoal || target == nil || afterName {
                            addCandidate(k, role: .absolute, value: value, alternative: nil, strong: true)
                            r.candidates[r.candidates.count - 1].denominator = denominator
                            r.trailingCorrection = false
                            r.takenBack = false
                        }
                        k = d + 1
                        continue
                    }
                    if isWord(d, hi, .target) || isWord(d, hi, .goal) || (isWord(d, hi, .the) && (isWord(d + 1, hi, .target) || isWord(d + 1, hi, .goal))) {
                        let share = token.percent ? value / 100 : value
                        addCandidate(k, role: .shareOfTarget(share), value: value, alternative: nil, strong: true)
                        k = d + (isWord(d, hi, .the) ? 2 : 1)
                        continue
                    }
                    // "60% of the way (there / to 100)": a share of the way from the baseline to the
                    // target, the same as a share of the target only when the baseline is 0.
                    // (Not "60% of the way through Q4": that is time.)
                    if token.percent, isWord(d, hi, .the), isWord(d + 1, hi, .way), spelled(d + 2, ["there"]) || isWord(d + 2, hi, .to) && isKind(d + 3, hi, .number) {
                        addCandidate(k, role: .shareOfTarget(value / 100), value: value, alternative: nil, strong: true)
                        k = d + (spelled(d + 2, ["there"]) ? 3 : 4)
                        continue
                    }
                    // "74% of accounts have a territory owner", "9.8% of customers churned": a rate's
                    // share of what its own title counts is its value.
                    // (The only value, after the name: not "95% of renewals are in" where "renewals" is
                    // the name, nor "71.5% so ~72% of accounts".)
                    if token.percent, r.candidates.isEmpty, let ref = refs.first, ref.hi <= k, let entry = ref.entry, target?.unit == .percent {
                        var w = next + 1
                        if isWord(w, hi, .the) || isWord(w, hi, .our) || isWord(w, hi, .all) { w += 1 }
                        // (Not the share still missing: "30% of accounts still without an owner", "15% of
                        // renewals still open".)
                        // (Said of the title's thing: another word of the title follows, "have a territory
                        // owner", "churned", or nothing does; not "74% of accounts were reviewed".)
                        if w < hi, tokens[w].kind == .word, index.hits(for: text(w)).contains(where: { Int($0.entry) == entry }),
                           !(w + 1..<min(hi, w + 6)).contains(where: { spelled($0, Self.missingShareWords) || isWord($0, hi, .not) || isWord($0, hi, .no) }),
                           w + 1 >= hi || tokens[w + 1].kind != .word || (w + 1..<min(hi, w + 6)).contains(where: { j in tokens[j].kind == .word
                               && (index.hits(for: text(j)).contains { Int($0.entry) == entry } || text(j).starts(with: index.entries[entry].target.key.utf8.prefix { $0 != UInt8(ascii: "-") })
                                   || spelled(j, Self.shareVerbs)) }) {
                            addCandidate(k, role: .absolute, value: value, alternative: nil, strong: false)
                            k = w + 1
                            continue
                        }
                    }
                    // "2 of the 3 deals": a comment, not the value.
                    var skip = next + 1
                    if isWord(skip, hi, .the) || isWord(skip, hi, .our) || isWord(skip, hi, .my) || isWord(skip, hi, .these) || isWord(skip, hi, .those) { skip += 1 }
                    if skip < hi, tokens[skip].kind == .number { skip += 1 }
                    partSaid = skip
                    k = skip
                    continue
                }
                // "2 more deals worth 45k should close by Dec 15": what a number will do is a forecast.
                if !afterName, !absoluteCue, forecastAfter(next, hi) { k = next; continue }
                if stillWaiting(next, hi) || saysDecade(k, hi) { r.hedged = true }
                // "2 deals slipped to January", "two of them got pushed": the things that went away.
                if countsWhatWentAway(next, hi) {
                    if !r.candidates.isEmpty, r.commentStart == nil { r.commentStart = k }
                    k = next
                    continue
                }
                // "there's 6 more in late stage", "3 more to go": what is still to come, not added.
                if isWord(next, hi, .more), stillToCome(afterMore: next, hi) {
                    if !r.candidates.isEmpty, r.commentStart == nil { r.commentStart = k }
                    k = next + 1
                    continue
                }
                // "... so reseller deals go to 4 then": what it would be once something happens.
                if isWord(next, hi, .then), next + 1 >= hi || tokens[next + 1].kind != .word && tokens[next + 1].kind != .number { k = next + 1; continue }
                // "the 45k target", "44 was the median", "8.3 was before the surveys".
                // ("close rate 24% target 25%": the target word names the number after it when that one is
                // the key result's target; not "25 target 24 actual", "the 45k target".)
                // (Which way the labels go: the key result's own target says; else a label after the next
                // number, "25 target 24 actual", puts them after.)
                // ("sales cycle 48 days target 46 days actual": a unit word may come between.)
                let targetWord = next < hi && tokens[next].kind == .word && (WordSet.unitWords.contains(tokens[next].word) || spelled(next, ["pct", "d"])) ? next + 1 : next
                if isWord(targetWord, hi, .target) || isWord(targetWord, hi, .goal) {
                    let next = targetWord
                    var namesNext = false
                    if let n = (next + 1..<min(hi, next + 4)).first(where: { tokens[$0].kind == .number }) {
                        let goal = target?.goal
                        if token.value == goal { namesNext = false } else if tokens[n].value == goal { namesNext = true } else {
                            // (A label after the target's number with no number of its own, "80 actual": labels
                            // follow numbers; "5 actual 4", "80 this quarter": they come first.)
                            var after = afterNumber(n, hi)
                            if after < hi, tokens[after].kind == .word, WordSet.unitWords.contains(tokens[after].word) || spelled(after, ["pct", "d"]) { after += 1 }
                            let labelAfter = spelled(after, ["actual", "act", "avg", "current", "now", "aktuell", "jetzt", "ist", "latest", "signed", "closed"]) && !isKind(after + 1, hi, .number)
                            namesNext = !labelAfter && !spelled(k - 1, Self.determiners)
                        }
                    }
                    if !namesNext { k = next + 1; continue }
                }
                // ("no, 8.1 was right": the value confirmed; not "9 was correct last week".)
                // (Or opening its line: "demo sat 8.3⏎8.1 was correct, my bad".)
                if isWord(next, hi, .was) || isWord(next, hi, .were), !(spelled(next + 1, Self.rightWords) && (isWord(k - 1, hi, .no) || isKind(k - 1, hi, .comma) && isWord(k - 2, hi, .no) || k == lineBodyStart && line > 1)) { k = next + 1; continue }
                // "8% is the target", "5 is our goal", "8 is the plan": what it should be.
                if isWord(next, hi, .is) || isWord(next, hi, .its) || isWord(next, hi, .itsContraction) {
                    let noun = isWord(next + 1, hi, .the) || isWord(next + 1, hi, .our) || isWord(next + 1, hi, .my) ? next + 2 : next + 1
                    if isWord(noun, hi, .target) || isWord(noun, hi, .goal) || spelled(noun, ["plan", "quota", "aim"]) { k = noun + 1; continue }
                }
                // "earlier I said 130k": what was said before.
                // ("Like I said deals 5", "as I said, 5": still the value.)
                if let said = isWord(k - 1, hi, .said) ? k - 1 : isWord(k - 2, hi, .said) ? k - 2 : nil, !(isWord(said - 1, hi, .i) && (isWord(said - 2, hi, .like) || isWord(said - 2, hi, .as))) { k = next; continue }
                // ("coverage I wrote 81 but it's really 79": what the author wrote before and sets aside;
                // not "I reported 74 yesterday and nothing changed", "I wrote 74, that's still right".)
                if spelled(k - 1, ["wrote", "reported", "posted"]), isWord(k - 2, hi, .i) || isWord(k - 2, hi, .we), !isWord(k - 3, hi, .like) && !isWord(k - 3, hi, .as),
                   isWord(next, hi, .but) || isKind(next, hi, .comma) && isWord(next + 1, hi, .but) { k = next; continue }
                // "Datapoint dropped 2 products", "lost 3 seats": a change in something else.
                // (Not "up 2 opps worth 50k": what they are worth is the change.)
                if relativeSign != 0, token.isPlainInteger, !token.percent, token.currency == nil, !token.scaled, isOtherPlural(next), !spelled(next + 1, Self.worthWords) {
                    relativeSign = 0
                    k = next + 1
                    continue
                }
                // "14 surveys", "2 weeks", "two demos", "3 new reseller opps": a count of something else.
                if !token.percent, token.currency == nil, !token.scaled, let (noun, at) = countedNounAhead(next, hi), !nounBelongs(noun, at, to: entryWords, target: target) {
                    if target?.unit == .days, noun == .weeks || noun == .week || noun == .wks || noun == .wk || noun == .w {
                        addCandidate(k, role: relativeSign != 0 ? .relative(relativeSign * value * 7) : .absolute, value: value * 7, alternative: nil, strong: absoluteCue)
                        relativeSign = 0
                        k = next + 1
                        continue
                    }
                    k = next + 1
                    continue
                }
                // "I posted in like 4 places 🙃 conversion 27": before the name, a number that counts
                // some other plural thing (a word of no key result) is not its value.
                if let ref = refs.first, k < ref.lo, !token.percent, token.currency == nil, !token.scaled, isOtherPlural(next) { k = next + 1; continue }
                // "2 days shorter", "3 points higher": a change written after the number.
                var after = next
                while after < hi, after < next + 2, tokens[after].kind == .word, WordSet.unitWords.contains(tokens[after].word) || tokens[after].word == .points || tokens[after].word == .pts { after += 1 }
                // Not after "to": "auf 9,7 % gesunken" (German puts the verb last) is the value now.
                // Right after the number it holds after a colon too ("coverage: 3 down"), but not
                // when what it moved from follows ("coverage: 72 up from 68").
                let rightAfter = after == next && isKind(k - 1, hi, .colon) && !isWord(after + 1, hi, .from)
                // ("reseller-partners 4 up from 2": the value, and what it moved from.)
                if relativeSign == 0, !absoluteCue || rightAfter, after < hi, tokens[after].kind == .word, WordSet.increaseWords.contains(tokens[after].word) || WordSet.decreaseWords.contains(tokens[after].word), !isWord(after + 1, hi, .to), !isWord(after + 1, hi, .like),
                   !isWord(after + 1, hi, .from), !isWord(after + 1, hi, .than) || relativeSign != 0 || thanLastWeek(after + 2, hi) {
                    relativeSign = WordSet.increaseWords.contains(tokens[after].word) ? 1 : -1
                    countVerb = Self.countingDirections.contains(tokens[after].word)
                    next = after + 1
                }
                // "we lost 1 renewal", "3 renewals signed, 1 lost": on a rate named by what it counts,
                // things lost or won are counted; a rate moves in points ("lost 2 points", "win rate
                // gained 2", "coverage lost 3" are changes).
                if relativeSign != 0, countVerb, target?.unit == .percent, !token.percent, !token.delta, !(k + 1..<min(hi, next + 1)).contains(where: { spelled($0, Self.pointWords) }),
                   !refs.contains(where: { ref in (ref.lo..<ref.hi).contains { spelled($0, Self.rateNameWords) } }) || (lo..<k).contains(where: { isWord($0, hi, .we) || isWord($0, hi, .i) || spelled($0, ["they"]) })
                    || (lo..<k).contains(where: { isKind($0, hi, .number) && countedNoun($0 + 1, hi) != nil && !spelled($0 + 1, Self.pointWords) }) {
                    relativeSign = 0
                    countVerb = false
                    k = next
                    continue
                }
                // "150k claimed by the partner, 140k confirmed", "8.3 they claim", "8.3 per them": what
                // someone else asserts, not the author's value.
                if spelled(next, Self.claimVerbs) || spelled(next, ["they", "he", "she"]) && spelled(next + 1, Self.claimVerbs) || spelled(next, ["per"]) && spelled(next + 1, ["them", "him", "her"]) {
                    k = next + 1
                    // (And who claims it: "claimed by the partner".)
                    if isWord(k, hi, .by) {
                        k += 1
                        while spelled(k, ReplyReader.determiners) { k += 1 }
                        if k < hi, tokens[k].kind == .word { k += 1 }
                    }
                    continue
                }
                // "22 calls on upsell and 6 said yes", "12 showed, 4 converted, so 33%": a count of people
                // who did something, not the rate. (Not "coverage 74 opened 3 new regions": the verb has
                // an object; "churn 10 said finance, CRM says 9.8": a number someone else gives, asked.)
                // ("3 (well, almost — signing Wednesday)", "3, enfin presque": not quite yet; asked.)
                if almostAfter(next, hi) { r.hedged = true }
                // ("demo-conversion: 30 (+3)" after 26: the value and its change disagree; asked.)
                if !token.delta, isKind(next, hi, .open), isKind(next + 1, hi, .number), tokens[next + 1].delta, isKind(next + 2, hi, .close), let last = target?.lastValue,
                   abs(last + tokens[next + 1].value - token.value) > (target?.unit == .count ? 0.001 : 0.5) { r.hedged = true }
                // ("win rate sank on 2,3 percent": "auf", to or by? Asked.)
                if isWord(k - 1, hi, .on), k >= 2, tokens[k - 2].kind == .word, WordSet.increaseWords.contains(tokens[k - 2].word) || WordSet.decreaseWords.contains(tokens[k - 2].word) { r.hedged = true }
                // ("up to 8 to I think ...": dictation heard a last digit as "to"; asked.)
                // ("8.3 too." is also.)
                if isWord(next, hi, .to) && next + 1 >= hi && hi >= tokens.count || (isWord(next, hi, .to) || spelled(next, ["too"])) && spelled(next + 1, ["i", "we", "um", "uh", "yeah"]) {
                    r.hedged = true
                }
                // ("churn 9.9 says finance, 10.1 says CS": whatever the number, one source's figure.)
                if spelled(next, ["said", "says"]), next + 1 < hi, tokens[next + 1].kind == .word, !spelled(next + 1, Self.peopleDidObjects),
                   !spelled(next + 1, ["a", "lot", "enough", "all", "much", "something", "nothing", "everything", "more", "plenty"]) {
                    r.hedged = true
                } else if target?.unit == .percent, token.isPlainInteger, !token.percent, token.currency == nil, !token.scaled, spelled(next, Self.peopleDidVerbs) {
                    if next + 1 >= hi || tokens[next + 1].kind != .word && tokens[next + 1].kind != .number || spelled(next + 1, Self.peopleDidObjects) {
                        k = next + 1
                        continue
                    }
                }
                // ("5 more than in Q3": more than something else, not said how many now: asked.)
                if (isWord(next, hi, .more) || isWord(next, hi, .less) || isWord(next, hi, .fewer)) && isWord(next + 1, hi, .than) && !thanLastWeek(next + 2, hi) { r.hedged = true }
                // "+3", "up 3", "3 more", "another 2".
                if token.delta || (token.value < 0 && canNotBeNegative(target)) {
                    addCandidate(k, role: .relative(value), value: value, alternative: alternative, strong: false)
                // ("16 more like": about 16, not 16 more.)
                } else if relativeSign != 0 || isWord(next, hi, .more) && !isWord(next + 1, hi, .like) && (!isWord(next + 1, hi, .than) || thanLastWeek(next + 2, hi)) || isWord(next, hi, .new) || isWord(next, hi, .additional) || isWord(next, hi, .extra) || isWord(next, hi, .fewer) || isWord(next, hi, .less) && !isWord(next + 1, hi, .than) {
                    let sign: Double = relativeSign != 0 ? relativeSign : ((isWord(next, hi, .fewer) || isWord(next, hi, .less)) ? -1 : 1)
                    if token.percent, let target, target.unit != .percent {
                        addCandidate(k, role: .percentChange(sign * value), value: value, alternative: nil, strong: false)
                    } else {
                        addCandidate(k, role: .relative(sign * abs(value)), value: value, alternative: alternative, strong: false)
                    }
                    if isWord(next, hi, .more) || isWord(next, hi, .new) || isWord(next, hi, .additional) || isWord(next, hi, .extra) || isWord(next, hi, .fewer) { next += 1 }
                } else {
                    // ("at 36% for the week, 30% for the quarter": the same value read another way.)
                    if depth == 0, let first = r.candidates.last, first.epoch == r.epochs, case .absolute = first.role, readsAnotherWay(k, hi, than: first) { r.either = true }
                    // ("closed 2 by Wednesday, 5 total": the total is the value.)
                    addCandidate(k, role: .absolute, value: value, alternative: alternative, strong: absoluteCue || spelled(next, ["total", "overall"]) || isWord(next, hi, .in) && spelled(next + 1, ["total"]))
                    // ("deals up: 2" after 3: the value does not go the way it was said to; asked.)
                    if directionBeforeColon != 0, let last = target?.lastValue, (value - last) * directionBeforeColon <= 0 { r.hedged = true }
                }
                directionBeforeColon = 0
                if r.miscounted == nil || r.candidates.last?.token == k {
                    r.trailingCorrection = false
                    r.takenBack = false
                }
                relativeSign = 0
                absoluteCue = false
                afterArrow = false
                // "27-28", "24 or 25": two values for one thing.
                if next < hi, tokens[next].kind == .word, text(next).first == UInt8(ascii: "-"), text(next).dropFirst().allSatisfy({ $0 >= 0x30 && $0 <= 0x39 || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: ",") }), text(next).count > 1 {
                    r.either = true
                }
                k = next
                continue
            case .word:
                let w = token.word
                let bytesOfWord = text(k)
                if !r.candidates.isEmpty, w == .none || w == .wrong, spelled(k, Self.staleWords) { doubted = true }
                // "72.4 to be exact": said of the value before; nothing for the comment.
                if w == .to, saysExact(k, hi) {
                    k += 3
                    continue
                }
                // "47 days, will get the exact days from ops", "I'll have the exact number Tuesday": the
                // value is still to come.
                if w == .will || w == .ill, !r.candidates.isEmpty, spelled(k + 1, ["get", "have", "pull", "know"]), spelled(isWord(k + 2, hi, .the) ? k + 3 : k + 2, Self.exactAdjectives) {
                    r.hedged = true
                }
                if r.epochs == 0, !r.candidates.isEmpty, miscountAside(k, hi) {
                    r.epochs += 1
                    if depth > 0, isKind(k - 1, hi, .open) { correctedInParens.append(r.epochs) }
                    r.trailingCorrection = true
                    r.takenBack = true
                    r.commentStart = nil
                    k += 1
                    correctedUpTo = k
                    continue
                }
                // ("ergens tussen 4 en 5", "zwischen 4 und 5", "entre 4 y 5": a range, not one value.)
                // (Only as the value itself, before any: not "partners 3, signing between 1 and 2 December",
                // "deal size 44k, zwischen 30 und 60k je nach Region".)
                if r.candidates.isEmpty, spelled(k, Self.betweenWords), isKind(k + 1, hi, .number), hasNumberAhead(k + 2, hi, within: 2) { r.either = true }
                if r.commentStart.map({ k >= $0 }) == true && !afterArrow {
                    // A correction reopens the statement ("800k - no wait, 780k"); confidence and status
                    // words still count in a comment ("- not sure we'll stay above 90").
                    if let used = correctionAt(k, hi) {
                        // ("nein warte, 5, falls Globex unterschreibt": corrected, on a condition: asked.)
                        markCorrected(&r, after: k + used, hi)
                        r.epochs += 1
                        if depth > 0, isKind(k - 1, hi, .open) { correctedInParens.append(r.epochs) }
                        r.trailingCorrection = true
                        r.takenBack = r.takenBack || isRetraction(k, used, hi)
                        r.commentStart = nil
                        k += used
                        correctedUpTo = k
                        continue
                    }
                    // "13 - wait no, 13 includes the two Hooli pilots, so 11", "still 1, actually, wait, the
                    // agreement got countersigned Saturday, so 2": second thoughts that end in the value.
                    // "+60k new, minus 25k for the Wonka deal, so net +35k, i.e. 685k": what it comes to;
                    // "13 - wait no, 13 includes the two Hooli pilots, so 11", "still 1, actually, wait, the
                    // agreement got countersigned Saturday, so 2": second thoughts that end in the value.
                    if let n = resultStated(at: k, hi) ?? (w == .so ? valueEndingSecondThoughts(after: k, hi, since: r.candidates.first?.token) : nil) {
                        r.epochs += 1
                        r.trailingCorrection = true
                        r.commentStart = nil
                        k = n
                        correctedUpTo = k
                        continue
                    }
                    // "milestone 3 is done, and the old model is off too, so that's all four milestones":
                    // what it comes to, said in what follows the value, in the key result's own unit.
                    if w == .thats || w == .its, let (value, at, next) = amountStated(after: k + 1, hi, entry: entryWords, target: target) {
                        r.epochs += 1
                        addCandidate(at, role: .absolute, value: value, alternative: nil, strong: true)
                        r.commentStart = next < hi ? next : nil
                        k = next
                        continue
                    }
                    // "13 — wait, I double-counted Initech. 12.": the value is taken back; the right one may follow.
                    // (Not "coverage 72 — wait, the first one should be 4": that corrects another statement.)
                    if w == .wait, k + 1 >= hi || isKind(k + 1, hi, .comma) || isKind(k + 1, hi, .dash), !positionFollows(k + 1) {
                        r.epochs += 1
                        r.trailingCorrection = true
                        r.takenBack = true
                        r.commentStart = nil
                        k += 1
                        continue
                    }
                    if w == .or, hasNumberAhead(k, hi, within: 3) { r.either = true }
                    // Right after the value: "25% - about, maybe 26", "entre 25 et 26 %", "27% — circa, forse
                    // 28" offer a second value; "23 – circa", "3 erbij denk ik" say the value is rough.
                    if let start = r.commentStart, k <= start + 2 {
                        if let next = takeOfferedValue(k) { k = next; continue }
                        noteRoughOrMore(k)
                    }
                    if w == .none, saysExactComesLater(k, hi) { r.hedged = true }
                    // "Deals unchanged for now, will post Wednesday": the value is still to come.
                    if w == .will || w == .ill, spelled(k + 1, Self.laterReportVerbs) { r.hedged = true }
                    // ("about 6 weeks by my rough count", "ballpark 40k"): an estimate, asked.
                    if spelled(k, ["rough", "ballpark"]) && (spelled(k + 1, ["count", "estimate", "guess", "math", "numbers"]) || spelled(k, ["ballpark"])) { r.hedged = true }
                    // "coverage 74 — this one more like 9" under a confidence for all: its own.
                    if messageConfidence != nil, isWord(k - 1, hi, .one), isWord(k - 2, hi, .this) || isWord(k - 2, hi, .that),
                       w == .more && isWord(k + 1, hi, .like) || spelled(k, ["closer"]) && isWord(k + 1, hi, .to), isKind(k + 2, hi, .number),
                       tokens[k + 2].isPlainInteger, tokens[k + 2].value <= 10, !isWord(afterNumber(k + 2, hi), hi, .by) {
                        r.confidence = Int(tokens[k + 2].value)
                        k += 3
                        continue
                    }
                    if (w == .no && (isWord(k + 1, hi, .change) || isWord(k + 1, hi, .changes))) || w == .unchanged || w == .same && k + 1 >= hi { r.noChange = true }
                    // ("conversion 28 (conf 7 on the partners)": another's.)
                    if w == .conf || w == .confidence, !isOthersConfidence(k), let (confidence, next) = confidenceNumberAfter(k, hi) {
                        if !aboutAnother(next, hi, than: refs.first?.entry) { r.confidence = confidence }
                        k = next
                        continue
                    }
                    if doubtsTheNumber(k, hi, negated: negated) { r.hedged = true; k += 3; continue }
                    if let (confidence, next) = confidenceWord(k, hi, negated: negated) {
                        // ("demo satisfaction 7.8 ... I'm feeling good about conversion": another key result's.)
                        take(confidence, scope: confidenceScope(k, next, hi, than: refs.first?.entry), into: &r)
                        k = next
                        if aimAfterConfidence(next, hi) { goalTalk = true }
                        // ("120k, I'm a bit shaky on hitting 400k, call it a 4": the number it comes to.)
                        if let (said, end) = confidenceRestated(after: next, hi, refs: refs, band: confidence) {
                            r.confidence = said
                            k = end
                        }
                        continue
                    }
                    // ("no change, confident we stay above 90": "no" negates the change, not the confidence.)
                    if w == .not || w == .no || WordSet.negations.contains(w),
                       !(w == .no && (isWord(k + 1, hi, .change) || isWord(k + 1, hi, .changes) || isWord(k + 1, hi, .movement) || isWord(k + 1, hi, .new))) {
                        negated = true
                    }
                    k += 1
                    continue
                }
                if Self.isConfidenceShorthand(bytesOfWord) {
                    let digits = Int(String(decoding: bytesOfWord.dropFirst(), as: UTF8.self)) ?? 99
                    if digits <= 10 { r.confidence = digits } else { r.problem = "confidence goes from 0 to 10; “\(written(k))” is too high. Write it like `c7` or `conf 7`." }
                    k += 1
                    continue
                }
                // (Not someone else's: "fiducia del cliente in calo", "the confidence of the buyer".)
                if w == .conf || w == .confidence || (w == .c && isKind(k + 1, hi, .number)), !isOthersConfidence(k) {
                    // ("coverage 71, deals 4, both conf 6", "all conf 7".)
                    // (Not "ACME and Globex both conf 6 on renewal": after a value or a mark only.)
                    r.confidenceForAll = r.confidenceForAll || saysAll(k + 1, hi) || k > lo + 1 && (isWord(k - 1, hi, .both) || isWord(k - 1, hi, .all) || spelled(k - 1, Self.allWords))
                        && (tokens[k - 2].kind == .number || tokens[k - 2].kind == .comma || tokens[k - 2].kind == .dash)
                    var j = k + 1
                    // "conf 7", "confidence: 7/10", "confidence pretty good on all of it like 8", "conf like 60%"
                    // "confidence on renewals: yellow", "confidence tech partners 🟡": a colour is a band too.
                    // ("confidence eight on everything": dictated, a number word.)
                    var spoken: (value: Int, end: Int)?
                    var limit = k + 8
                    var aimEnd: Int?
                    scan: while true {
                    while j < hi, j < limit, tokens[j].kind != .number, tokens[j].kind != .comma, tokens[j].kind != .dash, tokens[j].kind != .semicolon,
                          Self.confidenceLevel(word(j, hi)) == nil, !(tokens[j].kind == .emoji && Self.band(tokens[j].emoji) != nil) {
                        // (Only as the confidence's own number: not "confidence on churn is shaky because two
                        // big accounts are in renewal talks".)
                        if tokens[j].kind == .word, word(j, hi) != .a, word(j, hi) != .an, let (value, end) = spokenNumber(at: j, hi), value == value.rounded(), value >= 0, value <= 10,
                           (k + 1..<j).allSatisfy({ m in spelled(m, Self.confidenceFillers) || refs.contains { $0.lo <= m && m < $0.hi } }),
                           end >= hi || tokens[end].kind != .word && tokens[end].kind != .number || spelled(end, ["on", "for", "overall", "honestly", "everything", "both", "all", "now"]) && !isWord(end + 1, hi, .of)
                            || isWord(end, hi, .out) && isWord(end + 1, hi, .of) && (spelled(end + 2, ["ten"]) || isKind(end + 2, hi, .number) && tokens[end + 2].value == 10) {
                            // ("confidence seven out of ten": dictated.)
                            spoken = (Int(value), isWord(end, hi, .out) ? end + 3 : end)
                            break
                        }
                        j += 1
                    }
                    // ("confidence on hitting 3 is low", "my confidence on hitting 3 this quarter is about
                    // a 4": the number aimed at is what it is about; how sure is said after it.)
                    // ("confidence to reach 250k by 12/15 is 6": the date it is aimed by is not it either.)
                    if spoken == nil, aimEnd != nil, j < hi, tokens[j].kind == .number, isWord(j - 1, hi, .by) || isWord(j - 1, hi, .before) || spelled(j - 1, ["until", "till"]) {
                        j = afterNumber(j, hi)
                        limit = j + 8
                        continue scan
                    }
                    if spoken == nil, j < hi, tokens[j].kind == .number, aimsAt(j, hi) {
                        j = afterNumber(j, hi)
                        aimEnd = j
                        limit = j + 8
                        continue scan
                    }
                    break
                    }
                    // ("confidence on hitting 5 is fifty-fifty", "... is shaky": a word for how sure after the aim.)
                    if spoken == nil, let from = aimEnd, j >= hi || tokens[j].kind != .number && tokens[j].kind != .emoji && Self.confidenceLevel(word(j, hi)) == nil,
                       let (said, next) = (from..<max(from, min(hi, from + 6))).lazy.compactMap({ self.confidenceWord($0, hi, negated: false) }).first {
                        r.confidence = said
                        k = next
                        continue
                    }
                    if let spoken {
                        // ("deals still at 3, confidence seven out of ten on the partners": another's.)
                        if !aboutAnother(spoken.end, hi, than: refs.first?.entry) { r.confidence = spoken.value }
                        k = spoken.end
                        continue
                    }
                    if j < hi, tokens[j].kind == .emoji, let band = Self.band(tokens[j].emoji) {
                        r.confidence = band
                        r.confidenceForAll = r.confidenceForAll || saysAll(j + 1, hi)
                        k = j + 1
                        continue
                    }
                    // ("conf good (2 new regions)", "partners confidence ok (1 more to sign)": not how sure,
                    // nor the value: an aside.)
                    if j < hi, tokens[j].kind == .number, countsSomethingElse(j, after: k, hi) {
                        k = j + 1
                        continue
                    }
                    if j < hi, tokens[j].kind == .number {
                        if let (now, next) = revisedConfidence(at: j, hi) {
                            r.confidence = now
                            k = next
                            continue
                        }
                        // ("conf was 7, now 3 partners signed": how sure the author was, not is.)
                        if isWord(j - 1, hi, .was) || isWord(j - 1, hi, .were) {
                            k = j + 1
                            continue
                        }
                        if let c = Self.confidenceNumber(tokens[j]) {
                            // ("reseller deals 3 conf 7 on the partners": another's.)
                            if !aboutAnother(j + 1, hi, than: refs.first?.entry) { r.confidence = c }
                            // "conf 7 to 8": a range of confidence, not a value "to 8".
                            if isWord(j + 1, hi, .to) || isKind(j + 1, hi, .dash), isKind(j + 2, hi, .number), Self.confidenceNumber(tokens[j + 2]) != nil, !tokens[j + 2].percent || tokens[j].percent {
                                k = j + 3
                                continue
                            }
                            // ("my confidence is 4 out of 10 that we get to 3": out of ten is part of it.)
                            if isWord(j + 1, hi, .out), isWord(j + 2, hi, .of), isKind(j + 3, hi, .number), tokens[j + 3].value == 10 {
                                k = j + 4
                                continue
                            }
                            // ("confidence on closing 8 is 5 of 10".)
                            if isWord(j + 1, hi, .of), isKind(j + 2, hi, .number), tokens[j + 2].value == 10 {
                                k = j + 3
                                continue
                            }
                        } else {
                            r.problem = "confidence goes from 0 to 10; “\(written(j))” is outside that. Write it like `conf 7` or `70% confident`."
                        }
                        k = j + 1
                        continue
                    }
                    if let level = Self.confidenceLevel(word(j, hi)) {
                        r.confidence = level
                        k = j + 1
                        // ("Confidence is low on churn, 3": the number the word comes to, not a value.)
                        if let (said, end) = confidenceRestated(after: j + 1, hi, refs: refs, band: level) {
                            r.confidence = said
                            k = end
                            continue
                        }
                        // ("confidence went from yellow to green": where it went.)
                        if isWord(j - 1, hi, .from), isWord(j + 1, hi, .to), let now = Self.confidenceLevel(word(j + 2, hi)) {
                            r.confidence = now
                            k = j + 3
                            continue
                        }
                        // ("confidence on tech partners is low, like a three": the number the word comes to.)
                        if spelled(j + 1, ["like", "maybe", "about", "say", "around"]), isWord(j + 2, hi, .a) {
                            if let (value, end) = spokenNumber(at: j + 3, hi), value == value.rounded(), value >= 0, value <= 10 {
                                r.confidence = Int(value)
                                k = end
                            } else if isKind(j + 3, hi, .number), tokens[j + 3].isPlainInteger, tokens[j + 3].value <= 10 {
                                r.confidence = Int(tokens[j + 3].value)
                                k = j + 4
                            }
                        }
                        continue
                    }
                    // "Confidence ok, 6", "confidence is so-so, 5", "my confidence is moderate, call it a 6": a
                    // word for it, then its number.
                    var said = j + 1
                    // (Not "confidence moderate, maybe 3": a value offered, asked.)
                    while said < min(hi, j + 5), spelled(said, ["call", "it", "a", "say", "i'd", "id"]) { said += 1 }
                    if j < hi, tokens[j].kind == .comma, j - k <= 6, isKind(said, hi, .number), tokens[said].isPlainInteger, !tokens[said].percent,
                       afterNumber(said, hi) >= hi || tokens[afterNumber(said, hi)].kind != .word, let c = Self.confidenceNumber(tokens[said]) {
                        r.confidence = c
                        k = said + 1
                        continue
                    }
                    // "confidence good, 6 deals next week", "confidence shaky": a word for it and no number.
                    // (Not "confidence not bad", "confidence isn't good": left to the error below.)
                    // ("Confidence nicht schlecht", "Zuversicht nicht gering": negated in other languages too.)
                    if j - k <= 3, !(k + 1..<j).contains(where: { isWord($0, hi, in: .negations) || isWord($0, hi, .not) || spelled($0, ["nicht", "kein", "keine", "nie", "pas", "non", "niet", "no"]) }), let said = (k + 1..<j).lazy.compactMap({ self.spelled($0, Self.confidenceGood) ? 8 : self.spelled($0, Self.confidenceMiddling) ? 5 : self.spelled($0, Self.confidencePoor) ? 2 : nil }).first {
                        r.confidence = said
                        k = j
                        continue
                    }
                    // "pas confiance", "sin confianza", "keine Zuversicht": not confident; "pas confiance dans ce
                    // chiffre": the number itself is doubted, so asked.
                    if w == .confidence, spelled(k - 1, ["pas", "sin", "sem", "keine", "kein", "geen", "nessuna", "poca", "pouca", "peu"]), j >= hi || tokens[j].kind != .number {
                        if spelled(k + 1, ["dans", "en", "in", "em", "nel", "nella", "nei"]) { r.hedged = true } else { r.confidence = r.confidence ?? 2 }
                        k += 1
                        continue
                    }
                    // "j'ai confiance", "tengo confianza", "tenho confiança": confident.
                    if w == .confidence, spelled(k - 1, ["j'ai", "tengo", "tenho", "ho", "heb"]), r.confidence == nil,
                       j >= hi || tokens[j].kind != .number {
                        r.confidence = 8
                        k += 1
                        continue
                    }
                    // "conf" with nothing after it: a confidence that was not written down.
                    if (w == .conf || w == .confidence) && !(k > lo && (isWord(k - 1, hi, .low) || isWord(k - 1, hi, .high) || isWord(k - 1, hi, .medium))) && r.confidence == nil,
                       j >= hi || tokens[j].kind == .dash || tokens[j].kind == .comma || tokens[j].kind == .semicolon {
                        r.problem = "“\(written(k))” has no confidence number; write it from 0 to 10, like `conf 7`."
                    }
                    k += 1
                    continue
                }
                if doubtsTheNumber(k, hi, negated: negated) { r.hedged = true; k += 3; continue }
                if let (confidence, next) = confidenceWord(k, hi, negated: negated) {
                    take(confidence, scope: confidenceScope(k, next, hi, than: refs.first?.entry), into: &r)
                    k = next
                    if aimAfterConfidence(next, hi) { goalTalk = true }
                    // ("churn is shaky, around a 5": the number the word comes to, not a value.)
                    if let (said, end) = confidenceRestated(after: next, hi, refs: refs, band: confidence) {
                        r.confidence = said
                        k = end
                    }
                    continue
                }
                // ("renewal rate: 60% of renewals done so far": done of the part counted, not the key result.)
                if partSaid >= 0, k <= partSaid + 2, isWord(k, hi, in: .completionWords) {
                    k += 1
                    continue
                }
                if let (said, length) = statusWord(at: k, hi) {
                    r.status = said
                    k += length
                    continue
                }
                if w == .blocked, k + 1 >= hi || tokens[k + 1].kind != .word {
                    // "reseller-partners 3 blocked": a status.
                    r.status = .blocked
                    k += 1
                    continue
                }
                switch w {
                case .no where !r.candidates.isEmpty && correctionAt(k, hi) != nil:
                    // "upsell 17 no 16", "11, no 12", "130k, no wait, ... it's 115k": corrected on the spot
                    // ("690k, no wait" with nothing after it: taken back; not "deals 4, no, espera el
                    // cierre de ACME").
                    let used = correctionAt(k, hi)!
                    markCorrected(&r, after: k + used, hi)
                    r.epochs += 1
                    r.trailingCorrection = true
                    // ("120k, no wait, that's right": confirmed, not taken back.)
                    r.takenBack = r.takenBack || used == 2 && !isKind(k + 1, hi, .comma) && !confirmsAfter(k + used, hi) || takenBackBy(k + used, hi)
                    previousValue = false
                    k += used
                    correctedUpTo = k
                    continue
                case .not, .no, .never, .didnt, .didntMove, .havent, .hasnt, .dont, .doesnt, .wasnt, .isnt, .isntShort, .arent, .neither, .cant, .cannot, .wont:
                    // "no change", "didn't move", "nothing new", "sin cambios".
                    // ("bez zmian", "geen verandering": only said of the key result named right before.)
                    if spelled(k, Self.newNoChangeWords), !noChangeOfName(k, lo, hi, refs: refs) { break }
                    // ("blocker: Brightpath paused referrals, so no new partner customers until then":
                    // in a blocker's line, what will not happen, not what stayed.)
                    if w == .no, isWord(k + 1, hi, .new) || isWord(k + 1, hi, .more), blockerStart(lineBodyStart, hi) == lineBodyStart,
                       (k + 2..<min(hi, k + 7)).contains(where: { isWord($0, hi, .until) || isWord($0, hi, .till) || isWord($0, hi, .before) || isWord($0, hi, .unless) }) {
                        k += 2
                        continue
                    }
                    if isWord(k + 1, hi, .change) || isWord(k + 1, hi, .changes) || isWord(k + 1, hi, .movement) || isWord(k + 1, hi, .new) || isWord(k + 1, hi, .moved) || isWord(k + 1, hi, .move) || isWord(k + 1, hi, .moving) || isWord(k + 1, hi, .changed)
                        || (w != .no && isWord(k + 1, hi, .much) == false && isWord(k + 1, hi, .moved)) {
                        r.noChange = true
                        // ("no new deals" keeps a count; "nothing new in pipeline" says no new items, not
                        // that an amount or a rate stayed: asked.)
                        if isWord(k + 1, hi, .new), target.map({ $0.unit != .count }) ?? false { r.noChangeUnsure = true }
                        k += 2
                        continue
                    }
                    negated = true
                case .unchanged, .stable, .steady, .holding:
                    // ("I'm holding until finance closes the month", "holding it back": withheld.)
                    if w == .holding, isWord(k + 1, hi, .until) || isWord(k + 1, hi, .till) || spelled(k + 1, ["off", "back", "it"]) { break }
                    if heldAt == nil, w != .unchanged { heldAt = heldLevel(after: k, hi, refs: refs, target: target) }
                    // ("churn ongewijzigd op 9.8", "alles ongewijzigd behalve churn", "cennik bez zmian": only
                    // said of the key result named right before, with no number and no exception.)
                    if spelled(k, Self.newNoChangeWords), !noChangeOfName(k, lo, hi, refs: refs) { break }
                    r.noChange = true
                case .flat, .same:
                    // "flat", "same as last week", "(same)", "the same": no change; "the same way" is not.
                    let next = word(k + 1, hi)
                    if k + 1 >= hi || next == .as || next == .again || tokens[k + 1].kind != .word || next == .this || next == .still || next == .and { r.noChange = true }
                    // "same as Maria said", "same as what Li posted": someone else's number, which this does not say.
                    if next == .as {
                        // (A loop-free check: no closure over the reader here.)
                        let who = isWord(k + 2, hi, .what) ? person(at: k + 3) : person(at: k + 2)
                        if let who, who != index.author { r.hedged = true }
                    }
                case .nothing where isWord(k + 1, hi, .new) || isWord(k + 1, hi, .moved) || isWord(k + 1, hi, .changed):
                    r.noChange = true
                    if isWord(k + 1, hi, .new), target.map({ $0.unit != .count }) ?? false { r.noChangeUnsure = true }
                    k += 2
                    continue
                case .still:
                    // "still 15", "still at 2"; "still the same"; "still short of the goal" says nothing.
                    absoluteCue = true
                    // ("churn: the SLA issue is still | blocking us": the blocker is what is still there.)
                    let blockerFollows = hi < tokens.count && k + 1 == hi && tokens[hi].kind == .word
                        && [.blocked, .blocker, .waiting, .stuck, .held].contains(tokens[hi].word)
                    if k + 1 >= hi && !blockerFollows || isWord(k + 1, hi, .same) || isWord(k + 1, hi, .flat) { r.noChange = true }
                case .done, .complete, .completed, .finished, .achieved, .erledigt, .fertig, .listo, .hecho, .feito:
                    // "get the deep dive done by Friday" is a deadline, not a result; "scheduled for Dec 7,
                    // then territories is finally done" is a plan.
                    // ("half done", "almost done", "mostly done": not done.)
                    if !negated, !(isWord(k + 1, hi, .by) || isWord(k + 1, hi, .before) || isWord(k + 1, hi, .until) || isWord(k + 1, hi, .after)),
                       !(isWord(k - 1, hi, .half) || spelled(k - 1, Self.notQuiteWords) || spelled(k - 2, Self.notQuiteWords) && isWord(k - 1, hi, .all)),
                       // ("done except Alpenland", "done for Berlin only", "done (almost)": not all of it.)
                       !(k + 1..<min(hi, k + 6)).contains(where: { spelled($0, Self.exceptionWords) }),
                       !(min(sentenceStart, lo)..<k).contains(where: { isWord($0, hi, .then) || isWord($0, hi, .will) || isWord($0, hi, .well) || isWord($0, hi, .ill) || spelled($0, ["once"])
                           || isWord($0, hi, .gonna) || spelled($0, ["scheduled", "supposed", "expected"]) && (isWord($0 + 1, hi, .for) || isWord($0 + 1, hi, .to)) }),
                       // ("finished defining territories for the new Benelux sub-region": an activity finished.)
                       !(isKind(k + 1, hi, .word) && tokens[k + 1].end - tokens[k + 1].start > 5 && lower[tokens[k + 1].end - 3] == UInt8(ascii: "i") && lower[tokens[k + 1].end - 2] == UInt8(ascii: "n") && lower[tokens[k + 1].end - 1] == UInt8(ascii: "g")
                           && !spelled(k + 1, ["during", "according", "including", "regarding", "following", "pending", "nothing", "something", "morning", "evening", "everything"])) {
                        // ("territories: migration is done, retirement next": one milestone, named by a
                        // word of it, is done; not the whole key result.)
                        if r.candidates.isEmpty, r.milestone == nil, !(lo..<k).contains(where: { isKind($0, hi, .number) }), let entry = entryWords,
                           let position = milestoneWordBefore(k, lo, refs: refs, in: entry.milestoneWords, last: target?.lastValue) {
                            r.milestone = position + 1
                        } else if r.candidates.isEmpty, r.milestone == nil, !(k + 1..<hi).contains(where: { isKind($0, hi, .number) }), let entry = entryWords, !entry.milestoneWords.isEmpty,
                                  (max(lo, k - 4)..<k).contains(where: { j in tokens[j].kind == .word && !refs.contains { $0.lo <= j && j < $0.hi }
                                      && !TargetIndex.stopwordHashes.contains(TargetIndex.hash64(text(j))) && entry.milestoneWords.contains { $0.contains { TargetIndex.matches(text(j), $0) } } }) {
                            // ("data migration is done", "definition done" after two: a part of a
                            // milestone, or one already counted; asked, not the whole key result.)
                            r.hedged = true
                        } else {
                            r.done = r.candidates.isEmpty
                        }
                    }
                case _ where (w == .hit || w == .reached) && (isWord(k + 1, hi, .target) || isWord(k + 1, hi, .goal) || (isWord(k + 1, hi, .the) && (isWord(k + 2, hi, .target) || isWord(k + 2, hi, .goal)))):
                    if !negated { r.done = true }
                case .milestone, .milestones:
                    // "milestone 3 is done", "Meilenstein 3 ✔".
                    if isKind(k + 1, hi, .number), let count = target?.milestoneCount {
                        // (A number too large for an Int is no milestone: fuzzed input.)
                        let n = abs(tokens[k + 1].value) < 1e6 ? Int(tokens[k + 1].value) : 0
                        if (1...count).contains(n), milestoneDoneAhead(k + 2, hi) { r.milestone = n }
                        k += 2
                        continue
                    }
                case _ where (w == .because || w == .bc || w == .since || w == .after || w == .thanks) && !r.candidates.isEmpty && r.commentStart == nil:
                    // "upsell +1 since this morning": a change from a value said today, which okrd has not
                    // seen, not from last week's.
                    if w == .since, isWord(k + 1, hi, .this) || isWord(k + 1, hi, .today) || isWord(k + 1, hi, .my) || spelled(k + 1, Self.todayWords) { r.changeFromToday = true }
                    // "14 because two renewals upgraded": why, not another value.
                    r.commentStart = w == .thanks ? k : k + 1
                    k += 1
                    continue
                case .from where hasNumberAhead(k, hi, within: 3):
                    // "from 24 to 26"; not "from the closed-won list: 48 days".
                    previousValue = true
                case .was, .were:
                    // "was 49", "was at 49", "was really 51" (a correction of last week's): a past value.
                    let adverb = spelled(k + 1, ["really", "actually", "in", "truly", "originally"]) ? 1 : 0
                    // ("demo-conversion 30 ... actually conversion was 29": a correction of what this
                    // reply said, in the past tense.)
                    let correcting = (r.epochs > 0 || (max(sentenceStart, k - 4)..<k).contains { isWord($0, hi, .actually) || isWord($0, hi, .sorry) || isWord($0, hi, .oops) || isWord($0, hi, .correction) })
                        && (!r.candidates.isEmpty || target.map { said in result.checkIns.contains { $0.target == said.key } } ?? (lastStatement != nil))
                    let number = isKind(k + 1 + adverb, hi, .number) ? k + 1 + adverb : k + 2 + adverb
                    // (Only when the number ends what is said: "actually it was 4 last week", "it was 22 in
                    // September", "was 3 when Dana asked", "was 2 until Friday" are still earlier values.)
                    let then = afterNumber(number, hi)
                    let ends = then >= hi || tokens[then].kind == .comma && !(then + 1..<min(hi, then + 4)).contains(where: { spelled($0, Self.whenWords) || monthAt($0, hi) })
                        || tokens[then].kind == .other || tokens[then].kind == .dash || isWord(then, hi, .in) && spelled(then + 1, ["total", "fact", "sum"]) || spelled(then, ["overall", "total", "exactly"])
                    // (And its subject is the key result or "it": not "the enterprise cohort actually was 45".)
                    var subject = k - 1
                    if spelled(subject, ["actually", "really"]) { subject -= 1 }
                    let itsSubject = isWord(subject, hi, .it) || isWord(subject, hi, .that) || isWord(subject, hi, .this) || refs.contains { $0.hi == subject + 1 }
                    // ("Demo conversion this week was 29%", "was 29% this week": this week's, in the past tense.)
                    // (Not "was 27% this week last year".)
                    let thisWeek = isWord(k - 1, hi, .week) && isWord(k - 2, hi, .this) || isWord(then, hi, .this) && isWord(then + 1, hi, .week) && !isWord(then + 2, hi, .last) && !spelled(then + 2, ["ago", "a"])
                    if !thisWeek, !correcting || !ends || !itsSubject, isKind(k + 1 + adverb, hi, .number) || (isWord(k + 1 + adverb, hi, .at) && isKind(k + 2 + adverb, hi, .number)) { previousValue = true }
                case _ where (w == .previously || w == .before) && isKind(k + 1, hi, .number):
                    previousValue = true
                case .none where spelled(k, Self.foreignWas) && (isKind(k + 1, hi, .number) || isKind(k + 2, hi, .number) && tokens[k + 1].kind == .word):
                    // "es waren 89 %", "era 89", "c'était 89": a past value, as "was 89".
                    previousValue = true
                // ("the coverage I reported last week (68%)": in brackets too.)
                case .last where isWord(k + 1, hi, .week) && (isKind(k + 2, hi, .number) || isKind(k + 2, hi, .open) && isKind(k + 3, hi, .number)):
                    previousValue = true
                // "for reference: Q3 we closed at 88%", "last quarter we were at 20": another period's number.
                // (Not after the number it labels: "14 last quarter and 17 now".)
                case _ where (w == .none && isOtherQuarter(k) || w == .last && spelled(k + 1, ["quarter", "qtr", "year"])) && hasNumberAhead(k, hi, within: 6)
                    && !(k > lo && (isKind(k - 1, hi, .number) || isKind(k - 2, hi, .number) && isKind(k - 1, hi, .word) && tokens[k - 1].word == .none)):
                    previousValue = true
                case .up, .increased, .improved, .grew, .rose, .jumped, .climbed, .gained, .added, .raised, .crept, .inched, .bumped, .higher, .plus:
                    // ("churn improved by 0.5": better is lower for a key result that decreases.)
                    let better: Double = w == .improved && target?.kind == .decrease ? -1 : 1
                    directionWord = better
                    countVerb = Self.countingDirections.contains(w)
                    relativeSign = hasNumberAhead(k, hi, within: 4) && !isWord(k + 1, hi, .to) && !(isWord(k + 1, hi, .by) == false && isWord(k + 1, hi, .from)) ? better : 0
                    // "subió a 29%": Spanish and Portuguese "a" after the verb is "to".
                    if isWord(k + 1, hi, .to) || isWord(k + 1, hi, .a) && isKind(k + 2, hi, .number) { relativeSign = 0 }
                    if !hasNumberAhead(k, hi) { r.moved = true }
                    if relativeSign != 0, namedOtherBefore(k, refs) { r.hedged = true }
                case .down, .decreased, .dropped, .fell, .dipped, .slipped, .lower, .shorter, .cut, .shrank, .declined, .slid, .lost, .minus, .fewer, .less:
                    directionWord = -1
                    countVerb = w == .lost
                    // ("dropped to 80k", "lost a partner"; not "fewer demos than", "sat down with").
                    if w != .fewer, w != .less, w != .lower, w != .shorter, w != .minus, !isWord(k + 1, hi, .than), !(w == .down && spelled(k - 1, Self.notMovingDown)) { r.saidDown = true }
                    relativeSign = hasNumberAhead(k, hi, within: 4) && !isWord(k + 1, hi, .to) && !(isWord(k + 1, hi, .a) && isKind(k + 2, hi, .number)) ? -1 : 0
                    if !hasNumberAhead(k, hi) { r.moved = true }
                    // ("partners: Kessler dropped 2 resellers from their list": what a customer did.)
                    if relativeSign != 0, namedOtherBefore(k, refs) { r.hedged = true }
                // ("the sales cycle shortened by three days"; said against another period or of a part,
                // "compared to October", "in DACH", it is asked.)
                case .none where spelled(k, Self.lengthVerbs):
                    directionWord = spelled(k, ["lengthened"]) ? 1 : -1
                    if directionWord < 0 { r.saidDown = true }
                    relativeSign = hasNumberAhead(k, hi, within: 4) && !isWord(k + 1, hi, .to) ? directionWord : 0
                    if relativeSign != 0, let n = (k + 1..<min(hi, k + 4)).first(where: { tokens[$0].kind == .number || word($0, hi).numberValue != nil }),
                       !changeSaidPlainly(after: (spokenNumber(at: n, hi)?.1 ?? afterNumber(n, hi)), hi) { r.hedged = true }
                    if !hasNumberAhead(k, hi) { r.moved = true }
                case .by:
                    if directionWord != 0, isKind(k + 1, hi, .number) { relativeSign = directionWord }
                    else if isKind(k + 1, hi, .number) || isWord(k + 1, hi, .one) || word(k + 1, hi).numberValue != nil && directionWord != 0 { relativeSign = directionWord }
                case .to, .at, .now, .is, .are, .currently, .reached, .stands, .stand, .sits, .sit, .sitting, .stays, .stay, .stayed, .landed, .bei, .en, .em, .à, .est, .ist, .liegt, .sind, .son, .são, .agora, .ahora, .jetzt, .maintenant, .estamos, .vamos, .total, .goes, .went, .came, .moved:
                    if w == .to && goalTalkBefore(k, lo) { goalTalk = true; break }
                    absoluteCue = true
                    if w == .to || w == .at { relativeSign = 0 }
                case .a where directionWord != 0 && isKind(k + 1, hi, .number):
                    absoluteCue = true
                    relativeSign = 0
                case .another:
                    // "another reseller deal closed": one more; "another 2": two more.
                    // ("churn down another 0.3 pts": the direction said before holds.)
                    if isKind(k + 1, hi, .number) { relativeSign = directionWord != 0 ? directionWord : 1 } else if !(k + 1 < hi && word(k + 1, hi).numberValue != nil) { addCandidate(k, role: .relative(1), value: 1, alternative: nil, strong: false) }
                case .or where r.candidates.count >= 1 && (hasNumberAhead(k, hi, within: 3)) && !isWord(k + 1, hi, .so):
                    r.either = true
                case .or where isWord(k + 1, hi, .so):
                    r.hedged = true
                    k += 2
                    continue
                case .either, .somewhere, .guessing, .probably, .possibly, .maybe, .perhaps, .ish, .depending, .depends, .unless, .tbc:
                    r.hedged = true
                case .otherwise:
                    r.either = true
                case _ where !r.candidates.isEmpty && w != .if && conditionStarts(at: k, after: afterNumber(r.candidates[r.candidates.count - 1].token, hi), hi, afterCorrection: false):
                    // "deals 5 once Globex signs", "5 assuming it closes", "5 hopefully": a value on a condition.
                    r.hedged = true
                case .if where !r.candidates.isEmpty:
                    // "2 if you count the LOI": a value on a condition.
                    r.hedged = true
                case .if:
                    // "if you count the LOI with Hooli it's 2, but nothing is signed, so officially 1":
                    // a number on a condition, up to the comma, is not the value.
                    conditional = true
                case .or where spelled(k - 1, Self.giveWords) && spelled(k + 1, Self.takeWords):
                    // "~45 days give or take": a rough value.
                    r.hedged = true
                case .none where spelled(k, Self.caveatWords) && r.candidates.isEmpty:
                    // "Churn I must give with a caveat: finance calculates 9.4%, but ...": said with a
                    // reservation, asked.
                    r.hedged = true
                case .final where isWord(k + 1, hi, .number) || isWord(k + 1, hi, .numbers) || isWord(k + 1, hi, .figure):
                    r.hedged = true
                case _ where (w == .think || w == .guess) && (isWord(k - 1, hi, .i) || k == lo):
                    // "28 I think", "I think it's 28": hedged; "28 now, I think the template helped": not.
                    // ("70% of the way there I think, need to check": before a comma or a dash too.)
                    if k + 1 >= hi || hasNumberAhead(k, hi, within: 3) || (k + 2 >= hi && tokens[k + 1].kind != .word) || tokens[k + 1].kind == .other
                        || tokens[k + 1].kind == .comma || tokens[k + 1].kind == .dash { r.hedged = true }
                case .confirm where isWord(k - 1, hi, .will) || isWord(k - 1, hi, .ill) || isWord(k - 1, hi, .to):
                    r.hedged = true
                case _ where correctionAt(k, hi) != nil:
                    // ("92, nej vänta, 93 om Acme förnyar": corrected, on a condition: asked.)
                    markCorrected(&r, after: k + correctionAt(k, hi)!, hi)
                    r.epochs += 1
                    r.trailingCorrection = true
                    r.takenBack = r.takenBack || (!r.candidates.isEmpty && isRetraction(k, correctionAt(k, hi)!, hi))
                    previousValue = false
                    k += correctionAt(k, hi)!
                    correctedUpTo = k
                    continue
                case .none where spelled(k, Self.claimVerbs) && hasNumberAhead(k, hi, within: 4) && !isWord(k - 1, hi, .i) && !isWord(k - 1, hi, .we)
                    && !(k + 1..<hi).prefix(while: { !isKind($0, hi, .number) }).contains(where: { isWord($0, hi, .but) || isKind($0, hi, .comma) }):
                    // ("They claim a 30% win rate in DACH": a number someone asserts, not the author's;
                    // not "we claim 8.3 on demo sat now", "not claiming victory yet but coverage is 74".)
                    claimed = true
                case .can where spelled(k + 1, Self.eventVerbs) && hasNumberAhead(k + 1, hi, within: 4):
                    // ("we can sign one more partner before Christmas": what may happen.)
                    goalTalk = true
                case .will, .well, .ill, .gonna, .getting, .get, .reach, .reaching, .hitting, .hope, .hoping, .expect, .expecting, .aim, .aiming, .want, .land, .forecast, .projected, .need, .needs, .could, .would, .should, .might:
                    // "we'll get to 8", "on getting to 3", "to hit 35": a goal, not the value now.
                    // ("feeling good about partners, I would say 7": how it is put, not a goal.)
                    // ("I'll go with 8.1 for satisfaction": the value chosen.)
                    if hasNumberAhead(k, hi, within: 4) || goalNumberAhead(k, hi), !(w == .would && isWord(k + 1, hi, .say)), !(spelled(k + 1, ["go"]) && isWord(k + 2, hi, .with)) { goalTalk = true }
                case .make where isWord(k + 1, hi, .the) || isKind(k + 1, hi, .number):
                    // "6 out of 10 that we make the 400k": the target, not a value.
                    if hasNumberAhead(k, hi, within: 3) { goalTalk = true }
                case .hit where isWord(k - 1, hi, .to) && hasNumberAhead(k, hi, within: 3) && !spelled(k - 2, ["managed", "able", "got"]):
                    // "unlikely to hit 5", "on track to hit 20": the target, not the value now.
                    // ("managed to hit 3", "able to hit 70%": done.)
                    goalTalk = true
                case .hit where !isWord(k - 1, hi, .to) && isKind(k + 1, hi, .number):
                    // "hit 25" as a past fact counts; "to hit 35", "we'll hit" and "80% sure we hit 35" are goals.
                    if goalTalkBefore(k, lo) || r.confidence != nil || (k >= 2 && (isWord(k - 2, hi, .sure) || isWord(k - 2, hi, .unlikely) || isWord(k - 2, hi, .confident))) { goalTalk = true } else { absoluteCue = true }
                case .target, .goal:
                    goalTalk = hasNumberAhead(k, hi, within: 3) && !isWord(k + 1, hi, .of)
                case .half where isWord(k + 1, hi, .of) || isWord(k + 1, hi, .way) || isWord(k - 1, hi, .at):
                    if isWord(k + 2, hi, .target) || isWord(k + 2, hi, .goal) || isWord(k + 3, hi, .target) || isWord(k + 3, hi, .goal) || isWord(k + 1, hi, .way) {
                        addCandidate(k, role: .shareOfTarget(0.5), value: 0.5, alternative: nil, strong: true)
                        k += isWord(k + 2, hi, .the) ? 4 : 3
                        continue
                    }
                case .halfway:
                    addCandidate(k, role: .shareOfTarget(0.5), value: 0.5, alternative: nil, strong: true)
                    // "halfway to the 20 partner customers": the target, not a value.
                    if isWord(k + 1, hi, .to) {
                        var j = k + 2
                        if isWord(j, hi, .the) || isWord(j, hi, .our) { j += 1 }
                        if isKind(j, hi, .number) { k = j + 1; continue }
                    }
                case _ where (w == .a || w == .one) && (relativeSign != 0 || directionWord != 0) && (isWord(k + 1, hi, .point) || isWord(k + 1, hi, .points) || isWord(k + 1, hi, .percent) || isWord(k + 1, hi, .day) || isWord(k + 1, hi, .deal) || isWord(k + 1, hi, .partner)):
                    // "renewals up a point", "close rate up one point"
                    addCandidate(k, role: .relative(directionWord == 0 ? relativeSign : directionWord), value: 1, alternative: nil, strong: false)
                    relativeSign = 0
                    k += 2
                    continue
                case .half where relativeSign != 0 || directionWord != 0:
                    // "dipped half a point"
                    addCandidate(k, role: .relative((directionWord == 0 ? relativeSign : directionWord) * 0.5), value: 0.5, alternative: nil, strong: false)
                    relativeSign = 0
                    if isWord(k + 1, hi, .a) || isWord(k + 1, hi, .one) { k += 1 }
                    if isWord(k + 1, hi, .point) || isWord(k + 1, hi, .points) || isWord(k + 1, hi, .percent) { k += 1 }
                case .none where spelled(k, Self.withoutWords) && spelled(k + 1, Self.itWords) && (hasNumberAhead(k + 1, hi, within: 4) || isKind(k + 2, hi, .comma) && hasNumberAhead(k + 2, hi, within: 4)):
                    // "that still includes the Stark opp we disqualified (90k). Without it we're at $600k":
                    // the value without what was doubted corrects it; without a doubt ("not sure the 40k
                    // opp is qualified. Without it, 108k") it is one of two values.
                    if saysPartRuledOut(before: k) {
                        r.epochs += 1
                        r.trailingCorrection = true
                        previousValue = false
                        correctedUpTo = k + 2
                    } else {
                        r.either = true
                    }
                    k += 2
                    continue
                case .none where spelled(k, Self.foreignBeVerbs) && spelled(k + 1, Self.foreignAtWords) && isKind(k + 2, hi, .number):
                    // "tá em 26%", "liegt bei 26 %", "staat op 26%": what it is at now.
                    absoluteCue = true
                    k += 2
                    continue
                default:
                    // "I wrote renewal rate 93% but ...": what was written before, not the value now.
                    // (Not "what I posted earlier: coverage is 71": what follows "is" or a colon is now.)
                    if w == .none || w == .said, isWord(k - 1, hi, .i), spelled(k, ReplyReader.quoteVerbs),
                       let number = (k + 1..<min(hi, k + 6)).first(where: { tokens[$0].kind == .number }),
                       !(k + 1..<number).contains(where: { tokens[$0].kind == .colon || isWord($0, hi, .is) || isWord($0, hi, .are) || isWord($0, hi, .its) }),
                       // (Only when the sentence says it was off: "Like I said deals 5" is the value.)
                       case let end = (number..<tokens.count).first(where: { isSentenceStop($0) }) ?? tokens.count,
                       (sentenceStart..<end).contains(where: { $0 != number && (spelled($0, Self.doubtWords) || isWord($0, tokens.count, .wrong) || spelled($0, Self.notCountingWords)) }) {
                        previousValue = true
                        r.wroteBefore = true
                    }
                    // "dreaming of 250k", "I wish it was 5", "On vise 100 %", "Meta: chegar a 1,2 mi": a wish
                    // or a goal, not the value.
                    if w == .none || w == .reach, spelled(k, Self.reachVerbs), hasNumberAhead(k, hi, within: 3), !(max(lo, k - 3)..<k).contains(where: { spelled($0, Self.managedWords) }) {
                        goalTalk = true
                    }
                    if w == .none, spelled(k, Self.wishWords), !spelled(k, Self.wishNouns) && hasNumberAhead(k, hi, within: 4)
                        || spelled(k, Self.wishNouns) && hasNumberAhead(k, hi, within: 6) && (isWord(k + 1, hi, .of) || isWord(k + 1, hi, .about) || isKind(k + 1, hi, .colon) || spelled(k + 1, Self.ofWords) || isWord(k - 1, hi, .i) || isWord(k - 1, hi, .we)) {
                        goalTalk = true
                    }
                    // "ungefähr 70 %, genaue Zahl kommt heute Nachmittag", "exact number after the export": a
                    // placeholder until the real value comes.
                    if w == .none, saysExactComesLater(k, hi) { r.hedged = true }
                    // "looking like ~800k", "trending towards 30", "heading for 5": where it seems to be going.
                    if w == .none, r.candidates.isEmpty, saysWhereItIsHeading(k, hi) { r.hedged = true }
                    // "0.9% for the month, which annualised is roughly 10.5": a value worked out from another.
                    if w == .none, spelled(k, Self.derivedWords) { r.hedged = true }
                    // ("sixteen no wait seventeen percent": the value the correction gives, when a value
                    // was said before it and the words count nothing else.)
                    if let (number, spokenEnd) = spokenNumber(at: k, hi),
                       numberWordIsValue(k, hi, target: target, entry: entryWords)
                        // ("upsell fifteen", "win rate twenty five": dictated right after the name.)
                        // ("pipeline one hundred and ten thousand", "a hundred and thirty thousand": more than one word.)
                        // ("Deals: four", "deals - vier": a colon or a dash between.)
                        || (w != .one && w != .a && w != .an || spokenEnd - k >= 3) && refs.count == 1
                        && (refs[0].hi == k || refs[0].hi == k - 1 && (isKind(k - 1, hi, .colon) || isKind(k - 1, hi, .dash) || isKind(k - 1, hi, .equals)))
                        && !isWord(spokenEnd, hi, .of) && !spelled(spokenEnd, Self.afterSpokenChange)
                        // ("upsell twenty accounts": a count of something else.)
                        && countedNoun(spokenEnd, hi).map({ nounBelongs($0, spokenEnd, to: entryWords, target: target) }) ?? true
                        && !(lo..<hi).contains(where: { j in (j < k || j >= spokenEnd) && (tokens[j].kind == .number || tokens[j].kind == .word && tokens[j].word.numberValue != nil) })
                        || k == correctedUpTo && !r.candidates.isEmpty && w != .one && w != .a && w != .an && !isWord(spokenEnd, hi, .of)
                        && countedNoun(spokenEnd, hi).map({ nounBelongs($0, spokenEnd, to: entryWords, target: target) }) ?? true {
                        var next = spokenEnd
                        var value = number
                        if monthFigure(before: k, lo, hi) { r.hedged = true }
                        // ("demo conversion twenty eight thirty": two numbers said in a row, 28 or 30 or
                        // 28.30? Asked.)
                        // (Not "nine point eight three accounts lost", "a dozen": a count of something, a
                        // number of its own.)
                        if w != .a, w != .an, spokenEnd < hi, tokens[spokenEnd].kind == .word, word(spokenEnd, hi) != .a, word(spokenEnd, hi) != .an,
                           let (_, secondEnd) = spokenNumber(at: spokenEnd, hi),
                           secondEnd >= hi || tokens[secondEnd].kind != .word || spelled(secondEnd, ["percent", "pct", "k", "days"]) { r.hedged = true }
                        // "at twenty three new": 20 with three new, or 23 new? Asked.
                        if number >= 20, spokenEnd == k + 1, word(k + 1, hi).numberValue != nil, isWord(k + 2, hi, .new) || isWord(k + 2, hi, .more) { r.hedged = true }
                        // "ninety to percent", "twenty for percent": dictation that heard "two" as "to" and "four" as
                        // "for"; asked, proposing 92 and 24.
                        if number >= 20, number.truncatingRemainder(dividingBy: 10) == 0, spokenEnd == k + 1, isWord(k + 1, hi, .to) || spelled(k + 1, ["too"]) || isWord(k + 1, hi, .for),
                           k + 2 >= hi || tokens[k + 2].kind != .word && tokens[k + 2].kind != .number || spelled(k + 2, ["percent", "pct", "points", "days"]) {
                            value = number + (isWord(k + 1, hi, .for) ? 4 : 2)
                            next = k + 2
                            r.hedged = true
                        }
                        // "we need to get to thirty": a goal, as with digits.
                        if goalTalk || previousValue {
                            goalTalk = false
                            previousValue = false
                            k = next
                            continue
                        }
                        if w == .a || w == .an, isWord(next, hi, .dozen) { value = 12; next += 1 }
                        // ("a couple more": about two, so asked with 2 proposed.)
                        if w == .a || w == .an, isWord(next, hi, .couple) { value = 2; next += 1; r.hedged = true; if isWord(next, hi, .of) { next += 1 } }
                        if conditional { k = next; continue }
                        // ("tech partners to three by end of quarter", "commit two", "a hundred eighty k
                        // should land": another period, a forecast's figure or a wish, as with digits.)
                        if saidForOtherPeriod(next, hi) || modalRightAfter(next, hi) || spelled(k - 1, Self.forecastCategories) {
                            k = next
                            continue
                        }
                        let more = isWord(next, hi, .more) || isWord(next, hi, .new) || isWord(next, hi, .additional) || isWord(next, hi, .extra)
                        // ("Two more of that size in the pipe": more of something else.)
                        if more, isWord(next + 1, hi, .of), spelled(next + 2, ["that", "those", "this", "these"]), spelled(next + 3, ["size", "kind", "type", "sort", "caliber", "calibre"]) { k = next + 4; continue }
                        // "two more deals should close by Dec 15": a forecast, as with digits.
                        if !afterName, !absoluteCue, forecastAfter(next, hi) { k = next; continue }
                        if stillWaiting(next, hi) || saysDecade(k, hi) { r.hedged = true }
                        if countsWhatWentAway(next, hi) {
                            if !r.candidates.isEmpty, r.commentStart == nil { r.commentStart = k }
                            k = next
                            continue
                        }
                        if isWord(next, hi, .more), stillToCome(afterMore: next, hi) {
                            if !r.candidates.isEmpty, r.commentStart == nil { r.commentStart = k }
                            k = next + 1
                            continue
                        }
                        if relativeSign != 0 || more {
                            addCandidate(k, role: .relative((relativeSign == 0 ? 1 : relativeSign) * value), value: value, alternative: nil, strong: false)
                        } else {
                            addCandidate(k, role: .absolute, value: value, alternative: nil, strong: absoluteCue)
                        }
                        relativeSign = 0
                        absoluteCue = false
                        k = more ? next + 1 : next
                        continue
                    }
                    if let ordinal = ordinalAt(k, hi, entry: entryWords) {
                        addCandidate(k, role: .absolute, value: Double(ordinal), alternative: nil, strong: false)
                        k += 1
                        continue
                    }
                    // A named milestone done: "Assign reps done", "accounts migrated".
                    if let entry = entryWords, !entry.milestoneWords.isEmpty, let (position, next) = milestone(named: k, hi, in: entry.milestoneWords) {
                        r.milestone = position + 1
                        k = next
                        continue
                    }
                    // Currency words after a value ("725 mil dólares") are read with the number.
                    if !r.candidates.isEmpty, r.commentStart == nil, k > lo, tokens[k - 1].kind == .number || tokens[k - 1].kind == .word && word(k - 1, hi).magnitude != nil,
                       isUnitWord(k, hi, target: target) || currencyAfter(k - 1) != nil {
                        // units and currency names right after the value belong to it
                    } else if r.commentStart == nil, r.candidates.contains(where: { $0.epoch == r.epochs }) && depth >= lastValueDepth || r.noChange && !(heldAt.map { k < $0 } ?? false) || r.done,
                              w == .none || WordSet.reactions.contains(w) || WordSet.chatter.contains(w) && w != .from || isOthersConfidence(k), !isUnitWord(k, hi, target: target) {
                        // Any other word after the value starts the comment.
                        if !isFiller(w) { r.commentStart = r.commentStart ?? k }
                        // ("entre 25 et 26 %", "3 erbij denk ik": right where the comment would start.)
                        if let next = takeOfferedValue(k) {
                            r.commentStart = nil
                            k = next
                            continue
                        }
                        noteRoughOrMore(k)
                    }
                }
                if w != .not && w != .no && !WordSet.negations.contains(w) && w != .none { negated = negated && (w == .very || w == .so || w == .too || w == .yet || w == .finally) }
            case .other, .mention:
                // "> 45k": a comparison; "~40": about 40. After a value, "& counting", a quote or a
                // mention start the comment.
                if r.commentStart == nil, r.candidates.contains(where: { $0.epoch == r.epochs }), token.kind == .mention || !(bytes[token.start] == UInt8(ascii: "~") || bytes[token.start] == UInt8(ascii: ">") || bytes[token.start] == UInt8(ascii: "<") || bytes[token.start] == UInt8(ascii: ".") || bytes[token.start] == UInt8(ascii: "!") || bytes[token.start] == UInt8(ascii: "?") || bytes[token.start] >= 0xE2) {
                    r.commentStart = k
                }
            default:
                break
            }
            k += 1
        }
        // ("churn 9.8 in October": the only number is another month's; asked, not dropped.)
        if r.candidates.isEmpty, !r.noChange, let other = otherPeriodValue, !refs.isEmpty {
            addCandidate(other, role: .absolute, value: tokens[other].value, alternative: tokens[other].alternative, strong: false)
            r.hedged = true
        }
        // "everything of mine unchanged except pipeline": the key result named is the one that changed.
        if r.noChange, let ref = refs.first, ref.lo > lo, isExceptWord(ref.lo - 1) && !spelled(ref.lo - 1, ["apart"]) || ref.lo - 2 >= lo && spelled(ref.lo - 1, ["from", "than"]) && spelled(ref.lo - 2, ["apart", "other"]) {
            r.noChange = false
        }
        // ("coverage +5 (was 70)", "+30k, was 90k", "+2 — was 8", "up 5 from 70", "down 2 days from 51
        // days", "up 5 from last week's 70", "+50k (last week was 600k)": the value a change was said
        // to start from, right after the change; not "+50k from 2 new demos", "+1, Kessler was 95% of
        // ARR", "+0.3, target was 8.5". A bare "110" after "+10k" is 110k.)
        if let change = r.candidates.last(where: { if case .relative = $0.role { return true }; return false }), let target,
           !(lo..<hi).contains(where: { correctionAt($0, hi) != nil }) {
            var j = afterNumber(change.token, hi)
            // ("+2 partner customers (was 8)": the name between.)
            if let ref = refs.first(where: { $0.lo == j }) { j = ref.hi }
            if isUnitWord(j, hi, target: target) { j += 1 }
            if isKind(j, hi, .open) || isKind(j, hi, .comma) || isKind(j, hi, .dash) { j += 1 }
            if isWord(j, hi, .last), isWord(j + 1, hi, .week) || spelled(j + 1, ["week's", "weeks"]) { j += 2 }
            var n = -1
            if isWord(j, hi, .was) {
                n = j + 1
                if isWord(n, hi, .actually) || spelled(n, ["really"]) { n += 1 }
                if isWord(n, hi, .at) { n += 1 }
            }
            if isWord(j, hi, .from) { n = isWord(j + 1, hi, .last) && spelled(j + 2, ["week's", "weeks", "wk's"]) ? j + 3 : j + 1 }
            if n > 0, isKind(n, hi, .number), !tokens[n].delta, tokens[n].currency == nil || Self.currencyCode(target.unit) == tokens[n].currency,
               // (The token right after it: "from 2 deals" is a count, though "deals" goes with the number.)
               case let after = n + 1,
               // (After "from", only its unit: "from 51 days"; not "from 40 accounts reviewed", "from 2 upsells".)
               after >= hi || tokens[after].kind != .word || isWord(after, hi, .last) || isWord(after, hi, .to)
                || isUnitWord(after, hi, target: target) && (isWord(j, hi, .was) || target.unit == .days && spelled(after, ["days", "d", "day"]) || spelled(after, ["k", "pts", "pct", "percent"]))
                || isWord(j, hi, .was) && isWord(after, hi, .in) && (isWord(after + 1, hi, .last) || isWord(after + 1, hi, .the) && isWord(after + 2, hi, .last)) {
                var base = tokens[n].value
                // ("+10k (was 110)": the change's magnitude.)
                if let last = target.lastValue, !tokens[n].scaled, tokens[change.token].scaled, last >= 1000, base < 1000, abs(base * 1000 - last) < abs(base - last) { base *= 1000 }
                r.statedBase = base
            }
            // ("last week's conversion was actually 25 not 26, ... +2 on top of that": last week's value
            // said in the sentence before the change.)
            if r.statedBase == nil, let was = (sentenceStart..<change.token).first(where: { isWord($0, hi, .was) && (max(sentenceStart, $0 - 4)..<$0).contains { spelled($0, ["week's", "weeks", "week"]) && isWord($0 - 1, hi, .last) } }) {
                var n = was + 1
                if isWord(n, hi, .actually) || spelled(n, ["really"]) { n += 1 }
                if isKind(n, hi, .number), !tokens[n].delta { r.statedBase = tokens[n].value }
            }
        }
        // Numbers in parentheses are comments when there is a value outside them, unless the
        // parenthesis opens with a correction of it: "760k (edit: 706k, typo)" (but not "74%
        // (last week's 68 was wrong, should have been 71)").
        if parenValue, let outside = r.candidates.filter({ !isInParens($0.token, lo, hi) }).map(\.epoch).max() {
            r.candidates = r.candidates.filter { !isInParens($0.token, lo, hi) || $0.epoch > outside && correctedInParens.contains($0.epoch) }
        }
        return r
    }

    // MARK: Pieces of the scan

    /// "ungefähr 70 %, genaue Zahl kommt heute Nachmittag", "exact number after the export": a
    /// placeholder until the real value comes.
    func saysExactComesLater(_ k: Int, _ hi: Int) -> Bool {
        spelled(k, Self.exactAdjectives) && spelled(k + 1, Self.numberNouns) && !hasNumberAhead(k + 1, hi, within: 3)
            && (k + 2..<min(hi, k + 7)).contains(where: { spelled($0, Self.laterWords) || isWord($0, hi, .after) || isWord($0, hi, .tomorrow) })
    }

    /// Words that offer another value right after one: "maybe 26", "et 26 %", "oder 5".
    static let offeringWords = Spellings(["maybe", "perhaps", "possibly", "probably", "or", "forse", "vielleicht", "eher", "quizás", "quizas", "talvez",
                                          "peut-être", "misschien", "kanske", "może", "moze", "chyba", "oder", "ou", "o", "of", "eller", "lub", "albo",
                                          "und", "et", "y", "e", "en", "och"])
    /// Of those, the ones that join a range ("entre 25 et 26 %"): the number after one must end the clause.
    static let rangeJoins = Spellings(["und", "et", "y", "e", "en", "och"])

    /// The number the word at `k`, right after a value, offers as another one for the same thing:
    /// "25% - about, maybe 26", "entre 25 et 26 %" (not "and 3 new logos", a count of something else).
    func anotherValueOffered(_ k: Int, _ hi: Int, after candidate: Candidate?) -> Int? {
        guard let candidate, case .absolute = candidate.role, spelled(k, Self.offeringWords), candidate.token < k,
              // (Not "27 (8 of 30)": only words and marks between the value and the offer.)
              !(candidate.token + 1..<k).contains(where: { tokens[$0].kind == .number }),
              let n = (k + 1..<min(hi, k + 3)).first(where: { tokens[$0].kind == .number }),
              (k + 1..<n).allSatisfy({ tokens[$0].kind == .comma || spelled($0, Self.offeringWords) || isWord($0, hi, .around) || isWord($0, hi, .about) }) else { return nil }
        let a = tokens[candidate.token]
        let b = tokens[n]
        guard !b.delta, b.denominator == nil, b.currency == nil || b.currency == a.currency, !b.percent || a.percent || !a.hasFraction && a.value <= 100 else { return nil }
        let after = afterNumber(n, hi)
        // ("churn 9,8 % und 3 neue Kunden verloren": a count of something else.)
        if spelled(k, Self.rangeJoins), a.percent && !b.percent || after < hi && tokens[after].kind == .word && !isUnitWord(after, hi, target: nil) { return nil }
        return countedNounAhead(after, hi) == nil && !isDatePart(n, hi) && !isTimePart(n, hi) ? n : nil
    }

    /// "it's more like 24", "55 if you include the ones we lost", "30% for the quarter", "30% QTD" at
    /// the number `k`: the value `first` said before, read another way.
    func readsAnotherWay(_ k: Int, _ hi: Int, than first: Candidate) -> Bool {
        let (a, b) = (tokens[first.token], tokens[k])
        guard b.currency == a.currency, !b.percent || a.percent, abs(b.value - a.value) <= max(a.value, b.value) / 2 else { return false }
        let after = afterNumber(k, hi)
        // ("72%, closer to 75% by Friday": what it will be.)
        if saidForOtherPeriod(after, hi) || futureTimeAfter(after, hi) { return false }
        return isWord(k - 1, hi, .like) && isWord(k - 2, hi, .more) || isWord(k - 1, hi, .to) && spelled(k - 2, ["closer", "nearer"])
            || isWord(after, hi, .if) && (isWord(after + 1, hi, .you) || isWord(after + 1, hi, .we) || isWord(after + 1, hi, .i)) && spelled(after + 2, Self.readingVerbs)
            || isWord(after, hi, .for) && (isWord(after + 1, hi, .the) || isWord(after + 1, hi, .this)) && spelled(after + 2, Self.longPeriods) || spelled(after, ["qtd", "ytd", "mtd"])
    }

    /// A name right before the verb at `k` that is no key result: "Kessler dropped 2", "Acme added 3".
    func namedOtherBefore(_ k: Int, _ refs: [Reference]) -> Bool {
        let j = k - 1
        // (Not a teammate, "Li added 2", nor a day, "Monday added 2".)
        guard j >= 0, tokens[j].kind == .word, tokens[j].word == .none, (0x41...0x5A).contains(bytes[tokens[j].start]),
              !refs.contains(where: { $0.lo <= j && j < $0.hi }), index.hits(for: text(j)).isEmpty, !namesDay(j, tokens.count) else { return false }
        return lookUpPerson(at: j) == nil
    }

    static let derivedWords = Spellings(["annualised", "annualized", "annualising", "annualizing", "extrapolated", "hochgerechnet", "anualizado", "annualisé"])

    /// "looking like ~800k", "shaping up to be 30", "trending towards 30", "heading for 5", "looks like
    /// about 800k" at `k`, right before the number ("looks like 800k" alone is what someone sees).
    func saysWhereItIsHeading(_ k: Int, _ hi: Int) -> Bool {
        var j = k + 1
        if spelled(k, ["looking", "looks"]), isWord(j, hi, .like) { j += 1 } else if spelled(k, ["shaping"]), isWord(j, hi, .up), isWord(j + 1, hi, .to), isWord(j + 2, hi, .be) { j += 3 }
        else if spelled(k, ["trending", "heading", "tracking"]), isWord(j, hi, .to) || isWord(j, hi, .for) || spelled(j, ["towards", "toward"]) { j += 1 } else { return false }
        let rough = isWord(j, hi, .about) || isWord(j, hi, .around) || isWord(j, hi, .roughly) || isSymbol(j, hi, UInt8(ascii: "~"))
        let number = rough ? j + 1 : j
        guard isKind(number, hi, .number) else { return false }
        return !spelled(k, ["looks"]) || rough
    }

    /// "55 if you include the ones we lost", "if we count the LOI": what changes how a value is read.
    static let readingVerbs = Spellings(["include", "count", "exclude", "add", "take", "use", "drop", "remove", "leave", "consider"])
    /// Words right after a value that say it is rough: "23 – circa", "3 erbij denk ik", "27, I think".
    static let roughAfterWords = Spellings(["circa", "approx", "approximately", "roughly", "ungefähr", "etwa", "ongeveer", "ungefär", "około", "environ",
                                            "aprox", "aproximadamente", "cerca", "grob", "schätzungsweise", "geschätzt"])
    /// Whether what follows a confidence ("about conversion", "on the pipeline") names a key result
    /// other than `entry`.
    func aboutAnother(_ j: Int, _ hi: Int, than entry: Int?) -> Bool {
        // ("feeling good after the team dinner": a mood, not how sure.)
        if isWord(j, hi, .after), (j + 1..<min(hi, j + 5)).contains(where: { spelled($0, Self.socialEvents) }) { return true }
        // ("pretty confident they'll actually show up": about what others will do.)
        if spelled(j, ["they'll", "theyll", "they", "he'll", "she'll", "he", "she"]) { return true }
        // ("Not sure that's how it works": about the process, not how sure of the numbers.)
        if isWord(j, hi, .thats) || isWord(j, hi, .its) || isWord(j, hi, .itsContraction) || isWord(j, hi, .this) && isWord(j + 1, hi, .is),
           spelled(isWord(j, hi, .this) ? j + 2 : j + 1, ["how", "allowed", "ok", "okay", "possible", "the"]) { return true }
        // ("not sure yet if Dana wants to join the kickoff call": what someone else will do.)
        var w = j
        if isWord(w, hi, .yet) { w += 1 }
        if isWord(w, hi, .if) || spelled(w, ["whether"]), let who = person(at: w + 1) ?? (isWord(w + 1, hi, .the) ? nil : person(at: w + 2)), who != index.author { return true }
        // ("Not sure yet whether Globex even counts": about a customer, named, not a key result.)
        if isWord(w, hi, .if) || spelled(w, ["whether"]), isKind(w + 1, hi, .word), tokens[w + 1].word == .none, (0x41...0x5A).contains(bytes[tokens[w + 1].start]),
           index.hits(for: text(w + 1)).isEmpty { return true }
        guard let entry, isWord(j, hi, .about) || isWord(j, hi, .on) || isWord(j, hi, .for) else { return false }
        var k = j + 1
        if isWord(k, hi, .the) || isWord(k, hi, .our) { k += 1 }
        // (The name may start the next clause: "satisfaction 7.9, kinda shaky on the conversion one"
        // is split before "conversion".)
        guard k < tokens.count, k < hi || k == hi && k > j + 1, tokens[k].kind == .word else { return false }
        // ("satisfaction 7.9, not sure on the Globex one": a customer, named.)
        if isWord(k - 1, hi, .the), bytes[tokens[k].start] &- UInt8(ascii: "A") < 26, index.hits(for: text(k)).isEmpty, person(at: k) == nil,
           isWord(k + 1, hi, .one) || spelled(k + 1, ["deal", "account", "renewal", "contract", "opp", "opportunity"]) { return true }
        let hits = index.hits(for: text(k))
        return !hits.isEmpty && !hits.contains { Int($0.entry) == entry }
    }

    static let foreignWas = Spellings(["war", "waren", "era", "eran", "était", "étaient", "var", "był", "była", "były", "foi", "fue", "fueron", "erano", "waren"])
    static let insteadWords = Spellings(["statt", "anstatt", "instead", "vez", "lieu", "plaats", "invece", "stället"])
    /// Whether, since the last value outside parentheses before `k`, a word rules a part of it out
    /// ("690k ... includes the Stark opp we disqualified (90k). Without it"), not "almost lost".
    func saysPartRuledOut(before k: Int) -> Bool {
        var depth = 0
        var lastValue = -1
        for j in 0..<k {
            if tokens[j].kind == .open { depth += 1 } else if tokens[j].kind == .close { depth = max(0, depth - 1) }
            if tokens[j].kind == .number, depth == 0 { lastValue = j }
        }
        guard lastValue >= 0 else { return false }
        return (lastValue + 1..<k).contains { j in
            spelled(j, Self.disqualifyingWords) && !spelled(j - 1, ["almost", "nearly", "never", "not", "fast", "casi", "quase", "presque", "quasi"])
        }
    }

    /// Whether "(,) (the) first/second/... one" follows at `j` (past the clause's end too).
    func positionFollows(_ j: Int) -> Bool {
        var k = j
        while k < tokens.count, k < j + 2, tokens[k].kind == .comma || tokens[k].kind == .dash { k += 1 }
        if k < tokens.count, tokens[k].kind == .word, tokens[k].word == .the { k += 1 }
        let n = tokens.count
        return spelled(k, Self.ordinalWords) && spelled(k + 1, Self.positionNouns)
            && (isWord(k + 2, n, .should) || isWord(k + 2, n, .is) || isWord(k + 2, n, .was) || isWord(k + 2, n, .its) || isWord(k + 2, n, .typo) || isKind(k + 2, n, .colon))
    }

    static let ofWhichWords = Spellings(["davon", "dont", "waarvan", "varav", "whereof"])
    static let laterReportVerbs = Spellings(["post", "update", "confirm", "report", "send", "share", "check", "follow"])
    static let stepWords = Spellings(["phase", "step", "stage", "part", "schritt", "phase", "fase", "etapa", "étape", "stufe"])
    /// Whether the subject ending at `j` is qualified ("the DACH number", "the enterprise segment's
    /// number", "last week's count"), not plain ("the total", "my number", "mine", "it").
    func qualifiedSubject(_ j: Int, _ hi: Int) -> Bool {
        guard j >= 1, tokens[j].kind == .word else { return false }
        if text(j - 1).count > 2, text(j - 1).suffix(2).elementsEqual("'s".utf8) { return true }
        guard tokens[j - 1].kind == .word else { return false }
        let w = tokens[j - 1].word
        return !(w == .the || w == .my || w == .our || w == .this || w == .that || w == .its || w == .it || w == .so || w == .and || w == .but || w == .hmm || w == .ok || w == .oh)
            && !spelled(j - 1, ["his", "her", "their", "ugh", "well", "total", "real", "actual", "final", "overall"])
    }

    static let remainingWords = Spellings(["left", "remaining", "missing", "open", "pending", "outstanding", "übrig", "offen", "restante", "restantes"])
    /// Words that say a value is out of date: "the dashboard says 68% but it's stale".
    static let staleWords = Spellings(["stale", "outdated", "refreshed", "old", "wrong", "out-of-date", "lagging", "veraltet", "desactualizado", "desatualizado"])
    static let statisticWords = Spellings(["median", "average", "avg", "mean", "weighted", "p50", "p90", "benchmark", "industry", "target", "goal", "forecast",
                                           "plan", "budget", "quota", "minimum", "maximum"])

    /// Words that say part of a value should not be in it: "includes the Stark opp we disqualified".
    static let disqualifyingWords = Spellings(["disqualified", "lost", "dead", "cancelled", "canceled", "closed-lost", "double-counts", "double-counted",
                                               "double-counting", "duplicate", "duplicated", "inflated", "overstated", "wrong", "shouldn't", "stale", "outdated",
                                               "dropped", "churned", "verloren", "perdido", "perdu", "perso", "storniert", "cancelado", "annulé"])
    static let socialEvents = Spellings(["dinner", "lunch", "party", "weekend", "holiday", "holidays", "vacation", "offsite", "coffee", "drinks", "break", "trip", "game"])
    static let caveatWords = Spellings(["caveat", "caveats", "reservation", "vorbehalt", "ressalva", "salvedad", "réserve", "riserva", "kanttekening"])
    static let itWords = Spellings(["it", "that", "this", "them", "those", "these", "es", "das", "dem", "den", "ihn", "ello", "eso", "isso", "ça", "cela", "esso", "dat", "det"])
    static let withoutWords = Spellings(["without", "excluding", "minus", "ohne", "sin", "sem", "sans", "senza", "zonder", "utan", "bez"])
    static let foreignBeVerbs = Spellings(["tá", "está", "esta", "estamos", "liegt", "liegen", "ligt", "liggen", "staat", "staan", "sta", "stiamo", "è", "siamo",
                                           "est", "sommes", "ist", "sind", "är", "ligger", "jest", "jesteśmy"])
    static let foreignAtWords = Spellings(["em", "en", "bei", "op", "à", "a", "al", "på", "na", "auf", "w"])
    /// "3 reseller deals erbij", "2 Partner dazu": more, said at `k` after what `candidate` counted
    /// (only at the clause's end or before "this week" / "denk ik": not "2 más o menos", "nicht mehr").
    func saysMoreAfter(_ k: Int, _ hi: Int, _ candidate: Candidate) -> Bool {
        guard spelled(k, Self.moreAfterWords), k + 1 >= hi || tokens[k + 1].kind != .word || spelled(k + 1, Self.thisWords) || spelled(k + 1, Self.thinkVerbs) || spelled(k + 1, Self.thinkSubjects),
              !isWord(k - 1, hi, .not), !isWord(k - 1, hi, .nicht), !isWord(k - 1, hi, .or), !spelled(k - 1, ["não", "no", "niet", "inte", "leider", "oder", "o", "ou"]), case .absolute = candidate.role else { return false }
        let from = afterNumber(candidate.token, hi)
        return from <= k && k - from <= 3 && (from..<k).allSatisfy { tokens[$0].kind == .word }
    }

    /// "erbij", "dazu": more, after what was counted ("3 reseller deals erbij").
    /// "should close the quarter at three", "will end the year with 6": after a modal, within the
    /// same clause, a number after "at", "to" or "with" is where it will be.
    func goalNumberAhead(_ k: Int, _ hi: Int) -> Bool {
        var j = k + 1
        while j < min(hi, k + 8) {
            if isKind(j, hi, .number) || tokens[j].kind == .word && tokens[j].word.numberValue != nil {
                return isWord(j - 1, hi, .at) || isWord(j - 1, hi, .to) || isWord(j - 1, hi, .with)
            }
            guard tokens[j].kind == .word else { return false }
            j += 1
        }
        return false
    }

    /// "(well, almost", ", presque", "- fast" right after a value at `j`: the value is not reached yet.
    func almostAfter(_ j: Int, _ hi: Int) -> Bool {
        var m = j
        while m < min(hi, j + 4), isKind(m, hi, .open) || isKind(m, hi, .comma) || isKind(m, hi, .dash) || spelled(m, Self.almostLeadIns) { m += 1 }
        // (Ending there, or before a mark: not "almost there", "almost doubled", "almost all from Hansa".)
        // ("3, almost signed", "casi firmado", "presque signé": not done yet either.)
        let ends = m + 1 >= hi || tokens[m + 1].kind != .word && tokens[m + 1].kind != .number
            || spelled(m + 1, ["signed", "closed", "done", "finished", "there", "firmado", "firmada", "signé", "signée", "unterschrieben", "fechado", "firmato", "getekend", "klar", "gotowe"]) && !spelled(m + 1, ["there"])
        return m < hi && (m > j || ends) && (spelled(m, Self.almostWords) || spelled(m, ["fast"]) && (m > j || isKind(m - 1, hi, .open))) && ends
    }

    /// "No change" words of other languages okrd reads only right after a key result's name.
    static let newNoChangeWords = Spellings(["inchangé", "inchangée", "inchangés", "ongewijzigd", "onveranderd", "oförändrad", "oförändrat", "değişmedi", "invariato", "invariata",
                                             "inalterado", "inalterada", "niezmieniony", "niezmienione", "bez", "geen", "ingen"])
    static let durationWordsAbroad = Spellings(["weeks", "weken", "semaines", "wochen", "settimane", "veckor", "tygodni", "haftadır", "hafta", "jours", "giorni", "days", "dagen", "tage",
                                                 "dagar", "dni", "gün", "semanas", "months", "maanden", "mois", "monate", "mesi", "månader", "miesięcy", "ay", "meses"])
    /// "except" in the languages okrd reads: the one list the exception rules build on.
    static let exceptWordsEverywhere = ["except", "sauf", "behalve", "außer", "ausser", "excepto", "tranne", "förutom", "oprócz"]
    static let exceptWordsAbroad = Spellings(exceptWordsEverywhere + ["salvo", "hariç", "but"])

    /// Whether the word at `k` comes right after the key result's name ("churn: inchangé", "tech-partners
    /// bez zmian"), in a clause with no number and no exception.
    func noChangeOfName(_ k: Int, _ lo: Int, _ hi: Int, refs: [Reference]) -> Bool {
        var named = false
        for ref in refs where ref.hi == k || ref.hi == k - 1 && (isKind(ref.hi, hi, .colon) || isKind(ref.hi, hi, .dash) || spelled(ref.hi, ["is", "ist", "est", "es", "är", "jest", "è", "é"])) { named = true }
        guard named else { return false }
        // ("ongewijzigd sinds 3 weken", "inchangés depuis 3 semaines", "3 haftadır değişmedi": how long.)
        for j in lo..<hi where tokens[j].kind == .number && !spelled(j + 1, Self.durationWordsAbroad) || spelled(j, Self.exceptWordsAbroad) { return false }
        return true
    }

    static let betweenWords = Spellings(["between", "zwischen", "tussen", "entre", "tra", "fra", "między", "mellan", "arasında"])

    static let almostLeadIns = Spellings(["well", "ok", "okay", "enfin", "bueno", "naja", "also", "bon", "nou", "beh", "pues", "tja", "ehm", "uh", "um", "hm", "ja", "sì", "si", "oui", "sí"])

    static let almostWords = Spellings(["almost", "nearly", "casi", "quase", "presque", "bijna", "prawie", "quasi"])

    /// Words after a number that make it this week's: "68 and 74 this week", "5 and 3 signed so far".
    static let nowMarkers = Spellings(["now", "today", "this", "currently", "so", "as", "since", "signed", "is", "are", "after", "at", "right", "atm", "heute", "jetzt", "hoy", "ahora", "hoje", "agora"])

    /// Verbs of a number someone else asserts: "they claim 30%".
    static let claimVerbs = Spellings(["claim", "claims", "claimed", "boast", "boasts", "boasted", "brag", "brags", "bragged", "advertise", "advertises"])
    /// Words of a change in points: "lost 2 points", "gained 1 pt", "1 percentage point".
    static let pointWords = Spellings(["points", "point", "pts", "pt", "pp", "ppt", "ppts", "percent", "percentage", "punkte", "puntos", "pontos", "%"])
    /// Words that name a key result as a rate: "win rate gained 2" is in points.
    static let rateNameWords = Spellings(["rate", "rates", "conversion", "conv", "coverage", "churn", "share", "ratio", "percentage", "quote", "quota"])
    /// "lost", "gained", "added": a direction said by counting things.
    static let countingDirections = WordSet([.lost, .gained, .added])
    /// What people counted by a number did: "6 said yes", "3 agreed", "2 churned".
    /// What may follow what people did: "6 said yes", "12 showed up", "4 signed up".
    static let peopleDidObjects = Spellings(["yes", "no", "up", "out", "through", "in", "it", "and", "but", "so", "while", "this", "today", "yesterday", "last", "since",
                                             "on", "after", "ja", "sí", "si", "oui", "sim"])
    static let peopleDidVerbs = Spellings(["said", "says", "agreed", "replied", "answered", "responded", "bought", "accepted", "declined", "refused", "churned", "renewed",
                                           "cancelled", "canceled", "upgraded", "downgraded", "converted", "attended", "joined", "showed", "opened", "clicked", "purchased"])
    static let moreAfterWords = Spellings(["erbij", "dazu", "extra", "más", "mehr", "additional", "ytterligare"])
    static let thisWords = Spellings(["this", "deze", "diese", "esta", "este", "cette", "questa", "questo", "denna", "den", "week", "woche", "semana", "semaine", "settimana", "vecka"])
    static let thinkVerbs = Spellings(["think", "guess", "believe", "denk", "denke", "glaube", "glaub", "creo", "acho", "penso", "pense", "tror", "myślę", "mysle"])
    static let thinkSubjects = Spellings(["i", "ik", "ich", "je", "jag", "io", "eu", "yo"])

    /// Whether the words at `k`, right after a value, hedge it: "circa," / "ungefähr" / "denk ik" /
    /// "glaube ich" / "je pense" at the end of the clause.
    func hedgesValueBefore(_ k: Int, _ hi: Int) -> Bool {
        func endsHere(_ j: Int) -> Bool { j >= hi || tokens[j].kind == .comma || tokens[j].kind == .dash || tokens[j].kind == .other || tokens[j].kind == .semicolon }
        if spelled(k, Self.roughAfterWords), endsHere(k + 1) { return true }
        // "denk ik", "glaube ich", "ik denk", "je pense", "creo", "acho eu".
        if spelled(k, Self.thinkVerbs), endsHere(k + 1) || spelled(k + 1, Self.thinkSubjects) && endsHere(k + 2) { return true }
        if spelled(k, Self.thinkSubjects), spelled(k + 1, Self.thinkVerbs), endsHere(k + 2) { return true }
        return false
    }

    /// "all four milestones", "5 partners", "now 3 deals" at `k`: a count in the key result's own unit
    /// (its value, where it sits, and the token after the unit).
    func amountStated(after k: Int, _ hi: Int, entry: TargetIndex.Entry?, target: Target?) -> (Double, Int, Int)? {
        guard let target else { return nil }
        var j = k
        while isWord(j, hi, .all) || isWord(j, hi, .now) || isWord(j, hi, .at) { j += 1 }
        guard j < hi else { return nil }
        let value: Double
        if tokens[j].kind == .number, !tokens[j].percent, tokens[j].currency == nil, !tokens[j].delta {
            value = tokens[j].value
        } else if tokens[j].kind == .word, tokens[j].word != .a, tokens[j].word != .an, tokens[j].word != .one, let number = tokens[j].word.numberValue {
            value = number
        } else {
            return nil
        }
        guard let (noun, at) = countedNounAhead(j + 1, hi), at == j + 1, nounBelongs(noun, at, to: entry, target: target) else { return nil }
        return (value, j, at + 1)
    }

    /// A word the vocabulary does not know (a name, a region, a label).
    func isUnknownWord(_ k: Int) -> Bool {
        k >= 0 && k < tokens.count && tokens[k].kind == .word && tokens[k].word == .none
    }

    /// Whether a week label for another week comes shortly before the number at `k`, with no other
    /// number or comma between ("W47 15", "W49 should be 18").
    func labelledOtherWeek(_ k: Int, _ lo: Int) -> Bool {
        var j = k - 1
        while j >= max(lo, k - 3) {
            if isOtherWeek(j) { return true }
            if tokens[j].kind == .number || tokens[j].kind == .comma { return false }
            j -= 1
        }
        return false
    }

    /// A week label ("W47", "KW 47" is not one, "wk47", "CW49") for another ISO week than the reply's.
    func isOtherWeek(_ k: Int) -> Bool {
        guard let week = weekLabel(k) else { return false }
        return week != replyWeek
    }

    /// The week number of a label "W48", "wk48", "KW48", "CW48" at token `k`.
    func weekLabel(_ k: Int) -> Int? {
        guard k >= 0, k < tokens.count, tokens[k].kind == .word else { return nil }
        var word = text(k)
        guard word.count >= 2, word.count <= 4 else { return nil }
        let w = UInt8(ascii: "w")
        if word.first == w { word = word.dropFirst(); if word.first == UInt8(ascii: "k") { word = word.dropFirst() } }
        else if word.first == UInt8(ascii: "k") || word.first == UInt8(ascii: "c"), word.dropFirst().first == w { word = word.dropFirst(2) }
        else { return nil }
        guard !word.isEmpty, word.count <= 2, word.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return word.reduce(0) { $0 * 10 + Int($1 - 0x30) }
    }

    /// `Q3` at `k` when the reply is not written in the third quarter (of the calendar year).
    func isOtherQuarter(_ k: Int) -> Bool {
        guard k >= 0, k < tokens.count, tokens[k].kind == .word else { return false }
        let word = text(k)
        guard word.count == 2, word.first == UInt8(ascii: "q"), let digit = word.last, digit >= UInt8(ascii: "1"), digit <= UInt8(ascii: "4") else { return false }
        return Int(digit - UInt8(ascii: "0")) != (replyMonth - 1) / 3 + 1
    }

    /// `st`, `nd`, `rd`, `th` glued to the number before `k` ("3rd", "25th").
    func isOrdinalSuffix(_ k: Int) -> Bool {
        guard k > 0, k < tokens.count, tokens[k].kind == .word, tokens[k].start == tokens[k - 1].end, tokens[k].end - tokens[k].start == 2 else { return false }
        let (a, b) = (lower[tokens[k].start], lower[tokens[k].start + 1])
        return (a, b) == (0x73, 0x74) || (a, b) == (0x6E, 0x64) || (a, b) == (0x72, 0x64) || (a, b) == (0x74, 0x68)  // st nd rd th
    }

    static let exactWords: [StaticString] = ["exactly", "precisely"]
    static let measureWords: [StaticString] = ["excl", "excluding", "incl", "including", "without"]

    /// "to be exact", "to be precise" at `k`.
    func saysExact(_ k: Int, _ hi: Int) -> Bool {
        var j = k
        if isKind(j, hi, .comma) { j += 1 }
        return isWord(j, hi, .to) && isWord(j + 1, hi, .be) && spelled(j + 2, ["exact", "precise"])
    }

    /// "all" and "both" in other languages: "Confianza 7 en todo", "beide 🟡", "tutto 🟢".
    static let allWords = Spellings(["todo", "todos", "tudo", "ambos", "ambas", "alles", "beide", "beides", "tout", "tous", "les deux", "tutto", "tutti", "entrambi", "allebei", "alle"])

    /// The first light of the run of traffic lights that `k` is in.
    func lightRunStart(_ k: Int) -> Int {
        var a = k
        while a > 0, tokens[a - 1].kind == .emoji, tokens[a - 1].emoji.isTrafficLight { a -= 1 }
        return a
    }

    /// "last week was 🔴", "were 🟡": how it was, not how sure the author is now.
    func saidOfThePast(_ k: Int, _ hi: Int) -> Bool {
        isWord(k - 1, hi, .was) || isWord(k - 1, hi, .were)
    }

    /// Whether traffic light `k` is in a run of lights of different colours ("🟢🟢🟡").
    func inMixedLightRun(_ k: Int) -> Bool {
        var a = k
        var b = k
        while a > 0, tokens[a - 1].kind == .emoji, tokens[a - 1].emoji.isTrafficLight { a -= 1 }
        while b + 1 < tokens.count, tokens[b + 1].kind == .emoji, tokens[b + 1].emoji.isTrafficLight { b += 1 }
        return (a...b).contains { tokens[$0].emoji != tokens[k].emoji }
    }

    /// Whether "all", "both", "across the board", "each", "everything" follow within a few words.
    func saysAll(_ k: Int, _ hi: Int) -> Bool {
        // (Not past a comment's dash or a comma: "conf 8 - Initech demos all converted".)
        var end = min(hi, k + 5)
        if let stop = (k..<end).first(where: { tokens[$0].kind == .dash || tokens[$0].kind == .comma || tokens[$0].kind == .semicolon }) { end = stop }
        return saysAllWithin(k, end)
    }

    func saysAllWithin(_ k: Int, _ hi: Int) -> Bool {
        // ("not sure about either": either of them, so both.)
        // ("feeling good about the partner number overall": overall, of the key result named.)
        // ("not sure about partner customers at all": whatsoever, not every key result.)
        (k..<hi).contains { isWord($0, hi, .all) && !isWord($0 - 1, hi, .at) || isWord($0, hi, .both) || spelled($0, Self.allWords) || isWord($0, hi, .across) || isWord($0, hi, .each) || isWord($0, hi, .everything) || isWord($0, hi, .every)
            || isWord($0, hi, .overall) && !(k..<$0).contains(where: { index.hits(for: text($0)).isEmpty == false && tokens[$0].kind == .word })
            || isWord($0, hi, .either) && (isWord($0 - 1, hi, .about) || isWord($0 - 1, hi, .on) || isWord($0 - 1, hi, .for)) }
    }

    /// "partner 3" at the number `k`: one thing named by its number (the singular of a count's word).
    func identifierBefore(_ k: Int) -> Bool {
        guard k > 0, tokens[k].isPlainInteger, !tokens[k].percent, tokens[k].currency == nil, !tokens[k].scaled else { return false }
        // ("partner no. 3", "partner nr 3", "partner number 3", "partner #3".)
        var w = k - 1
        if w > 0, isSymbol(w, tokens.count, UInt8(ascii: ".")) || isSymbol(w, tokens.count, UInt8(ascii: "#")), spelled(w - 1, ["no", "nr", "nº"]) || isSymbol(w, tokens.count, UInt8(ascii: "#")) { w -= 1 }
        if w > 0, spelled(w, ["no", "nr", "nº", "number", "num"]), w - 1 >= 0, tokens[w - 1].kind == .word { w -= 1 }
        guard tokens[w].kind == .word, !text(w).contains(UInt8(ascii: "-")), lower[tokens[w].end - 1] != UInt8(ascii: "s") else { return false }
        return index.hits(for: text(w)).contains { index.entries[Int($0.entry)].target.unit == .count }
    }

    /// "hasn't signed", "still hasn't", "not yet", "is still pending", "on hold", "still in legal",
    /// "hat noch nicht unterschrieben" at `j`: what did not happen (yet) to one thing. (Not "hasn't
    /// been easy but it's signed": done after all.)
    func notHappened(_ j: Int, _ hi: Int) -> Bool {
        var at = j
        while at < min(hi, j + 3), spelled(at, Self.stateCopulas) || isWord(at, hi, .still) || isWord(at, hi, .is) || isWord(at, hi, .was) || isKind(at, hi, .dash) { at += 1 }
        let still = (j..<at).contains { isWord($0, hi, .still) || spelled($0, ["noch", "todavía", "ainda", "encore", "nog", "fortfarande"]) }
        let said: Bool
        if isWord(at, hi, .not) {
            said = isWord(at + 1, hi, .yet) || spelled(at + 1, ["been"]) || at + 1 < hi && tokens[at + 1].kind == .word && text(at + 1).suffix(2).elementsEqual("ed".utf8)
        } else if isWord(at, hi, in: .negations) && !isWord(at, hi, .no) || spelled(at, ["nicht", "niet", "inte", "nie", "não"]) || isWord(at, hi, .no) && spelled(at + 1, ["ha", "han"]) {
            said = true
        } else {
            said = spelled(at, Self.stillInTheWay) || spelled(at, ["pending", "awaiting", "delayed", "stuck", "blocked", "postponed", "paused"]) || spelled(at, ["on"]) && spelled(at + 1, ["hold", "ice"])
                || spelled(at, ["pulled", "backed", "dropped"]) && spelled(at + 1, ["out"]) || still && isWord(at, hi, .in) && spelled(at + 1, ["legal", "signature", "review", "redlines", "negotiation", "procurement"])
                || spelled(at, ["in"]) && spelled(at + 1, ["signature", "redlines", "negotiation", "procurement", "prüfung", "bearbeitung", "revisión", "révision", "revisione"])
                // ("noch offen", "todavía pendiente", "encore en attente", "still open".)
                || spelled(at, ["offen", "ausstehend", "pendiente", "pendente", "sospeso", "unsigned", "open"]) && (still || at > j) || spelled(at, ["en"]) && spelled(at + 1, ["attente"])
        }
        guard said else { return false }
        // ("partner 3 hasn't been easy but it's signed": it happened after all.)
        return !(at..<hi).contains { spelled($0, ["signed", "closed", "won", "booked", "done", "counts"]) && (max(at, $0 - 3)..<$0).contains { isWord($0, hi, .but) || spelled($0, ["it's", "its"]) } }
    }

    static let stateCopulas = Spellings(["has", "hat", "ha", "heeft", "har", "ist", "es", "está", "is", "was", "noch", "todavía", "ainda", "encore", "nog", "fortfarande", "est", "è", "é"])

    /// "confidence maybe 4", "conf: 7", "confidence pretty good, like 8": the number after a confidence word.
    func confidenceNumberAfter(_ k: Int, _ hi: Int) -> (Int, Int)? {
        var j = k + 1
        while j < hi, j < k + 8, tokens[j].kind != .number, tokens[j].kind != .comma, tokens[j].kind != .dash { j += 1 }
        // ("my confidence on hitting 3 this quarter is about a 4", "confidence to get to 3 is 6": the
        // number aimed at is what it is about; how sure is the number said after "is" or "at", if any.)
        if j < hi, tokens[j].kind == .number, aimsAt(j, hi) {
            let from = afterNumber(j, hi)
            var m = from
            while m < hi, m < from + 8, tokens[m].kind != .comma, tokens[m].kind != .dash,
                  tokens[m].kind != .number || isWord(m - 1, hi, .by) || isWord(m - 1, hi, .before) || spelled(m - 1, ["until", "till"]) { m += 1 }
            guard m < hi, tokens[m].kind == .number, (from..<m).contains(where: { isWord($0, hi, .is) || isWord($0, hi, .at) || tokens[$0].kind == .colon || tokens[$0].kind == .equals }) else { return nil }
            j = m
        }
        guard j < hi, tokens[j].kind == .number, let c = Self.confidenceNumber(tokens[j]), !countsSomethingElse(j, after: k, hi) else { return nil }
        if let revised = revisedConfidence(at: j, hi) { return revised }
        // ("conf was 6 now 8 partners are lining up": how sure the author was, not is.)
        if isWord(j - 1, hi, .was) || isWord(j - 1, hi, .were) { return nil }
        return (c, j + 1)
    }

    static let lengthVerbs = Spellings(["shortened", "lengthened"])

    /// Whether a change ends at `j` as a plain report of this week's: the clause's end, a mark, the
    /// next statement ("and the sales cycle ..."), "to 31%", "this week", "on/from/since last week".
    func changeSaidPlainly(after j: Int, _ hi: Int) -> Bool {
        if j >= hi || tokens[j].kind != .word && tokens[j].kind != .number { return true }
        if isWord(j, hi, .and) || isWord(j, hi, .to) && isKind(j + 1, hi, .number) { return true }
        if isWord(j, hi, .this) && spelled(j + 1, ["week", "wk"]) { return true }
        return spelled(j, ["on", "from", "since", "vs", "over", "than", "compared"]) && (spelled(j + 1, ["last"]) && spelled(j + 2, ["week", "wk", "week's"]) || spelled(j + 1, ["to"]) && spelled(j + 2, ["last"]) && spelled(j + 3, ["week", "wk"]))
            || spelled(j, ["wow", "w/w"])
    }

    /// "Fairly confident about 90% coverage by end of month", "sure of 4 partners": after a word of
    /// confidence at `next`'s left, the number it is sure of reaching, not the value now.
    /// (Only with a time ahead after it, "by end of month", "before Christmas", "this quarter": not
    /// "confident about 9.8 churn this week", "confident on the 91% renewal", the value now.)
    func aimAfterConfidence(_ next: Int, _ hi: Int) -> Bool {
        guard isWord(next, hi, .about) || isWord(next, hi, .of) || isWord(next, hi, .on) else { return false }
        let n = isWord(next + 1, hi, .the) ? next + 2 : next + 1
        guard isKind(n, hi, .number) else { return false }
        let after = afterNumber(n, hi)
        return (after..<max(after, min(hi, after + 4))).contains { isWord($0, hi, .by) || isWord($0, hi, .before) || spelled($0, ["until", "eom", "eoq", "eoy"]) || isWord($0, hi, .this) && spelled($0 + 1, ["quarter", "qtr", "year"]) }
    }

    /// Whether the number at `j` is one aimed at: "hitting 3", "to get to 250k".
    func aimsAt(_ j: Int, _ hi: Int) -> Bool {
        // ("landing the 3rd": with "the" between.)
        let verb = isWord(j - 1, hi, .the) ? j - 2 : j - 1
        return spelled(verb, Self.aimVerbs) || isWord(verb, hi, .to) && spelled(verb - 1, ["get", "getting", "make", "making"])
    }

    /// Verbs of reaching a number: what a confidence is about ("confidence on hitting 3").
    static let aimVerbs = Spellings(["hitting", "hit", "reach", "reaching", "make", "making", "land", "landing", "closing", "signing", "getting", "achieving", "achieve"])

    /// Whether the number at `j`, after the confidence word at `k`, counts something rather than
    /// saying how sure: "conf good (2 new regions)", "confidence ok, 3 new logos" ("(7)", "(7/10)",
    /// "conf 7 on this" say how sure).
    func countsSomethingElse(_ j: Int, after k: Int, _ hi: Int) -> Bool {
        guard tokens[j].denominator == nil, !tokens[j].percent else { return false }
        // ("conf (8 - two deals pending)", "conf (7 of 10)": how sure, with a comment.)
        if spelled(j + 1, ["of"]) && (isKind(j + 2, hi, .number) || spelled(j + 2, ["ten"])) || isWord(j + 1, hi, .out) { return false }
        return (k + 1..<j).contains(where: { tokens[$0].kind == .open }) && isKind(j + 1, hi, .word) || countedNounAhead(j + 1, hi) != nil
            || spelled(j + 1, ["new", "more", "additional", "extra", "other"]) && isKind(j + 2, hi, .word) && !spelled(j + 2, ["or", "than", "like", "now", "on", "for"])
    }

    /// "churn 9.8 confident 9", "sure 7/10": a number from 0 to 10 right after "confident" or "sure"
    /// that ends the clause says how confident ("confident 5 more sign by Friday" is a count).
    func confidenceRightAfterWord(_ k: Int, _ hi: Int) -> (Int, Int)? {
        guard isWord(k, hi, .confident) || isWord(k, hi, .sure), isKind(k + 1, hi, .number), tokens[k + 1].currency == nil,
              tokens[k + 1].isPlainInteger || tokens[k + 1].denominator == 10 || tokens[k + 1].percent,
              k + 2 >= hi || [.comma, .semicolon, .dash, .close].contains(tokens[k + 2].kind),
              let confidence = Self.confidenceNumber(tokens[k + 1]) else { return nil }
        return (confidence, k + 2)
    }

    /// "confidence went from 6 to 8", "conf 6 -> 8" at the first number `j`: the confidence now is the
    /// later one.
    func revisedConfidence(at j: Int, _ hi: Int) -> (Int, Int)? {
        // ("conf was 7, now more like 5": what it is now.)
        if isWord(j - 1, hi, .was), Self.confidenceNumber(tokens[j]) != nil {
            var m = afterNumber(j, hi)
            if isKind(m, hi, .comma) { m += 1 }
            if isWord(m, hi, .now) {
                m += 1
                while m < min(hi, j + 8), spelled(m, ["more", "like", "about", "around", "maybe", "probably", "~", "at", "it's", "its", "is"]) { m += 1 }
                // (Not "now 3 partners signed": a count.)
                if isKind(m, hi, .number), let now = Self.confidenceNumber(tokens[m]), case let after = afterNumber(m, hi),
                   !(after < hi && tokens[after].kind == .word && !index.hits(for: text(after)).isEmpty) { return (now, after) }
            }
        }
        // (Not "conf 7 to 8", a range.)
        guard isWord(j + 1, hi, .to) && (isWord(j - 1, hi, .from) || isWord(j - 1, hi, .up) || isWord(j - 1, hi, .down) || spelled(j - 1, Self.changedWords)) || isKind(j + 1, hi, .arrow),
              isKind(j + 2, hi, .number), Self.confidenceNumber(tokens[j]) != nil,
              let now = Self.confidenceNumber(tokens[j + 2]) else { return nil }
        return (now, j + 3)
    }

    /// Words that say a value was not right: "that includes a non-partner deal", "it's gross".
    static let takeBackWords = Spellings(["includes", "included", "including", "counted", "counts", "double", "doubled", "double-counted", "gross", "old",
                                "outdated", "stale", "wasn't", "isn't", "incl", "miscounted", "duplicate", "duplicated", "twice"])

    static let foreignSayVerbs = Spellings(["meine", "meinte", "dizer", "decir", "dire", "bedoel", "bedoelde", "intendo", "intendevo", "dicevo", "menade", "menar"])
    static let foreignSayBefore = Spellings(["ich", "quer", "quero", "quiero", "quise", "voulais", "veux", "voulu", "ik", "volevo", "jag"])
    /// "nein Moment", "nej vänta", "no espera", "não, espera", "non attends", "nee wacht": no, wait.
    /// Whether the number at `n`, right after a "no", ends what is said as a corrected value would:
    /// the clause's end, a mark, "not 5", or a word of now ("5 this week"), not "5 stehen noch aus",
    /// "4 wenn Globex unterschreibt", "80% ist das Ziel", "5 are still open".
    func correctionEnds(_ n: Int, _ hi: Int, afterWait: Bool = false) -> Bool {
        let after = afterNumber(n, hi)
        // (Not after a comma or a dash either: "nein, 5, das ist das Ziel", "nope, 12, next week"; after
        // a word of waiting, "no espera, 11, uno se cayó", the reason may follow.)
        if afterWait, after < hi, [.comma, .dash, .semicolon].contains(tokens[after].kind) {
            // (Not "5, das ist das Ziel", "5, that's the target": the number is the target.)
            var j = after + 1
            while j < min(hi, after + 5), spelled(j, ["das", "that", "that's", "thats", "it's", "its", "c'est", "dat", "es", "è", "é", "is", "ist", "el", "the", "l'objectif", "het"]) { j += 1 }
            if j > after + 1, isWord(j, hi, .target) || isWord(j, hi, .goal) || spelled(j, Self.notAReasonWords) && !isKind(j + 1, hi, .number) { return false }
            return true
        }
        return after >= hi || [.close, .emoji].contains(tokens[after].kind) || isSentenceStop(after)
            || spelled(after, ["nicht", "niet", "not", "non", "inte", "nie"]) && isKind(after + 1, hi, .number)
            || spelled(after, ["now", "today", "total", "jetzt", "ahora", "agora", "maintenant", "nu", "ora", "teraz"]) && (after + 1 >= hi || tokens[after + 1].kind != .word)
            || isWord(after, hi, .conf) || isWord(after, hi, .confidence)
    }

    /// After a corrected value: a condition, a target or a later time, not a reason.
    static let notAReasonWords = Spellings(["falls", "wenn", "si", "als", "om", "once", "ziel", "objetivo", "objectif", "doel", "obiettivo", "mål", "cel", "hedef", "nächste",
                                            "próxima", "proxima", "prochaine", "volgende", "prossima", "nästa", "przyszłym", "semana", "woche", "semaine", "week", "settimana", "vecka",
                                            "plan", "quota", "schwelle", "umbral", "seuil"])

    /// The number a correction at `k` puts right (within the next few words), if any.
    func correctedNumber(after k: Int, _ hi: Int) -> Int? {
        (k..<min(hi, k + 5)).first { tokens[$0].kind == .number }
    }

    /// Whether the corrected value from `k` is said on a condition or for a later time ("5, falls Globex
    /// unterschreibt", "9.7 in der Prognose", "5, sobald ...").
    func correctedOnCondition(_ k: Int, _ hi: Int) -> Bool {
        guard let n = correctedNumber(after: k, hi) else { return false }
        let after = afterNumber(n, hi)
        for j in after..<hi where conditionStarts(at: j, after: after, hi, afterCorrection: true) { return true }
        return false
    }

    /// Whether what follows the corrected value from `k` says it is not so yet: "5 but Globex hasn't
    /// signed yet", "5 (Globex still needs to sign)", "5 - not final until Globex signs", "5 in theory".
    /// (Asked when the value went up; "5, no wait 4 - one is still in signature" gives the reason it went down.)
    func correctedNotYet(_ k: Int, _ hi: Int) -> Bool {
        guard let n = correctedNumber(after: k, hi) else { return false }
        for j in afterNumber(n, hi)..<hi {
            if spelled(j, ["theory", "theoretically", "technically", "unofficially"]) || spelled(j, ["not"]) && spelled(j + 1, ["final", "signed", "confirmed", "official", "closed", "yet"])
                || spelled(j, ["still"]) && spelled(j + 1, ["needs", "need", "has", "have", "to"]) || isWord(j, hi, .hasnt) || isWord(j, hi, .havent) || notHappened(j, hi) { return true }
        }
        return false
    }

    /// Whether a condition on the value said before starts at `j` (the value's number ends at `after`):
    /// "if", "assuming", "provided Acme renews", "as long as", "as soon as", "once it's signed",
    /// "pending", "contingent on", "hopefully", "should Acme renew", "after Acme renews"; "falls",
    /// "sofern", "vorbehaltlich", "si", "siempre que", "dès que", "à condition que", "mits", "zodra".
    /// (Not "once again", "3 once you take out the LOI", "3 when Dana asked", "11, uno se cayó".)
    /// (After a value not corrected, only right after it, and not a forecast word: "140k, hopefully
    /// more once the invoice clears", "the two deals I expected slipped" say nothing of the value.)
    func conditionStarts(at j: Int, after: Int, _ hi: Int, afterCorrection: Bool) -> Bool {
        // (One lookup first: most words start no condition.)
        guard j < hi, tokens[j].kind == .word, isWord(j, hi, .if) || isWord(j, hi, .maybe) || spelled(j, Self.conditionStartWords) else { return false }
        let rightAfter = j == after || j == after + 1 && (tokens[after].kind == .comma || tokens[after].kind == .dash || tokens[after].kind == .open)
        if !afterCorrection, !rightAfter || spelled(j, ["prognose", "forecast", "erwartet", "expected"]) { return false }
        if spelled(j, ["hopefully", "hoffentlich"]), spelled(j + 1, ["more", "higher", "better", "soon", "next", "by", "mehr", "bald"]) || isKind(j + 1, hi, .number) { return false }
        if isWord(j, hi, .if) || isWord(j, hi, .maybe) { return true }
        if spelled(j, Self.conditionWordsAbroad) {
            // ("provided", "subject" only as a condition: "provided Acme renews", "subject to".)
            if spelled(j, ["provided", "providing", "subject"]), !(spelled(j + 1, ["to", "that"]) || isCapitalised(j + 1) || spelled(j + 1, ["we", "they", "the", "it"])) { return false }
            // (Short words that are other things too only right after the value: "93 se Acme rinnova",
            // "4, si Globex signe"; not "11, uno se cayó".)
            if spelled(j, ["se", "si", "als", "om", "caso", "when"]), !rightAfter { return false }
            if spelled(j, ["once"]), spelled(j + 1, ["again", "more", "a", "per", "an"]) { return false }
            // (A time past or a reckoning, not a condition: "3 when Dana asked on Tuesday", "3 once you
            // take out the LOI"; "once it's signed", "once signed" are to come.)
            if spelled(j, ["when", "once"]) {
                if spelled(j + 1, ["you", "u", "one"]) { return false }
                for m in j + 1..<min(hi, j + 4) where (isPastTense(m) && !spelled(m - 1, ["it's", "its", "is", "are", "gets", "get", "be", "been", "once"])) || spelled(m, ["was", "were", "did"]) { return false }
            }
            return true
        }
        if spelled(j, ["as"]), spelled(j + 1, ["long", "soon"]), spelled(j + 2, ["as"]) { return true }
        if spelled(j, ["contingent", "conditional", "vorbehaltlich", "mits", "pourvu", "sobald"]) { return true }
        if spelled(j, ["the"]), spelled(j + 1, ["moment"]), rightAfter { return true }
        if spelled(j, ["upon"]), rightAfter { return true }
        // ("dès que", "à condition que", "sous réserve", "une fois que", "unter Vorbehalt", "siempre que",
        // "con tal de que", "a condición de que", "op voorwaarde dat".)
        if spelled(j, ["dès"]), spelled(j + 1, ["que", "qu'"]) || spelled(j, ["condition", "condición", "condicion", "réserve", "vorbehalt", "voorwaarde"]) && spelled(j - 1, ["à", "a", "sous", "unter", "op"])
            || spelled(j, ["siempre"]) && spelled(j + 1, ["que"]) || spelled(j, ["tal"]) && spelled(j - 1, ["con"]) || spelled(j, ["fois"]) && spelled(j + 1, ["que", "qu'"]) { return true }
        if rightAfter, spelled(j, ["should"]), isCapitalised(j + 1) { return true }
        // ("93 after Acme renews"; not "710k after Tuesday's re-scoring".)
        if j == after, spelled(j, ["after"]), isCapitalised(j + 1), !(j + 1..<min(hi, j + 4)).contains(where: { isPastTense($0) }), case let name = String(decoding: text(j + 1), as: UTF8.self),
           !name.contains("'"), !name.contains("’"), DateReader.weekday(name) == nil, DateReader.month(name) == nil { return true }
        return false
    }

    /// Sounds of a stumble before the right value: "4, err 5", "76 %, äh nein 74 %".
    static let stumbleWords = Spellings(["err", "erm", "umm", "um", "uh", "uhm", "ehm", "äh", "ähm", "eh", "ops"])

    /// Whether the corrected value from `k` is then called the target ("4, no wait, 5, that's the
    /// target", "4 nein warte 5 das ist das Ziel"): the value or the target, asked without a proposal.
    func correctedToTarget(_ k: Int, _ hi: Int) -> Bool {
        guard let n = correctedNumber(after: k, hi) else { return false }
        let after = afterNumber(n, hi)
        // (Not "93 - Ziel ist 95", "5 - the target is 8": the target is another number.)
        return (after..<min(hi, after + 5)).contains { (isWord($0, hi, .target) || isWord($0, hi, .goal) || spelled($0, ["ziel", "objetivo", "objectif", "doel", "obiettivo", "mål", "quota"]))
            && !hasNumberAhead($0, hi, within: 3) }
    }

    /// After a correction at `k` of `used` words: asked when the corrected value is said on a
    /// condition (with it proposed) or is called the target (without).
    func markCorrected(_ r: inout Reading, after k: Int, _ hi: Int) {
        let wentUp = r.candidates.last.map { previous in correctedNumber(after: k, hi).map { tokens[$0].value > tokens[previous.token].value } ?? false } ?? false
        if correctedToTarget(k, hi) { r.either = true } else if correctedOnCondition(k, hi) || wentUp && correctedNotYet(k, hi) { r.hedged = true } else if
            // ("4 – nein Moment, 5 stehen noch aus": after a foreign "wait", a number that goes on may be
            // something else; asked without a proposal.)
            (max(0, k - 3)..<k).contains(where: { spelled($0, Self.foreignWait) }), let n = (k..<min(hi, k + 3)).first(where: { tokens[$0].kind == .number }),
            !correctionEnds(n, hi, afterWait: true) { r.either = true }
    }

    /// Every word a condition may start at (see `conditionStarts`).
    static let conditionStartWords = Spellings(conditionWordsAbroadList + ["as", "contingent", "conditional", "vorbehaltlich", "mits", "pourvu", "sobald", "the", "upon", "dès",
                                                                         "condition", "condición", "condicion", "réserve", "vorbehalt", "voorwaarde", "siempre", "tal", "fois",
                                                                         "should", "after", "hopefully", "hoffentlich"])
    /// Conditions and forecasts after a corrected value, in several languages ("93 assuming Acme
    /// renews", "93 si Acme renueva", "93 zodra Acme tekent").
    static let conditionWordsAbroadList = ["falls", "wenn", "sobald", "vorausgesetzt", "sofern", "si", "als", "om", "once", "prognose", "forecast", "erwartet", "expected",
                                           "vielleicht", "hoffentlich", "quizás", "peut-être", "misschien", "forse", "when", "assuming", "provided", "providing", "pending",
                                           "subject", "depending", "hopefully", "unless", "cuando", "cuanto", "quand", "lorsque", "zodra", "wanneer", "jeśli", "jesli", "se", "caso"]
    static let conditionWordsAbroad = Spellings(conditionWordsAbroadList)

    /// After a number: minutes or hours of being late, not a value.
    static let lateWords = Spellings(["min", "mins", "minute", "minutes", "sec", "secs", "seconds", "late", "hour", "hours", "hr", "hrs", "h", "m", "s",
                                      "minutos", "minuten", "minuti", "stunden", "horas", "heures", "ore", "uur", "tarde", "spät", "retard"])

    static let foreignNo = Spellings(["nein", "nee", "nej", "não", "nao", "non", "no", "nie", "nö", "ne", "nope"])
    static let foreignWait = Spellings(["moment", "momentje", "warte", "wacht", "vänta", "vanta", "espera", "espere", "pera", "peraí", "perai", "attends", "attendez", "aspetta", "czekaj", "chwila"])
    static let foreignApologies = Spellings(["perdón", "perdon", "pardon", "desculpa", "desculpe", "scusa", "scusate", "entschuldigung", "excusez"])

    /// Whether the first number after `k` stands alone as a value: not "cioè 3 più il rinnovo", "quer
    /// dizer, 3 fechados + ACME", "ich meine, 5 sind bis Jahresende drin" (a part, a sum, a forecast).
    func correctedValueStandsAlone(after k: Int, _ hi: Int) -> Bool {
        guard let number = (k + 1..<min(hi, k + 5)).first(where: { tokens[$0].kind == .number }) else { return false }
        let next = afterNumber(number, hi)
        // ("4, perdón, 5 minutos tarde": the apology's own number.)
        if spelled(next, Self.lateWords) { return false }
        for j in next..<min(hi, next + 3) {
            if isSymbol(j, hi, UInt8(ascii: "+")) || isWord(j, hi, .and) || isWord(j, hi, .plus) || isWord(j, hi, .by) || isWord(j, hi, .until) || spelled(j, Self.continuingWords) { return false }
        }
        return true
    }

    static let continuingWords = Spellings(["più", "piu", "mais", "más", "und", "e", "y", "et", "en", "bis", "hasta", "até", "ate", "jusqu", "entro", "tot", "sind", "son", "são", "sont", "zijn"])

    /// A correction in another language at `k`: a "I mean" ("ich meine", "quer dizer", "je voulais
    /// dire", "ik bedoel") or an apology ("perdón", "pardon") before the right value.
    func isForeignCorrection(_ k: Int) -> Bool {
        let first = lower[tokens[k].start]
        switch first {
        case UInt8(ascii: "m"), UInt8(ascii: "d"), UInt8(ascii: "b"), UInt8(ascii: "i"):
            return spelled(k, Self.foreignSayVerbs) && spelled(k - 1, Self.foreignSayBefore)
        case UInt8(ascii: "p"), UInt8(ascii: "e"), UInt8(ascii: "s"), UInt8(ascii: "c"):
            return spelled(k, Self.foreignApologies)
        default:
            return false
        }
    }

    /// A correction that takes the value back ("no", "scratch that", "that's wrong") rather than
    /// explaining the new one ("typo", "I mean").
    func isRetraction(_ k: Int, _ used: Int, _ hi: Int) -> Bool {
        (k..<min(hi, k + used)).contains { isWord($0, hi, .no) || isWord($0, hi, .scratch) || isWord($0, hi, .wrong) } || takenBackBy(k + used, hi)
    }

    /// "I double-counted Initech (30k), so really 660k", "I had counted the Hooli deal twice" at `k`:
    /// the author says the value before was counted wrong (the right one may follow).
    func takenBackBy(_ k: Int, _ hi: Int) -> Bool {
        var j = isKind(k, hi, .comma) ? k + 1 : k
        // "Actually", "Turns out", "Just realised", "Looks like", "I think": a lead-in.
        while j < min(hi, k + 4), spelled(j, Self.miscountLeadIns) || isKind(j, hi, .comma) { j += 1 }
        if isWord(j, hi, .i), isWord(j + 1, hi, .think) || spelled(j + 1, ["guess", "realised", "realized", "noticed"]) { j += 2 }
        guard j < hi else { return false }
        var verb: Int
        if j == k, k > 0, tokens[k - 1].kind == .dash || tokens[k - 1].kind == .open || tokens[k - 1].kind == .comma || tokens[k - 1].kind == .semicolon || isSentenceStop(k - 1),
           spelled(j, Self.miscountVerbs) || isWord(j, hi, .double) && spelled(j + 1, ["counted"]) || spelled(j, ["counted"]) {
            // "upsell 17 - counted Hooli twice, so 16", "(double-counted Hooli, so really 16)": said
            // without a subject, as an aside.
            verb = j
        } else if isWord(j, hi, .i) || isWord(j, hi, .we) || spelled(j, ["i've", "ive", "we've", "weve", "i'd", "we'd"]) {
            verb = j + 1
            if spelled(verb, ["had"]) || isWord(verb, hi, .have) { verb += 1 }
        } else if let passive = (j + 1..<min(hi, j + 4)).first(where: { isWord($0, hi, .was) || spelled($0, ["got", "been"]) }) {
            // "Hooli was double-counted", "Hooli got counted twice".
            verb = passive + 1
        } else {
            return false
        }
        guard verb < hi, spelled(verb, Self.miscountVerbs) || isWord(verb, hi, .double) && spelled(verb + 1, ["counted"])
            || spelled(verb, ["counted"]) && (verb + 1..<min(hi, verb + 6)).contains(where: { isWord($0, hi, .twice) }) else { return false }
        // (Not "but I miscounted last week, 68 was too low", "I double-counted Kessler on Friday's
        // call", "I mistyped yesterday": an earlier value was wrong.)
        return !(verb + 1..<min(hi, verb + 6)).contains(where: { isWord($0, hi, .last) || spelled($0, ["before", "earlier", "previously", "yesterday"]) || namesDay($0, hi) && text($0).suffix(2).elementsEqual("'s".utf8) })
    }

    static let miscountLeadIns = Spellings(["actually", "sorry", "ugh", "oops", "turns", "out", "just", "realised", "realized", "looks", "like", "seems", "so", "hmm", "oh", "ah", "but", "and"])

    /// "that's right", "it's correct", "correct actually" at `k` (after a comma): what was said stands.
    func confirmsAfter(_ k: Int, _ hi: Int) -> Bool {
        var j = isKind(k, hi, .comma) ? k + 1 : k
        if isWord(j, hi, .thats) || isWord(j, hi, .its) || isWord(j, hi, .itsContraction) { j += 1 } else if isWord(j, hi, .that) || isWord(j, hi, .it), isWord(j + 1, hi, .is) { j += 2 }
        return isWord(j, hi, .correct) || spelled(j, ["right", "fine", "accurate"])
    }

    static let miscountVerbs = Spellings(["double-counted", "doublecounted", "miscounted", "overcounted", "over-counted", "mistyped", "misread", "double-booked"])

    /// A correction at `k` and how many tokens it spans: "no wait", "hmm no", "sorry 8.2", "actually 4",
    /// "I mean", "scratch that", "oops", "typo", "edit:", "should be 7", "make that 7", a struck-out value.
    /// "sorry for the late reply" and "waiting for" are not corrections.
    func correctionAt(_ k: Int, _ hi: Int) -> Int? {
        let w = word(k, hi)
        let next = word(k + 1, hi)
        // ("...: $650,000 of $1,200,000 — now $720,000" pasted back from the prompt: the value the
        // person put after the prompt's; only a number that ends what is said, or before a confidence,
        // and not after "no change" or "still": not "— now 3 in legal review", "— now 50k more in commit".)
        if pastedLine, w == .now, k > 0, tokens[k - 1].kind == .dash || tokens[k - 1].kind == .comma || isDashAt(k - 1), isKind(k + 1, hi, .number) {
            let after = afterNumber(k + 1, hi)
            let ends = after >= hi || tokens[after].kind == .comma || tokens[after].kind == .dash || tokens[after].kind == .emoji || tokens[after].kind == .close
                || isWord(after, hi, .conf) || isWord(after, hi, .confidence) || isSymbol(after, hi, UInt8(ascii: "."))
            let unchanged = (max(0, k - 8)..<k).contains { isWord($0, hi, .no) && isWord($0 + 1, hi, .change) || spelled($0, ["unchanged", "still", "same"]) }
            if ends, !unchanged { return 1 }
        }
        let numberSoon = hasNumberAhead(k, hi, within: 3)
        // "it double-counts Austria, real number is 76": the right value said after a value was doubted.
        if w == .none || w == .correct, spelled(k, Self.rightAdjectives), spelled(k + 1, Self.numberNouns), hasNumberAhead(k + 1, hi, within: 4),
           (0..<k).contains(where: { spelled($0, Self.doubtWords) || isWord($0, hi, .wrong) }) {
            return 2
        }
        // "äh, ich meine 4", "quer dizer, 2", "pardon, je voulais dire 72 %", "perdón, 27".
        if w == .none || w == .nicht, numberSoon || isKind(k + 1, hi, .comma) && hasNumberAhead(k + 1, hi, within: 3), isForeignCorrection(k), correctedValueStandsAlone(after: k, hi) {
            return isKind(k + 1, hi, .comma) ? 2 : 1
        }
        // ("5 – nein, Quatsch, 4", "5, nee, 4": no, after the value, and the right one after a comma
        // and at most a word of dismay.)
        // (Only a value that ends there, or is said against the wrong one, "4 nicht 5": not "nein, 5
        // stehen noch aus", "nein, 4 wenn Globex unterschreibt", "nein, 80% ist das Ziel".)
        if spelled(k, Self.foreignNo), !isWord(k, hi, .no), k > 0, tokens[k - 1].kind == .comma || tokens[k - 1].kind == .dash || isDashAt(k - 1), isKind(k + 1, hi, .comma) {
            if isKind(k + 2, hi, .number), correctionEnds(k + 2, hi) || correctedOnCondition(k + 2, hi) { return 2 }
            // ("92, nein, 93, Ziel ist 95": the value, then the target; "..., das ist das Ziel": asked.)
            if isKind(k + 2, hi, .number), case let after = afterNumber(k + 2, hi), after < hi, tokens[after].kind == .comma || tokens[after].kind == .dash,
               (after + 1..<min(hi, after + 5)).contains(where: { isWord($0, hi, .target) || isWord($0, hi, .goal) || spelled($0, ["ziel", "objetivo", "objectif", "doel", "obiettivo", "mål"]) }) { return 2 }
            if isKind(k + 2, hi, .word), isKind(k + 3, hi, .comma), isKind(k + 4, hi, .number), index.hits(for: text(k + 2)).isEmpty, correctionEnds(k + 4, hi) { return 4 }
        }
        // "72 %, nein Moment, 74 %", "4, nej vänta, 5": only with the value right after it.
        if spelled(k, Self.foreignNo), spelled(k + 1, Self.foreignWait) || isKind(k + 1, hi, .comma) && spelled(k + 2, Self.foreignWait) {
            let span = isKind(k + 1, hi, .comma) ? 3 : 2
            // ("nein, warte: 5".)
            let used = isKind(k + span, hi, .comma) || isKind(k + span, hi, .colon) ? span + 1 : span
            // ("Deals 4 – nein Moment, 5 stehen noch aus": not the value, something about five others.)
            if isKind(k + used, hi, .number) && correctionEnds(k + used, hi, afterWait: true) || isKind(k + used, hi, .other) && isKind(k + used + 1, hi, .number) && correctionEnds(k + used + 1, hi, afterWait: true) { return used }
            // ("92, no espera, 93 si Acme renueva", "4 nein warte 5 das ist das Ziel", "4, non attends, 5
            // dès que Globex signe": corrected, with more said after it; the caller asks, never keeps
            // the value taken back.)
            // (Not "4 – nein Moment, 5 stehen noch aus": five others are something else, the 4 stands.)
            if isKind(k + used, hi, .number), !spelled(afterNumber(k + used, hi), ["stehen", "sind", "are", "is", "están", "estan", "sont", "zijn", "stanno", "são", "sao", "were", "waren", "liegen", "gibt"]) { return used }
            // ("17 %, non attends, je relis le rapport… 16,5 %": the value is taken back; the right
            // one may come later.)
            // (Only as an aside after the value, "17 %, non attends, ...": not "churn 9,8 % no momento,
            // meta 8 %", "el cliente no espera, ...".)
            // (Not "4 – nein Moment, 5 stehen noch aus": a number right after it that goes on is something else.)
            if isKind(k + span, hi, .comma), k > 0, tokens[k - 1].kind == .comma || tokens[k - 1].kind == .dash || isDashAt(k - 1),
               !(isKind(k + span + 1, hi, .number) && !correctionEnds(k + span + 1, hi, afterWait: true)) { return span }
        }
        // ("deals 4, err 5", "4 - umm, 5": a stumble before the right value.)
        // ("76 %, äh nein 74 %", "4, uh no, 3"; the value after it ends there or is on a condition:
        // not "deals 4, um 2 of them are renewals".)
        if spelled(k, Self.stumbleWords), k > 0, tokens[k - 1].kind == .comma || tokens[k - 1].kind == .dash || isDashAt(k - 1) || tokens[k - 1].kind == .number {
            var n = k + 1
            if spelled(n, Self.foreignNo) || isWord(n, hi, .no) { n += 1 } else if spelled(k, ["uh", "eh"]) { n = hi }
            if isKind(n, hi, .comma) { n += 1 }
            if isKind(n, hi, .number), correctionEnds(n, hi, afterWait: true) || correctedOnCondition(n, hi) { return n - k }
        }
        switch w {
        case .ok:
            // ("pipeline 100k — ok 102k with the Vogel opp", "100k... ok, 102k", "100k - ah ok 102k",
            // "ok fine, 102k": an amount said again, put right.)
            // (Only an amount after a dash, a comma or dots, as the value: not "ok 2 more next week".)
            var before = k - 1
            while before > 0, spelled(before, ["ah", "oh", "nee", "nah", "well"]) { before -= 1 }
            var n = k + 1
            if spelled(n, ["fine", "so"]) { n += 1 }
            if isKind(n, hi, .comma) { n += 1 }
            // (Not "300k — ok 40k of that is Vogel": the amount must be the value, ending there or "with ...".)
            guard before >= 0, tokens[before].kind == .dash || tokens[before].kind == .comma || tokens[before].kind == .other || isDashAt(before), isKind(n, hi, .number), tokens[n].scaled,
                  correctionEnds(n, hi, afterWait: true) || spelled(afterNumber(n, hi), ["with", "including", "incl", "mit", "met", "con", "avec", "inkl"]) else { return nil }
            return n - k
        case .none where spelled(k, Self.correctingVerbs):
            // "renewal rate 93% — korrigiere: 92%": "I correct", only as a heading of the value right
            // after it (not "korrigiere ich heute", "corrige el CRM", "me corrige se ...").
            let n = isKind(k + 1, hi, .colon) ? k + 2 : k + 1
            guard isKind(n, hi, .number) else { return nil }
            let after = afterNumber(n, hi)
            guard after >= hi || tokens[after].kind == .comma || tokens[after].kind == .dash || tokens[after].kind == .close || isSentenceStop(after) else { return nil }
            return 1
        case .oops, .correction, .typo, .scratch, .misread, .swapped:
            // ("churn 9.8 - I first misread it as 9.6": the number after is the misreading.)
            if w == .misread, next == .as || word(k + 2, hi) == .as { return nil }
            return next == .that || next == .no ? 2 : 1
        case .no:
            if next == .wait || next == .sorry || next == .actually { return 2 }
            let before = word(k - 1, hi)
            if before == .hmm || before == .oh || before == .lol || before == .wait || before == .sorry || before == .actually || before == .ok { return 1 }
            if isKind(k + 1, hi, .number) || (isKind(k + 1, hi, .comma) && isKind(k + 2, hi, .number)) { return 1 }
            // ("138k, sorry, 183k - no. 138k.")
            if isSymbol(k + 1, hi, UInt8(ascii: ".")) || isSymbol(k + 1, hi, UInt8(ascii: "!")), isKind(k + 2, hi, .number), k == 0 || tokens[k - 1].kind == .dash || tokens[k - 1].kind == .comma { return 2 }
            if isKind(k + 1, hi, .comma), k == 0 || tokens[k - 1].kind == .dash || tokens[k - 1].kind == .comma { return 2 }
            return nil
        case .hmm, .oh, .lol:
            // "2 🎉 ... hmm actually the countersignature isn't back, so still 1".
            if next == .no || next == .actually { return 2 }
            // ("Hmm, actually the Bavaria deal closed after the cutoff, so 25%".)
            // (Only when a value follows it as the value: not "hmm, actually ok", "hmm, actually the
            // Kessler region is at 60".)
            if isKind(k + 1, hi, .comma), word(k + 2, hi) == .no { return 3 }
            if isKind(k + 1, hi, .comma), word(k + 2, hi) == .actually, let n = (k + 3..<hi).first(where: { tokens[$0].kind == .number }),
               n == k + 3 || n == k + 4 && isKind(k + 3, hi, .comma) || (max(k + 3, n - 2)..<n).contains(where: { isWord($0, hi, .so) || isWord($0, hi, .its) || isWord($0, hi, .itsContraction) || spelled($0, ["like", "really"]) })
                || (k + 3..<n).contains(where: { isWord($0, hi, .not) || isWord($0, hi, .wrong) }) { return 3 }
            return takenBackBy(k + 1, hi) ? 1 : nil
        case .wait:
            if next == .no || next == .sorry { return 2 }
            // "3! wait, no - HubSpot is still in redlines. 2."
            if isKind(k + 1, hi, .comma), word(k + 2, hi) == .no { return 3 }
            // ("deals 4, wait, 5": the value right after the comma.)
            // (Not "wait, 5 min, checking CRM": a number of something else.)
            if isKind(k + 1, hi, .comma), isKind(k + 2, hi, .number), afterNumber(k + 2, hi) >= hi || tokens[afterNumber(k + 2, hi)].kind != .word { return 2 }
            // "150k, wait that includes a non-partner deal, so 132k": what the value was is taken
            // back, and the value after "so" corrects it.
            // (Only when what follows takes the value back: not "wait it gets better, so 3 came via Globex".)
            // ("140k, oh wait that includes ...": a word of surprise before it too.)
            if next == .that || next == .this || next == .it || next == .itsContraction || next == .its, k > 0,
               tokens[k - 1].kind == .comma || tokens[k - 1].kind == .dash || tokens[k - 1].kind == .other
                || k > 1 && spelled(k - 1, ["oh", "ah", "hmm", "hm", "uh"]) && (tokens[k - 2].kind == .comma || tokens[k - 2].kind == .dash || tokens[k - 2].kind == .other),
               let so = (k + 2..<hi).first(where: { isWord($0, hi, .so) && isKind($0 + 1, hi, .number) }),
               (k + 2..<so).contains(where: { spelled($0, Self.takeBackWords) || isWord($0, hi, .not) || isWord($0, hi, .wrong) }) {
                return 1
            }
            // ("Renewal rate 91%⏎ah wait, Brandt churned on Friday, so 90%": a line opened by "wait,"
            // that ends on what it is so: a correction with its reason.)
            // (Said plainly, the reason with no number of its own or a condition, "wait, if Nordlicht
            // signs, so 5", and for the statement before: its unit, near its value.)
            if isKind(k + 1, hi, .comma), k == lineBodyStart || k == lineBodyStart + 1 && spelled(k - 1, ["oh", "ah", "hmm", "hm", "uh"]),
               let so = (k + 2..<hi).last(where: { isWord($0, hi, .so) }), case let n = spelled(so + 1, ["it's", "its", "we're", "now", "that's"]) ? so + 2 : so + 1,
               isKind(n, hi, .number), afterNumber(n, hi) >= hi || tokens[afterNumber(n, hi)].kind != .word && tokens[afterNumber(n, hi)].kind != .number,
               !(k + 2..<so).contains(where: { isWord($0, hi, .if) || isWord($0, hi, .when) || spelled($0, ["once", "unless", "assuming"]) }),
               case .checkIn(let i)? = lastStatement, i < result.checkIns.count, let entry = index.entry(key: Array(result.checkIns[i].target.utf8)),
               fits(n, index.entries[entry].target, near: result.checkIns[i].value),
               // (Not about another key result: "...was an upsell, so 15" after win rate.)
               // (One that could take the number too: not "with the Brandt upsell, so 46k" after deal size.)
               !(k + 2..<so).contains(where: { j in tokens[j].kind == .word && !index.hits(for: text(j)).contains { Int($0.entry) == entry }
                   && index.hits(for: text(j)).contains { hit in index.entries[Int(hit.entry)].target.lastValue.map { fits(n, index.entries[Int(hit.entry)].target, near: $0) } ?? false } }) {
                // (What it is follows "so": "Hooli paid 20k on Friday, so 150k".)
                return so - k + 1
            }
            return numberSoon && next != .for && next != .on ? 1 : nil
        case .but:
            // "690k but I double-counted Initech (30k), so really 660k": what the value was is taken
            // back, and the value after "so" corrects it.
            return takenBackBy(k + 1, hi) ? 1 : nil
        case .sorry:
            if next == .no || next == .i && (word(k + 2, hi) == .mean || spelled(k + 2, ["meant"])) { return next == .no ? 2 : 3 }
            if word(k - 1, hi) == .no || word(k - 1, hi) == .oh { return 1 }
            // "ugh sorry, that was gross, net is 139k": an apology that opens a clause with a value in it.
            // (Not "4, sorry, 5 min late": the apology's own number.)
            // ("9.8 sorry, 2 min late, it's 9.7": the value after the apology's number corrects.)
            if isKind(k + 1, hi, .comma), let n = (k + 2..<hi).first(where: { tokens[$0].kind == .number }) {
                guard spelled(afterNumber(n, hi), Self.lateWords) else { return 2 }
                var end = afterNumber(n, hi)
                while end < hi, spelled(end, Self.lateWords) || spelled(end, ["to", "the", "thread", "update", "zu"]) { end += 1 }
                // (The value right after, ending there: not "sorry, 2 min late, 4 new logos".)
                var n = end
                while n < hi, n < end + 4, tokens[n].kind != .number, tokens[n].kind == .comma || spelled(n, ["it's", "its", "it", "is", "actually", "now", "so", "the", "value"]) { n += 1 }
                return isKind(n, hi, .number) && correctionEnds(n, hi) ? end - k : nil
            }
            // ("deals 4 -- sorry deals 3, the Graz one got pushed": the key result named again, with the
            // right value.)
            // (The same words as before the value, since the last comma: not "partners 3 -- sorry deals
            // 4", "partners 3, deals 4 -- sorry partners 2", "demo conv 28 (sorry demo sat 8.1)".)
            var since = k - 1
            while since > 0, since > k - 8, tokens[since - 1].kind != .comma, tokens[since - 1].kind != .semicolon, !isSentenceStop(since - 1) { since -= 1 }
            // (What the words name together: "upsell rate" after "upsell 16" names the same.)
            func entries(_ from: Int, _ to: Int) -> Set<Int>? {
                var named: Set<Int>?
                for j in from..<to where tokens[j].kind == .word {
                    let hits = Set(index.hits(for: text(j)).map { Int($0.entry) })
                    if !hits.isEmpty { named = named.map { $0.intersection(hits) } ?? hits }
                }
                return named
            }
            var named = k + 1
            while named < min(hi, k + 4), tokens[named].kind == .word, !index.hits(for: text(named)).isEmpty { named += 1 }
            // (Opening its own line, "...⏎sorry partners 2", it corrects the key result it names.)
            if named > k + 1, let again = entries(k + 1, named), entries(max(0, since), k).map({ !again.isDisjoint(with: $0) }) ?? true,
               isKind(named, hi, .number), correctionEnds(named, hi, afterWait: true) { return 1 }
            // ("sry 10 min late": an apology for something else.)
            let n = isKind(k + 1, hi, .number) ? k + 1 : isKind(k + 1, hi, .comma) && isKind(k + 2, hi, .number) ? k + 2 : -1
            guard n > 0, !spelled(afterNumber(n, hi), Self.lateWords) else { return nil }
            return 1
        case .actually, .rather, .instead:
            // "Actually let me redo that, ... so it's more like 72".
            if redoSaid(k + 1, hi) > 0 { return 1 + redoSaid(k + 1, hi) }
            // ("The median is actually 41": what another statistic is, not the value corrected; "the
            // total is actually 112k", "it's actually 4" correct.)
            // (Nor "The DACH number is actually 81%", "last week's count was actually 10": a qualified subject.)
            if word(k - 1, hi) == .is || word(k - 1, hi) == .was || word(k - 1, hi) == .are, k >= 2, spelled(k - 2, Self.statisticWords) || qualifiedSubject(k - 2, hi) { return nil }
            return numberSoon || next == .no ? (next == .no ? 2 : 1) : nil
        case .mean:
            // ("we're at 2 - tech partners I mean": which key result, not another value.)
            return word(k - 1, hi) == .i && numberSoon ? 1 : nil
        case .edit, .correct:
            return isKind(k + 1, hi, .colon) || numberSoon || next == .that ? 1 : nil
        case .should:
            // ("should be 7": a typo corrected; "should be 900k by mid Dec": a forecast.)
            guard next == .be, numberSoon else { return nil }
            var n = k + 2
            while n < min(hi, k + 5), tokens[n].kind != .number { n += 1 }
            return n < hi && (futureTimeAfter(afterNumber(n, hi), hi) || conditionAfterForecast(afterNumber(n, hi), hi, at: k)) ? nil : 2
        case .make:
            // "make that 16", "make it 2".
            return (next == .that || next == .it) && numberSoon ? 2 : nil
        case .wrong:
            return word(k - 1, hi) == .its || word(k - 1, hi) == .was || word(k - 1, hi) == .is || word(k - 1, hi) == .thats ? 1 : nil
        case .ill, .well:
            // "I'll go with 91.2", "we'll go with 92": the value chosen.
            let chosen = goesWithValue(k + 1, hi)
            return chosen > 0 ? 1 + chosen : nil
        default:
            // ("ugh meant 9.8", "I meant 9.8, the 9.6 is DACH only": the value meant instead.)
            var m = k
            if isWord(m, hi, .i) || spelled(m, Self.stumbleWords) || spelled(m, ["ugh", "argh", "oops", "ah"]) { m += 1 }
            if spelled(m, ["meant"]) {
                let n = isKind(m + 1, hi, .comma) || isKind(m + 1, hi, .colon) ? m + 2 : m + 1
                if isKind(n, hi, .number), correctionEnds(n, hi, afterWait: true) || spelled(afterNumber(n, hi), ["lol", "sorry", "obviously", "haha", "oops", "sry"]) { return n - k }
            }
            let redo = redoSaid(k, hi)
            if redo > 0 { return redo }
            // ("let's go with 92", "going with 92".)
            let chosen = spelled(k, ["let's", "lets"]) ? goesWithValue(k + 1, hi) : goesWithValue(k, hi)
            return chosen > 0 ? chosen + (spelled(k, ["let's", "lets"]) ? 1 : 0) : nil
        }
    }

    /// "short of the target", "shy of plan", "away from the goal", "below target" at `k`, right after
    /// a number: the gap to the goal.
    /// "left to 8", "to go until 250k", "remaining to 5" after a number at `k`: the gap to a number said,
    /// and where that number ends.
    func gapToNumber(after k: Int, _ hi: Int) -> Int? {
        var j = k
        if isWord(j, hi, .to), spelled(j + 1, ["go"]) { j += 2 } else if spelled(j, ["left", "remaining", "missing", "outstanding"]) { j += 1 } else { return nil }
        guard isWord(j, hi, .to) || isWord(j, hi, .until) || spelled(j, ["till", "until"]) else { return nil }
        j += 1
        if isWord(j, hi, .the) { j += 1 }
        return isKind(j, hi, .number) ? afterNumber(j, hi) : nil
    }

    func gapToGoal(after k: Int, _ hi: Int) -> Bool {
        var j = k
        // ("150k to go", "500k left to target", "2 remaining", "3 still missing": what is missing.)
        // (Not "4 left to 8", "155k to go until 250k": a gap to a number said, which gapToNumber asks.)
        if isWord(j, hi, .to), spelled(j + 1, ["go"]) { return gapToNumber(after: k, hi) == nil }
        if spelled(j, ["left", "remaining", "missing", "outstanding"]), j + 1 >= hi || !isKind(j + 1, hi, .word) || isWord(j + 1, hi, .to) || spelled(j + 1, ["until", "till", "for", "in"]) {
            return gapToNumber(after: k, hi) == nil
        }
        if spelled(j, ["short", "shy"]), isWord(j + 1, hi, .of) { j += 2 } else if spelled(j, ["away"]), isWord(j + 1, hi, .from) { j += 2 } else if spelled(j, ["below", "under"]) { j += 1 } else { return false }
        if isWord(j, hi, .the) || isWord(j, hi, .our) { j += 1 }
        // ("short of the 1.2M target")
        if isKind(j, hi, .number) { j = afterNumber(j, hi) }
        return isWord(j, hi, .target) || isWord(j, hi, .goal) || spelled(j, ["plan", "quota", "ziel", "objetivo", "objectif", "meta"])
    }

    /// "i.e. 685k" at `k`, ending what is said: the number that states the result (not "i.e. 685k in
    /// EUR", "i.e. 685k (rough)", "i.e. +5k from the small Tallinn opp").
    func resultStated(at k: Int, _ hi: Int) -> Int? {
        guard spelled(k, ["i.e.", "i.e", "ie"]) else { return nil }
        let n = isKind(k + 1, hi, .number) ? k + 1 : isSymbol(k + 1, hi, UInt8(ascii: ".")) && isKind(k + 2, hi, .number) ? k + 2 : -1
        guard n > 0, !tokens[n].delta else { return nil }
        let after = afterNumber(n, hi)
        guard after >= hi || isSymbol(after, hi, UInt8(ascii: ".")) || isSymbol(after, hi, UInt8(ascii: "!")) || isKind(after, hi, .semicolon),
              !(after..<hi).contains(where: { tokens[$0].kind == .number }) else { return nil }
        return n
    }

    /// After "so" at `k`: the number that ends the clause ("so 11", "so it's 11", "so really 2"), when
    /// a word of second thoughts (wait, actually, sorry, oops, hmm, scratch that) came between the
    /// value at `since` and here.
    func valueEndingSecondThoughts(after k: Int, _ hi: Int, since value: Int?) -> Int? {
        guard let value, value < k else { return nil }
        var n = k + 1
        while n < min(hi, k + 3), isWord(n, hi, .its) || isWord(n, hi, .itsContraction) || isWord(n, hi, .thats) || spelled(n, ["really", "net", "now", "actually"]) { n += 1 }
        guard isKind(n, hi, .number) else { return nil }
        let end = afterNumber(n, hi)
        // (It ends what is said: not "wait it gets better, so 3 came via Globex".)
        guard end >= hi || tokens[end].kind != .word, !(end..<hi).contains(where: { tokens[$0].kind == .number }) else { return nil }
        // (Not what may happen: "the agreement might get countersigned Saturday, so 2".)
        if (value + 1..<k).contains(where: { j in isWord(j, hi, in: .hedges) || isWord(j, hi, .will) || isWord(j, hi, .should) || isWord(j, hi, .could) || isWord(j, hi, .might)
            || isWord(j, hi, .would) || isWord(j, hi, .if) || isWord(j, hi, .next) || spelled(j, ["hopefully", "gets", "expected", "once", "when"]) }) { return nil }
        return (value + 1..<k).contains(where: { j in
            let w = word(j, hi)
            return w == .wait || w == .actually || w == .sorry || w == .oops || w == .hmm || w == .scratch || w == .correction || w == .typo
        }) ? n : nil
    }

    /// "I correct" in the languages people write around the numbers.
    static let correctingVerbs = Spellings(["korrigiere", "corrijo", "corrigo", "correggo", "corrigeer", "corrige"])

    /// "go with 91.2", "going with 92" at `k`: how many tokens before the value, or 0.
    /// (Only a value that ends what is said: not "going with 3 as the Q1 goal", "going with 2 reps to
    /// Munich", "going with 2 more partners in Q1".)
    func goesWithValue(_ k: Int, _ hi: Int) -> Int {
        guard spelled(k, ["go", "going"]), isWord(k + 1, hi, .with) else { return 0 }
        let n = isWord(k + 2, hi, .the) ? k + 3 : k + 2
        guard isKind(n, hi, .number) else { return 0 }
        let after = afterNumber(n, hi)
        let ends = after >= hi || tokens[after].kind != .word && tokens[after].kind != .number || isUnitWord(after, hi, target: nil) && (after + 1 >= hi || tokens[after + 1].kind != .word)
            || spelled(after, ["then", "for"]) && (after + 1 >= hi || spelled(after + 1, ["now"]))
        return ends ? n - k : 0
    }

    /// "6 more in late stage", "2 more partner customers in the pipeline", "one more partner left to
    /// sign": after the "more" at `more` (and a key result's name), what is still to come.
    func stillToCome(afterMore more: Int, _ hi: Int) -> Bool {
        // (Over the name of what is counted, up to the next mark: "2 more partner customers in the pipeline".)
        var j = more + 1
        while j < min(hi, more + 6), tokens[j].kind == .word {
            if stillToCome(j, hi) { return true }
            // ("one more lost renewal and we're under the threshold": what would happen; not "one more
            // closed and we're ahead of plan", "one more this week and it's Ingram".)
            if isWord(j, hi, .and), spelled(j + 1, ["we're", "were", "we'll", "we'd", "i'm"]) || isWord(j + 1, hi, .we),
               !(more + 1..<j).contains(where: { isPastTense($0) && !spelled($0, ["lost"]) }) { return true }
            j += 1
        }
        return false
    }

    /// "in late stage", "in the pipeline", "to go", "left" at `k`, after "N more": still to come.
    func stillToCome(_ k: Int, _ hi: Int) -> Bool {
        if isWord(k, hi, .to) { return spelled(k + 1, ["go", "come"]) }
        // ("2 more partners signing next week", "2 more are close", "2 more expected this week".)
        if isWord(k, hi, .are) || isWord(k, hi, .is) { return spelled(k + 1, Self.stillComingWords) && !isWord(k + 1, hi, .in) }
        if spelled(k, Self.stillComingWords) { return true }
        guard isWord(k, hi, .in) || spelled(k, ["at", "under"]) else { return false }
        let noun = isWord(k + 1, hi, .the) || isWord(k + 1, hi, .our) ? k + 2 : k + 1
        return spelled(noun, Self.stageWords) || spelled(noun + 1, Self.stageWords) && tokens[noun].kind == .word
    }

    static let notTheValueAfter = Spellings(["there", "here", "would", "less", "minus", "ignore", "wrong", "before", "earlier", "last"])
    static let stillComingWords = Spellings(["left", "pending", "remaining", "outstanding", "queued", "lined", "signing", "closing", "expected", "coming", "waiting",
                                        "likely", "close", "due", "scheduled", "planned", "possible", "potential", "verbal"])
    static let stageWords = Spellings(["stage", "stages", "late", "final", "pipeline", "pipe", "negotiation", "negotiations", "legal", "redlines", "contracting",
                                       "procurement", "discussion", "discussions", "talks", "review", "funnel", "queue"])

    /// "let me redo that", "let me correct that" at `k`: how many tokens it spans, or 0.
    func redoSaid(_ k: Int, _ hi: Int) -> Int {
        guard spelled(k, ["let", "lemme"]) else { return 0 }
        let verb = spelled(k, ["lemme"]) ? k + 1 : k + 2
        // (Not "let me fix the pricing sheet by Friday", "let me redo that deck": a task.)
        guard verb < hi, verb == k + 1 || isWord(k + 1, hi, .me), spelled(verb, ["redo", "correct", "fix", "restate", "amend", "revise", "rephrase"]),
              isWord(verb + 1, hi, .that) || isWord(verb + 1, hi, .this) || isWord(verb + 1, hi, .it),
              verb + 2 >= hi || tokens[verb + 2].kind != .word && tokens[verb + 2].kind != .mention else { return 0 }
        return verb - k + 2
    }

    /// "upsell 17, I counted Hooli twice, so 16", "- counted Hooli twice, so 16": an aside at `k` that
    /// says the value before was counted wrong, and the right one follows. (Without one it explains
    /// the value: "sorry, 9.8 — misread the dashboard", "conv is 27 not 28, double counted the demo".)
    /// (Only "so 16", "so really 16", "so it's 16" ending what is said: not "so 75k less", "so 16 would be
    /// wrong", "so 6 in the forecast", "so 11, and Initech signed so 12".)
    func miscountAside(_ k: Int, _ hi: Int) -> Bool {
        guard k > 0, tokens[k - 1].kind == .comma || tokens[k - 1].kind == .dash || tokens[k - 1].kind == .open,
              let so = (k + 1..<hi).first(where: { isWord($0, hi, .so) }) else { return false }
        var n = so + 1
        while n < min(hi, so + 3), spelled(n, ["really", "actually", "it's", "its", "that's", "thats", "more", "like", "we're", "were", "at"]) || isWord(n, hi, .its) || isWord(n, hi, .itsContraction) || isWord(n, hi, .thats) { n += 1 }
        guard isKind(n, hi, .number), !tokens[n].delta else { return false }
        // (What follows may be how sure or another thought: "so 9.6 conf 6", "so 3, and Hooli is 50/50";
        // not a change or a condition: "so 75k less", "so 16 would be wrong", "so 6 in the forecast".)
        let after = afterNumber(n, hi)
        if after < hi, spelled(after, Self.notTheValueAfter) || isWord(after, hi, .more) || isWord(after, hi, .less) || isWord(after, hi, .fewer) || isWord(after, hi, .would)
            || isWord(after, hi, .in) || isWord(after, hi, .then) || isWord(after, hi, .not) { return false }
        if after < hi, tokens[after].kind == .comma, isKind(after + 1, hi, .number) || spelled(after + 1, ["and"]) && (after + 2..<hi).contains(where: { isWord($0, hi, .so) && isKind($0 + 1, hi, .number) }) { return false }
        return takenBackBy(k, hi)
    }

    /// Whether the emoji at `k` is a pasted prompt's status marker (before a progress bar).
    func isPromptStatusEmoji(_ k: Int) -> Bool {
        guard k + 1 < tokens.count else { return false }
        // Before a progress bar, or before the prompt's "#1" when the bar was cut.
        return tokens[k + 1].kind == .other && (bytes[tokens[k + 1].start] == 0xE2 && bytes[tokens[k + 1].start + 1] == 0x96)
            || tokens[k + 1].kind == .hashNumber && (k == lineBodyStart || k == 0)
    }

    func isInParens(_ k: Int, _ lo: Int, _ hi: Int) -> Bool {
        var depth = 0
        for j in lo..<k {
            if tokens[j].kind == .open { depth += 1 } else if tokens[j].kind == .close { depth = max(0, depth - 1) }
        }
        return depth > 0
    }

    /// The token after a number and anything glued to it ("3rd", "45k").
    func afterNumber(_ k: Int, _ hi: Int) -> Int {
        var j = k + 1
        while j < hi, tokens[j].start == tokens[j - 1].end, tokens[j].kind == .word { j += 1 }
        if j < hi, word(j, hi).magnitude != nil { j += 1 }
        return j
    }

    func hasNumberAhead(_ k: Int, _ hi: Int, within: Int = 6) -> Bool {
        var j = k + 1
        while j < min(hi, k + 1 + within) {
            if tokens[j].kind == .number { return true }
            if tokens[j].kind == .word, word(j, hi).numberValue != nil, tokens[j].word != .a, tokens[j].word != .an, tokens[j].word != .one || isWord(j + 1, hi, .more) { return true }
            if tokens[j].kind == .comma || tokens[j].kind == .dash || tokens[j].kind == .semicolon { return false }
            j += 1
        }
        return false
    }

    /// "we'll get to 8", "on getting to 3", "to hit 35", "want to be at 30": a goal.
    func goalTalkBefore(_ k: Int, _ lo: Int) -> Bool {
        var j = k - 1
        var steps = 0
        while j >= lo, steps < 5 {
            let w = tokens[j].kind == .word ? tokens[j].word : .none
            if w == .get || w == .getting || w == .reach || w == .reaching || w == .make || w == .making || w == .want || w == .wants || w == .need || w == .needs
                || w == .go && !(j > lo && tokens[j - 1].kind == .word && tokens[j - 1].word == .did)  // "go to 11 then"; "did go up to" is past
                || w == .will || w == .well || w == .ill || w == .gonna || w == .going || w == .expect || w == .hope || w == .aim || w == .plan || w == .land
                || w == .could || w == .would || w == .should || w == .might || w == .target || w == .goal { return true }
            if tokens[j].kind == .number || tokens[j].kind == .comma { return false }
            j -= 1
            steps += 1
        }
        return false
    }

    /// A number that is part of a date ("Dec 4", "4th Dec", "4. Dezember", "2026", "12/4", "Q4").
    func isDatePart(_ k: Int, _ hi: Int) -> Bool {
        let token = tokens[k]
        if token.isPlainInteger, token.value >= 1990, token.value <= 2100, token.end - token.start == 4 { return true }
        func monthAt(_ j: Int) -> Bool { self.monthAt(j, hi) }
        if token.isPlainInteger, token.value >= 1, token.value <= 31 {
            if monthAt(k - 1) || (isSymbol(k - 1, hi, UInt8(ascii: ".")) && monthAt(k - 2)) { return true }
            var j = k + 1
            if j < hi, isOrdinalSuffix(j) { j += 1 }
            if isSymbol(j, hi, UInt8(ascii: ".")) { j += 1 }
            if isWord(j, hi, .of) { j += 1 }
            if monthAt(j) { return true }
            // "signs on the 5th", "by the 30th": a day of the month.
            if j == k + 2, isWord(k - 1, hi, .the), isWord(k - 2, hi, .on) || isWord(k - 2, hi, .by) || isWord(k - 2, hi, .until) || isWord(k - 2, hi, .before) || isWord(k - 2, hi, .from) {
                return true
            }
            // "Dec 1-4": the second day of a range.
            if k > 0, tokens[k - 1].kind == .word, text(k - 1).first == UInt8(ascii: "-") { return true }
            // "Nov 1 - 20", "Nov 1 to 20", "1 - 20 Nov": a day range written with spaces.
            let rangeWord = { (j: Int) in self.isKind(j, hi, .dash) || self.isWord(j, hi, .to) || self.isWord(j, hi, .until) || self.isWord(j, hi, .till) }
            // (Not "Nov 23 - 2 new partner customers": a count after a dated heading.)
            if k >= 3, rangeWord(k - 1), tokens[k - 2].isPlainInteger, tokens[k - 2].value >= 1, monthAt(k - 3),
               !(isWord(k + 1, hi, .new) || isWord(k + 1, hi, .more) || countedNoun(k + 1, hi) != nil || k + 1 < hi && tokens[k + 1].kind == .word && !index.hits(for: text(k + 1)).isEmpty) { return true }
            if rangeWord(k + 1), k + 2 < hi, tokens[k + 2].isPlainInteger, tokens[k + 2].value >= 1, tokens[k + 2].value <= 31, monthAt(k + 3) { return true }
        }
        // "Week 48 update", "KW 49", "in week 47": a calendar week's number. (Not "this week 5",
        // "per week 3", "a week 2 more": the week is when, the number the value.)
        if k > 0, spacedWeekLabel(k - 1, hi) != nil, !isKind(k - 2, hi, .number) { return true }
        // "12/4": numeric dates carry a slash-denominator; they are dates only after "by", "due", "on".
        if token.denominator != nil, !token.percent, token.currency == nil, isWord(k - 1, hi, .by) || isWord(k - 1, hi, .due) || isWord(k - 1, hi, .on) || isWord(k - 1, hi, .until) { return true }
        // "on Friday 27", "Thursday 26th"
        if token.isPlainInteger, token.value >= 1, token.value <= 31, k > 1, tokens[k - 1].kind == .word, DateReader.dayHashes[TargetIndex.hash64(text(k - 1))] != nil,
           isWord(k - 2, hi, .on) || isWord(k - 2, hi, .by) || isWord(k - 2, hi, .until) || isWord(k - 2, hi, .next) || isWord(k - 2, hi, .this) { return true }
        return false
    }

    /// The calendar week a label written apart names at `j` ("week 47", "KW 47", "semana 47"), if it
    /// is one: not "this week 5", "per week 3", "week 2 of December".
    func spacedWeekLabel(_ j: Int, _ hi: Int) -> Int? {
        guard spelled(j, Self.calendarWeekWords), isKind(j + 1, hi, .number), case let n = tokens[j + 1], n.isPlainInteger, n.end - n.start <= 2, n.value >= 1, n.value <= 53,
              !isWord(j + 2, hi, .of), !spelled(j - 1, Self.weekDeterminers) else { return nil }
        return Int(n.value)
    }

    static let calendarWeekWords = Spellings(["week", "wk", "kw", "cw", "woche", "semana", "semaine", "week#"])
    /// Words before "week" that make it a span of time, not a week's name ("this week 5", "per week 3").
    static let weekDeterminers = Spellings(["this", "last", "next", "per", "a", "an", "each", "every", "that", "one", "previous", "past", "coming", "the",
                                           "dieser", "diese", "letzte", "letzten", "nächste", "nächsten", "pro", "esta", "la", "cette", "por", "cada", "à", "par"])

    /// Whether the number at `k` follows "I posted", "we reported (", "I first read as", "I had it
    /// at": a value the author gave or had before.
    func reportedBefore(_ k: Int) -> Bool {
        var j = k - 1
        if isKind(j, k, .open) || isKind(j, k, .comma) { j -= 1 }
        // ("last week I posted cycle 49 but the report had a bug": the key result's name between.)
        if j >= 2, tokens[j].kind == .word, !spelled(j, Self.reportedVerbs), (max(1, k - 4)..<j).contains(where: { spelled($0, Self.reportedVerbs) }) {
            var named = j
            while named >= 1, named > k - 4, tokens[named].kind == .word, !spelled(named, Self.reportedVerbs), !index.hits(for: text(named)).isEmpty { named -= 1 }
            if named < j, spelled(named, Self.reportedVerbs) { j = named }
        }
        // (Most numbers follow no word of these: checked first, cheaply.)
        guard j >= 1, tokens[j].kind == .word, isWord(j, k, .as) || isWord(j, k, .at) || isWord(j, k, .it) || spelled(j, Self.reportedVerbs) || spelled(j, Self.objectPronouns) else { return false }
        if isWord(j, k, .as) || isWord(j, k, .at) { j -= 1 }
        // ("I had coverage at 68 but the report double-counted Austria": the name as the object.)
        var object = false
        if j >= 2, tokens[j].kind == .word, !spelled(j, Self.reportedVerbs), !spelled(j, Self.objectPronouns), !isWord(j, k, .it), !index.hits(for: text(j)).isEmpty {
            var named = j
            while named >= 1, named > j - 3, tokens[named].kind == .word, !spelled(named, Self.reportedVerbs), !spelled(named, ["had"]), !index.hits(for: text(named)).isEmpty { named -= 1 }
            if spelled(named, Self.reportedVerbs) || spelled(named, ["had"]) { j = named + 1; object = true }
        }
        object = object || isWord(j, k, .it) || spelled(j, Self.objectPronouns)
        if object { j -= 1 }
        guard j >= 1, spelled(j, Self.reportedVerbs) || object && spelled(j, ["had"]) else { return false }
        if spelled(j - 1, ["first", "originally", "initially"]) { j -= 1 }
        guard isWord(j - 1, k, .i) || spelled(j - 1, ["we"]) else { return false }
        // (Said to be wrong or put right after it, "(31) was demos-to-meetings", "I typed 24 but the
        // dashboard says 25", "I wrote 5 reseller deals, it's 4": not "I reported 74 yesterday and
        // nothing changed", "I read 8.2 on the dashboard, not bad", "I logged 4, was a good week".)
        let after = afterNumber(k, tokens.count)
        let saidBefore = isKind(k - 1, k, .open) || spelled(j, ["first", "originally", "initially"])
        return (after..<min(tokens.count, after + 6)).contains { m in
            spelled(m, ["wrong", "incorrect", "typo", "mistake", "though", "however"]) || spelled(m, ["it's", "its"]) && isKind(m + 1, tokens.count, .number)
                || isWord(m, tokens.count, .but)
                || saidBefore && (spelled(m, ["was", "were"]) && !spelled(m + 1, ["a", "an", "good", "great", "well", "nice", "fine", "right", "correct", "accurate"]))
        }
    }

    /// "the 97 in my earlier msg was a typo", "that 26 was wrong": a number said to be wrong.
    func saidWrong(_ k: Int) -> Bool {
        guard k > 0, spelled(k - 1, ["the", "that", "this"]) else { return false }
        let after = afterNumber(k, tokens.count)
        var m = after
        while m < min(tokens.count, after + 6), tokens[m].kind == .word, !spelled(m, ["was", "is", "were"]) { m += 1 }
        guard spelled(m, ["was", "is", "were"]) else { return false }
        if spelled(m + 1, ["a", "an"]) { return spelled(m + 2, ["typo", "mistake", "mistype", "error", "misprint"]) }
        return spelled(m + 1, ["wrong", "incorrect", "off", "mistyped", "bogus", "outdated", "stale"])
    }

    static let rightWords = Spellings(["right", "correct", "accurate", "fine"])
    static let objectPronouns = Spellings(["it", "them"])
    static let reportedVerbs = Spellings(["posted", "reported", "gave", "sent", "wrote", "shared", "submitted", "entered", "read", "typed", "put", "logged", "misread", "quoted"])

    /// "10:30", "9am".
    func isTimePart(_ k: Int, _ hi: Int) -> Bool {
        let token = tokens[k]
        if k + 2 < hi, tokens[k + 1].kind == .colon, tokens[k + 1].start == token.end, tokens[k + 2].start == tokens[k + 1].end, tokens[k + 2].kind == .number { return true }
        if k >= 2, tokens[k - 1].kind == .colon, tokens[k - 1].start == tokens[k - 2].end, token.start == tokens[k - 1].end, tokens[k - 2].kind == .number { return true }
        if k + 1 < hi, tokens[k + 1].start == token.end, tokens[k + 1].kind == .word {
            let suffix = String(decoding: text(k + 1), as: UTF8.self)
            if suffix == "am" || suffix == "pm" || suffix == "h" { return true }
        }
        // "partners call at 3", "sync at 4 tomorrow": an hour.
        if token.isPlainInteger, token.value >= 1, token.value <= 12, k >= 2, isWord(k - 1, hi, .at),
           spelled(k - 2, Self.eventNouns) || isWord(k + 1, hi, .tomorrow) || spelled(k + 1, ["tonight", "oclock", "o'clock", "sharp"]) {
            return true
        }
        return false
    }

    /// "> 45k", "above 90", "over 100": a comparison, not the value.
    func isComparison(_ k: Int) -> Bool {
        guard k > 0 else { return false }
        let previous = tokens[k - 1]
        if previous.kind == .other, bytes[previous.start] == UInt8(ascii: ">") || bytes[previous.start] == UInt8(ascii: "<") { return true }
        if previous.kind == .word, previous.word == .above || previous.word == .below || previous.word == .over || previous.word == .under || previous.word == .than || previous.word == .least { return true }
        // "still under the 45k line", "above the 90% mark".
        if k >= 2, previous.kind == .word, previous.word == .the, tokens[k - 2].kind == .word,
           [.above, .below, .over, .under].contains(tokens[k - 2].word) { return true }
        return false
    }

    func canNotBeNegative(_ target: Target?) -> Bool {
        guard let target else { return true }
        switch target.unit {
        case .count, .percent, .currency, .days: return true
        case .number: return (target.baseline ?? 0) >= 0 && (target.goal ?? 0) >= 0
        }
    }

    /// "will be 5", "we'll be at 46k", "going to be around 30", "should be 900k+ by mid Dec": the
    /// number at `k` is what something will be, not what it is.
    func isForecastValue(_ k: Int, _ lo: Int, _ hi: Int) -> Bool {
        var j = k - 1
        if j > lo, isWord(j, hi, .at) || isWord(j, hi, .around) || isWord(j, hi, .about) || isWord(j, hi, .over) || isSymbol(j, hi, UInt8(ascii: "~")) { j -= 1 }
        guard j > lo, isWord(j, hi, .be) else { return false }
        switch word(j - 1, hi) {
        case .will, .would, .could, .might, .gonna, .well, .ill: return true
        case .to: return isWord(j - 2, hi, .going) || isWord(j - 2, hi, .expected) || isWord(j - 2, hi, .expect) || isWord(j - 2, hi, .hope) || isWord(j - 2, hi, .want)
        case .should: return futureTimeAfter(afterNumber(k, hi), hi) || conditionAfterForecast(afterNumber(k, hi), hi, at: k)
        default: return false
        }
    }

    /// Whether another period follows the number ending at `j`: "5 last quarter", "88% in Q3",
    /// "20 a year ago", "68 at the last check-in", "52 in October", or a later time: "150k
    /// expected", "4 EOQ", "9.5 next month", "6 by Christmas". ("5 last week" is this check-in's week.)
    /// "Last quarter we closed with a churn of 11,4", "In Q3 coverage was 55": a clause that starts with
    /// another period says that period's numbers, up to a word of now ("..., now 9,6").
    func ledByOtherPeriod(_ lo: Int, _ k: Int, _ hi: Int) -> Bool {
        // ("last week's 3 deals turned into 4": last week's number.)
        if k >= 2, spelled(k - 1, ["week's", "weeks", "wk's"]), isWord(k - 2, hi, .last) { return true }
        // ("last week I reported pipe 90k but Soylent had already dropped, so really 75k": what last
        // week's report should have said, not this week's value.)
        // ("last week's partner revenue should've been 112k not 120k", "correction for last week:
        // upsell was 14 not 15": a sentence about last week's value.)
        // (After a greeting or an emoji too: "heads up :wave: last week's ...". Not a change said
        // with it, "..., +2 on top of that": this week's.)
        // (About last week's value: "was", "should've been" follows; not "Last week's demo with ACME went
        // great, win rate 25", "last week's push paid off: coverage 74".)
        if sentenceStart < k, !tokens[k].delta, let p = (sentenceStart..<min(k, sentenceStart + 5)).first(where: { isWord($0, hi, .last) && spelled($0 + 1, ["week's", "weeks"]) || spelled($0, ["correction", "corrections", "fix"]) }),
           p == sentenceStart || tokens[p - 1].kind != .word && tokens[p - 1].kind != .number || spelled(p - 1, ["up", "fyi", "btw", "quick", "small", "ok", "so"]),
           isWord(p, hi, .last) && (p + 2..<min(k, p + 6)).contains(where: { isWord($0, hi, .was) || isWord($0, hi, .were) || spelled($0, ["should've", "shouldve", "should"]) })
            || (isWord(p + 1, hi, .for) || isWord(p + 1, hi, .from) || isWord(p + 1, hi, .to)) && isWord(p + 2, hi, .last) && spelled(p + 3, ["week", "week's", "wk"]),
           !saysNow(p, min(hi, afterNumber(k, hi) + 3), hi) {
            return true
        }
        // ("Small confession: last week I reported ...": after a heading too.)
        // (In the clause of the phrase, or one going on with "so really 75k"; not past a colon or a
        // semicolon, "last week I said we'd hit 3, and we did: partners 3"; "had" only of the value,
        // "I had coverage at 68", not "last week I had no access to the CRM, coverage 72".)
        if sentenceStart < k, let p = (sentenceStart..<min(k, sentenceStart + 6)).first(where: { isWord($0, hi, .last) && isWord($0 + 1, hi, .week) }),
           p == sentenceStart || tokens[p - 1].kind == .colon || tokens[p - 1].kind == .comma,
           isWord(p + 2, hi, .i) || spelled(p + 2, ["we"]),
           spelled(p + 3, Self.reportedVerbs) || spelled(p + 3, ["said"]) || spelled(p + 3, ["had"]) && (isKind(p + 4, hi, .number) || isKind(p + 4, hi, .word) && !index.hits(for: text(p + 4)).isEmpty),
           p >= lo || isWord(lo, hi, .so) && (isWord(lo + 1, hi, .actually) || spelled(lo + 1, ["really"])), !spelled(k - 1, ["it's", "its", "is", "we're", "currently"]),
           !(p..<k).contains(where: { tokens[$0].kind == .colon || tokens[$0].kind == .semicolon }),
           !saysNow(p, min(hi, afterNumber(k, hi) + 3), hi) {
            return true
        }
        var j = lo
        let lead = isWord(j, hi, .in) || isWord(j, hi, .for) || spelled(j, ["over", "during", "für", "fürs", "para", "pour", "voor", "per"]) ? j : -1
        if lead >= 0 { j += 1 }
        if isWord(j, hi, .the) || lead >= 0 && spelled(j, ["den", "el", "la", "le", "het", "il"]) { j += 1 }
        // ("For next month churn 9.5", "For the next 2 weeks", "Für nächsten Monat", "Para el próximo
        // mes", "For tomorrow", "For December": a later period's figure.)
        if isWord(j, hi, .next) || spelled(j, Self.nextWordsEverywhere) {
            var p = j + 1
            if isKind(p, hi, .number) || spelled(p, ["few", "couple"]) { p += 1 }
            return spelled(p, Self.longPeriods) || spelled(p, Self.periodWordsEverywhere)
        }
        // (Not "Morgen :wave:", a greeting in German: "tomorrow" itself leads alone.)
        if isWord(j, hi, .tomorrow), lead >= 0 || spelled(j, ["tomorrow", "tmrw", "tmr"]) { return true }
        // ("For the rest of the year", "For EOY", "For year end", "For 2027", "For Friday": later.)
        if lead >= 0, !isWord(lead, hi, .in) {
            // (A period's rest: not "For the rest of the Americas".)
            if spelled(j, ["rest"]), isWord(j + 1, hi, .of) {
                let p = isWord(j + 2, hi, .the) || isWord(j + 2, hi, .this) ? j + 3 : j + 2
                if spelled(p, Self.longPeriods) || spelled(p, Self.periodWordsEverywhere) || monthAt(p, hi) || isOtherQuarter(p) || spelled(p, ["q4"]) { return true }
            }
            if spelled(j, ["eoy", "eoq", "year-end", "yearend", "christmas", "xmas"]) || spelled(j, ["year"]) && spelled(j + 1, ["end"]) { return true }
            if isKind(j, hi, .number), tokens[j].isPlainInteger, tokens[j].value > Double(calendarComponent(.year)), tokens[j].value < 2100 { return true }
            if namesDay(j, hi), !spelled(j, ["today"]), j < hi, let day = DateReader.weekday(String(decoding: text(j), as: UTF8.self)), day != (calendarComponent(.weekday) + 5) % 7 + 1 { return true }
        }
        if j < hi, tokens[j].kind == .word, let month = DateReader.monthHashes[TargetIndex.hash64(text(j))], month != replyMonth, lead >= 0 { return true }
        // (Not "For the last month churn has been steady at 9.8": up to now.)
        if lead >= 0, !isWord(lead, hi, .in), isWord(j, hi, .last) || spelled(j, ["past"]) { return false }
        guard isWord(j, hi, .last) || spelled(j, ["previous", "prior"]) ? spelled(j + 1, Self.longPeriods) : isOtherQuarter(j) else { return false }
        if saysNow(j, k, hi) { return false }
        for m in j..<k where spelled(m, ["jetzt", "ahora", "agora", "maintenant", "nu", "ora"]) { return false }
        return true
    }

    /// "Numbers for week 47 (missed last week): close rate 24", "Nachtrag KW 47: Deals 4": a line led
    /// by another calendar week than the reply's, before any other number on it.
    func lineLedByOtherWeek(before k: Int) -> Bool {
        // The nearest week label before the value decides ("W46: 24%, W47: 26%, W48: 28%": 28 is this week's).
        var j = k - 1
        while j >= lineBodyStart {
            if let week = weekLabel(j) ?? spacedWeekLabel(j, k) {
                guard week != replyWeek else { return false }
                // (A heading, "W47:", or leading the line, "Numbers for week 47", "Nachtrag KW 47"; not
                // "Globex wants to sign in KW 50".)
                let end = weekLabel(j) != nil ? j + 1 : j + 2
                return isKind(end, k + 1, .colon) || (lineBodyStart..<j).allSatisfy { tokens[$0].kind != .word || spelled($0, Self.weekLabelLeads) }
            }
            j -= 1
        }
        return false
    }

    static let weekLabelLeads = Spellings(["numbers", "number", "figures", "update", "updates", "for", "late", "latest", "nachtrag", "zahlen", "für", "catch-up", "catchup", "my", "the",
                                          "from", "of", "stand", "week's", "weekly", "recap", "summary", "report", "missed", "belated", "sorry", "here", "here's", "heres", "are", "is"])

    /// "holding nicely at 92%", "holding well: the renewal rate sits at 92%": the level the word of
    /// holding at `h` holds at, when it is said right after it (not "no change, DACH at 80", "same as
    /// last week with enterprise at 8.5": another thing's number).
    func heldLevel(after h: Int, _ hi: Int, refs: [Reference], target: Target?) -> Int? {
        guard let target, let last = target.lastValue, let entry = refs.first?.entry else { return nil }
        // "holding nicely at 92%": one word between.
        // (Nothing said of a part after it: not "holding strong at 60k for enterprise", "at 30 in the Nordics".)
        func levelEnds(_ n: Int) -> Bool {
            let after = afterNumber(n, hi)
            guard isWord(after, hi, .for) || isWord(after, hi, .in) || isWord(after, hi, .across) || isWord(after, hi, .with) || spelled(after, ["among", "within"]) else { return true }
            // ("for now", "for the quarter", "in the installed base": the key result's own scope.)
            let m = isWord(after + 1, hi, .the) ? after + 2 : after + 1
            return isWord(m, hi, .now) || spelled(m, ["quarter", "month", "week", "year", "q4", "moment", "time"]) || isKind(m, hi, .word) && index.hits(for: text(m)).contains { Int($0.entry) == entry }
        }
        if isKind(h + 1, hi, .word), isWord(h + 2, hi, .at), isKind(h + 3, hi, .number) { return fits(h + 3, target, near: last) && levelEnds(h + 3) ? h + 3 : nil }
        // "holding well: the renewal rate sits at 92%": the key result named again with its level.
        guard let again = refs.first(where: { $0.lo > h && $0.entry == entry }), again.lo <= h + 5,
              (h + 1..<again.lo).allSatisfy({ tokens[$0].kind == .word || tokens[$0].kind == .colon }) else { return nil }
        var j = again.hi
        while j < min(hi, again.hi + 3), spelled(j, ["is", "sits", "stands", "at", "now", "of"]) { j += 1 }
        return isKind(j, hi, .number) && fits(j, target, near: last) && levelEnds(j) ? j : nil
    }

    /// "per last week", "as of last week's numbers", "as at last week", "(last wk)", "(from last
    /// week's export)", "from last week's export", ", that's from last Monday" (said on a Monday) at
    /// `j`: the value before was so then.
    func asOfLastWeek(_ j: Int, _ hi: Int) -> Bool { lastWeekPhraseEnd(j, hi) != nil }

    /// Where a phrase saying "as it was last week" that starts at `j` ends.
    func lastWeekPhraseEnd(_ j: Int, _ hi: Int) -> Int? {
        var m = j
        guard m < hi else { return nil }
        let paren = tokens[m].kind == .open
        if paren || tokens[m].kind == .comma || tokens[m].kind == .dash { m += 1 }
        guard m < hi, tokens[m].kind == .word else { return nil }
        // (", that's from last Monday", ", it's from last week"; not ", both from last week": when the
        // two new ones came.)
        if spelled(m, Self.thatIsWords) { m += 1 } else if spelled(m, ["that", "which", "those", "these"]), spelled(m + 1, ["is", "are", "was", "were"]) { m += 2 }
        var from = false
        if spelled(m, ["per"]) { m += 1 } else if isWord(m, hi, .as), isWord(m + 1, hi, .of) || isWord(m + 1, hi, .at) { m += 2 } else if isWord(m, hi, .from) { from = true; m += 1 }
        else if !paren { return nil }
        // ("as of the last week's numbers", "per the last check-in"; not "from the last update Finance
        // sent", the latest one.)
        if isWord(m, hi, .the), isWord(m + 1, hi, .last), spelled(m + 2, Self.weekWords) || spelled(m + 2, ["check-in", "checkin", "check-in's"]) { m += 1 }
        guard isWord(m, hi, .last) else { return nil }
        // ("that's from last Monday" said on a Monday: a week old; "as of last Friday" is this week's end.)
        guard spelled(m + 1, Self.lastWeekNouns) || namesDay(m + 1, hi) && DateReader.weekday(String(decoding: text(m + 1), as: UTF8.self)) == (calendarComponent(.weekday) + 5) % 7 + 1 else { return nil }
        var end = m + 2
        // "from last week's export": a snapshot of then (not "down from last week's 10.2", nor "8.1
        // from last week's surveys", this week's reading of what was done then).
        if spelled(m + 1, ["week's", "weeks", "wk's"]), spelled(end, Self.snapshotNouns) { end += 1 } else if from, spelled(m + 1, ["week's", "weeks", "wk's"]) { return nil }
        // ("(last wk)", "(from last week's export)": the brackets hold only the time; not "(10.2 last week)".)
        if paren { return end < hi && tokens[end].kind == .close ? end + 1 : nil }
        // (Not "down from last week's 10.2", "9.8 from last week's 10.2": the number it moved from.)
        if from, isKind(end, hi, .number) || isKind(end + 1, hi, .number) { return nil }
        return end
    }

    /// Whether a word of now ("now", "this", "today", "currently") stands in `a..<b`: "As of last
    /// week 650k, now 700k" says this week's value after last week's.
    func saysNow(_ a: Int, _ b: Int, _ hi: Int) -> Bool {
        var m = a
        while m < b {
            if isWord(m, hi, .now) || isWord(m, hi, .this) || isWord(m, hi, .today) || isWord(m, hi, .currently) { return true }
            m += 1
        }
        return false
    }

    /// "As of last week: pipeline 700k, partner rev 130k", "pipeline per last week: 700k": the
    /// value at `k` led by the time it was so (not "As of last week 650k, now 700k", nor "As of
    /// last week we've got Snowflake signed, so 2", since when).
    func ledByLastWeek(_ lo: Int, _ k: Int, _ hi: Int) -> Bool {
        // A heading of the line: "As of last week: ...".
        if lineBodyStart < k, let end = lastWeekPhraseEnd(lineBodyStart, k), isKind(end, k, .colon), !saysNow(end, k, hi) { return true }
        // Right before the value, with nothing but "is" or a colon between ("pipeline per last week: 700k").
        // (Leading the value, with no number before it: not "130k as of last week, 140k now".)
        for p in lo..<k {
            if tokens[p].kind == .number { return false }
            guard isWord(p, hi, .as) || isWord(p, hi, .per) else { continue }
            if let end = lastWeekPhraseEnd(p, k + 1), end <= k, (end..<k).allSatisfy({ tokens[$0].kind == .colon || tokens[$0].kind == .dash || spelled($0, ["is", "was", "at", "were", "it's"]) }) { return true }
        }
        return false
    }

    static let weekWords = Spellings(["week", "wk", "week's", "weeks", "wk's"])
    /// What a rate's share does: "74% of accounts have an owner", "16% upsold", "92% renewed".
    static let shareVerbs = Spellings(["have", "has", "owner", "owners", "owned", "assigned", "renewed", "upsold", "upgraded", "bought", "churned", "converted", "won", "covered", "signed"])
    /// ("2 partners waiting to sign", "partners: 2 pending" after the number ending at `next`: still
    /// to come, maybe not the count; asked.) (Not "3 waiting on legal": the count, held up.)
    func stillWaiting(_ next: Int, _ hi: Int) -> Bool {
        func waiting(_ w: Int) -> Bool { w < hi && spelled(w, Self.waitingWords) && !(isWord(w + 1, hi, .on) || isWord(w + 1, hi, .for) || spelled(w + 1, ["legal", "approval"])) }
        return waiting(next) || next < hi && tokens[next].kind == .word && waiting(next + 1) && !index.hits(for: text(next)).isEmpty
    }

    /// "close rate low 20s", "in the mid 30s": a span of ten, not a value; asked.
    func saysDecade(_ k: Int, _ hi: Int) -> Bool {
        guard tokens[k].kind == .number, tokens[k].isPlainInteger, !tokens[k].percent, tokens[k].value >= 10, tokens[k].value < 100,
              tokens[k].value.truncatingRemainder(dividingBy: 10) == 0 else { return false }
        if tokens[k].end - tokens[k].start >= 3, lower[tokens[k].end - 1] == UInt8(ascii: "s") { return true }
        return k + 1 < hi && tokens[k + 1].start == tokens[k].end && tokens[k + 1].kind == .word && text(k + 1).elementsEqual([UInt8(ascii: "s")])
    }

    /// Verbs of things that went away: "slipped", "got pushed", "fell through".
    static let wentAwayWords = Spellings(["slipped", "slid", "pushed", "moved", "fell", "dropped", "died", "stalled", "delayed", "postponed", "cancelled",
                                          "canceled", "churned", "lost", "rutschten", "verschoben", "geplatzt", "abgesprungen", "se", "cayeron", "retrasaron"])

    /// "2 deals slipped to January", "two of them got pushed", "1 partner dropped out": after the
    /// number ending at `next`, the things it counts went away, so it is not the value.
    func countsWhatWentAway(_ next: Int, _ hi: Int) -> Bool {
        var j = next
        if j < hi, tokens[j].kind == .word, !index.hits(for: text(j)).isEmpty { j += 1 }
        else if isWord(j, hi, .of), spelled(j + 1, ["them", "those", "these"]) { j += 2 }
        else { return false }
        if spelled(j, ["got", "were", "have", "had", "just"]) { j += 1 }
        guard spelled(j, Self.wentAwayWords) else { return false }
        // ("moved to closed-won", "pushed over the line": won, not gone; only "pushed to January",
        // "moved out", "pushed into Q1".)
        if spelled(j, ["moved", "pushed"]) {
            guard spelled(j + 1, ["out", "back"]) || spelled(j + 1, ["to", "into"]) && (monthAt(j + 2, hi) || spelled(j + 2, ["next", "q1", "q2", "2027", "jan", "january", "new"])) else { return false }
        }
        // ("se" only as "se cayeron", "se retrasaron".)
        return !spelled(j, ["se"]) || spelled(j + 1, ["cayeron", "retrasaron", "cayó", "perdieron"])
    }

    static let waitingWords = Spellings(["waiting", "pending", "queued", "awaiting", "outstanding", "lined"])
    static let missingShareWords = Spellings(["without", "still", "missing", "open", "left", "unassigned", "uncovered", "lacking", "pending", "outstanding", "remaining", "yet"])
    static let snapshotNouns = Spellings(["export", "report", "numbers", "figures", "dashboard", "forecast", "sheet", "snapshot", "crm", "data", "pull", "extract", "update",
                                          "check-in", "checkin", "call", "review", "deck", "salesforce", "hubspot", "pipeline", "list"])
    static let thatIsWords = Spellings(["that's", "thats", "those're", "it's", "its"])
    static let lastWeekNouns = Spellings(["week", "wk", "week's", "weeks", "wk's", "check-in", "checkin", "check-in's", "update", "report"])

    func saidForOtherPeriod(_ j: Int, _ hi: Int) -> Bool {
        var k = j
        // One word for what was counted may come between: "5 deals last quarter", "2 wins in Q3";
        // nothing else ("72 no change since last month", "9.8 over the last month", "5 same as
        // last quarter" are this week's).
        if k + 1 < hi, tokens[k].kind == .word, !spelled(k, Self.periodFillers), !isWord(k, hi, .this), !isWord(k, hi, .now), !isWord(k, hi, .and), !isWord(k, hi, .so),
           isWord(k + 1, hi, .last) || isWord(k + 1, hi, .in) || isWord(k + 1, hi, .a) || isWord(k + 1, hi, .at) || isOtherQuarter(k + 1)
            || isWord(k + 1, hi, .next) || isWord(k + 1, hi, .by) || spelled(k + 1, Self.expectedWords) { k += 1 }
        guard k < hi, tokens[k].kind == .word else { return false }
        // A later time: "150k expected", "4 EOQ", "9.5 next month", "6 by Christmas", "5 by Friday".
        if let end = laterTimeEnd(k, hi), endsPhrase(end, hi) {
            return true
        }
        if isWord(k, hi, .last) || spelled(k, ["previous", "prior"]) {
            // "68 last time", "5 last quarter" ("5 last week" is this check-in's week).
            return spelled(k + 1, Self.longPeriods) || spelled(k + 1, ["time", "checkin", "check-in", "update", "report"])
        }
        if isOtherQuarter(k) || isWord(k, hi, .in) && isOtherQuarter(k + 1) { return true }
        // "4 in week 47", "4 in W47", "4 for KW 47": another calendar week than the reply's.
        if isWord(k, hi, .in) || isWord(k, hi, .for) {
            if isOtherWeek(k + 1) { return true }
            if let week = spacedWeekLabel(k + 1, hi), week != replyWeek { return true }
        }
        if isWord(k, hi, .a), spelled(k + 1, Self.longPeriods), spelled(k + 2, ["ago"]) { return true }
        // "68 at the last check-in", "11 in the prior period", "52 in October" (another month).
        if isWord(k, hi, .at) || isWord(k, hi, .in) || isWord(k, hi, .for), isWord(k + 1, hi, .the) || isWord(k + 1, hi, .our) || isWord(k + 1, hi, .my),
           isWord(k + 2, hi, .last) || spelled(k + 2, ["previous", "prior"]), spelled(k + 3, ["checkin", "check-in", "update", "report", "call", "review", "sync", "meeting"]) || spelled(k + 3, Self.longPeriods) { return true }
        if isWord(k, hi, .in), k + 1 < hi, tokens[k + 1].kind == .word, let month = DateReader.monthHashes[TargetIndex.hash64(text(k + 1))] {
            return month != replyMonth
        }
        return false
    }
    /// Where a later time starting at `k` ends: "expected", "EOQ", "next month", "by Christmas", "by
    /// the end of the quarter", "expected by EOQ" (not "by end of last week", "by Friday's count").
    func laterTimeEnd(_ k: Int, _ hi: Int) -> Int? {
        // ("85 is where we'll land by Dec 31", "85 is what we'll end up with": a forecast.)
        if isWord(k, hi, .is), k + 2 < hi, spelled(k + 1, ["where", "what"]),
           let future = (k + 2..<min(hi, k + 4)).first(where: { isWord($0, hi, .will) || isWord($0, hi, .well) || isWord($0, hi, .ill) || isWord($0, hi, .gonna) || spelled($0, ["we'll", "i'll", "should"]) }) {
            var end = future + 1
            if end < hi, tokens[end].kind == .word { end += 1 }
            if spelled(end, ["up"]) { end += 1 }
            if isWord(end, hi, .with) || isWord(end, hi, .at) { end += 1 }
            return laterTimeEnd(end, hi) ?? end
        }
        if spelled(k, Self.expectedWords) || isWord(k, hi, .eow) || isWord(k, hi, .eom) {
            // ("4 planned for the quarter", "150k expected by Christmas".)
            if isWord(k + 1, hi, .for), isWord(k + 2, hi, .the) || isWord(k + 2, hi, .this), spelled(k + 3, Self.longPeriods) { return k + 4 }
            return isWord(k + 1, hi, .by) ? laterTimeEnd(k + 1, hi) ?? k + 1 : k + 1
        }
        if isWord(k, hi, .next), spelled(k + 1, Self.longPeriods) || spelled(k + 1, ["week"]) { return k + 2 }
        guard isWord(k, hi, .by) else { return nil }
        var j = k + 1
        if isWord(j, hi, .the) { j += 1 }
        // ("by mid-December", "by end-Dec".)
        if j < hi, tokens[j].kind == .word, let dash = text(j).firstIndex(of: UInt8(ascii: "-")), Self.partOfMonth.contains(text(j)[..<dash]),
           DateReader.monthHashes[TargetIndex.hash64(text(j)[(dash + 1)...])] != nil { return j + 1 }
        // ("by the 4th".)
        if isKind(j, hi, .number), tokens[j].isPlainInteger, isOrdinalSuffix(j + 1) { return j + 2 }
        if spelled(j, Self.partOfMonth) {
            j += 1
            if isWord(j, hi, .of) { j += 1 }
            if isWord(j, hi, .the) || isWord(j, hi, .this) { j += 1 }
            // ("by end of day Friday".)
            if spelled(j, ["day"]) { return namesDay(j + 1, hi) ? j + 2 : j + 1 }
            return spelled(j, Self.longPeriods) || monthAt(j, hi) ? j + 1 : nil
        }
        if isWord(j, hi, .next), spelled(j + 1, Self.longPeriods) || spelled(j + 1, ["week"]) || namesDay(j + 1, hi) { return j + 2 }
        // ("by Dec 4", "by December 4th".)
        if monthAt(j, hi) { return isKind(j + 1, hi, .number) ? (isOrdinalSuffix(j + 2) ? j + 3 : j + 2) : j + 1 }
        if spelled(j, Self.futureTimes) || isWord(j, hi, .eow) || isWord(j, hi, .eom) { return j + 1 }
        // (Not today, not a day with "'s": "by Friday's count".)
        if namesDay(j, hi), !spelled(j, ["today"]), !text(j).suffix(2).elementsEqual("'s".utf8) { return j + 1 }
        return nil
    }

    /// Whether a phrase ending at `k` ends what is said: the clause ends, or punctuation follows
    /// ("4 EOQ 6", "deals 4 EOQ target is 8", "partners 3 by Friday (signed)" go on).
    func endsPhrase(_ k: Int, _ hi: Int) -> Bool {
        // ("12 by EOM hopefully", "4 EOQ fingers crossed": a hope ends it too.)
        k >= hi || tokens[k].kind == .comma || tokens[k].kind == .semicolon || tokens[k].kind == .dash || tokens[k].kind == .emoji
            || tokens[k].kind == .other && !isSymbol(k, hi, UInt8(ascii: "~"))
            || (isWord(k, hi, .hopefully) || isWord(k, hi, .maybe) || isWord(k, hi, .probably) || spelled(k, ["fingers", "ideally", "hoping", "inshallah"])) && !isKind(k + 1, hi, .number)
    }

    /// Words right after a number that make it a forecast: "150k expected", "4 EOQ".
    static let expectedWords = Spellings(["expected", "projected", "forecast", "forecasted", "predicted", "planned", "eoq", "eoy"])
    /// Words that put a number at another time: "was 3 when Dana asked", "2 until Friday".
    static let whenWords = Spellings(["when", "until", "till", "ago", "before", "since", "earlier", "previously", "yesterday", "last", "during", "back"])
    /// Words after a value that say how it compares, not what was counted.
    static let periodFillers = Spellings(["since", "from", "than", "as", "over", "for", "during", "vs", "versus", "compared", "incl", "including", "same", "unchanged", "flat"])
    static let nextWordsEverywhere = Spellings(["coming", "upcoming", "nächsten", "nächste", "kommenden", "kommende", "próximo", "próxima", "proximo", "proxima",
                                                "prochain", "prochaine", "volgende", "komende", "prossimo", "prossima", "nästa"])
    static let periodWordsEverywhere = Spellings(["week", "weeks", "months", "monat", "monate", "mes", "meses", "mois", "maand", "mese", "woche", "wochen", "semana",
                                                  "semanas", "semaine", "semaines", "settimana", "quartal", "trimestre", "kwartaal", "jahr", "año", "année", "jaar", "anno", "månad", "vecka"])
    static let longPeriods = Spellings(["quarter", "qtr", "year", "month", "fy", "period"])

    /// "should be 2 after that", "once Datastream signs", "when the PO lands" (not "after all")
    /// after "should be" at `k`: what it will be, unless a correction cue comes shortly before
    /// ("wait, should be 3 once you take out the LOI", "hmm should be 4 after removing the
    /// duplicate" correct).
    func conditionAfterForecast(_ j: Int, _ hi: Int, at k: Int) -> Bool {
        guard isWord(j, hi, .after) && !isWord(j + 1, hi, .all) || isWord(j, hi, .if) || spelled(j, Self.conditionWords) else { return false }
        var c = k - 1
        while c >= max(0, k - 4) {
            if isWord(c, hi, in: .corrections) || isWord(c, hi, .hmm) { return false }
            c -= 1
        }
        return true
    }
    static let conditionWords = Spellings(["once", "when", "assuming", "provided"])

    /// Whether the words in `a..<b` name a part or another subject: a capitalised name ("DACH",
    /// "Alpenland") or a word such as "alone", "segment", "enterprise".
    func namesAPart(_ a: Int, _ b: Int) -> Bool {
        for j in a..<min(b, tokens.count) where tokens[j].kind == .word {
            let first = bytes[tokens[j].start]
            if first >= 0x41 && first <= 0x5A && j > sentenceStart { return true }
            if spelled(j, Self.partWords) { return true }
        }
        return false
    }
    static let partWords = Spellings(["alone", "only", "segment", "share", "cohort", "region", "enterprise", "smb", "mid-market", "midmarket", "team", "deal", "account"])

    /// "(more) than last week", "than before", "than last time": the base of a change is the last
    /// value okrd has.
    func thanLastWeek(_ j: Int, _ hi: Int) -> Bool {
        isWord(j, hi, .last) && (isWord(j + 1, hi, .week) || spelled(j + 1, ["time", "checkin", "check-in", "update"])) || spelled(j, ["before", "previously"])
    }

    /// Whether an exact figure is within 5% of the round one it makes precise.
    func closeTo(_ round: Double, _ exact: Double) -> Bool { abs(exact - round) <= 0.05 * abs(round) }

    /// The value of the statement before, when it was recorded.
    var lastStatementValue: Double? {
        switch lastStatement {
        case .checkIn(let i)?: return result.checkIns[i].value
        case .clarification(let i)?:
            if case .value(_, let value, _, _)? = result.clarifications[i].proposal { return value }
            return nil
        case nil: return nil
        }
    }

    /// A day at `j`: a weekday, "tomorrow", "today", also with "'s" ("Thursday's demos").
    func namesDay(_ j: Int, _ hi: Int) -> Bool {
        guard j < hi, tokens[j].kind == .word else { return false }
        var word = text(j)
        if word.count > 3, word.suffix(2).elementsEqual("'s".utf8) { word = word.dropLast(2) }
        return DateReader.dayHashes[TargetIndex.hash64(word)] != nil || word.elementsEqual("tomorrow".utf8) || word.elementsEqual("today".utf8)
    }

    /// Whether a time to come follows at `j` ("by mid Dec", "before Christmas", "next week", "in Q1").
    func futureTimeAfter(_ j: Int, _ hi: Int) -> Bool {
        // ("should be 11 after Thursday when Globex signs")
        if isWord(j, hi, .after), namesDay(j + 1, hi) || monthAt(j + 1, hi) { return true }
        var k = j
        while k < min(hi, j + 4) {
            if isWord(k, hi, .by) || isWord(k, hi, .before) || isWord(k, hi, .until) || isWord(k, hi, .till) || isWord(k, hi, .next) || isWord(k, hi, .eow) || isWord(k, hi, .eom) { return true }
            if tokens[k].kind == .word, spelled(k, Self.futureTimes) { return true }
            if tokens[k].kind == .comma || tokens[k].kind == .semicolon { return false }
            k += 1
        }
        return false
    }

    /// Things of which "a 40k ..." is one: "closed a 40k deal", "a $150k opp".
    static let oneItemNouns = Spellings(["deal", "opp", "opportunity", "contract", "order", "po", "renewal", "upsell", "account", "customer", "logo", "discount"])
    static let summaryWords = Spellings(["average", "avg", "overall", "total", "blended", "combined"])
    static let partOfMonth = Spellings(["end", "mid", "middle", "early", "late"])
    static let worthWords: [StaticString] = ["worth"]
    /// "sat down with", "narrowed down": "down" that says nothing about a value.
    static let notMovingDown: [StaticString] = ["sat", "sit", "calm", "write", "wrote", "narrowed", "track"]
    static let giveWords: [StaticString] = ["give"]
    /// Words between a negation and the number it denies: "not at 25", "isn't even 2", "didn't hit 30".
    static let deniedNumberWords = Spellings(["at", "yet", "even", "quite", "to", "hit", "reach", "reached", "hitting", "reaching", "above", "over", "past", "beyond", "close",
                                    "bei", "auf", "bij", "op", "à", "a", "em", "en", "al", "encore", "nog", "noch", "ainda"])

    /// Whether the number at `k` is said not to be reached: a negation right before it, with at
    /// most two such words between ("still not at 25", "haven't hit 30").
    func saidNotReached(_ k: Int, _ lo: Int, _ hi: Int) -> Bool {
        var j = k - 1
        while j >= lo, k - j <= 2, tokens[j].kind == .word, spelled(j, Self.deniedNumberWords) { j -= 1 }
        guard j >= lo, tokens[j].kind == .word else { return false }
        let w = tokens[j].word
        if isForeignNegation(j) { return true }
        return w != .none && w != .no && w != .neither && w != .nor && w != .didntMove && (w == .not || WordSet.negations.contains(w))
    }

    static let wishWords = Spellings(["dreaming", "dream", "dreams", "wish", "wishing", "wished",
                            "meta", "objetivo", "ziel", "vise", "visons", "viser", "objectif", "doel", "obiettivo", "queremos", "wollen", "hoffen", "hoffe",
                            "esperamos", "hopen", "hoop", "espérons", "espero"])
    /// Wish words that are also nouns or adjectives ("Dream week 🙌 4 new deals"): a wish only as
    /// "dream of", "I wish".
    static let wishNouns = Spellings(["dream", "dreams", "wish", "meta", "ziel", "doel", "objetivo", "objectif", "obiettivo"])
    /// "precisamos chegar a 3", "tenemos que llegar a 12": reaching a number is a goal, unless it was
    /// managed ("conseguimos chegar a 4", "logramos llegar a 12").
    static let reachVerbs = Spellings(["chegar", "llegar", "arrivare", "alcanzar", "alcançar", "raggiungere", "atteindre", "halen", "erreichen"])
    static let managedWords = Spellings(["conseguimos", "conseguiu", "consegui", "conseguí", "logramos", "logré", "logró", "riusciti", "riuscito", "riuscita",
                                         "geschafft", "réussi", "gelukt", "acabamos", "acabo", "acabou", "pudimos", "finalmente", "endlich", "enfin",
                                         "fin", "finally"])
    static let changedWords = Spellings(["went", "moved", "raised", "rose", "increased", "dropped", "fell", "lowered", "jumped", "bumped", "changed"])
    /// Past participles that speak of a plan: "expected to sign our third".
    static let planParticiples = Spellings(["expected", "planned", "scheduled", "supposed", "intended", "aimed", "hoped", "targeted", "needed", "proceed", "need",
                                            "speed", "indeed", "feed", "seed", "exceed"])
    /// Words that say a value was off: "it double-counts Austria", "that's inflated".
    static let doubtWords = Spellings(["double-counts", "double-counted", "double-counting", "overcounts", "overcounted", "inflated", "overstated",
                                       "understated", "includes", "included", "counts", "duplicates", "duplicated", "outdated", "stale", "wrong", "refreshed"])
    /// "including the renewals desk", "it doesn't count": what was counted should not have been.
    static let notCountingWords = Spellings(["including", "incl", "incl.", "doesn't", "didn't", "shouldn't"])
    static let rightAdjectives = Spellings(["real", "actual", "right", "correct", "true", "richtige", "echte", "tatsächliche", "verdadero", "real", "vrai", "reale"])
    /// "of" between a value and its whole: "3 von 4", "3 de 8", "3 sur 5", "3 van 4".
    static let foreignOf = Spellings(["von", "de", "di", "van", "sur", "av", "z", "su"])

    static let ofWords = Spellings(["do", "da", "de", "del", "des", "du", "für", "van", "di"])
    static let exactAdjectives = Spellings(["exact", "precise", "genaue", "exakte", "genauen", "exacto", "exacta", "exato", "exata", "exacte", "esatto"])
    /// Words that say the exact number comes later: "exact number after the export", "genaue Zahl kommt morgen".
    static let laterWords = Spellings(["after", "later", "tomorrow", "tonight", "coming", "comes", "follows", "follow", "pending", "tbd", "tbc", "soon", "once", "when",
                                       "kommt", "folgt", "morgen", "nachher", "später", "mañana", "luego", "después", "amanhã", "depois", "demain", "après",
                                       "plus", "morgen", "straks", "dopo", "domani"])
    static let numberNouns = Spellings(["number", "numbers", "figure", "figures", "zahl", "zahlen", "wert", "número", "numero", "cifra", "chiffre", "valor", "getal"])
    static let takeWords: [StaticString] = ["take"]
    static let todayWords: [StaticString] = ["earlier", "yesterday", "lunch", "then", "above", "before"]
    /// Words after a dictated number that make it a change or a count of something else ("twenty
    /// five points up", "two more", "three new").
    static let afterSpokenChange = Spellings(["points", "point", "pts", "up", "down", "more", "less", "fewer", "new", "extra", "additional", "higher", "lower"])
    static let futureTimes: [StaticString] = ["mid", "eoq", "eoy", "end", "q1", "q2", "january", "jan", "christmas", "xmas", "year-end", "yearend"]

    /// Whether what follows a number says what it will do ("deals worth 45k should close", "2 more
    /// are expected to sign"): the number is the subject of a forecast, not a value of this week.
    func forecastAfter(_ j: Int, _ hi: Int) -> Bool {
        var k = j
        while k < hi, k < j + 6 {
            let token = tokens[k]
            guard token.kind == .word || token.kind == .number && spelled(k - 1, Self.worthWords) else { return false }
            let w = token.word
            if token.kind == .word, w != .none {
                if w == .should || w == .will || w == .would || w == .could || w == .might || w == .gonna || w == .shall {
                    return spelled(k + 1, Self.eventVerbs)
                }
                if w == .going || w == .likely || w == .expected, isWord(k + 1, hi, .to) { return spelled(k + 2, Self.eventVerbs) }
                // "at", "is", "now": the value is said, not forecast.
                if WordSet.absoluteCues.contains(w) || w == .and || w == .but { return false }
            }
            k += 1
        }
        return false
    }

    /// Words between "confidence" and its number: "confidence on churn is about eight".
    static let confidenceFillers = Spellings(["is", "at", "about", "around", "like", "maybe", "probably", "of", "level", "score", "was", "now", "on", "for", "my", "says", "say", "i'd", "id", "a", "solid", "roughly"])

    /// Whether "for November", "in October" comes shortly before the number at `k` in the clause,
    /// and the line speaks of the quarter's figure too ("... but the quarter to date figure is 10"):
    /// which one is the key result's is not clear. (A month's figure alone is the value: "renewal
    /// rate for November is at 92%".)
    func monthFigure(before k: Int, _ lo: Int, _ hi: Int) -> Bool {
        (max(lo, k - 6)..<k).contains(where: { (isWord($0, hi, .for) || isWord($0, hi, .in)) && monthAt($0 + 1, hi) })
            && !(max(lo, k - 6)..<k).contains(where: { tokens[$0].kind == .comma || tokens[$0].kind == .number })
            && (0..<tokens.count).contains(where: { spelled($0, ["quarter", "qtd", "quarter-to-date"]) })
    }

    /// "should land", "will close", "would be ideal" at `j`, right after a number.
    /// (Not with a number after it: "coverage 74 will go to 80", "partners 3 should close the quarter
    /// at 5" say the value now and where it goes.)
    func modalRightAfter(_ j: Int, _ hi: Int) -> Bool {
        guard isWord(j, hi, .should) || isWord(j, hi, .will) || isWord(j, hi, .would) || isWord(j, hi, .could) || isWord(j, hi, .might) || isWord(j, hi, .gonna),
              !(j + 1..<max(j + 1, hi)).contains(where: { tokens[$0].kind == .number || tokens[$0].kind == .word && spokenNumber(at: $0, hi) != nil && word($0, hi) != .a && word($0, hi) != .an }) else { return false }
        // (Not where it goes from there: "churn 9.8 should come down next month".)
        return spelled(j + 1, Self.eventVerbs) && !isWord(j + 2, hi, .down) && !isWord(j + 2, hi, .up)
            || isWord(j + 1, hi, .be) && spelled(j + 2, ["ideal", "great", "nice", "good", "amazing", "awesome", "realistic", "doable", "possible"])
    }
    static let caseWord = Spellings(["case"])
    static let caseKinds = Spellings(["best", "worst", "base"])
    static let forecastCategories = Spellings(["commit", "committed", "upside", "weighted", "forecast", "forecasted", "projected", "projection", "stretch"])

    static let eventVerbs: [StaticString] = ["close", "sign", "land", "come", "convert", "book", "renew", "happen", "join", "go", "follow", "start", "slip", "drop"]

    /// Whether "m", "mil" and the like after a number are magnitudes here (money, not minutes).
    func magnitudeApplies(_ w: Word, target: Target?) -> Bool {
        guard let target else { return w != .m && w != .mm }
        switch target.unit {
        case .currency: return true
        case .count, .number: return w == .thousand || w == .thousands || w == .million || w == .millions || w == .k || w == .dozen
        case .percent, .days: return false
        }
    }

    /// A word after a number, past "new", "more" and up to two other words, that says what was
    /// counted ("3 new reseller opps", "2 more demos").
    func countedNounAhead(_ j: Int, _ hi: Int) -> (Word, Int)? {
        var k = j
        var steps = 0
        while k < hi, steps < 3, tokens[k].kind == .word {
            // "26% this week", "per month": a time, not what was counted.
            let w = tokens[k].word
            if w == .this || w == .last || w == .next || w == .per || w == .each || w == .a || w == .in || w == .so || w == .since || w == .after || w == .ago { return nil }
            if var noun = countedNoun(k, hi) {
                // ("2 more partner referrals": partner describes what is counted, referrals.)
                var at = k
                if k + 1 < hi, tokens[k + 1].kind == .word, let next = countedNoun(k + 1, hi) { noun = next; at = k + 1 }
                if steps > 0, noun != .none, WordSet.unitWords.contains(noun) && entryWordsMatch(at) { return nil }
                // Units of time count only right after the number ("2 weeks"), not "3 great week".
                let time = noun == .week || noun == .weeks || noun == .day || noun == .days || noun == .month || noun == .months || noun == .d || noun == .w || noun == .wk || noun == .wks
                if time, steps > 0 { return nil }
                return (noun, at)
            }
            // Only adjectives ("qualified", "new", "reseller") lie between a number and what it counts.
            if w != .none && w != .new && w != .more && w != .additional && w != .extra { return nil }
            k += 1
            steps += 1
        }
        return nil
    }

    func entryWordsMatch(_ k: Int) -> Bool { !index.hits(for: text(k)).isEmpty }

    /// A plural noun the vocabulary does not know and no key result uses ("places", "slides").
    func isOtherPlural(_ k: Int) -> Bool {
        guard k < tokens.count, tokens[k].kind == .word, tokens[k].word == .none else { return false }
        let spelling = text(k)
        guard spelling.count > 3, spelling.last == UInt8(ascii: "s"), spelling.dropLast().last != UInt8(ascii: "s"), !spelling.contains(UInt8(ascii: "'")) else { return false }
        return !entryWordsMatch(k)
    }

    /// A word after a number that says what was counted ("surveys", "weeks", "demos").
    func countedNoun(_ j: Int, _ hi: Int) -> Word? {
        guard j < hi, tokens[j].kind == .word else { return nil }
        switch tokens[j].word {
        case .weeks, .week, .wks, .wk, .w, .days, .day, .d, .months, .month, .deals, .deal, .partners, .partner, .customers, .customer,
             .accounts, .demos, .logos, .milestones, .milestone, .dias, .tage, .jours, .semanas, .wochen, .points, .pts, .pp, .percent, .pct:
            return tokens[j].word
        case .none:
            let noun = String(decoding: text(j), as: UTF8.self)
            return Self.otherCountNouns.contains(noun) ? Word.none : nil
        default:
            return nil
        }
    }

    static let otherCountNouns: Set<String> = [
        "surveys", "survey", "calls", "call", "meetings", "meeting", "emails", "email", "hours", "hour", "hrs", "minutes", "mins", "reps",
        "people", "leads", "lead", "opps", "opp", "opportunities", "opportunity", "attendees", "times", "tickets", "users", "seats",
        "licenses", "companies", "invoices", "contracts", "cases", "renewals", "downgrades", "cancellations", "saves", "referrals",
        "referral", "webinars", "events", "demos", "trials", "pilots", "workshops", "sessions", "slots", "quarters", "years", "year",
        "enterprise", "smb", "accounts", "reuniões", "reunioes", "reuniones", "réunions", "reunions", "termine", "llamadas", "chamadas",
        "visitas", "besuche", "gespräche", "appels", "rendez-vous", "upsells", "upgrades", "expansions", "cross-sells",
    ]

    /// Whether a counted noun is what the target counts ("3 deals" for reseller-deals, "6 weeks" for days, "pts" for percent).
    func nounBelongs(_ noun: Word, _ j: Int, to entry: TargetIndex.Entry?, target: Target?) -> Bool {
        guard let target else { return noun != .none && noun != .weeks && noun != .week && noun != .days && noun != .months }
        switch noun {
        case .points, .pts, .pp, .percent, .pct: return target.unit == .percent || target.unit == .number
        case .days, .day, .d, .dias, .tage, .jours: return target.unit == .days
        case .weeks, .week, .wks, .wk, .w, .semanas, .wochen: return false
        case .months, .month: return false
        case .milestones, .milestone: return target.isMilestone
        default:
            guard let entry else { return false }
            let spelled = text(j)
            // ("2 more partner referrals": the nouns listed as other things never count a key result's own.)
            if noun == .none, Self.otherCountNouns.contains(String(decoding: spelled, as: UTF8.self)) { return false }
            // "we made 4 upsells this week", "3 renewals came in": a rate's own word in the plural
            // counts those things; it is not the rate.
            if target.unit == .percent, spelled.count > 3, spelled.last == UInt8(ascii: "s"), spelled.dropLast().last != UInt8(ascii: "s") { return false }
            return entry.words.contains { TargetIndex.matches(spelled, $0) } || !index.hits(for: spelled).filter { Int($0.entry) == index.entries.firstIndex { $0 === entry } }.isEmpty
        }
    }

    func isUnitWord(_ k: Int, _ hi: Int, target: Target?) -> Bool {
        guard k >= 0, k < tokens.count else { return false }
        let w = word(k, hi)
        if w != .none, WordSet.unitWords.contains(w) || WordSet.magnitudes.contains(w) { return true }
        let spelled = String(decoding: text(k), as: UTF8.self)
        return ["usd", "dollars", "dollar", "dólares", "dolares", "eur", "euros", "euro", "us", "k$", "m$", "days", "dias", "días", "tage", "jours", "%", "pts", "pp", "prozent"].contains(spelled)
    }

    /// "fiducia del cliente", "the confidence of the buyer": someone else's, not how sure the author is.
    func isOthersConfidence(_ k: Int) -> Bool {
        guard word(k, tokens.count) == .confidence || word(k, tokens.count) == .conf else { return false }
        // ("il cliente ha fiducia", "the client's confiance", "la fiducia del cliente".)
        return spelled(k + 1, Self.genitives) || spelled(k - 1, ["ha", "has", "hat", "heeft", "tiene", "tem", "have", "hanno", "haben", "a"])
            || k > 0 && tokens[k - 1].kind == .word && text(k - 1).count > 2 && text(k - 1).suffix(2).elementsEqual("'s".utf8)
    }

    static let genitives = Spellings(["del", "de", "des", "der", "do", "da", "of", "dei", "della", "van", "dos", "das"])

    func isFiller(_ w: Word) -> Bool {
        w != .none && (WordSet.fillerBeforeValue.contains(w) || w == .and || w == .the || w == .this || w == .week || w == .now || w == .so || w == .far || w == .today || w == .again || w == .already || w == .just || w == .only || w == .too)
    }

    /// Punctuation said aloud in dictation: "two more period so five of eight".
    static let dictatedMarks = Spellings(["period", "comma", "stop", "full", "dot", "colon", "semicolon", "dash", "newline"])

    /// A number word that is a value here: "two more", "a dozen now", "another".
    static let tensWords = Spellings(["thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"])

    /// A number said in words at `k` and the token after it, as dictation writes them: "nine",
    /// "twenty five", "forty", "nine point eight", "eight point one".
    func spokenNumber(at k: Int, _ hi: Int) -> (Double, Int)? {
        let w = tokens[k].word
        var value: Double
        var next = k + 1
        if let small = w.numberValue {
            value = small
        } else if w == .none, spelled(k, Self.tensWords) {
            value = Double(["thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90][String(decoding: text(k), as: UTF8.self)] ?? 0)
        } else {
            return nil
        }
        // "twenty five", "forty-two" is one word and not read here.
        // (Not "at twenty three new": which of 20, 23 or three new is unclear, so not one number.)
        if value >= 20, value.truncatingRemainder(dividingBy: 10) == 0, let unit = word(next, hi).numberValue, unit >= 1, unit <= 9, word(next, hi) != .a, word(next, hi) != .an,
           !isWord(next + 1, hi, .new), !isWord(next + 1, hi, .more) {
            value += unit
            next += 1
        }
        // ("one hundred and ten thousand", "seven hundred twenty k", "a hundred and thirty thousand":
        // dictated hundreds, and what follows them below a hundred.)
        if value < 10, spelled(next, ["hundred"]) {
            value *= 100
            next += 1
            let and = isWord(next, hi, .and) ? next + 1 : next
            if and < hi, tokens[and].kind == .word, word(and, hi) != .a, word(and, hi) != .an, let (rest, end) = belowHundred(at: and, hi) {
                value += rest
                next = end
            }
            if let magnitude = word(next, hi).magnitude {
                value *= magnitude
                next += 1
            }
            return (value, next)
        }
        // ("forty four thousand two hundred": the hundreds after the thousands.)
        if value < 1000, word(next, hi) == .thousand, w != .a, w != .an, next + 1 < hi, tokens[next + 1].kind == .word, word(next + 1, hi) != .a, word(next + 1, hi) != .an,
           let (rest, end) = spokenNumber(at: next + 1, hi), rest < 1000, rest == rest.rounded() {
            return (value * 1000 + rest, end)
        }
        // "nine point eight", "nine point seven five": a decimal point said, and each digit after it.
        if w != .a, w != .an, isWord(next, hi, .point), let first = word(next + 1, hi).numberValue, var (decimals, digits) = spokenDecimals(value, from: next + 1, hi) {
            // ("nine point eight three accounts lost": 9.8, then three accounts.)
            if digits > next + 2, isKind(digits, hi, .word), countedNoun(digits, hi).map({ ![.percent, .pct, .points, .pts].contains($0) }) ?? false {
                digits = next + 2
                decimals = value + first / 10
            }
            value = (decimals * 1000).rounded() / 1000
            next = digits
        }
        // "one point two million".
        if let magnitude = word(next, hi).magnitude, w != .a, w != .an {
            value *= magnitude
            next += 1
        }
        return (value, next)
    }

    /// "one five" after a spoken point, from `d`: each digit word (up to three) as decimals of `value`,
    /// and where they end; nil when no digit word follows.
    func spokenDecimals(_ value: Double, from d: Int, _ hi: Int) -> (Double, Int)? {
        var scale = 0.1
        var j = d
        var decimals = value
        while let digit = word(j, hi).numberValue, digit <= 9, word(j, hi) != .a, word(j, hi) != .an, scale >= 0.001 {
            decimals += digit * scale
            scale /= 10
            j += 1
        }
        return j > d ? (decimals, j) : nil
    }

    /// "ten", "thirty", "thirty five" at `k`: a number below a hundred said in words, and where it ends.
    func belowHundred(at k: Int, _ hi: Int) -> (Double, Int)? {
        if let small = word(k, hi).numberValue, small < 20 { return (small, k + 1) }
        guard let tens = word(k, hi).numberValue ?? (spelled(k, Self.tensWords) ? ["thirty": 30.0, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90][String(decoding: text(k), as: UTF8.self)] : nil),
              tens < 100 else { return nil }
        if let unit = word(k + 1, hi).numberValue, unit >= 1, unit <= 9, word(k + 1, hi) != .a, word(k + 1, hi) != .an { return (tens + unit, k + 2) }
        return (tens, k + 1)
    }

    func numberWordIsValue(_ k: Int, _ hi: Int, target: Target?, entry: TargetIndex.Entry?) -> Bool {
        let w = tokens[k].word
        if w == .a || w == .an {
            // "a dozen", "a couple more", "a new partner"
            if isWord(k + 1, hi, .dozen) { return true }
            if isWord(k + 1, hi, .couple), isWord(k + 2, hi, .more) || isWord(k + 3, hi, .more) { return true }
            if isWord(k + 1, hi, .new), let entry, k + 2 < hi, entry.words.contains(where: { TargetIndex.matches(text(k + 2), $0) }) {
                // "signed a new partner": one more; "not a new customer", "was a new one": not a count.
                let before = word(k - 1, hi)
                return before == .none ? (k > 0 && tokens[k - 1].kind == .word && !WordSet.negations.contains(before)) : (before == .signed || before == .added || before == .got || before == .another)
            }
            return false
        }
        if w == .one, !(isWord(k + 1, hi, .more) || isWord(k + 1, hi, .new)) {
            // "one tech partner", "the one", "one of" are not values unless after "at" / "to".
            return k > 0 && (isWord(k - 1, hi, .at) || isWord(k - 1, hi, .to) || isWord(k - 1, hi, .still))
        }
        if isWord(k + 1, hi, .more) || isWord(k + 1, hi, .new) || isWord(k + 1, hi, .additional) || isWord(k + 1, hi, .extra) {
            // ("two more leads came in": more of something else, as "2 more leads"; "one more look at
            // the clause": a word no key result uses, not a verb or a time.)
            if k + 2 < hi, tokens[k + 2].kind == .word, tokens[k + 2].word == .none, !entryWordsMatch(k + 2), !text(k + 2).suffix(2).elementsEqual("ed".utf8),
               !namesDay(k + 2, hi), !monthAt(k + 2, hi), !spelled(k + 2, Self.dictatedMarks) { return false }
            return countedNoun(k + 2, hi).map { nounBelongs($0, k + 2, to: entry, target: target) } ?? true
        }
        // ("close rate is up two points on last week", "shortened by three days": a change in the key
        // result's own unit.)
        // (Only said plainly, of this week: not "up two points vs Q3", "in DACH", "would get us there".)
        if k > 0, isWord(k - 1, hi, .up) || isWord(k - 1, hi, .down) || isWord(k - 1, hi, .by) && spelled(k - 2, Self.directionWords),
           let noun = countedNoun(k + 1, hi), [.points, .pts, .pp, .days, .day].contains(noun), nounBelongs(noun, k + 1, to: entry, target: target),
           changeSaidPlainly(after: k + 2, hi) {
            return true
        }
        if k > 0, isWord(k - 1, hi, .at) || isWord(k - 1, hi, .to) || isWord(k - 1, hi, .its) || isWord(k - 1, hi, .now) || isWord(k - 1, hi, .still) || isWord(k - 1, hi, .are) || isWord(k - 1, hi, .is) {
            return true
        }
        // "dozen now", "eleven partner customers" at the start of a clause naming the target.
        if let entry, k + 1 < hi, tokens[k + 1].kind == .word, entry.words.contains(where: { TargetIndex.matches(text(k + 1), $0) }), w != .one {
            return k == 0 || tokens[k - 1].kind != .word || isWord(k - 1, hi, .and)
        }
        return false
    }

    /// "3rd reseller partner", "our third tech partner": an ordinal before what the target counts.
    func ordinalAt(_ k: Int, _ hi: Int, entry: TargetIndex.Entry?) -> Int? {
        guard let entry, entry.target.unit == .count, !entry.target.isMilestone else { return nil }
        var ordinal: Int?
        if let value = tokens[k].word.ordinalValue { ordinal = value }
        if ordinal == nil, k > 0, tokens[k - 1].kind == .number, tokens[k - 1].isPlainInteger, tokens[k - 1].value < 1e6, isOrdinalSuffix(k) {
            ordinal = Int(tokens[k - 1].value)
        }
        guard let ordinal else { return nil }
        // ("on the 3rd with both tech partners": a date.)
        if k > 0, tokens[k - 1].kind == .number, isDatePart(k - 1, hi) { return nil }
        // "signed our 3rd partner", "the 3rd partner signed", "That's our 2nd tech partner": it
        // happened; "Eventually we sign the third partner this week", "I intend to sign the second",
        // "haven't signed our third", "expected to sign our third": not.
        let sentence = sentenceStart..<min(hi, tokens.count)
        if sentence.contains(where: { isWord($0, hi, in: .futureWords) || spelled($0, Self.planParticiples) }) { return nil }
        // (Only "that's / it's our 2nd": "Snowflake is our second partner in legal review" is not signed.)
        let copula = isWord(k - 2, hi, .thats) || isWord(k - 2, hi, .its) || isWord(k - 3, hi, .thats) || isWord(k - 3, hi, .its)
        // (A negation in the ordinal's own clause: "Legal reviewed it but we haven't signed our 3rd".)
        var clauseStart = k
        while clauseStart > sentence.lowerBound, tokens[clauseStart - 1].kind != .comma, tokens[clauseStart - 1].kind != .semicolon, !isWord(clauseStart - 1, hi, .but) { clauseStart -= 1 }
        if (clauseStart..<sentence.upperBound).contains(where: { isWord($0, hi, in: .negations) || isForeignNegation($0) }) { return nil }
        let happened = sentence.contains { j in
            isPastTense(j) && !(max(sentence.lowerBound, j - 3)..<j).contains { isWord($0, hi, in: .negations) || isForeignNegation($0) }
        }
        guard copula || happened else { return nil }
        var j = k + 1
        var seen = 0
        while j < hi, seen < 3, tokens[j].kind == .word {
            if entry.words.contains(where: { TargetIndex.matches(text(j), $0) }) { return ordinal }
            j += 1
            seen += 1
        }
        return nil
    }

    func milestoneDoneAhead(_ k: Int, _ hi: Int) -> Bool {
        var j = k
        while j < min(hi, k + 4) {
            if isWord(j, hi, in: .completionWords) || (tokens[j].kind == .emoji && tokens[j].emoji == .check) { return true }
            j += 1
        }
        return false
    }

    /// A named milestone at token `j` followed by a done word or ✅, or its verb in the past tense
    /// ("accounts migrated"): its index and the token after it.
    func milestone(named j: Int, _ hi: Int, in milestones: [[[UInt8]]]) -> (index: Int, next: Int)? {
        for (position, wanted) in milestones.enumerated() where !wanted.isEmpty {
            var k = j
            var matched = 0
            var pastTense = false
            while k < hi, tokens[k].kind == .word, !WordSet.doneWords.contains(tokens[k].word), k - j < 6 {
                let word = text(k)
                if wanted.contains(where: { TargetIndex.matches(word, $0) }) {
                    matched += 1
                    if word.count > 3, word.suffix(2).elementsEqual("ed".utf8) { pastTense = true }
                } else if !TargetIndex.stopwordHashes.contains(TargetIndex.hash64(word)), !(matched == wanted.count && spelled(k, Self.doneAdverbs)) {
                    break
                }
                k += 1
            }
            guard matched == wanted.count else { continue }
            // ("milestone III (migrate accounts) done ✅")
            if k < hi, tokens[k].kind == .close { k += 1 }
            // "Migrate accounts: done ✅", "Assign reps - done"
            if k < hi, tokens[k].kind == .colon || tokens[k].kind == .dash, k + 1 < hi, isWord(k + 1, hi, in: .doneWords) || tokens[k + 1].kind == .emoji && tokens[k + 1].emoji == .check { return (position, k + 2) }
            if isWord(k, hi, in: .doneWords) {
                // ("done by Dec 15", "done except Alpenland", "done for Berlin only": not yet, or not all of it.)
                if isWord(k + 1, hi, .by) || isWord(k + 1, hi, .before) || isWord(k + 1, hi, .until) || isWord(k + 1, hi, .after) || spelled(k - 1, Self.notQuiteWords)
                    || (k + 1..<min(hi, k + 6)).contains(where: { spelled($0, Self.exceptionWords) }) { return nil }
                return (position, k + 1)
            }
            if k < hi, tokens[k].kind == .emoji, tokens[k].emoji == .check { return (position, k + 1) }
            if pastTense { return (position, k) }
        }
        return nil
    }

    /// The milestone a word shortly before the done word at `k` names, when it names exactly one
    /// ("migration is done" for "Migrate accounts"); the key result's own name does not count.
    /// (Only the word right before "is done", unqualified, "the migration is done", and a milestone
    /// past those done: not "data migration", "migration planning", "migration is done for DACH",
    /// "definition done" when two are done.)
    func milestoneWordBefore(_ k: Int, _ lo: Int, refs: [Reference], in milestones: [[[UInt8]]], last: Double?) -> Int? {
        guard !milestones.isEmpty, !spelled(k + 1, ["for", "in", "on", "except", "apart", "only", "at"]) else { return nil }
        var j = k - 1
        while j >= lo, isWord(j, k, .is) || isWord(j, k, .was) || spelled(j, ["finally", "now", "fully", "completely", "all", "officially", "been", "has"]) { j -= 1 }
        // ("the migration milestone is done")
        if j > lo, isWord(j, k, .milestone) || spelled(j, ["step", "phase", "stage"]) { j -= 1 }
        guard j >= lo, tokens[j].kind == .word, !refs.contains(where: { $0.lo <= j && j < $0.hi }) else { return nil }
        let named = milestones.indices.filter { position in milestones[position].contains { TargetIndex.matches(text(j), $0) } }
        guard named.count == 1, Double(named[0] + 1) > (last ?? 0) else { return nil }
        let before = j - 1
        guard before < lo || tokens[before].kind != .word || spelled(before, ReplyReader.determiners) || refs.contains(where: { $0.hi == before + 1 })
                || isWord(before, k, .and) || isWord(before, k, .so) else { return nil }
        return named[0]
    }

    /// Words before "done" that say it is not quite: "almost done", "pretty much done" ("much").
    static let notQuiteWords = Spellings(["almost", "nearly", "mostly", "partially", "partly", "hopefully", "practically", "essentially", "basically", "virtually",
                                          "technically", "supposedly", "much", "largely", "casi", "quase", "presque", "bijna", "quasi"])
    /// Words shortly after "done" that leave part of it open: "done except Alpenland", "done for
    /// Berlin only", "done (almost)", "done, Alpenland pending".
    static let exceptionWords = Spellings(["except", "apart", "but", "bar", "save", "only", "almost", "pending", "partially", "partly", "excluding", "minus",
                                           "außer", "excepto", "salvo", "sauf", "exceto", "behalve"])

    /// Words between a milestone's name and its done word: "the account migration is finally finished".
    static let doneAdverbs = Spellings(["finally", "now", "fully", "completely", "officially", "basically", "totally", "also", "all"])

    // MARK: Confidence

    /// Confidence at a number token: "70% confident", "7/10", "(7/10)", "8 out of 10", "0.7 confidence".
    func confidenceAt(_ k: Int, _ hi: Int, target: Target?, valueSeen: Bool, rightAfterName: Bool) -> (Int, Int)? {
        // "one attendee wrote '8/10 would recommend'": someone else's words.
        if insideQuotes(k) { return nil }
        let token = tokens[k]
        var next = k + 1
        // "70% sure", "0.7 confidence", "7/10 conf"
        if isWord(next, hi, .confident) || isWord(next, hi, .confidence) || isWord(next, hi, .sure) || isWord(next, hi, .certain) || isWord(next, hi, .chance) || isWord(next, hi, .conf) && (token.percent || token.hasFraction || token.denominator != nil) {
            // "3 conf 6", "3 confidence: 6/10", "3 confidence high": the number after the word is the confidence.
            if isWord(next, hi, .conf) || isWord(next, hi, .confidence) {
                var j = next + 1
                while j < hi, tokens[j].kind == .colon || tokens[j].kind == .equals || isWord(j, hi, .is) || isWord(j, hi, .of) || isWord(j, hi, .at) { j += 1 }
                if j < hi, tokens[j].kind == .number || Self.confidenceLevel(word(j, hi)) != nil { return nil }
            }
            // ("churn 9.8 confident", "deals 4 confident", "deals 4 confident 9": a plain number above 1
            // right after the name, or before a confidence of its own, is the value said before the word.)
            if !token.percent, token.denominator == nil, token.hasFraction && token.value > 1 || rightAfterName && !valueSeen && !isWord(next, hi, .chance) || confidenceRightAfterWord(next, hi) != nil {
                return nil
            }
            guard let confidence = Self.confidenceNumber(token) else { return nil }
            // "70% sure we won't hit 400k": sure it will not happen, so 3.
            var j = next + 1
            while j < min(hi, next + 4), tokens[j].kind == .word, !WordSet.negations.contains(tokens[j].word) { j += 1 }
            if j < min(hi, next + 4), isWord(j, hi, .wont) || isWord(j, hi, .not) || isWord(j, hi, .dont) || isWord(j, hi, .cant) || isWord(j, hi, .never) {
                return (10 - confidence, next + 1)
            }
            return (confidence, next + 1)
        }
        // "honestly 50/50 we hit 35", "50/50 on win rate": a toss-up.
        // (Not the odds of one deal: "the Umbrella opp is 150k ... I'd give that one 50/50".)
        if token.denominator == 50, token.value == 50, !token.percent, token.currency == nil {
            let back = isWord(k - 1, hi, .one) || isWord(k - 1, hi, .it) || spelled(k - 1, ["them"]) ? 20 : 10
            // ("Hooli is 50/50", "Globex 50/50": a customer's; "50/50 split between Bechtle and Cancom",
            // "50/50 on the Hooli deal", "50/50 whether Initech signs": a split, or one deal's odds.)
            let named = isWord(k - 1, hi, .is) || spelled(k - 1, ["at"]) ? k - 2 : k - 1
            if named >= 0, isNameLike(named), index.hits(for: text(named)).isEmpty, named != lineBodyStart || isWord(k - 1, hi, .is) { return nil }
            if spelled(next, ["split", "mix", "between", "whether", "if", "chance", "odds"]) { return nil }
            if isWord(next, hi, .on), (next + 1..<min(hi, next + 4)).contains(where: { isNameLike($0) && index.hits(for: text($0)).isEmpty || spelled($0, Self.dealNouns) }) { return nil }
            // (A deal named as a measure is no deal: "deal size 44k, 50/50 we hit 45k".)
            // (Not one customer's: "Globex deal size 30k", "deal size for Wayne ~45k".)
            return (max(0, k - back)..<k).contains(where: { spelled($0, Self.dealNouns) && !(spelled($0 + 1, ["size", "sizes"]) && !isNameLike($0 - 1) && !spelled($0 + 2, ["for", "of", "at", "on"])) }) ? nil : (5, next)
        }
        // "8 out of 10", "6/10"
        var denominator = token.denominator
        if denominator == nil, isWord(next, hi, .out), isWord(next + 1, hi, .of), k + 3 <= hi, next + 2 < hi, tokens[next + 2].kind == .number {
            denominator = tokens[next + 2].value
            next += 3
        }
        // "fairly sure about churn, 8 of 10": out of ten right after talk of how sure.
        // ("Confianza baja, como 3 de 10", "Zuversicht 6 von 10", "confiance 7 sur 10".)
        if denominator == nil, isWord(next, hi, .of) || spelled(next, ["de", "von", "sur", "su", "op", "av"]), next + 1 < hi, tokens[next + 1].kind == .number, tokens[next + 1].value == 10,
           (max(0, k - 6)..<k).contains(where: { j in tokens[j].kind == .word && (tokens[j].word == .sure || tokens[j].word == .confident || tokens[j].word == .confidence || tokens[j].word == .conf || tokens[j].word == .certain) && !isOthersConfidence(j) }) {
            denominator = 10
            next += 2
        }
        guard denominator == 10, !token.percent, token.currency == nil, token.value <= 10 else { return nil }
        // "8 out of 10 renewals are signed", "7/10 demos converted": a count of things, not how sure.
        if countedNoun(next, hi) != nil { return nil }
        // "one grumpy 4/10 from a guy whose camera didn't work", "a 9/10 from Initech": a rating someone
        // gave, not how sure the author is.
        if spelled(next, ["from", "by", "rating", "ratings", "score", "scores", "review", "reviews", "vote", "votes", "von", "de", "da"]) { return nil }
        if valueSeen, (max(0, k - 2)..<k).contains(where: { isWord($0, hi, .one) }) { return nil }
        // A score out of 10 is the value itself when nothing else was said yet ("demo sat 8.1/10").
        if let target, !valueSeen, target.unit == .number, (target.goal ?? 0) <= 10, !(k > 0 && (tokens[k - 1].kind == .open || isWord(k - 1, hi, .a))) { return nil }
        if let target, !valueSeen, target.goal == 10 { return nil }
        return (Int(token.value.rounded()), next)
    }

    /// Whether token `k` stands inside quotation marks opened earlier on the line.
    func insideQuotes(_ k: Int) -> Bool {
        // (A quote closes later on the line: a stray apostrophe, "Q1 '27", opens nothing.)
        var open = false
        var closesAfter = false
        for j in 0..<tokens.count where tokens[j].kind == .other && j != k {
            let start = tokens[j].start
            let b = bytes[start]
            guard b == 0x22 || b == 0x27 && tokens[j].end - start == 1
                || b == 0xE2 && tokens[j].end - start == 3 && bytes[start + 1] == 0x80 && (0x98...0x9D).contains(bytes[start + 2]) else { continue }
            if j < k { open.toggle() } else { closesAfter = true; break }
        }
        return open && closesAfter
    }

    /// Confidence from words: "confident" 8, "feeling good" 8, "not sure" 5, "shaky" 5, "unlikely" 2...
    /// "not sure I believe it", "not sure that's right": a doubt about the number, not how sure
    /// the author is of reaching the target.
    func doubtsTheNumber(_ k: Int, _ hi: Int, negated: Bool) -> Bool {
        // "not sure if I should count the 2 deals from Hamburg", "não tenho certeza se o CRM contou
        // certo", "pas sûr que le CRM ait tout compté": whether the number counts the right things.
        if spelled(k, Self.sureWords), negated || (max(0, k - 3)..<k).contains(where: { isWord($0, hi, .not) || spelled($0, ["não", "nao", "no", "pas", "nicht", "niet", "non"]) }),
           spelled(k + 1, Self.whetherWords), (k + 2..<min(hi, k + 10)).contains(where: { spelled($0, Self.countVerbs) }) { return true }
        guard isWord(k, hi, .sure) || isWord(k, hi, .certain), negated || isWord(k - 1, hi, .not) else { return false }
        return isWord(k + 1, hi, .i) && spelled(k + 2, ["believe", "trust", "buy"])
            || (isWord(k + 1, hi, .its) || isWord(k + 1, hi, .thats) || isWord(k + 1, hi, .itsContraction)) && spelled(k + 2, ["right", "correct", "accurate", "true"])
    }

    /// "sehr", "muy", "very": how much, between a negation and what it negates.
    static let degreeWords = Spellings(["sehr", "so", "ganz", "wirklich", "muy", "tan", "très", "tres", "molto", "zo", "erg", "very", "too", "that", "really", "super", "totalmente", "muito", "zu", "gar", "completamente", "del", "todo"])

    static let sureWords = Spellings(["sure", "certain", "certeza", "sûr", "sûre", "seguro", "segura", "sicher", "zeker"])
    static let whetherWords = Spellings(["if", "whether", "se", "si", "que", "ob", "of"])
    static let countVerbs = Spellings(["count", "counted", "counting", "counts", "contou", "contó", "contado", "contar", "compté", "compter", "gezählt", "zählen",
                                       "zählt", "geteld", "tellen", "include", "included", "including"])

    /// "signs", "closes", "comes": a verb of a third person ("legal signs off").
    func isThirdPersonVerb(_ j: Int) -> Bool {
        guard j < tokens.count, tokens[j].kind == .word, tokens[j].end - tokens[j].start >= 4, lower[tokens[j].end - 1] == UInt8(ascii: "s"),
              lower[tokens[j].end - 2] != UInt8(ascii: "s"), lower[tokens[j].end - 2] != UInt8(ascii: "'") else { return false }
        return spelled(j + 1, ["off", "the", "it", "this", "before", "by", "on", "in", "up", "through", "our", "a"]) || j + 1 >= tokens.count || tokens[j + 1].kind != .word
    }

    /// "shaky, around a 5", "low on churn, 3": after a word of confidence at `e` (and the key result
    /// it is about), the number from 0 to 10 it comes to, said alone.
    /// ("shaky on hitting 400k, call it a 4": what it is about, then the number it is called.)
    /// (Only a number near the word's `band`: not "feeling good, I'd say 3", the value again.)
    func confidenceRestated(after e: Int, _ hi: Int, refs: [Reference], band: Int) -> (Int, Int)? {
        var m = e
        var about = false
        var clauseAbout = false
        if isWord(m, hi, .on) || isWord(m, hi, .for) || isWord(m, hi, .about) {
            if let ref = refs.first(where: { $0.lo == m + 1 }) {
                m = ref.hi
            } else {
                var j = m + 1
                while j < min(hi, m + 6), tokens[j].kind == .word || tokens[j].kind == .number && (tokens[j].scaled || tokens[j].currency != nil || tokens[j].value > 10) { j += 1 }
                about = true
                m = j
            }
        } else if isKind(m, hi, .word) {
            clauseAbout = true
            // ("fairly confident we land the third before the end of the quarter, call it a 7": what
            // it is about said as a clause, "not sure we get below 10, call it a 5"; then only a number
            // it is called.)
            var j = m
            while j < min(hi, m + 14), tokens[j].kind == .word || tokens[j].kind == .number { j += 1 }
            about = true
            m = j
        }
        guard isKind(m, hi, .comma) || isKind(m, hi, .dash) else { return nil }
        m += 1
        // ("call it a 4", "I'd say 4"; after what it is about, only a number it is called so.)
        var called = true
        if spelled(m, ["call", "calling", "make"]), isWord(m + 1, hi, .it) { m += 2 }
        else if spelled(m, ["i'd", "id", "i"]), spelled(m + 1, ["say"]) { m += 2 }
        else if spelled(m, ["say"]) { m += 1 }
        else { called = false }
        if about, !called { return nil }
        // (After a clause: not "deals 4, fairly confident we close Hooli too, call it 5", "partners 3,
        // confident we sign two more, say 5": a count the key result may come to, above where it was
        // and up to its target.)
        var counted: Target?
        if clauseAbout, let entry = refs.first?.entry, index.entries[entry].target.unit == .count { counted = index.entries[entry].target }
        let calledAt = m
        while m < min(hi, calledAt + 4), spelled(m, ["around", "about", "like", "maybe", "say", "a", "prob", "probably", "roughly"]) { m += 1 }
        guard isKind(m, hi, .number), tokens[m].isPlainInteger, !tokens[m].percent, tokens[m].currency == nil, tokens[m].value <= 10 else { return nil }
        let after = afterNumber(m, hi)
        guard after >= hi || tokens[after].kind == .comma || tokens[after].kind == .dash || isSentenceStop(after) else { return nil }
        guard abs(Int(tokens[m].value) - band) <= 3 else { return nil }
        if let counted, let last = counted.lastValue, let goal = counted.goal, tokens[m].value > last, tokens[m].value <= goal { return nil }
        return (Int(tokens[m].value), after)
    }

    static let feltIntensifiers = Spellings(["most", "more", "so", "really", "very", "pretty", "quite", "super", "a", "bit", "little", "extremely", "genuinely", "honestly", "kinda", "slightly"])

    func confidenceWord(_ k: Int, _ hi: Int, negated: Bool) -> (Int, Int)? {
        let w = word(k, hi)
        // "I'm a little unsure how to report this week", "not sure which number to use": unsure about
        // the reporting, not about reaching the key result.
        // ("not sure what counts as 'demo-sourced' yet": about the definition.)
        if w == .unsure || w == .sure || w == .certain, isWord(k + 1, hi, .how) || isWord(k + 1, hi, .which) || isWord(k + 1, hi, .where) || isWord(k + 1, hi, .what) {
            return nil
        }
        // ("the two accounts I was worried about", "we were nervous last week", "the one I was most
        // worried about": how it felt before.)
        // (Not "was pretty confident last week and still am": so now too.)
        let felt = spelled(k - 1, Self.feltIntensifiers) ? k - 2 : k - 1
        if isWord(felt, hi, .was) || isWord(felt, hi, .were) || felt == k - 1 && spelled(felt, ["been"]),
           !(k + 1..<min(hi, k + 8)).contains(where: { isWord($0, hi, .still) && spelled($0 + 1, ["am", "are", "is", "feel", "do"]) }) { return nil }
        if let band = colourBand(k, hi, negated: negated) { return (band, k + 1) }
        switch w {
        case .confident, .zuversichtlich, .confiante, .confiant, .comfortable:
            // ("pretty confident legal signs off this week": sure of what someone else does, not of
            // the key result.)
            var s = k + 1
            if isWord(s, hi, .that) { s += 1 }
            if s + 1 < hi, tokens[s].kind == .word, tokens[s].word == .none, index.hits(for: text(s)).isEmpty, person(at: s) == nil, isThirdPersonVerb(s + 1) { return nil }
            // "cautiously confident", "somewhat confident": somewhere in between, so no number.
            let hedge = word(k - 1, hi)
            if hedge == .cautiously || hedge == .somewhat || hedge == .moderately || hedge == .kinda || hedge == .semi || hedge == .less { return nil }
            // "not super confident", "not that confident", "not too confident": so-so, not "unlikely".
            if isWord(k - 2, hi, .not), hedge == .very || hedge == .too || hedge == .that || hedge == .so || hedge == .its { return (5, k + 1) }
            if negated || isWord(k - 1, hi, .not) || isWord(k - 2, hi, .not) { return (2, k + 1) }
            // "pouco confiante", "peu confiant", "wenig zuversichtlich", "pas confiant": little or not.
            if spelled(k - 1, ["pouco", "poco", "peu", "wenig", "weinig", "não", "nao", "pas", "nicht", "niet", "nada"]) { return (2, k + 1) }
            return (8, k + 1)
        case .seguro, .segura, .sicher:
            // ("nicht sehr sicher", "no muy seguro": not, with a word of degree between.)
            // ("no estoy muy seguro", "nicht so ganz sicher": a copula and words of degree between.)
            var not = k - 1
            while not > max(0, k - 4), spelled(not, Self.degreeWords) || spelled(not, ["estoy", "bin", "ben", "sono", "suis", "jestem", "är", "estou", "sou", "soy"]) { not -= 1 }
            if negated || isWord(not, hi, .not) || isWord(k - 2, hi, .no) || spelled(not, ["nicht", "no", "não", "nao", "niet", "pas", "nie", "inte"]) { return (5, k + 1) }
            return (8, k + 1)
        case _ where (w == .feeling || w == .feel) && (isWord(k + 1, hi, .good) || isWord(k + 1, hi, .great) || isWord(k + 1, hi, .confident) || isWord(k + 1, hi, .optimistic)):
            return (negated ? 2 : 8, k + 2)
        case _ where (w == .sure || w == .certain) && (negated || isWord(k - 1, hi, .not) || isWord(k - 1, hi, .unsure)):
            return (5, k + 1)
        case _ where (w == .nervous || w == .worried) && (isWord(k - 1, hi, .not) || isWord(k - 2, hi, .not) && isWord(k - 1, hi, .too)):
            // "not worried about tech partners at all": confident.
            return (8, k + 1)
        case .unsure, .shaky, .nervous, .worried:
            // ("a bit worried about partners", "slightly nervous": a mild worry, no number, as
            // "somewhat confident" has none.)
            if w == .worried || w == .nervous, spelled(k - 1, ["bit", "little", "slightly", "somewhat", "kinda", "tad"]) { return nil }
            return (5, k + 1)
        case .unlikely, .doubtful:
            return (2, k + 1)
        case .low where isWord(k + 1, hi, .confidence) || isWord(k + 1, hi, .conf):
            return (2, k + 2)
        // "Confiança baixa", "confianza alta": the word order of Portuguese, Spanish and French.
        case .confidence where isWord(k + 1, hi, .low):
            return (2, k + 2)
        case .confidence where isWord(k + 1, hi, .high):
            return (8, k + 2)
        case .high where isWord(k + 1, hi, .confidence) || isWord(k + 1, hi, .conf):
            return (8, k + 2)
        case .medium where isWord(k + 1, hi, .confidence) || isWord(k + 1, hi, .conf):
            return (5, k + 2)
        default:
            // "unwahrscheinlich", "improbable", "poco probable que lleguemos a 3": unlikely.
            if spelled(k, Self.unlikelyWords) { return (2, k + 1) }
            // (Not "poco probable que se caiga el segundo": unlikely to fall through is good news.)
            if spelled(k, ["poco", "peu", "pouco", "wenig"]), spelled(k + 1, ["probable", "provável", "provavel", "probabile", "wahrscheinlich"]),
               !(spelled(k + 2, ["que", "qu'il", "dass"]) && spelled(k + 3, ["se", "perdamos", "perder", "falle", "fallen", "il", "er", "sie", "wir"])) { return (2, k + 2) }
            // "fifty-fifty", "a coin flip": a toss-up ("50/50" is read at its number).
            if spelled(k, ["fifty-fifty", "fiftyfifty", "coinflip", "coin-flip", "toss-up", "tossup"]) { return (5, k + 1) }
            return nil
        }
    }

    /// One deal, whose odds are not how sure the author is of a key result.
    static let dealNouns = Spellings(["opp", "opps", "opportunity", "deal", "account", "renewal", "contract", "signature", "pilot", "po", "rfp"])

    static let unlikelyWords = Spellings(["unwahrscheinlich", "improbable", "improbabile", "onwaarschijnlijk", "improvável", "improvavel", "unlikely"])

    /// What a word of confidence is said of: another key result is named when it is one.
    enum ConfidenceScope { case own, named, all, rest, another(Int?) }

    /// What the word of confidence at `k` (ending at `next`) is said of: "confident on the rest",
    /// "green for everything else" (every statement without its own), "all green", "feeling good
    /// about both" (every statement), "... about conversion" (another key result than `entry`), or
    /// the statement it is in.
    func confidenceScope(_ k: Int, _ next: Int, _ hi: Int, than entry: Int?) -> ConfidenceScope {
        if saidOfTheRest(next, hi) { return .rest }
        if aboutAnother(next, hi, than: entry) { return .another(otherNamed(next, hi, than: entry)) }
        // ("all green but I'm worried about churn: churn 10.5": said of the key result by name, it
        // outranks a confidence said before for all.)
        if let entry, isWord(next, hi, .about) || isWord(next, hi, .on) || isWord(next, hi, .for) {
            let at = isWord(next + 1, hi, .the) ? next + 2 : next + 1
            if at < tokens.count, tokens[at].kind == .word, index.hits(for: text(at)).contains(where: { Int($0.entry) == entry }) { return .named }
        }
        if saysAll(next, hi) { return .all }
        // ("all green", "both amber", "todo verde": the colour of every statement; "rest green",
        // "everything else is amber", "Rest grün": of the statements without their own.)
        if colourBand(k, hi, negated: false) != nil {
            var p = k - 1
            if spelled(p, Self.colourCopulas) { p -= 1 }
            if spelled(p, Self.restWords) || spelled(p, ["else"]) { return .rest }
            p = k - 1
            while p >= 0, p > k - 4, tokens[p].kind == .word, spelled(p, Self.colourDegree) {
                if isWord(p, hi, .all) || isWord(p, hi, .both) || isWord(p, hi, .everything) || spelled(p, Self.allWords) { return .all }
                p -= 1
            }
        }
        return .own
    }

    /// The other key result named at `j` ("on conversion", "about the pipeline") than `entry`, when
    /// the words name one.
    func otherNamed(_ j: Int, _ hi: Int, than entry: Int?) -> Int? {
        guard isWord(j, hi, .about) || isWord(j, hi, .on) || isWord(j, hi, .for) else { return nil }
        var k = j + 1
        if isWord(k, hi, .the) || isWord(k, hi, .our) { k += 1 }
        guard k < tokens.count, tokens[k].kind == .word else { return nil }
        let named = Set(index.hits(for: text(k)).map { Int($0.entry) })
        guard named.count == 1, let other = named.first, other != entry else { return nil }
        return other
    }

    /// "on the rest", "for everything else", "about the others" at `j`: the statements that have no
    /// confidence of their own. (Not "for the rest of the quarter".)
    func saidOfTheRest(_ j: Int, _ hi: Int) -> Bool {
        guard isWord(j, hi, .on) || isWord(j, hi, .for) || isWord(j, hi, .about) || spelled(j, ["with", "bei", "für", "sur", "pour", "en", "em", "para", "per", "op", "voor"]) else { return false }
        var k = j + 1
        if isWord(k, hi, .the) || spelled(k, ["all", "den", "dem", "le", "les", "el", "lo", "los", "o", "os", "il", "de"]) { k += 1 }
        let end: Int
        if spelled(k, Self.restWords) { end = k + 1 }
        else if isWord(k, hi, .everything) && spelled(k + 1, ["else"]) { end = k + 2 }
        else if spelled(k, ["other", "remaining"]) && spelled(k + 1, ["ones", "stuff", "things", "krs", "numbers"]) { end = k + 2 }
        else { return false }
        // (Not "one of the 4 is shaky, confident about the others": the others of those counted.)
        if (max(0, j - 8)..<j).contains(where: { isWord($0, hi, .one) && isWord($0 + 1, hi, .of) }) { return false }
        // (Not "not sure about the others yet, will update tomorrow": those still to come.)
        if (end..<min(hi, end + 3)).contains(where: { isWord($0, hi, .yet) || spelled($0, ["will", "tomorrow", "later", "pending"]) }) { return false }
        return !isWord(end, hi, .of) && !spelled(end, ["des", "del", "do", "da", "della", "van"])
    }

    /// Takes a word of confidence into the reading as its scope says.
    func take(_ confidence: Int, scope: ConfidenceScope, into r: inout Reading) {
        switch scope {
        case .own: r.confidence = r.confidence ?? confidence
        case .named:
            if r.confidenceForAll, let forAll = r.confidence {
                r.restConfidence = r.restConfidence ?? forAll
                r.confidenceForAll = false
            }
            r.confidence = confidence
        case .all:
            r.confidence = r.confidence ?? confidence
            r.confidenceForAll = true
        case .rest: r.restConfidence = confidence
        case .another(let other?): r.otherConfidence = (other, confidence)
        case .another(nil): break
        }
    }

    /// Colour words said as a traffic light, in the languages people write around the numbers.
    static let colourGood = Spellings(["grün", "gruen", "verde", "vert", "groen"])
    static let colourMiddling = Spellings(["gelb", "amarillo", "amarelo", "jaune", "geel", "giallo"])
    static let colourOrange = Spellings(["orange", "naranja", "laranja", "oranje", "arancione"])
    static let colourPoor = Spellings(["rot", "rojo", "rouge", "vermelho", "rood", "rosso"])
    /// Words between a colour and what it is said of: "firmly red", "all green", "still amber".
    static let colourDegree = Spellings(["all", "both", "everything", "todo", "alles", "tout", "tutto", "tudo", "firmly", "solidly", "still", "definitely", "def",
                                         "defo", "clearly", "totally", "pretty", "very", "deep", "solid", "bright", "now", "fully", "kinda", "probably", "prob",
                                         "honestly", "back", "noch", "immer", "ganz", "todavía", "sigue", "encore", "ainda", "ancora"])
    /// Verbs a colour said as a traffic light follows directly: "I'd call it red", "I'd say amber", "churn has turned red", "so amber".
    static let colourVerbs = Spellings(["call", "calling", "say", "saying", "turned", "gone", "went", "goes", "so", "auf"])
    /// Words for the traffic light itself: "Ampel gelb", "semáforo en rojo", "le feu est orange".
    static let lightWords = Spellings(["ampel", "semáforo", "semaforo", "feu", "stoplicht", "light", "lights", "status", "rag"])
    /// Verbs that put a colour on "it": "call it red", "put that at amber", "mark it as yellow".
    static let colourPutVerbs = Spellings(["call", "calling", "put", "putting", "mark", "marking", "rate", "rating", "flag", "flagging", "say"])
    /// Copulas a colour follows when it is said of the key result: "churn is amber", "Churn ist rot".
    static let colourCopulas = Spellings(["is", "are", "am", "be", "ist", "sind", "bleibt", "es", "está", "están", "estamos", "estoy", "est", "sont", "é", "sono",
                                          "è", "zijn", "blijft", "stays", "stay", "staying", "remains", "remain", "looks", "look", "looking"])
    /// Subjects a colour's copula may have besides a key result's name: "it's red", "we're amber".
    static let colourSubjects = Spellings(["it", "that", "this", "which", "everything", "all", "things", "we", "i", "es", "das", "c'est", "cela", "esto", "isso", "het",
                                           "rest", "else", "others", "wir", "nous", "nosotros", "nós", "noi", "wij"])
    /// Contracted subject and copula: "it's red", "we're amber".
    static let colourContractions = Spellings(["it's", "its", "that's", "thats", "we're", "i'm", "im", "c'est", "das's"])
    /// Words a colour said as a traffic light may be followed by: "red on churn", "green for the quarter", "amber because ...".
    static let colourFollowers = Spellings(["on", "for", "across", "overall", "honestly", "tbh", "imo", "again", "now", "still", "too", "though", "atm", "today",
                                            "this", "here", "there", "as", "für", "bei", "en", "em", "sur", "para", "por", "per", "op", "auf", "insgesamt",
                                            "until", "till", "because", "bc", "since", "lol", "but", "unfortunately", "sadly", "imho", "right"])
    /// A goal or a wish, not how sure: "target: green", "want it green".
    static let colourAims = Spellings(["target", "goal", "aim", "ziel", "objetivo", "meta", "objectif", "want", "wants", "need", "needs", "hope", "hoping", "keep", "get", "make"])

    /// "Red on churn", "I'd call it yellow", "churn is amber", "churn 10.4 (red)", "all green this
    /// week", "Ampel gelb": a colour word said as a traffic light, its band (green 8, yellow or amber 5,
    /// orange 4, red 2). Not a colour that describes something or someone ("red tape", "the green
    /// light", "three red accounts", "DACH is all green", "legal is green now", "the new one is pretty
    /// green"), a name ("meeting at Orange", "thanks to Amber"), another person's view ("Dana thinks
    /// it's red"), a colour aimed at, asked about or on a condition ("target: green", "want it green",
    /// "enough to go green?", "green if ACME renews"), negated ("not green yet"), a part ("mostly green").
    func colourBand(_ k: Int, _ hi: Int, negated: Bool) -> Int? {
        guard !negated, let band = colourWord(k, hi) else { return nil }
        // (A name: "talked to Amber", "Orange: renewed", "deals 4 (incl. Orange)"; not "Red on churn" opening a sentence.)
        // ("deals 4 (incl. Orange)": after an abbreviation's dot.)
        // ("Orange too", "(Orange)", "talked to Amber": capitalised inside a sentence it is a name; German
        // writes its colours as nouns after "auf", "Ampel", "Status": "steht auf Rot", "Ampel Rot".)
        if isNameLike(k) {
            let opensSentence = k == 0 || k == lineBodyStart || isSentenceStop(k - 1) || bytes[tokens[k - 1].end..<tokens[k].start].contains(UInt8(ascii: "\n"))
            let germanNoun = spelled(k - 1, Self.lightWords) || spelled(k - 1, ["auf", "ist", "sind", "bleibt", "steht", "stehen"])
            if !(opensSentence || germanNoun) || isKind(k + 1, hi, .colon) { return nil }
            // ("deals 4 (incl. Orange)": after an abbreviation's dot.)
            if k > 1, isSymbol(k - 1, hi, UInt8(ascii: ".")), spelled(k - 2, ["incl", "inc", "vs", "ca", "approx", "eg", "ie", "etc", "bzw", "inkl", "z.b"]) { return nil }
        }
        // (Of a place or a customer: "red for Nordics", "green on DACH"; not "Red on churn".)
        if spelled(k + 1, ["for", "on", "in", "bei", "für", "en", "em"]), k + 2 < hi, isNameLike(k + 2) || isCapitalised(k + 2) && tokens[k + 2].end - tokens[k + 2].start <= 5,
           index.hits(for: text(k + 2)).isEmpty, person(at: k + 2) == nil, !spelled(k + 2, ["q1", "q2", "q3", "q4", "i"]) { return nil }
        if k + 1 < hi, tokens[k + 1].kind == .word, !spelled(k + 1, Self.colourFollowers) { return nil }
        // (On a condition: "green for the rest of the year if ACME renews".)
        var j = k + 1
        while j < min(hi, k + 9), tokens[j].kind != .comma, tokens[j].kind != .semicolon, !isSentenceStop(j) {
            if isWord(j, hi, .if) || spelled(j, ["once", "assuming", "provided", "unless", "wenn", "falls", "si", "se", "would"])
                || spelled(j, ["as"]) && spelled(j + 1, ["long", "soon"]) { return nil }
            j += 1
        }
        // (Someone else's view: "Dana thinks it's red", "maria is green on partners", "legal thinks
        // it's red", "my boss would call it amber"; not "I'd say amber", "I would call it red".)
        for m in max(0, k - 5)..<k where tokens[m].kind == .word || tokens[m].kind == .mention {
            if let who = person(at: m), who != index.author { return nil }
            if spelled(m, ["thinks", "think", "says", "said", "would", "believes", "reckons", "calls", "called", "claims", "feels", "sees", "rates"]) {
                var subject = m - 1
                if spelled(subject, ["would", "might", "will"]) { subject -= 1 }
                if !(spelled(subject, ["i", "we", "i'd", "id", "we'd", "honestly", "personally"]) || isWord(subject, hi, .i)) { return nil }
            }
        }
        var p = k - 1
        while p >= 0, p > k - 4, tokens[p].kind == .word, spelled(p, Self.colourDegree) { p -= 1 }
        guard p >= 0 else { return band }
        guard tokens[p].kind == .word else {
            // ("target: green": a goal.)
            if tokens[p].kind == .colon, spelled(p - 1, Self.colourAims) { return nil }
            return band
        }
        if isWord(p, hi, .not) || isWord(p, hi, in: .negations) { return nil }
        // ("churn red, upsell green": right after a key result's name.)
        // ("rest green", "everything else amber": of the statements without their own.)
        if namesKeyResult(p) || spelled(p, Self.lightWords) || spelled(p, Self.colourContractions) || spelled(p, Self.restWords) || spelled(p, ["else"]) { return band }
        // ("churn has turned red", "it went amber"; not "ACME turned red on us".)
        if spelled(p, ["turned", "gone", "went", "goes", "turning"]) {
            var subject = p - 1
            while subject > 0, spelled(subject, ["has", "have", "just", "already", "is", "now", "finally", "'s"]) { subject -= 1 }
            return subject < 0 || tokens[subject].kind != .word || namesKeyResult(subject) || spelled(subject, ["it", "that", "this", "we", "everything"]) ? band : nil
        }
        if spelled(p, Self.colourVerbs) { return band }
        // ("semáforo en rojo", "Ampel auf Rot".)
        if spelled(p, ["en", "auf", "op", "sur", "at"]), spelled(p - 1, Self.lightWords) { return band }
        // ("call it red", "put that at red", "mark it as yellow"; not "want it green".)
        var q = p
        if spelled(q, ["at", "as"]) { q -= 1 }
        if isWord(q, hi, .it) || isWord(q, hi, .that) || isWord(q, hi, .this) {
            return spelled(q - 1, Self.colourPutVerbs) || isWord(q - 1, hi, .it) ? band : nil
        }
        // ("from yellow to green", "moved it to amber"; not "talked to Amber", "starting to rot".)
        if spelled(p, ["to", "into", "auf", "a"]) {
            // ("yellow to green": where it went.)
            if colourWord(p - 1, hi) != nil { return band }
            return (max(0, p - 4)..<p).contains(where: { isWord($0, hi, .from) || spelled($0, ["moved", "move", "went", "dropped", "down", "back", "changed", "switched", "flipped", "gone", "downgraded", "upgraded", "slipped", "went", "von", "de"]) }) ? band : nil
        }
        // ("churn is amber", "it is red", "Churn ist rot": said of the key result or of it; not "legal is green now", "DACH is all green".)
        if spelled(p, Self.colourCopulas) {
            var subject = p - 1
            if spelled(subject, ["still", "now", "also", "really", "noch", "jetzt", "ya", "já", "già"]) { subject -= 1 }
            guard subject >= 0 else { return band }
            if tokens[subject].kind != .word { return tokens[subject].kind == .mention ? nil : band }
            // (Not a named place's or customer's: "Nordics territory is red", "the Globex renewal is amber".)
            if isCapitalised(subject - 1), index.hits(for: text(subject - 1)).isEmpty, person(at: subject - 1) == nil || person(at: subject - 1) != index.author { return nil }
            return namesKeyResult(subject, asSubject: true) || spelled(subject, Self.colourSubjects) || spelled(subject, Self.lightWords) ? band : nil
        }
        return nil
    }

    /// Things a key result counts, which are also said of other things: "12 accounts still red",
    /// "customers are green on the new pricing".
    static let countedThings = Spellings(["accounts", "account", "customers", "customer", "deals", "deal", "renewals", "renewal", "reps", "opps", "sites", "demos",
                                          "partners"])

    /// Whether the word at `k` names a key result a colour can be said of: its own word ("churn red"),
    /// or a word of things counted after another word of the name ("reseller deals red"), not after a
    /// number ("12 accounts still red") or alone ("customers are green on the new pricing").
    func namesKeyResult(_ k: Int, asSubject: Bool = false) -> Bool {
        guard k >= 0, k < tokens.count, tokens[k].kind == .word, !index.hits(for: text(k)).isEmpty else { return false }
        guard spelled(k, Self.countedThings) else { return true }
        if k > 0, tokens[k - 1].kind == .word, !index.hits(for: text(k - 1)).isEmpty, !spelled(k - 1, Self.countedThings) { return true }
        // (Alone, as the name of a heading's exception: "all green except partners red".)
        if asSubject || k == 0 { return false }
        return isExceptWord(k - 1) || tokens[k - 1].kind != .word && tokens[k - 1].kind != .number
    }

    /// The band of the colour word at `k`, wherever it stands.
    func colourWord(_ k: Int, _ hi: Int) -> Int? {
        guard k < hi, k >= 0, tokens[k].kind == .word else { return nil }
        switch word(k, hi) {
        case .green, .yellow, .amber, .red: return Self.confidenceLevel(word(k, hi))
        case .none:
            if spelled(k, Self.colourGood) { return 8 }
            if spelled(k, Self.colourMiddling) { return 5 }
            if spelled(k, Self.colourOrange) { return 4 }
            return spelled(k, Self.colourPoor) ? 2 : nil
        default: return nil
        }
    }

    /// Whether the word at `k` is written as a name: a capital, then small letters.
    func isNameLike(_ k: Int) -> Bool {
        guard k >= 0, k < tokens.count, tokens[k].kind == .word, tokens[k].end - tokens[k].start >= 2 else { return false }
        let first = bytes[tokens[k].start], second = bytes[tokens[k].start + 1]
        return first >= 0x41 && first <= 0x5A && !(second >= 0x41 && second <= 0x5A)
    }

    /// `c7`: confidence 7.
    static func isConfidenceShorthand(_ word: ArraySlice<UInt8>) -> Bool {
        word.count >= 2 && word.count <= 3 && word.first == UInt8(ascii: "c") && word.dropFirst().allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// Confidence 0-10 from `7`, `7/10`, `70%`, `0.7`; nil when out of range.
    static func confidenceNumber(_ token: Token) -> Int? {
        var value = token.value
        if token.percent {
            value /= 10
        } else if let denominator = token.denominator {
            guard denominator > 0 else { return nil }
            // ("50/50", "60/40": odds, for and against, out of a hundred.)
            value = value + denominator == 100 && denominator != 10 ? value / 10 : value / denominator * 10
        } else if token.hasFraction && value <= 1 {
            value *= 10
        }
        let rounded = value.rounded()
        guard token.currency == nil, rounded >= 0, rounded <= 10 else { return nil }
        return Int(rounded)
    }

    /// `confidence high|medium|low`.
    /// Words for how sure, said after "confidence" without a number.
    static let confidenceGood = Spellings(["good", "great", "solid", "strong", "excellent", "gut", "buena", "bonne"])
    static let confidenceMiddling = Spellings(["shaky", "so-so", "meh", "mixed", "moderate", "wobbly", "mittel", "mittelmäßig", "durchwachsen", "regular", "moyenne"])
    static let confidencePoor = Spellings(["bad", "poor", "weak", "terrible", "awful", "gering", "schlecht", "schwach", "mala", "faible"])

    static func confidenceLevel(_ word: Word) -> Int? {
        switch word {
        case .high: 8
        case .medium, .med: 5
        case .low: 2
        case .green: 8
        case .yellow, .amber: 5
        case .red: 2
        default: nil
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

    /// A status phrase at `j` and how many tokens it spans.
    func statusWord(at j: Int, _ hi: Int) -> (StatusWord, Int)? {
        if isWord(j, hi, .on), isWord(j + 1, hi, .track) { return (.onTrack, 2) }
        if isWord(j, hi, .onTrackDash) || isWord(j, hi, .onTrack) { return (.onTrack, 1) }
        if isWord(j, hi, .at), isWord(j + 1, hi, .risk) { return (.atRisk, 2) }
        if isWord(j, hi, .atRiskDash) { return (.atRisk, 1) }
        if isWord(j, hi, .off), isWord(j + 1, hi, .track) { return (.offTrack, 2) }
        if isWord(j, hi, .offTrackDash) { return (.offTrack, 1) }
        if isWord(j, hi, .in), isWord(j + 1, hi, .trouble) { return (.offTrack, 2) }
        if isWord(j, hi, .behind), !(j + 1 < hi && tokens[j + 1].kind == .word) { return (.atRisk, 1) }
        return nil
    }

    // MARK: Units and plausibility

    enum Problem: Error {
        case refuse(String)
        case ask(String, proposal: Double?)
    }

    /// The value of a candidate in the target's unit, checked against the unit; the change it
    /// made when it was relative.
    func resolve(_ candidate: Candidate, target: Target) -> Result<(Double, Double?), Problem> {
        let token = tokens[candidate.token]
        // Strings only when a message needs them (most values are fine).
        func shown() -> String { written(candidate.token) }
        let key = target.key
        if token.kind == .number, let problem = token.problem {
            return .failure(.refuse("I can't read the number “\(shown())”: it \(problem)."))
        }
        var value = candidate.value
        var alternative = candidate.alternative
        // Money is not written with three decimals: "+12.500 dollar" is 12,500 (the other reading of a
        // number is always three digits after one point).
        if case .currency = target.unit, token.kind == .number, !token.scaled, let other = alternative, abs(candidate.value) == abs(token.value) {
            if token.hasFraction { value = other }
            alternative = nil
        }
        guard value.isFinite, abs(value) < 1e15 else {
            return .failure(.refuse("“\(shown())” is too large a number for `\(key)`; write the value, e.g. `\(key) \(example(for: target))`."))
        }
        let currency = token.kind == .number ? token.currency ?? currencyAfter(candidate.token) : nil
        if let currency {
            guard case .currency(let code) = target.unit else {
                return .failure(.refuse("`\(key)` is \(unitName(target.unit)), not money; you wrote “\(shown())”. Write just the number, e.g. `\(key) \(example(for: target))`."))
            }
            guard currency == code else {
                return .failure(.refuse("`\(key)` is counted in \(code), but you wrote \(currency) (“\(shown())”). Convert it and write the amount in \(code), e.g. `\(key) \(example(for: target))`."))
            }
        }
        // ("3 percent more", "3 Prozent mehr": the word as the sign.)
        let percent = token.kind == .number && (token.percent || isWord(candidate.token + 1, tokens.count, .percent) && !isWord(candidate.token + 2, tokens.count, .points))
        switch candidate.role {
        case .shareOfTarget(let share):
            guard let goal = target.goal else { return .failure(.refuse("`\(key)` has no target to take a share of; write the value.")) }
            let baseline = target.baseline ?? 0
            guard baseline == 0 else {
                return .failure(.ask("“\(shown())” of the target for `\(key)`: its baseline is \(format(baseline, for: target)), so the share of the target and the progress differ. What is the value? Reply with it, e.g. `\(key) \(example(for: target))`.", proposal: nil))
            }
            return .success((goal * share, nil))
        case .percentChange(let change):
            guard let start = target.startingValue else { return .failure(.refuse("there is no earlier value of `\(key)` to change by \(shown()); write the new value.")) }
            // ("pipeline up 25%": of the amount, or points of something? Asked, with the amount proposed.)
            let changed = (start * (1 + change / 100) * 100).rounded() / 100
            return .failure(.ask("“\(shown())” for `\(key)`: \(NumberWriter.plain(abs(change)))% \(change < 0 ? "less" : "more") than \(format(start, for: target)) is \(format(changed, for: target)). Record \(format(changed, for: target))? Reply yes, or write the value now.", proposal: changed))
        case .relative(let delta):
            if percent, target.unit != .percent {
                guard let start = target.startingValue else { return .failure(.refuse("there is no earlier value of `\(key)` to change by \(shown()); write the new value.")) }
                return .success(((start * (1 + delta / 100) * 100).rounded() / 100, start * delta / 100))
            }
            if percent, target.unit == .percent, !isPoints(candidate.token) {
                // "up 10%" on a rate: ten points, or ten percent of it?
                guard let start = target.startingValue else { return .failure(.refuse("there is no earlier value of `\(key)` to add \(shown()) to; write the new value.")) }
                return .failure(.ask("“\(shown())” for `\(key)`: \(NumberWriter.plain(abs(delta))) points (to \(format(start + delta, for: target))) or \(NumberWriter.plain(abs(delta)))% of \(format(start, for: target))? Reply with the value now, e.g. `\(key) \(format(start + delta, for: target))`.", proposal: nil))
            }
            guard let start = target.startingValue else {
                return .failure(.refuse("there is no earlier value of `\(key)` to add \(shown()) to; write the new total instead."))
            }
            // (With the reading money allows: "+12.500 dollar" adds 12,500.)
            let delta = value == candidate.value ? delta : (delta < 0 ? -value : value)
            value = start + delta
            alternative = nil
            if value < 0, canNotBeNegative(target) {
                return .failure(.refuse("`\(key)` can't go below zero; \(shown()) from \(format(start, for: target)) would make \(NumberWriter.plain(value)). Write the new total, e.g. `\(key) \(example(for: target))`."))
            }
            if let count = target.milestoneCount, value > Double(count) || value < 0 {
                return .failure(.ask("`\(key)` has \(count) milestones; \(shown()) would make \(NumberWriter.plain(value)). How many are done? Reply e.g. `\(key) \(Int(min(Double(count), max(0, start))) ) of \(count)`.", proposal: nil))
            }
            return .success(((value * 1e6).rounded() / 1e6, delta))
        case .absolute:
            break
        }
        if let count = target.milestoneCount {
            if percent {
                guard value == 0 || value == 100 else {
                    return .failure(.refuse("`\(key)` has \(count) milestones; write how many are done, e.g. `\(key) 2 of \(count)`, or `done`."))
                }
                return .success((value == 100 ? Double(count) : 0, nil))
            }
            if let denominator = token.denominator, denominator != Double(count) {
                return .failure(.refuse("`\(key)` has \(count) milestones, not \(NumberWriter.plain(denominator)); write e.g. `\(key) 2 of \(count)`."))
            }
            guard value == value.rounded(), value >= 0, value <= Double(count) else {
                return .failure(.ask("`\(key)` has \(count) milestones; “\(shown())” is not a number of them. How many are done? Reply e.g. `\(key) 2 of \(count)`.", proposal: nil))
            }
            return .success((value, nil))
        }
        if percent, target.unit != .percent {
            return .failure(.refuse("`\(key)` is \(unitName(target.unit)), not a percentage; you wrote “\(shown())”. Write the value itself, e.g. `\(key) \(example(for: target))`."))
        }
        // "demo conv: 9 of 30 demos", Dutch "70 of 72" (70 or 72): not a rate out of 100 or of the target.
        if target.unit == .percent, !token.percent, let denominator = candidate.denominator, denominator != 100, denominator != target.goal {
            return .failure(.ask("“\(shown()) of \(NumberWriter.plain(denominator))” for `\(key)`: what is the rate now, in percent? Reply e.g. `\(key) \(example(for: target))`.", proposal: nil))
        }
        if let denominator = token.denominator, token.kind == .number, let goal = target.goal, denominator != goal, !(target.unit == .number && denominator == 10) {
            return .failure(.ask("“\(shown())” for `\(key)`: its target is \(format(goal, for: target)), not \(NumberWriter.plain(denominator)). What is the value now?", proposal: nil))
        }
        // "45.250": 45,250 or 45.25? Plausibility decides; when both fit, ask.
        if let other = alternative, other != value {
            let first = implausible(value, target: target, written: shown(), relative: false) == nil
            let second = implausible(other, target: target, written: shown(), relative: false) == nil
            if !first && second { value = other } else if first && second {
                return .failure(.ask("“\(shown())” for `\(key)`: \(format(value, for: target)) or \(format(other, for: target))? Reply with the one to record.", proposal: nil))
            }
        }
        if value < 0 {
            return .failure(.refuse("`\(key)` can't go below zero; you wrote “\(shown())”. Write the new total, e.g. `\(key) \(example(for: target))`."))
        }
        return .success((value, nil))
    }

    /// "pts", "points", "pp" after a relative percentage: points, not percent of the value.
    func isPoints(_ k: Int) -> Bool {
        var j = k + 1
        while j < tokens.count, j < k + 3 {
            if tokens[j].kind == .word, tokens[j].word == .pts || tokens[j].word == .points || tokens[j].word == .pp { return true }
            j += 1
        }
        return false
    }

    /// A currency written after a number as a word or symbol: "725 mil dólares", "144 k$", "US$".
    func currencyAfter(_ k: Int) -> String? {
        var j = k + 1
        var steps = 0
        while j < tokens.count, steps < 3 {
            let spelled = String(decoding: text(j), as: UTF8.self)
            switch spelled {
            case "$", "dollars", "dollar", "dólares", "dolares", "usd", "k$", "m$": return "USD"
            case "€", "euros", "euro", "eur", "k€": return "EUR"
            case "£", "gbp", "pounds": return "GBP"
            default: break
            }
            if tokens[j].kind == .word, word(j, tokens.count).magnitude != nil { j += 1; steps += 1; continue }
            break
        }
        return nil
    }

    func unitName(_ unit: MetricUnit) -> String {
        switch unit {
        case .count: "a count"
        case .number: "a number"
        case .percent: "a percentage"
        case .days: "a number of days"
        case .currency(let code): "money in \(code)"
        }
    }

    /// "reseller partners 6" after 2, for a target of 5: a count past its target by a jump of more
    /// than half the way in one week (a slipped digit, or a count of something else), asked; a rate,
    /// amount or score past its target by a jump of more than the whole way ("upsell 25" after 15,
    /// planned from 12 to 20; "churn 6.5" after 10.2, planned from 11 to 8), asked too. (Only for the value chosen: not a reason to prefer another
    /// number of the clause.)
    func pastTargetInOneJump(_ value: Double, target: Target) -> String? {
        guard !target.isKPI, let goal = target.goal, let last = target.lastValue, case let span = abs(goal - (target.baseline ?? 0)) else { return nil }
        let shown = format(value, for: target)
        // (A whole plan's move or more in one week, past the target: "churn down 3 points to 7.2" after
        // 10.2, planned from 11 to 8.)
        if target.kind == .increase, value > goal, value - last > span / 2 {
            return "\(shown) for `\(target.key)` is past its target of \(format(goal, for: target)), up from \(format(last, for: target)) in one week. Reply yes to record \(shown), or write the right value."
        }
        // ("churn 6.5" after 10.2, planned from 11 to 8.)
        if target.kind == .decrease, target.unit != .count, value < goal, last - value > span / 2 {
            return "\(shown) for `\(target.key)` is past its target of \(format(goal, for: target)), down from \(format(last, for: target)) in one week. Reply yes to record \(shown), or write the right value."
        }
        return nil
    }

    /// Whether a value is far from what a key result can be, and what to ask instead: a value more
    /// than 3 spans beyond baseline and target, a jump of more than 1.5 spans since the last
    /// value, a fraction of a count, a percentage above 100 or written as a fraction, a count
    /// that went down, or a value ten or a thousand times off from the last one.
    func implausible(_ value: Double, target: Target, written: @autoclosure () -> String, relative: Bool, saidDown: Bool = false, explained: Bool = false) -> (question: String, proposal: Double?)? {
        let key = target.key
        let last = target.lastValue
        var low: Double
        var high: Double
        if target.isKPI {
            let reference = target.goal ?? last ?? value
            let spread = max(abs(reference - (last ?? reference)), abs(reference) * 0.25, 1)
            low = min(reference, last ?? reference) - 3 * spread
            high = max(reference, last ?? reference) + 3 * spread
        } else {
            let baseline = target.baseline ?? 0
            let goal = target.goal ?? baseline
            let span = max(abs(goal - baseline), 1e-9)
            low = min(baseline, goal, last ?? baseline) - 3 * span
            high = max(baseline, goal, last ?? baseline) + 3 * span
        }
        if target.unit == .percent {
            low = max(low, 0)
            high = min(high, 100)
        }
        func inRange(_ v: Double) -> Bool { v >= low && v <= high }
        func near(_ v: Double) -> Bool {
            guard let last else { return inRange(v) }
            let span = target.isKPI ? abs(target.goal ?? last) * 0.2 : abs((target.goal ?? last) - (target.baseline ?? 0)) * 0.25
            return abs(v - last) <= max(abs(last) * 0.5, span)
        }
        func shown() -> String { format(value, for: target) }
        // ("cov 86" after 68: the last value's digits swapped, a slip of the thumb; asked, proposing it.)
        if !relative, let last, value != last, value == value.rounded(), last == last.rounded(), value >= 10, value < 1000, abs(value - last) >= 9,
           String(Int(value)).sorted() == String(Int(last)).sorted() {
            return ("“\(written())” for `\(key)`: last week it was \(format(last, for: target)), the same digits swapped. Did you mean \(format(last, for: target))? Reply yes to record it, or write the right value.", last)
        }
        // A fraction of something counted.
        if target.unit == .count, value != value.rounded() {
            return ("“\(written())” for `\(key)` is not a whole number, and it counts whole things. What is the count? Reply with it, e.g. `\(key) \(NumberWriter.plain(value.rounded(.down)))`.", nil)
        }
        // 0.31 for a rate in the 25-40 range: 31 %.
        // Also when the whole range lies above 2 % ("0.5" for coverage going from 35 to 100 %).
        let rangeBottom = min(target.baseline ?? 0, target.goal ?? 0, last ?? .infinity)
        if target.unit == .percent, value > 0, value < 1, !inRange(value) || rangeBottom >= 2, inRange(value * 100) {
            let proposal = (value * 100 * 1e6).rounded() / 1e6
            return ("“\(written())” for `\(key)` is far below its range: did you mean \(format(proposal, for: target))? Reply yes to record \(format(proposal, for: target)), or write the right value.", proposal)
        }
        if !relative, let last, last != 0 {
            // Ten or a thousand times off: a slipped digit or a missing "k".
            for factor in [10.0, 0.1, 1000, 0.001, 100, 0.01] {
                let ratio = value / last
                guard factor > 1 ? ratio <= 1 / (factor / 2) : ratio >= (1 / factor) / 2 else { continue }
                let variant = (value * factor * 1e6).rounded() / 1e6
                if near(variant), inRange(variant), !near(value) || !inRange(value) {
                    return ("“\(written())” for `\(key)` is far from its last value, \(format(last, for: target)): did you mean \(format(variant, for: target))? Reply yes to record \(format(variant, for: target)), or write the right value.", variant)
                }
            }
        }
        // "coverage 27 now" after 68: 72 with its digits swapped.
        if !relative, !saidDown, let last, value == value.rounded(), value >= 10, value < 100, case let swapped = Double(Int(value) % 10 * 10 + Int(value) / 10),
           swapped != value, swapped >= 10, abs(swapped - last) <= max(abs(last) * 0.1, 3), inRange(swapped), !near(value) {
            return ("“\(written())” for `\(key)` is far from its last value, \(format(last, for: target)): did you mean \(format(swapped, for: target))? Reply yes to record \(format(swapped, for: target)), or write the right value.", swapped)
        }
        // "#3 3", "upsell 6" for an upsell rate of 15%: a rate seldom falls to half in a week (to a
        // third, even with a word why).
        if target.unit == .percent, !relative, !saidDown, let last, last >= 6, value < last / 3 || value < last / 2 && !explained, inRange(value) {
            return ("\(shown()) for `\(key)` is less than half of its last value, \(format(last, for: target)). Reply yes to record \(shown()), or write the right value.", value)
        }
        if !inRange(value) {
            var proposal: Double?
            for factor in [0.1, 10, 0.01, 100, 1000, 0.001] where inRange(value * factor) && near(value * factor) {
                proposal = (value * factor * 1e6).rounded() / 1e6
                break
            }
            if target.unit == .percent, value > 100 {
                return ("“\(written())” for `\(key)` is above 100%\(proposal.map { ": did you mean \(format($0, for: target))? Reply yes to record \(format($0, for: target)), or write the right value." } ?? ". What is the rate? Reply with it, e.g. `\(key) \(example(for: target))`.")", proposal)
            }
            return ("\(shown()) for `\(key)` is far outside what it can be (\(format(max(low, 0), for: target)) to \(format(high, for: target)))\(proposal.map { ": did you mean \(format($0, for: target))? Reply yes to record \(format($0, for: target)), or write the right value." } ?? ". Please check it and reply with the value.")", proposal)
        }
        if let last, !target.isKPI {
            let span = abs((target.goal ?? last) - (target.baseline ?? 0))
            if span > 0, abs(value - last) > 1.5 * span {
                return ("\(shown()) for `\(key)` is a big jump from \(format(last, for: target)) in one week. Reply yes to record \(shown()), or write the right value.", value)
            }

            // Counts of things won, and money earned from nothing, add up over the quarter: lower than
            // last week without a word why ("dropped to 80k", "-1") is a typo or a loss to confirm.
            if target.accumulates, value < last, !relative, !saidDown {
                return ("`\(key)` was \(format(last, for: target)); \(shown()) is lower, and it adds up over the quarter. Reply yes to record \(shown()) (say why in a comment), or write the right value.", value)
            }
            // Money or a count losing more than half in a week.
            if !relative, target.kind == .increase, target.unit != .percent, last > 0, value < last * 0.5 {
                return ("\(shown()) for `\(key)` is less than half of its last value, \(format(last, for: target)). Reply yes to record \(shown()), or write the right value.", value)
            }
        }
        return nil
    }
}

/// Number text for messages (no Foundation formatters, same on every machine).
enum NumberWriter {
    static func plain(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "?" : (value < 0 ? "-∞" : "∞") }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        var text = String((value * 100).rounded() / 100)
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text
    }

    /// `120,000`, `1,234.5`.
    static func grouped(_ value: Double) -> String {
        guard value.isFinite, abs(value) < 1e15 else { return plain(value) }
        let whole = Int64(abs(value).rounded(.down))
        var digits = String(whole)
        var groups: [String] = []
        while digits.count > 3 {
            groups.insert(String(digits.suffix(3)), at: 0)
            digits.removeLast(3)
        }
        groups.insert(digits, at: 0)
        var text = (value < 0 ? "-" : "") + groups.joined(separator: ",")
        let fraction = abs(value) - Double(whole)
        if fraction > 0.000_001 {
            let cents = plain((fraction * 100).rounded() / 100)
            if let point = cents.firstIndex(of: ".") { text += cents[point...] }
        }
        return text
    }
}
