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
    public static let maxLineBytes = 16_000

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
        var quotedSubject: Int?
        if markup == .matrixHTML || markup == .matrix, let quote = Normalizer.quote(of: String(decoding: input, as: UTF8.self), markup: markup, people: context.people),
           quote.fromPerson == false {
            quotedSubject = Self.subject(of: quote.text, index: index)
        }
        if markup != .plain || Self.mayHaveMarkup(input) {
            input = Array(Normalizer.decode(String(decoding: input, as: UTF8.self), markup: markup, people: context.people).utf8)
        }
        var bytes = Normalizer.dictatedPunctuation(Normalizer.normalizeBytes(input))  // each returns its input unchanged when there is nothing to do
        if bytes.count > Self.maxBytes {
            let cut = bytes[..<Self.maxBytes].lastIndex(of: 0x0A) ?? Self.maxBytes
            bytes = Array(bytes[..<cut])
            truncatedAt = bytes.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) } + 1
        }
        return parseNormalized(bytes, replyTime: replyTime, truncatedAt: truncatedAt, quotedSubject: quotedSubject)
    }

    /// The one key result or KPI a quoted alert of okrd's names by its key, if it names exactly one
    /// the author may update (an alert about one key result; not a digest of several). Only an
    /// alert counts: a quoted question is answered through the pending question (without one it
    /// was answered or has expired), and a quoted confirmation of someone's check-in is theirs.
    static func subject(of quote: String, index: TargetIndex) -> Int? {
        let text = Array(quote.utf8)
        guard !text.contains(UInt8(ascii: "?")), alertMarkers.contains(where: { quote.contains($0) }), !confirmationMarkers.contains(where: { quote.contains($0) }) else { return nil }
        var found: Int?
        for (i, entry) in index.entries.enumerated() where entry.updatable && ReplyReader.containsWords(text, entry.key[...]) {
            if found != nil { return nil }
            found = i
        }
        return found
    }

    /// What okrd's confirmations of a check-in say (they may name a status such as "at risk" too).
    static let confirmationMarkers = ["recorded", "thanks", "check-in saved", "got it"]
    /// What okrd's alerts say (see the escalation messages), in the lowercased quote.
    static let alertMarkers = ["at risk", "in trouble", "unhealthy", "off track", "behind", "stalled", "no check-in", "reminder", "overdue", "escalat", "⚠"]

    /// Parses text that is already normalised (for the benchmark and the fuzzer's second stage).
    func parseNormalized(_ bytes: [UInt8], replyTime: Date, truncatedAt: Int? = nil, quotedSubject: Int? = nil) -> ParseResult {
        let lower = Self.lowercased(bytes)
        var reader = ReplyReader(index: index, bytes: bytes, lower: lower, replyTime: replyTime, timeZone: context.timeZone)
        reader.reflecting = context.reflecting
        reader.quotedSubject = quotedSubject
        reader.linesWithDigits = Self.linesWithDigits(bytes)
        var lexer = Lexer(bytes: bytes, lower: lower)
        var start = 0
        var number = 0
        while start <= bytes.count {
            let end = Self.lineEnd(bytes, from: start)
            number += 1
            if number > Self.maxLines {
                var total = number
                for byte in bytes[start...] where byte == 0x0A { total += 1 }
                reader.line = Self.maxLines + 1
                reader.error("this reply has \(total) lines; I read the first \(Self.maxLines). Send the rest in another message.")
                break
            }
            // The reader's own token buffer is filled in place: one buffer for the whole reply.
            reader.tokens.removeAll(keepingCapacity: true)
            if end - start <= Self.maxLineBytes {
                lexer.lex(start..<end, into: &reader.tokens)
                splitGluedValues(&reader.tokens, lexer: &lexer, lower: lower)
            } else {
                reader.tokens.append(Token(kind: .other, start: start, end: start + 1))
            }
            reader.read(line: number, range: start..<end)
            start = end + 1
        }
        if let truncatedAt {
            reader.line = truncatedAt
            reader.error("this reply is longer than \(Self.maxBytes / 1024) KiB; I stopped reading here. Send the rest in another message.")
        }
        reader.askAboutDisclaimed()
        reader.recordPastedUnchanged()
        reader.recordRestUnchanged()
        // ("Territories & coverage" as a heading, then "Milestone 3 done ✅": the value came after all; a
        // new value, not last week's again: "partners – Globex signed⏎everything else unchanged" still asks.)
        let answered = Set(reader.result.checkIns.filter { checkIn in index.entry(key: Array(checkIn.target.utf8)).map { index.entries[$0].target.lastValue != checkIn.value } ?? true }.map(\.target))
        reader.result.clarifications.removeAll { question in
            question.proposal == nil && reader.noValueAsks.contains { $0.line == question.line && $0.target == question.target } && question.target.map(answered.contains) == true
        }
        // A KPI is a health metric with no confidence ("close rate 24, green", "deal size 44k conf 7"):
        // what is said of it is not kept.
        for i in reader.result.checkIns.indices where reader.result.checkIns[i].isKPI { reader.result.checkIns[i].confidence = nil }
        // A confidence said for the whole message applies to every statement that has none; said
        // alone ("conf 6"), it is asked back, as a check-in needs a value.
        if let (confidence, line) = reader.messageConfidence {
            for i in reader.result.checkIns.indices where reader.result.checkIns[i].confidence == nil && !reader.result.checkIns[i].isKPI {
                if let own = reader.confidenceExceptions[reader.result.checkIns[i].target] {
                    reader.result.checkIns[i].confidence = own
                } else {
                    reader.result.checkIns[i].confidence = confidence
                }
            }
            if reader.result.checkIns.isEmpty, reader.result.clarifications.isEmpty, reader.result.errors.isEmpty {
                reader.line = line
                reader.askAboutConfidence(confidence)
            }
        }
        return reader.result
    }

    /// "deals4", "covrage71", "conf6": a key result's word (or "conf") with its number glued on, as
    /// people type on a phone, is read as the word and the number. (Only those words: "Q4", "W48",
    /// "covid19" stay as they are.)
    /// (A line of them, or one alone on its line: not "Upsell20 program kicked off", "2 from Partner360".)
    func splitGluedValues(_ tokens: inout [Token], lexer: inout Lexer, lower: [UInt8]) {
        func split(_ token: Token) -> Int? {
            guard token.kind == .word, token.end - token.start >= 5 else { return nil }
            var split = token.start
            while split < token.end, lower[split] &- 0x61 < 26 { split += 1 }
            let letters = lower[token.start..<split]
            guard split - token.start >= 4, split < token.end, lower[split] &- 0x30 < 10,
                  lower[split..<token.end].allSatisfy({ $0 &- 0x30 < 10 || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "k") }),
                  letters.elementsEqual("conf".utf8) || !index.hits(for: letters).isEmpty || !index.typoHits(for: letters).isEmpty
            else { return nil }
            return split
        }
        let glued = tokens.indices.filter { split(tokens[$0]) != nil }
        guard glued.count >= 2 || glued.count == 1 && glued[0] == 0 && (tokens.count == 1 || tokens[1].kind != .word) else { return }
        for i in glued.reversed() {
            let token = tokens[i]
            guard let at = split(token) else { continue }
            var parts: [Token] = []
            lexer.lex(token.start..<at, into: &parts)
            lexer.lex(at..<token.end, into: &parts)
            tokens.replaceSubrange(i...i, with: parts)
        }
    }

    /// Whether plain text may hold a strike (`~6~`) or an emoji shortcode (`:tada:`): most replies
    /// hold neither, and skip the decoding pass.
    static func mayHaveMarkup(_ bytes: [UInt8]) -> Bool {
        var colonAt = -100
        for (i, byte) in bytes.enumerated() {
            if byte == UInt8(ascii: "~") { return true }
            if byte == UInt8(ascii: ":") {
                if i - colonAt > 1, i - colonAt <= 41, colonAt >= 0 { return true }
                colonAt = i
            } else if byte == 0x20 || byte == 0x0A {
                colonAt = -100
            }
        }
        return false
    }

    /// How many lines contain a digit.
    static func linesWithDigits(_ bytes: [UInt8]) -> Int {
        var count = 0
        var seen = false
        for byte in bytes {
            if byte == 0x0A {
                if seen { count += 1 }
                seen = false
            } else if byte >= 0x30 && byte <= 0x39 {
                seen = true
            }
        }
        return count + (seen ? 1 : 0)
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
}

