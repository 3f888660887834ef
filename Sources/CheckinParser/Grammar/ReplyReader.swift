import Foundation

/// Reads one reply, line by line, sentence by sentence, clause by clause.
///
/// A line is split into sentences (at `.`, `!`, `?` that end one) and each sentence into clauses at
/// commas, semicolons, `and`, `but`, `also` and the like, where the next part names another key
/// result or starts a statement of its own (a blocker, an action item, time away). Each clause is
/// then read on its own: a check-in, a blocker, an action item, a command, a correction of the
/// statement before, a confidence for the whole message, or nothing (a question, a hypothetical,
/// chatter, someone else's number). What the reader is sure of goes into the result; what it is
/// not sure of becomes a clarification, never a recording.
struct ReplyReader {
    let index: TargetIndex
    let bytes: [UInt8]
    let lower: [UInt8]
    let replyTime: Date
    let timeZone: TimeZone
    /// The quarter is over: "KEY - what we learned" is a reflection (see `ParserContext.reflecting`).
    var reflecting = false
    /// The reply's ISO week and month in the author's time zone ("W47 15", "52 in October"),
    /// worked out only when a week label or a month name is met (most replies have neither).
    var replyWeek: Int { calendarComponent(.weekOfYear) }
    var replyMonth: Int { calendarComponent(.month) }
    func calendarComponent(_ component: Calendar.Component) -> Int {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = timeZone
        return calendar.component(component, from: replyTime)
    }
    private var dateReader: DateReader?
    var result = ParseResult()

    // What carries across clauses and lines.
    /// The key result named most recently: blockers and action items without one attach to it.
    var lastTarget: Int?
    /// The key result the message quoted from okrd is about (a reply to its alert): a value
    /// without a key result is for it.
    var quotedSubject: Int?
    /// The statement a correction on a later line corrects.
    var lastStatement: Statement?
    /// Whether the last check-in was itself a correction ("17 — sorry, 16").
    var lastStatementCorrected = false
    /// A confidence stated for the whole message ("conf 7 on all"), applied at the end.
    var messageConfidence: (value: Int, line: Int)?
    /// Key results given a confidence and no value so far in this message ("Confidence 6 on churn.
    /// churn 10"): the value that follows takes it, and the question asked meanwhile is dropped.
    var confidenceWithoutValue: [String: Int] = [:]
    /// Key results the message's confidence leaves out, with their own ("except partners, 4") or
    /// none ("except partners").
    var confidenceExceptions: [String: Int?] = [:]
    /// A confidence stated in a sentence without a key result, applied to that sentence's statements.
    var sentenceConfidence: Int?
    /// The first check-in a confidence said on its own applies to (see `applyLooseConfidence`).
    var confidenceGroupStart = 0
    /// A confidence said on its own came before any statement: each is for what follows it.
    var confidenceLeads = false
    /// The sentence opens with "Confidence:": its key results' numbers are confidences.
    var confidenceListSentence = false
    var sentenceFirstCheckIn = 0
    /// Key results pasted back from the prompt without a new value ("same as above" records them).
    var pastedUnchanged: [Int] = []
    var pastedUnchangedLines: [Int: Int] = [:]
    /// The line that says the author's other key results did not move ("rest unchanged").
    var restUnchangedLine: Int?
    var restUnchangedBytes = 0..<0
    /// The key results the message names anywhere (none of them is "the rest").
    var namedEntries = EntrySet()
    /// Lines that are only a reference ("#3 partner-customers ... 9 of 20"): a value on the next
    /// line belongs to it.
    var referenceOnlyLine: (entry: Int, line: Int)?
    /// The line praises someone ("Nice one Li", "congrats"): a number of theirs on it is not a report.
    var praisedOnLine = false
    /// Whom the clause being read addresses first ("@dana action for you: ..."), if anyone.
    var clauseAddressee: String?
    /// People other than the author the line mentions or names (read once per line).
    var othersOnLine: Set<String> = []
    /// Words after which "for <someone>" says the numbers are theirs: "posting for Li".
    static let postingWords: [StaticString] = ["posting", "post", "posted", "update", "updating", "numbers", "reporting", "report", "submitting", "filling"]
    /// People the author says the line's numbers are for ("posting for Li", "on behalf of Sam",
    /// "für Li"): their key results are reported, not talked about.
    var postingFor: Set<String> = []
    /// Per token of the line, the person it names or mentions.
    var linePeople: [String?] = []
    /// The first token of the line after its bullets.
    var lineBodyStart = 0
    /// The sentence being read ends with a question mark.
    var questionMarked = false
    /// Where the sentence being read starts.
    var sentenceStart = 0
    /// The clause being read ended with a question mark: a value in it is asked back.
    var questioned = false
    /// The key result a correction took back, which a value that follows belongs to.
    var retracted: Int?
    /// A correction without a value ("hmm no, that includes the Wayne deal"): the next value corrects.
    var pendingCorrection = false
    /// A confidence this sentence gave a statement made before ("confident on pipeline and churn").
    var confidenceListed: Int?
    /// Key results this message completed by a word ("territories done"), not by a number.
    var completedByWord: Set<String> = []
    /// Whether the line being read was copied from the prompt (an unchanged value there says nothing).
    var pastedLine = false
    /// The one key result the sentence before (on this line) named without giving it a value
    /// ("Coverage moved a lot."): a value said alone in the next sentence ("70% now.") is its.
    var subjectBefore: (entry: Int, line: Int)?
    /// The first line with anything on it ("yes" answers okrd's question only as a whole reply).
    var firstLine = 0
    /// How many lines hold a digit: the one-key-result rule applies to replies of one value.
    var linesWithDigits = 0
    /// Whether the line holds no number, or only what reads as a phone number: seven digits or more
    /// ("+1 212 555 0147", "(646) 555-0199", "Mobile 0170 5551234").
    func onlyPhoneNumbers(_ hi: Int) -> Bool {
        var digits = 0
        var numbers = 0
        for k in 0..<hi where tokens[k].kind == .number || tokens[k].kind == .word {
            let count = bytes[tokens[k].start..<tokens[k].end].filter { $0 >= 0x30 && $0 <= 0x39 }.count
            digits += count
            if tokens[k].kind == .number { numbers += 1 }
        }
        return numbers == 0 || digits >= 7
    }

