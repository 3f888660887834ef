/// Text as the grammar sees it: a slice of the reply's bytes.
typealias Bytes = Slice<UnsafeBufferPointer<UInt8>>

/// Parses one line of a reply. A line is one statement: a check-in, a blocker, an action item or a
/// command. Token indices and byte offsets are into the whole reply; the line is
/// `tokens[first..<end]` and `bytes[lineStart..<lineEnd]`.
///
/// It reads the reply through unsafe buffers, so building one per line costs no reference
/// counting; it must not outlive the `withUnsafeBufferPointer` scope that made it (it never
/// escapes `CheckinParser.parseNormalized`).
struct LineParser {
    let bytes: UnsafeBufferPointer<UInt8>
    /// ASCII-lowercased reply, for comparisons.
    let lower: UnsafeBufferPointer<UInt8>
    let tokens: UnsafeBufferPointer<Token>
    let number: Int
    let lineStart: Int
    let lineEnd: Int
    let index: TargetIndex
    /// Where the statement starts, after list bullets.
    var first: Int
    let end: Int
    /// Whether the line says anything: not blank, not a quote, not a greeting.
    private(set) var isStatement = false

    init(line: LineSpan, bytes: UnsafeBufferPointer<UInt8>, lower: UnsafeBufferPointer<UInt8>, tokens: UnsafeBufferPointer<Token>, index: TargetIndex) {
        self.bytes = bytes
        self.lower = lower
        self.tokens = tokens
        number = line.number
        lineStart = line.bytes.lowerBound
        lineEnd = line.bytes.upperBound
        self.index = index
        first = line.tokens.lowerBound
        end = line.tokens.upperBound
        if line.bytes.count > CheckinParser.maxLineBytes {
            isStatement = true
            return
        }
        skipBullets()
        isStatement = first < end && !isQuote && !isChatter
    }

    var isTooLong: Bool { lineEnd - lineStart > CheckinParser.maxLineBytes }

    // MARK: Words

    @inline(__always) func text(_ token: Token) -> Bytes { lower[token.start..<token.end] }

    @inline(__always) func word(_ i: Int) -> Word {
        i < end && tokens[i].kind == .word ? tokens[i].word : .none
    }

    @inline(__always) func isWord(_ i: Int, _ a: Word) -> Bool {
        let w = word(i)
        return w != .none && w == a
    }

    @inline(__always) func isWord(_ i: Int, _ a: Word, _ b: Word) -> Bool {
        let w = word(i)
        return w != .none && (w == a || w == b)
    }

    @inline(__always) func isWord(_ i: Int, _ a: Word, _ b: Word, _ c: Word) -> Bool {
        let w = word(i)
        return w != .none && (w == a || w == b || w == c)
    }

    @inline(__always) func isWord(_ i: Int, in set: WordSet) -> Bool {
        let w = word(i)
        return w != .none && set.contains(w)
    }

    @inline(__always) func isKind(_ i: Int, _ kind: Token.Kind) -> Bool {
        i < end && tokens[i].kind == kind
    }

    /// The text as written from token `i` to the end of the line (or to token `to`), trimmed of
    /// spaces and of the given edge characters.
    func original(from i: Int, to upperToken: Int? = nil, trimming edges: StaticString = "") -> String {
        guard i < end else { return "" }
        var low = tokens[i].start
        var high = upperToken.map { $0 < end ? tokens[$0].start : lineEnd } ?? lineEnd
        // The characters to trim, as a bit mask over ASCII 0x20-0x3F (space and punctuation).
        var mask: UInt64 = 1
        edges.withUTF8Buffer { for byte in $0 where byte >= 0x20 && byte < 0x60 { mask |= 1 << UInt64(byte - 0x20) } }
        @inline(__always) func trimmed(_ byte: UInt8) -> Bool { byte >= 0x20 && byte < 0x60 && mask & (1 << UInt64(byte - 0x20)) != 0 }
        while low < high, trimmed(bytes[low]) { low += 1 }
        while high > low, trimmed(bytes[high - 1]) { high -= 1 }
        return String(decoding: bytes[low..<high], as: UTF8.self)
    }

    /// `text`, cut to `limit` characters only when it is longer than that in bytes (cheap check first).
    static func limited(_ text: String, _ limit: Int) -> String {
        text.utf8.count <= limit ? text : String(text.prefix(limit))
    }

    func written(_ token: Token) -> String {
        String(decoding: bytes[token.start..<token.end], as: UTF8.self)
    }

    // MARK: Classification

    private mutating func skipBullets() {
        while first < end {
            let token = tokens[first]
            if token.kind == .dash { first += 1; continue }
            if token.kind == .other, token.end - token.start <= 3 {
                let symbol = text(token)
                // "*", "•", "·", "+" alone; "1." style numbers are key result numbers, not bullets.
                if symbol.elementsEqual([0x2A]) || symbol.elementsEqual([0xE2, 0x80, 0xA2]) || symbol.elementsEqual([0xC2, 0xB7]) || symbol.elementsEqual([0x2B]) {
                    first += 1
                    continue
                }
            }
            break
        }
    }

