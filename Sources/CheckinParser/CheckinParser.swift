public import Foundation

/// Turns a chat reply into check-ins, blockers, action items and commands.
///
/// The parser is total: every input, including empty, huge, binary-looking or hostile text,
/// yields a result with what it understood and one friendly, precise error for each line it did
/// not. It never reads the clock: the reply time comes in, and dates resolve against it in the
/// author's time zone. Build one per context (author) and reuse it for many replies.
public struct CheckinParser: Sendable {
    public let context: ParserContext
    let index: TargetIndex

    /// Replies longer than this are read up to here; the rest is reported as an error.
    public static let maxBytes = 64 * 1024
    /// At most this many lines are read from one reply.
    public static let maxLines = 200
    /// Longer lines are refused with an error instead of being parsed.
    public static let maxLineBytes = 2_000

    public init(context: ParserContext) {
        self.context = context
        index = TargetIndex(context: context)
    }

    /// Parses `text` written at `replyTime` in the given platform markup.
    public func parse(_ text: String, markup: Markup = .plain, at replyTime: Date) -> ParseResult {
        var input = text.utf8.withContiguousStorageIfAvailable { Array($0) } ?? Array(text.utf8)
        var truncatedAt: Int?
        if input.count > Self.maxBytes * 4 {
            input = Array(input.prefix(Self.maxBytes * 4))
        }
        if markup != .plain {
            input = Array(Normalizer.decode(String(decoding: input, as: UTF8.self), markup: markup, people: context.people).utf8)
        }
        var bytes = Normalizer.normalizeBytes(input)  // returns its input unchanged when already canonical
        if bytes.count > Self.maxBytes {
            let cut = bytes[..<Self.maxBytes].lastIndex(of: 0x0A) ?? Self.maxBytes
            bytes = Array(bytes[..<cut])
            truncatedAt = bytes.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) } + 1
        }
        return parseNormalized(bytes, replyTime: replyTime, truncatedAt: truncatedAt)
    }

    /// Parses text that is already normalised (for the benchmark and the fuzzer's second stage).
    func parseNormalized(_ bytes: [UInt8], replyTime: Date, truncatedAt: Int? = nil) -> ParseResult {
        let lower = Self.lowercased(bytes)
        var state = ReplyState(replyTime: replyTime, timeZone: context.timeZone, bytes: bytes, lower: lower, index: index)
        var lexer = Lexer(bytes: bytes, lower: lower)
        var tokens: [Token] = []
        tokens.reserveCapacity(32)
        var start = 0
        var number = 0
        while start <= bytes.count {
            let end = Self.lineEnd(bytes, from: start)
            number += 1
            if number > Self.maxLines {
                var total = number
                for byte in bytes[start...] where byte == 0x0A { total += 1 }
                state.error(Self.maxLines + 1, "this reply has \(total) lines; I read the first \(Self.maxLines). Send the rest in another message.")
                break
            }
            tokens.removeAll(keepingCapacity: true)
            if end - start <= Self.maxLineBytes { lexer.lex(start..<end, into: &tokens) }
            let span = LineSpan(bytes: start..<end, tokens: 0..<tokens.count, number: number)
            bytes.withUnsafeBufferPointer { bytePointer in
                lower.withUnsafeBufferPointer { lowerPointer in
                    tokens.withUnsafeBufferPointer { tokenPointer in
                        var parser = LineParser(line: span, bytes: bytePointer, lower: lowerPointer, tokens: tokenPointer, index: index)
                        if parser.isStatement { parser.parse(into: &state) }
                    }
                }
            }
            start = end + 1
        }
        if let truncatedAt {
            state.error(truncatedAt, "this reply is longer than \(Self.maxBytes / 1024) KiB; I stopped reading here. Send the rest in another message.")
        }
        return state.result
    }

    /// ASCII lowercase copy, eight bytes at a time where possible.
    static func lowercased(_ bytes: [UInt8]) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: bytes.count) { buffer, count in
            bytes.withUnsafeBufferPointer { source in
                for i in 0..<source.count {
                    let b = source[i]
                    buffer[i] = b &- 0x41 < 26 ? b | 0x20 : b
                }
            }
            count = bytes.count
        }
    }

    /// The index of the next `\n` at or after `start`, or the end.
    static func lineEnd(_ bytes: [UInt8], from start: Int) -> Int {
        guard start < bytes.count else { return bytes.count }
        return bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, let found = memchr(base + start, 0x0A, buffer.count - start) else { return buffer.count }
            return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
    }

    /// How many lines of a reply say something: the one-line rule ("27%" from someone with one key
    /// result) applies only to replies of one statement. Computed only when that rule is needed.
    static func statementCount(bytes: [UInt8], lower: [UInt8], index: TargetIndex) -> Int {
        var lexer = Lexer(bytes: bytes, lower: lower)
        var tokens: [Token] = []
        var count = 0
        var start = 0
        var number = 0
        while start <= bytes.count, number < maxLines {
            let end = lineEnd(bytes, from: start)
            number += 1
            tokens.removeAll(keepingCapacity: true)
            if end - start <= maxLineBytes { lexer.lex(start..<end, into: &tokens) }
            let span = LineSpan(bytes: start..<end, tokens: 0..<tokens.count, number: number)
            let statement = bytes.withUnsafeBufferPointer { b in
                lower.withUnsafeBufferPointer { l in
                    tokens.withUnsafeBufferPointer { t in LineParser(line: span, bytes: b, lower: l, tokens: t, index: index).isStatement }
                }
            }
            if statement { count += 1 }
            start = end + 1
        }
        return count
    }
}

/// Where one line sits in the reply: its bytes, its tokens and its 1-based number.
struct LineSpan {
    var bytes: Range<Int>
    var tokens: Range<Int>
    var number: Int
}

/// What carries from one line to the next within a reply.
struct ReplyState {
    var result = ParseResult()
    /// The key result named most recently: blockers and action items without one attach to it.
    var lastTarget: String?
    let replyTime: Date
    let timeZone: TimeZone
    private var reader: DateReader?
    private let bytes: [UInt8]
    private let lower: [UInt8]
    private let index: TargetIndex
    private var statements: Int?

    init(replyTime: Date, timeZone: TimeZone, bytes: [UInt8], lower: [UInt8], index: TargetIndex) {
        // Most replies carry a few check-ins: one allocation instead of growing 1, 2, 4.
        result.checkIns.reserveCapacity(min(8, 1 + bytes.count / 48))
        self.replyTime = replyTime
        self.timeZone = timeZone
        self.bytes = bytes
        self.lower = lower
        self.index = index
    }

    /// The number of statement lines in the reply, counted on first use.
    mutating func statementCount() -> Int {
        if let statements { return statements }
        let counted = CheckinParser.statementCount(bytes: bytes, lower: lower, index: index)
        statements = counted
        return counted
    }

    /// The date reader, built on first use: most replies contain no date.
    mutating func dates() -> DateReader {
        if let reader { return reader }
        let made = DateReader(replyTime: replyTime, timeZone: timeZone)
        reader = made
        return made
    }

    mutating func error(_ line: Int, _ message: String) {
        result.errors.append(ParseError(line: line, message: message))
    }
}