    enum TableColumn { case earlier, current, other }
    /// The columns of the Markdown table being read, once its header was seen.
    var tableColumns: [TableColumn]?
    var headerCandidate: [TableColumn]?
    /// The table row being read holds values in several cells and the header does not say which is now.
    var tableRowAmbiguous = false
    /// A line "--" was read; the signature starts if the next line names the author.
    var signatureMayStart = false
    var inSignature = false
    /// After "-----Original Message-----" or "---------- Forwarded message ---------": the rest is
    /// the earlier mail, quoted.
    var inQuotedMail = false
    /// The line before was a mail's "From:" field.
    var afterMailFrom = false
    /// Clarifications that only say a key result was named without a value ("Territories & coverage"
    /// as a heading): dropped when the message gives its value elsewhere.
    /// (By line and key result: other questions may be taken back before the end.)
    var noValueAsks: [(line: Int, target: String)] = []
    /// "no update from me this week", "I'll post real numbers on Wednesday": what the author said
    /// to say that this message holds no values of this week (the first such sentence).
    var numbersDisclaimed: String?
    /// A key result whose value the author says they wrote wrong before, and the line they said it on.
    var quotedWrong: (entry: Int, line: Int)?
    /// The sentence being read opens with "if" in another language ("als", "wenn", "si").
    var conditionalSentence = false
    /// Inside a code block, and whether it quotes what was written before.
    var inFence = false
    var fenceQuoted = false
    var previousLineIntroducesQuote = false

    // The line being read.
    var tokens: [Token] = []
    var line = 0
    var lineStart = 0
    var lineEnd = 0

    enum Statement {
        case checkIn(Int)
        case clarification(Int)
    }

    init(index: TargetIndex, bytes: [UInt8], lower: [UInt8], replyTime: Date, timeZone: TimeZone) {
        self.index = index
        self.bytes = bytes
        self.lower = lower
        self.replyTime = replyTime
        self.timeZone = timeZone
        result.checkIns.reserveCapacity(min(8, 1 + bytes.count / 48))
        tokens.reserveCapacity(32)
    }

    /// The date reader, built on first use: most replies contain no date.
    mutating func dates() -> DateReader {
        if let dateReader { return dateReader }
        let made = DateReader(replyTime: replyTime, timeZone: timeZone)
        dateReader = made
        return made
    }

    mutating func error(_ message: String) {
        result.errors.append(ParseError(line: line, message: message))
    }

    /// Closes action item `id` (once: "the Globex follow-up was sent, so AI-3 is done too" says it twice).
    mutating func closeAction(_ id: Int64) {
        guard !result.commands.contains(where: { $0.kind == .done && $0.action == id }) else { return }
        result.commands.append(ParsedCommand(kind: .done, action: id, line: line))
    }

    /// Removes question `i`, keeping `lastStatement` pointing at the same statement.
    mutating func removeClarification(at i: Int) {
        result.clarifications.remove(at: i)
        if case .clarification(let last)? = lastStatement {
            lastStatement = last == i ? nil : last > i ? .clarification(last - 1) : lastStatement
        }
    }

    mutating func ask(_ question: String, proposal: Clarification.Proposal? = nil, alsoProposed: [Clarification.Proposal] = [], target: String? = nil) {
        result.clarifications.append(Clarification(line: line, question: question, proposal: proposal, alsoProposed: alsoProposed, target: target))
        lastStatement = .clarification(result.clarifications.count - 1)
    }

    // MARK: Tokens

    @inline(__always) func text(_ i: Int) -> ArraySlice<UInt8> { lower[tokens[i].start..<tokens[i].end] }

    @inline(__always) func word(_ i: Int, _ hi: Int) -> Word {
        i < hi && i >= 0 && tokens[i].kind == .word ? tokens[i].word : .none
    }

    @inline(__always) func isWord(_ i: Int, _ hi: Int, _ a: Word) -> Bool {
        let w = word(i, hi)
        return w != .none && w == a
    }

    /// Whether token `i` is a word spelled (lowercase) as one of `words`: for words the vocabulary
    /// has no case for, on paths that run rarely.
    /// Whether token `i` is a word spelled as one of `words`, a list made while reading.
    func spelled(_ i: Int, anyOf words: [String]) -> Bool {
        guard i >= 0, i < tokens.count, tokens[i].kind == .word else { return false }
        let spelling = lower[tokens[i].start..<tokens[i].end]
        return words.contains { $0.utf8.count == spelling.count && spelling.elementsEqual($0.utf8) }
    }