    private var isQuote: Bool {
        lineStart < lineEnd && bytes[lineStart] == UInt8(ascii: ">")
    }

    /// Greetings, sign-offs, headings and emoji reactions: nothing to record and nothing to complain about.
    private var isChatter: Bool {
        if tokens[first..<end].allSatisfy({ $0.kind == .other || $0.kind == .comma || $0.kind == .dash }) {
            return true  // only punctuation or symbols (emoji reactions)
        }
        guard tokens[first].kind == .word else { return false }
        let head = tokens[first].word
        if WordSet.statementStarts.contains(head) { return false }
        if bytes[lineStart..<lineEnd].contains(where: { $0 >= 0x30 && $0 <= 0x39 }) { return false }
        for i in first..<end {
            switch tokens[i].kind {
            case .emoji, .mention, .hashNumber, .checkbox: return false
            default: continue
            }
        }
        if index.entry(key: text(tokens[first])) != nil { return false }
        let chatty = head != .none && WordSet.chatter.contains(head)
        let wordCount = tokens[first..<end].reduce(0) { $0 + ($1.kind == .word ? 1 : 0) }
        let heading = tokens[end - 1].kind == .colon && wordCount <= 8
        guard chatty || heading else { return false }
        if heading || wordCount <= 2 { return true }
        // "good progress on reseller partners" names a key result: not chatter.
        var words: [UInt8] = []
        for i in first..<end where tokens[i].kind == .word {
            if !words.isEmpty { words.append(0x20) }
            words += text(tokens[i])
        }
        return index.candidates(for: words[...]).isEmpty
    }

    // MARK: Dispatch

    mutating func parse(into state: inout ReplyState) {
        if isTooLong {
            return state.error(number, "this line is \(lineEnd - lineStart) characters long; I read lines of up to \(CheckinParser.maxLineBytes). Split it into one statement per line.")
        }
        let i = first
        let token = tokens[i]
        if token.kind == .checkbox {
            return token.checked ? parseDone(from: i + 1, into: &state) : parseAction(from: i + 1, into: &state)
        }
        if token.kind == .emoji, token.emoji == .construction {
            return parseBlocker(from: i + 1, keepKeyword: false, into: &state)
        }
        if token.kind == .mention, isWord(i + 1, .will, .to, .should) || isWord(i + 1, .must, .needs, .shall) {
            return parseAction(from: i, into: &state)
        }
        if token.kind == .word {
            switch token.word {
            case .help where end - i <= 2:
                return state.result.commands.append(ParsedCommand(kind: .help, line: number))
            case .undo where end - i <= 2:
                return state.result.commands.append(ParsedCommand(kind: .undo, line: number))
            case .snooze, .mute:
                return parseSnooze(from: i + 1, into: &state)
            case .ack, .acknowledge, .acknowledged:
                return parseAck(from: i + 1, into: &state)
            case .ooo, .pto, .vacation, .away, .holiday, .holidays, .leave:
                return parseAway(from: i + 1, into: &state)
            case .out where isWord(i + 1, .of) && isWord(i + 2, .office):
                return parseAway(from: i + 3, into: &state)
            case .done, .closed, .finished, .completed:
                if actionReference(at: i + 1) != nil { return parseDone(from: i + 1, into: &state) }
            case .blocker, .blockers, .impediment, .impediments:
                return parseBlocker(from: isKind(i + 1, .colon) ? i + 2 : i + 1, keepKeyword: false, into: &state)
            case .blocked where isWord(i + 1, .by, .on):
                return parseBlocker(from: i, keepKeyword: true, into: &state)
            case .waiting where isWord(i + 1, .on, .for):
                return parseBlocker(from: i, keepKeyword: true, into: &state)
            case .action, .actions, .todo, .todoDash, .ai:
                return parseAction(from: isWord(i + 1, .item, .items) ? i + 2 : i + 1, into: &state)
            case .to where isWord(i + 1, .do) && isKind(i + 2, .colon):
                return parseAction(from: i + 2, into: &state)
            case .next where isWord(i + 1, .step, .steps) && isKind(i + 2, .colon):
                return parseAction(from: i + 3, into: &state)
            default:
                break
            }
        }
        if actionReference(at: i) != nil, isWord(i + 1, in: .doneWords) {
            return parseDone(from: i, into: &state)
        }
        parseCheckIn(from: i, into: &state)
    }

    /// `AI-12`, `ai12` at token `i`: an action item id.
    func actionReference(at i: Int) -> Int64? {
        guard i < end, tokens[i].kind == .word else { return nil }
        var rest = text(tokens[i])
        guard rest.count >= 3, rest.starts(with: [0x61, 0x69]) else { return nil }  // "ai"
        rest = rest.dropFirst(2)
        if rest.first == UInt8(ascii: "-") { rest = rest.dropFirst() }
        guard !rest.isEmpty, rest.count <= 12, rest.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        var value: Int64 = 0
        for digit in rest { value = value * 10 + Int64(digit - 0x30) }
        return value
    }
}