    /// (Static strings: a list written in place costs no allocation or reference counting per call,
    /// as a list of `String` did on the reader's hottest paths.)
    func spelled(_ i: Int, _ words: [StaticString]) -> Bool {
        guard i >= 0, i < tokens.count, tokens[i].kind == .word else { return false }
        let start = tokens[i].start
        let count = tokens[i].end - start
        return lower.withUnsafeBufferPointer { buffer in
            words.contains { word in
                // (The length first: it rules out most words. A one-letter literal may be kept as a
                // scalar, which `withUTF8Buffer` reads too.)
                guard !word.hasPointerRepresentation || word.utf8CodeUnitCount == count else { return false }
                return word.withUTF8Buffer { spelling in
                    guard spelling.count == count else { return false }
                    for j in 0..<count where buffer[start + j] != spelling[j] { return false }
                    return true
                }
            }
        }
    }

    /// Whether token `i` is a word spelled as one of `spellings` (a list checked on hot paths).
    @inline(__always) func spelled(_ i: Int, _ spellings: Spellings) -> Bool {
        guard i >= 0, i < tokens.count, tokens[i].kind == .word else { return false }
        return spellings.contains(lower[tokens[i].start..<tokens[i].end])
    }

    @inline(__always) func isWord(_ i: Int, _ hi: Int, in set: WordSet) -> Bool {
        let w = word(i, hi)
        return w != .none && set.contains(w)
    }

    @inline(__always) func isKind(_ i: Int, _ hi: Int, _ kind: Token.Kind) -> Bool {
        i >= 0 && i < hi && tokens[i].kind == kind
    }

    /// Whether token `i` is the single character `c` (an `.other` token).
    @inline(__always) func isSymbol(_ i: Int, _ hi: Int, _ c: UInt8) -> Bool {
        i >= 0 && i < hi && tokens[i].kind == .other && tokens[i].end - tokens[i].start == 1 && bytes[tokens[i].start] == c
    }

    /// The text as written from token `i` up to token `to` (exclusive; the line's end when nil),
    /// trimmed of spaces and of the given edge characters.
    func original(from i: Int, to upper: Int? = nil, trimming edges: String = "") -> String {
        guard i < tokens.count else { return "" }
        var low = tokens[i].start
        var high = upper.map { $0 < tokens.count ? tokens[$0].start : lineEnd } ?? lineEnd
        let trim = Array(edges.utf8) + [0x20]
        while low < high, trim.contains(bytes[low]) { low += 1 }
        while high > low, trim.contains(bytes[high - 1]) { high -= 1 }
        return String(decoding: bytes[low..<high], as: UTF8.self)
    }

    /// The text of tokens `lo..<hi` exactly as written.
    func written(_ lo: Int, _ hi: Int) -> String {
        guard lo < hi, lo < tokens.count else { return "" }
        return String(decoding: bytes[tokens[lo].start..<tokens[min(hi, tokens.count) - 1].end], as: UTF8.self)
    }

    func written(_ i: Int) -> String {
        String(decoding: bytes[tokens[i].start..<tokens[i].end], as: UTF8.self)
    }

    static func limited(_ text: String, _ limit: Int) -> String {
        text.utf8.count <= limit ? text : String(text.prefix(limit))
    }

    // MARK: Lines

    /// Reads one line, whose tokens are in `tokens`.
    mutating func read(line number: Int, range: Range<Int>) {
        line = number
        lineStart = range.lowerBound
        lineEnd = range.upperBound
        let hi = tokens.count
        // A code block right after "last week I wrote" quotes what was written before: its lines
        // say nothing new.
        switch fence(range) {
        case .quoted: return
        case .fenceOnly:
            previousLineIntroducesQuote = false
            return
        case .text: break
        }
        guard hi > 0 else {
            // (A blank line ends a table: the next one has its own header.)
            tableColumns = nil
            headerCandidate = nil
            return
        }
        // A mail pasted with the one it answers or forwards: nothing from its header on is new.
        if inQuotedMail { return }
        // (Only lines with a colon or a rule of dashes can be either: most lines cost one scan.)
        let first = lower[range.lowerBound]
        // ("*** Original Message ***", "Begin forwarded message": short lines without digits too.)
        if first == UInt8(ascii: "-") || first == UInt8(ascii: "_") || first == UInt8(ascii: "=") || lower[range].contains(UInt8(ascii: ":"))
            || range.count <= 60 && !lower[range].contains(where: { $0 &- 0x30 < 10 }) {
            if Self.startsQuotedMail(lower[range]) {
                inQuotedMail = true
                return
            }
            // ("From: Maria Keller" then "Sent: Monday, November 16, 2026 9:02 AM": a mail header without
            // an address, as Outlook and Teams paste it.)
            if afterMailFrom, Self.startsWithMailField(lower[range], Self.mailHeaderFieldBytes) {
                inQuotedMail = true
                return
            }
            // ("from: 3 deals" then "to: 4 deals" is a change, not a header.)
            afterMailFrom = Self.startsWithMailField(lower[range], Self.mailFromFieldBytes) && !Self.fieldStartsWithNumber(lower[range])
        } else {
            afterMailFrom = false
        }
        // A signature: "--" on a line of its own, then the author's name ("--\nMaria Keller | Sales
        // EMEA\nMobile +49 170 ..."): nothing from there on is an update.
        // ("PS: deals 4" after a signature is an update again.)
        if inSignature {
            guard spelled(0, ["ps", "p.s", "p.s."]) else { return }
            inSignature = false
        }
        if range.count == 2 || range.count == 3 && bytes[lineStart + 2] == 0x20, bytes[lineStart] == UInt8(ascii: "-"), bytes[lineStart + 1] == UInt8(ascii: "-") {
            signatureMayStart = true
            return
        }
        if signatureMayStart {
            signatureMayStart = false
            // (Only a line with the name and no values, a phone number at most: "--\nMaria here, deals 4" is
            // an update.)
            if (0..<hi).contains(where: { tokens[$0].kind == .word && lookUpPerson(at: $0) == index.author }), onlyPhoneNumbers(hi),
               !references(0, hi).contains(where: { valueRightAfter($0, hi) }) {
                inSignature = true
                return
            }
        }
        previousLineIntroducesQuote = introducesQuote(hi)
        // A heading of its own ("Territories & coverage", "Resellers") starts a new group: a confidence
        // said on its own below it is for the statements under it.
        // (Plain loops: a closure here, in a mutating read, copied the whole reader for every line.)
        if hi <= 5, !result.checkIns.isEmpty {
            var heading = true
            var names = false
            for k in 0..<hi {
                if tokens[k].kind == .word { names = names || !index.hits(for: text(k)).isEmpty } else if !isSymbol(k, hi, UInt8(ascii: "&")) && !isSymbol(k, hi, UInt8(ascii: "/")) { heading = false }
            }
            if heading, names { confidenceGroupStart = result.checkIns.count }
        }
        // A Markdown table ("| KR | last wk | this wk |", "|---|", "| churn | 10.2% | 9.8% |"): the
        // cells under a header that names an earlier value or a target say nothing new.
        if bytes[lineStart] == UInt8(ascii: "|") {
            if bytes[lineStart..<lineEnd].allSatisfy({ $0 == UInt8(ascii: "|") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ":") || $0 == 0x20 }) {
                tableColumns = headerCandidate ?? []
                return
            }
            var cell = -1
            var numericCells = Set<Int>()
            for k in 0..<hi {
                if isSymbol(k, hi, UInt8(ascii: "|")) { cell += 1; continue }
                guard tokens[k].kind == .number, cell >= 0 else { continue }
                if let columns = tableColumns, cell < columns.count, columns[cell] == .earlier {
                    tokens[k].kind = .other
                } else if !(isWord(k - 1, hi, .conf) || isWord(k - 1, hi, .confidence) || isWord(k - 2, hi, .conf) || isWord(k - 2, hi, .confidence)) {
                    // ("| reseller-partners | 3 | conf 7 |": a confidence cell is not a second value.)
                    numericCells.insert(cell)
                }
            }
            headerCandidate = tableColumnKinds(hi)
            // "| churn | 10.2% | 9.8% |" under a header that does not say which is now: asked.
            tableRowAmbiguous = numericCells.count >= 2 && references(0, hi).count <= 1
        } else {
            tableColumns = nil
            headerCandidate = nil
            tableRowAmbiguous = false
        }
        if firstLine == 0 { firstLine = number }
        if range.count > CheckinParser.maxLineBytes {
            return error("this line is \(range.count) characters long; I read lines of up to \(CheckinParser.maxLineBytes). Split it into shorter messages.")
        }
        // A quoted line (`> ...`) is someone else's words.
        if bytes[lineStart] == UInt8(ascii: ">") || (bytes[lineStart] == UInt8(ascii: "^") && hi > 1) && !hasValue(1, hi) { return }
        if restUnchangedLine == nil, let said = saysRestUnchanged(hi) {
            restUnchangedLine = number
            restUnchangedBytes = said
        }
        // "*2 sorry": a line that starts with a star corrects the one before.
        if hi > 1, tokens[0].kind == .other, bytes[tokens[0].start] == UInt8(ascii: "*"), tokens[1].start == tokens[0].end, tokens[1].kind == .number, lastStatement != nil {
            pendingCorrection = true
        }
        othersOnLine.removeAll(keepingCapacity: true)
        linePeople.removeAll(keepingCapacity: true)
        for k in 0..<hi {
            let kind = tokens[k].kind
            let id = kind == .mention || kind == .word && !index.people.isEmpty ? lookUpPerson(at: k) : nil
            linePeople.append(id)
            if let id, id != index.author, kind == .mention || bytes[tokens[k].start] < 0x61 { othersOnLine.insert(id) }
        }
        postingFor.removeAll(keepingCapacity: true)
        if !othersOnLine.isEmpty {
            for k in 0..<hi {
                guard let id = linePeople[k], id != index.author else { continue }
                // "Li asked me to post hers": relayed by the author ("Li told me churn is 9.8" is hearsay).
                if spelled(k + 1, ["asked"]) && isWord(k + 2, hi, .me) && isWord(k + 3, hi, .to) && spelled(k + 4, ["post", "share", "log", "report", "submit", "enter", "add", "send"]) { postingFor.insert(id) }
                guard k >= 1 else { continue }
                let forWord = isWord(k - 1, hi, .for) && (k == 1 || spelled(k - 2, Self.postingWords)) || spelled(k - 1, ["für", "por", "pour", "para"])
                let behalf = k >= 3 && spelled(k - 1, ["of"]) && spelled(k - 2, ["behalf"]) && spelled(k - 3, ["on"])
                    // "forwarding from Sam's sheet: conversion 28"
                    || k >= 2 && isWord(k - 1, hi, .from) && spelled(k - 2, ["forwarding", "forwarded", "relaying", "copying", "copied"])
                if forWord || behalf { postingFor.insert(id) }
            }
            // "Li is out this week so I'm reporting churn for him": the one other person named.
            if othersOnLine.count == 1 {
                var forThem = false
                for k in 1..<max(1, hi) where isWord(k - 1, hi, .for) && spelled(k, ["him", "her", "them"]) && spelled(k - 2, Self.postingWords + ["churn", "it", "numbers", "these"]) { forThem = true; break }
                if forThem { postingFor.formUnion(othersOnLine) }
            }
        }
        // (A loop, not a closure: a closure reading the reader while a property of it is assigned
        // copies the whole reader.)
        var praised = false
        for k in 0..<hi where tokens[k].kind == .word {
            let w = tokens[k].word
            if w == .congrats || w == .kudos || w == .welldone || (w == .nice && k + 1 < hi && tokens[k + 1].kind == .word && tokens[k + 1].word == .one) { praised = true; break }
        }
        praisedOnLine = praised
        var lo = skipBullets(0, hi)
        guard lo < hi else { return }
        lineBodyStart = lo
        if readPromptEcho(lo, hi) { return }
        if readPendingPart(lo, hi) { return }
        // "+1", "+1 to that 👍": agreement in chat, not a change of one.
        if tokens[lo].kind == .number, tokens[lo].delta, tokens[lo].value == 1, bytes[tokens[lo].start] == UInt8(ascii: "+"),
           !(lo + 1..<hi).contains(where: { tokens[$0].kind == .number || tokens[$0].kind == .hashNumber }), references(lo + 1, hi).isEmpty {
            return
        }
        // "+1 to what Priya said, 800k demo pipeline is huge": agreement, whatever follows.
        if tokens[lo].kind == .number, tokens[lo].delta, tokens[lo].value == 1, bytes[tokens[lo].start] == UInt8(ascii: "+"),
           isWord(lo + 1, hi, .to) || isWord(lo + 1, hi, .on) || isKind(lo + 1, hi, .comma) && isWord(lo + 2, hi, .to) {
            return
        }
        if readValuesInOrder(lo, hi) { return }
        // "Update:" / "Weekly update -" / "Hi team," at the start of a line says nothing.
        lo = skipLeadIn(lo, hi)
        guard lo < hi else { return }
        let checkInsBefore = result.checkIns.count
        for (start, end, question) in sentences(lo, hi) {
            // "Hi everyone. From me: renewals are at 92%": a lead-in opens a sentence too.
            let opening = start == lo ? start : skipLeadIn(start, end)
            guard opening < end else { continue }
            readSentence(opening, end, question: question)
        }
        giveOutLights(to: checkInsBefore, hi)
    }

    /// "demo conv 28 sat 8.1 partner cust 10 🟢🟢🟡": a run of traffic lights that ends the
    /// line gives one confidence to each statement of the line, in order, when there are as many
    /// statements (without a confidence of their own) as lights; otherwise none.
    mutating func giveOutLights(to first: Int, _ hi: Int) {
        var k = hi - 1
        guard k > 0, tokens[k].kind == .emoji, tokens[k].emoji.isTrafficLight, tokens[k - 1].kind == .emoji, tokens[k - 1].emoji.isTrafficLight else { return }
        var lights: [Int] = []
        while k >= 0, tokens[k].kind == .emoji, tokens[k].emoji.isTrafficLight, let band = Self.band(tokens[k].emoji) {
            lights.insert(band, at: 0)
            k -= 1
        }
        // (Right after the last value: not "... 🟢🟢🟡 last week was 🔴🔴🔴".)
        guard k >= 0, tokens[k].kind == .number else { return }
        let made = first..<result.checkIns.count
        // (A run of one colour has already given it to the last statement: "partners 3, deals 4 🟢🟢".)
        guard made.count == lights.count,
              made.allSatisfy({ i in !result.checkIns[i].isKPI && result.checkIns[i].line == line && (result.checkIns[i].confidence == nil || i == made.upperBound - 1 && Set(lights).count == 1 && result.checkIns[i].confidence == lights[0]) })
        else { return }
        for (i, band) in zip(made, lights) { result.checkIns[i].confidence = band }
    }

    static let quoteVerbs = Spellings(["wrote", "said", "posted", "reported", "shared", "schrieb", "escribí", "escrevi", "écrit", "schreef"])
    static let pastMarkers = Spellings(["last", "earlier", "before", "previously", "yesterday", "ago", "letzte", "letzten", "vorige", "pasada", "passada",
                                        "dernière", "vorige", "vorig", "scorsa", "friday", "thursday", "wednesday", "tuesday", "fri", "thu", "wed"])

    /// "-----Original Message-----", "---------- Forwarded message ---------", "Begin forwarded
    /// message:", "-------- Ursprüngliche Nachricht --------", "Anfang der weitergeleiteten Nachricht:",
    /// "From: Li Wei <li@example.com>": where a mail client starts the earlier mail below the new one
    /// (lowercased line; the marker alone on its line). ("On ... wrote:" is not: people answer below it.)
    static func startsQuotedMail(_ line: ArraySlice<UInt8>) -> Bool {
        guard line.count >= 6, line.count <= 160 else { return false }
        // (Bytes, not a String: this runs on every line with a colon.)
        var lo = line.startIndex
        var hi = line.endIndex
        func edge(_ b: UInt8) -> Bool { b == 0x2D || b == 0x5F || b == 0x2A || b == 0x3D || b == 0x3A || b == 0x3E || b == 0x20 || b == 0x09 || b == 0x23 }
        while lo < hi, edge(line[lo]) { lo += 1 }
        while hi > lo, edge(line[hi - 1]) { hi -= 1 }
        if mailMarkerBytes.contains(Array(line[lo..<hi])) { return true }
        // (An address after "From:" in any client's language: "From: Li Wei <li@example.com>", "Von: ...".)
        return line.contains(UInt8(ascii: "@")) && startsWithMailField(line, mailFromFieldBytes)
    }

    /// Whether the line starts (after "*", ">" and spaces) with one of `fields` ("from:", "sent:").
    static func startsWithMailField(_ line: ArraySlice<UInt8>, _ fields: [[UInt8]]) -> Bool {
        var lo = line.startIndex
        while lo < line.endIndex, line[lo] == 0x2A || line[lo] == 0x3E || line[lo] == 0x20 || line[lo] == 0x09 { lo += 1 }
        let rest = line[lo...]
        return fields.contains { rest.starts(with: $0) }
    }

    /// "from: 3 deals": the field's text starts with a number (a change, not a sender).
    static func fieldStartsWithNumber(_ line: ArraySlice<UInt8>) -> Bool {
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { return false }
        var j = colon + 1
        while j < line.endIndex, line[j] == 0x20 || line[j] == 0x2A { j += 1 }
        return j < line.endIndex && line[j] &- 0x30 < 10
    }

    static let mailMarkerBytes = Set(mailMarkers.map { Array($0.utf8) })
    static let mailFromFieldBytes = mailFromFields.map { Array($0.utf8) }
    static let mailHeaderFieldBytes = mailHeaderFields.map { Array($0.utf8) }

    static let mailMarkers: Set<String> = ["original message", "forwarded message", "ursprüngliche nachricht", "weitergeleitete nachricht", "mensaje original", "mensaje reenviado",
                                           "message d'origine", "message original", "message transféré", "messaggio originale", "messaggio inoltrato", "oorspronkelijk bericht",
                                           "doorgestuurd bericht", "mensagem original", "mensagem encaminhada", "begin forwarded message", "anfang der weitergeleiteten nachricht",
                                           "inicio del mensaje reenviado", "début du message réexpédié", "ursprungligt meddelande", "vidarebefordrat meddelande", "wiadomość oryginalna",
                                           "przekazana wiadomość", "orijinal mesaj", "iletilen mesaj", "yönlendirilen ileti", "inizio messaggio inoltrato",
                                           "begin doorgestuurd bericht", "início da mensagem reencaminhada", "início da mensagem encaminhada", "początek przekazywanej wiadomości",
                                           "början på vidarebefordrat brev", "message réexpédié"]
    static let mailHeaderFields = ["sent:", "date:", "to:", "subject:", "gesendet:", "datum:", "an:", "betreff:", "enviado:", "enviado el:", "enviada em:", "enviado em:", "fecha:", "para:",
                                   "asunto:", "assunto:", "envoyé :", "envoyé:", "date :", "à :", "objet :", "inviato:", "data:", "oggetto:", "verzonden:", "onderwerp:", "skickat:",
                                   "ämne:", "wysłano:", "temat:", "gönderildi:", "gönderilme tarihi:", "kime:", "konu:", "tarih:"]
    static let mailFromFields = ["from:", "von:", "de:", "de :", "från:", "od:", "da:", "van:", "kimden:"]

    /// "last week I wrote:", "what I posted earlier": a line, without values, that says what follows
    /// was written before.
    func introducesQuote(_ hi: Int) -> Bool {
        var last = hi - 1
        while last > 0, tokens[last].kind == .colon || tokens[last].kind == .other { last -= 1 }
        guard tokens[last].kind == .word, spelled(last, Self.quoteVerbs) || last > 0 && spelled(last - 1, Self.quoteVerbs) else { return false }
        return !(0..<hi).contains { tokens[$0].kind == .number } && (0..<hi).contains { spelled($0, Self.pastMarkers) }
    }

    static let earlierColumnWords = Spellings(["last", "prev", "previous", "was", "old", "before", "target", "goal", "plan", "lw", "letzte", "letzten", "vorher",
                                              "ziel", "anterior", "objetivo", "précédent", "vorige", "baseline", "start", "prior", "q3"])
    static let currentColumnWords = Spellings(["this", "now", "current", "new", "actual", "today", "aktuell", "jetzt", "cw", "latest", "diese", "esta", "actuel", "ist", "atual"])

    /// What each cell of a would-be table header names: an earlier value or target, the value now,
    /// or something else; weeks ("W47 | W48", "KW48") make the latest one now. Nil when no cell names
    /// both (nothing to leave out).
    func tableColumnKinds(_ hi: Int) -> [TableColumn]? {
        var columns: [TableColumn] = []
        var weeks: [Int: Int] = [:]
        for k in 0..<hi {
            if isSymbol(k, hi, UInt8(ascii: "|")) { columns.append(.other); continue }
            guard !columns.isEmpty, tokens[k].kind == .word else { continue }
            if spelled(k, Self.earlierColumnWords) { columns[columns.count - 1] = .earlier } else if columns[columns.count - 1] == .other, spelled(k, Self.currentColumnWords) { columns[columns.count - 1] = .current }
            if let week = weekLabel(k) { weeks[columns.count - 1] = week }
        }
        // (Only for cells no word classified, "W52 target" stays a target; a tie decides nothing.)
        weeks = weeks.filter { columns[$0.key] == .other }
        // ("KW51 | KW1": the new year's week is the later one.)
        if let most = weeks.values.max(), most > 40 { weeks = weeks.mapValues { $0 < 14 ? $0 + 53 : $0 } }
        if weeks.count >= 2, let latest = weeks.values.max(), weeks.values.filter({ $0 == latest }).count == 1 {
            for (column, week) in weeks { columns[column] = week == latest ? .current : .earlier }
        }
        return columns.contains(.earlier) && columns.contains(.current) ? columns : nil
    }

    enum FenceLine { case text, fenceOnly, quoted }

    /// Follows code fences ("```" opening a line, with at most a language name after it, or
    /// opening or closing a line of text): the line is text to read, only a fence, or inside a
    /// block that quotes what was written before.
    mutating func fence(_ range: Range<Int>) -> FenceLine {
        let opens = Self.hasFence(bytes, at: range.lowerBound, range)
        let closes = range.count >= 6 && Self.hasFence(bytes, at: range.upperBound - 3, range) || !opens && range.count == 3 && Self.hasFence(bytes, at: range.lowerBound, range)
        let only = opens && lower[(range.lowerBound + 3)..<range.upperBound].allSatisfy { $0 >= 0x61 && $0 <= 0x7A || $0 == 0x20 }
        if !inFence, opens {
            // (Only a block that closes is a quote: an unclosed fence quotes nothing.)
            fenceQuoted = previousLineIntroducesQuote && (closes && !only || Self.fenceCloses(bytes, after: range.upperBound))
            inFence = only || !closes
            return fenceQuoted ? .quoted : only ? .fenceOnly : .text
        }
        if inFence, closes || only {
            inFence = false
            defer { fenceQuoted = false }
            return fenceQuoted ? .quoted : only || range.count == 3 ? .fenceOnly : .text
        }
        return inFence && fenceQuoted ? .quoted : .text
    }

    @inline(__always) static func hasFence(_ bytes: [UInt8], at i: Int, _ range: Range<Int>) -> Bool {
        i >= range.lowerBound && i + 3 <= range.upperBound && bytes[i] == 0x60 && bytes[i + 1] == 0x60 && bytes[i + 2] == 0x60
    }

    /// Whether a later line opens or ends with "```".
    static func fenceCloses(_ bytes: [UInt8], after position: Int) -> Bool {
        var i = position
        while i + 3 <= bytes.count {
            if bytes[i] == 0x60, bytes[i + 1] == 0x60, bytes[i + 2] == 0x60, bytes[i - 1] == 0x0A || i + 3 == bytes.count || bytes[i + 3] == 0x0A { return true }
            i += 1
        }
        return false
    }

    /// Bullets and list numbers at the start of a line: `-`, `*`, `•`, `·`, `+`, and `1.` / `2)` when a
    /// name follows (a numbered list), not a value (`2. 45%`: key result #2).
    func skipBullets(_ lo: Int, _ hi: Int) -> Int {
        var k = lo
        while k < hi {
            let token = tokens[k]
            if token.kind == .dash { k += 1; continue }
            if token.kind == .other, token.end - token.start <= 3 {
                let symbol = text(k)
                if symbol.elementsEqual([0x2A]) || symbol.elementsEqual([0xE2, 0x80, 0xA2]) || symbol.elementsEqual([0xC2, 0xB7]) || symbol.elementsEqual([0x2B])
                    || symbol.elementsEqual([0xE2, 0x96, 0xAA]) || symbol.elementsEqual([0xE2, 0x80, 0xA3]) {
                    k += 1
                    continue
                }
            }
            // "1. demo pipeline: $702,000": a list number before a name.
            if token.kind == .number, token.isPlainInteger, k + 2 < hi, tokens[k + 1].start == token.end,
               tokens[k + 1].kind == .close || isSymbol(k + 1, hi, UInt8(ascii: ".")), tokens[k + 2].kind == .word || tokens[k + 2].kind == .hashNumber {
                k += 2
                continue
            }
            break
        }
        return k
    }

    /// Greetings and headings before the first statement of a line: "Update:", "Hi all,", "Morning team." are skipped.
    func skipLeadIn(_ lo: Int, _ hi: Int) -> Int {
        // "Update:" / "Weekly update:" / "Status -" / "Quick one:"
        var k = lo
        var words = 0
        while k < hi, tokens[k].kind == .word, words < 4 {
            let w = tokens[k].word
            guard w != .none, WordSet.chatter.contains(w) || w == .quick || w == .one || w == .week || w == .me || w == .from else { break }
            k += 1
            words += 1
        }
        if words > 0, k < hi, tokens[k].kind == .colon || tokens[k].kind == .dash {
            return k + 1
        }
        return lo
    }

    /// Splits tokens into sentences at `.`, `!`, `?` and `…` that end one (not the point of
    /// "approx." or "e.g."); returns each with whether it was a question.
    func sentences(_ lo: Int, _ hi: Int) -> [(Int, Int, Bool)] {
        var result: [(Int, Int, Bool)] = []
        var start = lo
        var k = lo
        var depth = 0
        while k < hi {
            let token = tokens[k]
            if token.kind == .open { depth += 1 } else if token.kind == .close { depth = max(0, depth - 1) }
            // "all 🟢 except churn 🔴: churn 10.3, upsell 16": a heading of colours ends at its colon, so
            // the statement after it is not the exception's own.
            if token.kind == .colon, depth == 0, k > start, k + 1 < hi,
               tokens[k - 1].kind == .emoji && tokens[k - 1].emoji.isTrafficLight || colourBand(k - 1, hi, negated: false) != nil,
               (start..<k).contains(where: { isExceptWord($0) }) {
                result.append((start, k, false))
                start = k + 1
                k += 1
                continue
            }
            if token.kind == .other, depth == 0 {
                let length = token.end - token.start
                let byte = bytes[token.start]
                let isStop = (length == 1 && (byte == UInt8(ascii: ".") || byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?")))
                // "deals... hmm 4": a pause (three points or an ellipsis) does not end the sentence.
                let ellipsis = (length == 3 && byte == 0xE2 && bytes[token.start + 1] == 0x80 && bytes[token.start + 2] == 0xA6)
                    || (byte == UInt8(ascii: ".") && (isSymbol(k + 1, hi, UInt8(ascii: ".")) || isSymbol(k - 1, hi, UInt8(ascii: "."))))
                if isStop && !ellipsis && !isAbbreviationPoint(k, hi) {
                    // A run of stops ("!!", "?!", "...") ends the sentence once.
                    var end = k
                    var question = false
                    while end < hi, tokens[end].kind == .other, tokens[end].end - tokens[end].start <= 3,
                          [UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "?"), 0xE2].contains(bytes[tokens[end].start]) {
                        if bytes[tokens[end].start] == UInt8(ascii: "?") { question = true }
                        end += 1
                    }
                    if k > start { result.append((start, k, question)) }
                    start = end
                    k = end
                    continue
                }
            }
            k += 1
        }
        if start < hi { result.append((start, hi, false)) }
        return result
    }

    /// A point that belongs to an abbreviation (`approx.`, `e.g.`, `Dec. 4`, `no.`) rather than ending
    /// a sentence.
    func isAbbreviationPoint(_ k: Int, _ hi: Int) -> Bool {
        guard bytes[tokens[k].start] == UInt8(ascii: "."), k > 0 else { return false }
        // "2. 45%": a key result's number at the start of the line.
        if k - 1 == lineBodyStart, tokens[k - 1].isPlainInteger, tokens[k - 1].end == tokens[k].start { return true }
        // A sentence ends before a space: "9.x" and "e.g.this" do not end one.
        if k + 1 < hi, tokens[k + 1].start == tokens[k].end { return true }
        let previous = tokens[k - 1]
        // "vom 1. bis 4. Dezember", "vom 14. bis zum 18.12.", "am 3. Dezember": a German day of the month.
        if previous.isPlainInteger, previous.end == tokens[k].start, (1...31).contains(previous.value), k + 1 < hi,
           spelled(k + 1, Self.germanMonths) || spelled(k + 1, ["bis"]) && (isKind(k + 2, hi, .number) || spelled(k + 2, ["zum", "zur"]) && isKind(k + 3, hi, .number))
            // ("vom 30. November", "am 27. November": any month after a German date word.)
            || monthAt(k + 1, hi) && spelled(k - 2, Self.germanDateWords) { return true }
        // "vom 30.11. bis 4.12.", "du 30.11. au 4.12.": a day and a month written with points.
        if previous.kind == .number, previous.end == tokens[k].start, DateReader.dottedDay(String(decoding: text(k - 1), as: UTF8.self)) != nil,
           spelled(k - 2, Self.germanDateWords) || spelled(k - 2, Self.otherDateWords) || spelled(k + 1, ["bis", "au", "al", "a", "to", "until"]) || isKind(k + 1, hi, .dash) { return true }
        // "approx.120k" or "3.": the point touches what follows and is part of it.
        if k + 1 < hi, tokens[k + 1].start == tokens[k].end, tokens[k + 1].kind == .number { return true }
        guard previous.kind == .word, previous.end == tokens[k].start else { return false }
        switch previous.word {
        case .approx, .ca, .vs, .no, .mio, .mrd, .tsd: return true
        default: break
        }
        // ("incl. 2 pending", "incl. the 12.5k deal"; not "10.5 max. upsell 17%", where the point ends the sentence.)
        if spelled(k - 1, Self.abbreviations), isKind(k + 1, hi, .number) || isKind(k + 1, hi, .word) && bytes[tokens[k + 1].start] >= 0x61 && spelled(k - 1, Self.abbreviationsBeforeWords) {
            return true
        }
        let word = text(k - 1)
        if word.contains(UInt8(ascii: ".")) { return true }  // "e.g", "i.e"
        if DateReader.monthHashes[TargetIndex.hash64(word)] != nil, k + 1 < hi, tokens[k + 1].kind == .number { return true }
        return false
    }

    /// German month names that are not English words ("12. Jan at Globex" ends a sentence; "4. Dezember" does not).
    static let germanMonths = Spellings(["januar", "jänner", "februar", "märz", "mai", "juni", "juli", "oktober", "dezember", "dez", "okt", "mär"])
    static let otherDateWords = Spellings(["du", "au", "le", "del", "al", "el", "dal", "from", "until", "till", "on", "van", "tot", "od", "do"])
    static let germanDateWords = Spellings(["vom", "am", "ab", "bis", "zum", "den", "dem", "seit", "ooo", "urlaub", "abwesend", "frei", "weg"])

    /// Words abbreviated with a point that does not end the sentence: "incl. 2 pending".
    static let abbreviations = Spellings(["incl", "inkl", "excl", "exkl", "est", "avg", "approx", "appr", "min", "max", "prob"])
    static let abbreviationsBeforeWords = Spellings(["incl", "inkl", "excl", "exkl", "approx", "appr"])

    /// Whether a value (a number or a value word) occurs in `lo..<hi`.
    func hasValue(_ lo: Int, _ hi: Int) -> Bool {
        for k in lo..<hi where tokens[k].kind == .number { return true }
        return false
    }
}

/// A set of key-result entries as bits: filled for every sentence of every reply, so it allocates
/// nothing and costs no hashing. Entries past the 128th are all kept as one "some other" bit, which
/// only ever makes "is it named?" answer yes (the safe side).
struct EntrySet {
    private var low: UInt64 = 0
    private var high: UInt64 = 0
    private var beyond = false

    mutating func insert(_ entry: Int) {
        if entry < 64 { low |= 1 << UInt64(entry) } else if entry < 128 { high |= 1 << UInt64(entry - 64) } else { beyond = true }
    }

    mutating func formUnion(_ entries: [Int]) {
        for entry in entries { insert(entry) }
    }

    func contains(_ entry: Int) -> Bool {
        if entry < 64 { return low >> UInt64(entry) & 1 == 1 }
        if entry < 128 { return high >> UInt64(entry - 64) & 1 == 1 }
        return beyond
    }
}
