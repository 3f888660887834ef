/// One token of a normalised line. Positions are byte offsets into the line's UTF-8.
struct Token {
    enum Kind: Equatable {
        case word
        case number
        case colon
        case comma
        case semicolon
        /// A `-` standing alone: a separator before a comment, or a bullet at the start.
        case dash
        /// `->`, `=>`, `→`.
        case arrow
        case equals
        case slash
        case open
        case close
        /// `#2`: a key result's number in the prompt.
        case hashNumber
        /// `@name` (a mention, normalised by the markup decoder).
        case mention
        /// An emoji okrd understands; which one is in `emoji`.
        case emoji
        /// `[ ]` or `[x]` after a bullet: a task list item.
        /// `[ ]` or `[x]`; which one is in `checked`.
        case checkbox
        case other
    }

    enum Emoji: UInt8, Equatable {
        case none, green, yellow, orange, red, construction, check, cross

        /// 🟢 🟡 🟠 🔴: a confidence.
        var isTrafficLight: Bool { self == .green || self == .yellow || self == .orange || self == .red }
    }

    // Stored small-first, offsets as Int32 (lines are capped far below 2 GiB): a token is 48 bytes
    // instead of 64, and the lexer appends dozens per reply.
    private var start32: Int32
    private var end32: Int32
    var kind: Kind
    /// For word tokens: the grammar word it spells, if any.
    var word: Word = .none
    var emoji: Emoji = .none
    var checked = false
    var percent = false
    /// Index into `Lexer.currencyCodes` (0: none); a plain integer keeps `Token` trivially copyable.
    var currencyIndex: UInt8 = 0
    /// A leading `+`: an increment to the last value.
    var delta = false
    /// Written with a decimal point or comma (`0.7`), as opposed to a whole number.
    var hasFraction = false
    /// A malformed number (`1,23,4`): the message says why (index into `Lexer.problems`).
    var problemCode: UInt8 = 0
    // Numbers
    var value: Double = 0
    /// `3/5` and `7/10`: the part after the slash.
    var denominator: Double?
    /// The other reading of a number whose separator could be either mark: `45.250` is 45,250 in
    /// German and 45.25 in English; `1,234` the other way round. Plausibility decides.
    var alternative: Double?
    /// Written with a magnitude suffix (`120k`, `3M`).
    var scaled = false

    var start: Int {
        get { Int(start32) }
        set { start32 = Int32(truncatingIfNeeded: newValue) }
    }

    var end: Int {
        get { Int(end32) }
        set { end32 = Int32(truncatingIfNeeded: newValue) }
    }

    init(kind: Kind, start: Int, end: Int, word: Word = .none) {
        self.kind = kind
        start32 = Int32(truncatingIfNeeded: start)
        end32 = Int32(truncatingIfNeeded: end)
        self.word = word
    }

    var currency: String? {
        get { currencyIndex == 0 ? nil : Lexer.currencyCodes[Int(currencyIndex)] }
        set { currencyIndex = newValue.flatMap { code in Lexer.currencyCodes.firstIndex(of: code).map(UInt8.init) } ?? 0 }
    }
    /// A whole number written plainly: no sign, unit, fraction or denominator.
    var isPlainInteger: Bool {
        kind == .number && !percent && currencyIndex == 0 && !hasFraction && denominator == nil && !delta && problemCode == 0 && value >= 0
    }
    var problem: String? {
        get { problemCode == 0 ? nil : Lexer.problems[Int(problemCode)] }
        set { problemCode = newValue.flatMap { text in Lexer.problems.firstIndex(of: text).map(UInt8.init) } ?? 0 }
    }
}

/// Splits normalised lines into tokens, reading numbers the way people write them:
/// `1,234.5`, `1.234,5`, `40 000`, `1'234`, `1.2k`, `3M`, `$120k`, `€ 40 000`, `45%`, `3/5`, `+5`.
/// Works on a whole reply's bytes; each call lexes one line (`range`), never reading past it.
struct Lexer {
    let bytes: [UInt8]
    /// ASCII-lowercased copy of `bytes`, for keyword comparisons.
    let lower: [UInt8]
    /// The end of the line being lexed.
    var n: Int

    init(bytes: [UInt8], lower: [UInt8]) {
        self.bytes = bytes
        self.lower = lower
        n = bytes.count
    }

    /// Appends the tokens of `range` (one line) to `tokens`.
    mutating func lex(_ range: Range<Int>, into tokens: inout [Token]) {
        n = range.upperBound
        var i = range.lowerBound
        let lineStart = range.lowerBound
        let firstToken = tokens.count
        while i < n {
            let b = bytes[i]
            if b == 0x20 { i += 1; continue }
            // Only these bytes can start a number: digits, signs, a decimal point, currency symbols.
            let mayStartNumber = (b >= 0x30 && b <= 0x39) || b == UInt8(ascii: "+") || b == UInt8(ascii: "-") || b == UInt8(ascii: ".")
                || b == UInt8(ascii: "$") || b == 0xC2 || b == 0xE2
            // "CA$165k", "A$40k", "R$ 90 mil": letters glued to a dollar sign name another dollar (or the real).
            if b == UInt8(ascii: "$"), let previous = tokens.last, previous.kind == .word, previous.end == i,
               let code = Self.dollarPrefix(lower[previous.start..<previous.end]), case (var token, let next)? = number(at: i, lineStart: i) {
                token.currency = code
                token.start = previous.start
                tokens.removeLast()
                tokens.append(token)
                i = next
                continue
            }
            if mayStartNumber, case (var token, let next)? = number(at: i, lineStart: lineStart) {
                // "CAD 950k", "EUR 40.000": a currency code written before the amount.
                if token.currency == nil, let previous = tokens.last, previous.kind == .word, previous.end + 1 == token.start,
                   previous.end - previous.start == 3, let (code, length) = currencyCode(at: previous.start), length == 3 {
                    token.currency = code
                }
                tokens.append(token)
                i = next
                continue
            }
            // (Inside an open parenthesis, "(Globex signed :)" closes it too: the ")" stays a parenthesis.)
            if b == UInt8(ascii: ":") || b == UInt8(ascii: ";"), let end = emoticonEnd(at: i, lineStart: lineStart),
               bytes[end - 1] != UInt8(ascii: ")") || !Self.parenthesisOpen(tokens, firstIndex: firstToken) {
                tokens.append(Token(kind: .other, start: i, end: end))
                i = end
                continue
            }
            switch b {
            case UInt8(ascii: ":"): tokens.append(Token(kind: .colon, start: i, end: i + 1)); i += 1; continue
            case UInt8(ascii: ","): tokens.append(Token(kind: .comma, start: i, end: i + 1)); i += 1; continue
            case UInt8(ascii: ";"): tokens.append(Token(kind: .semicolon, start: i, end: i + 1)); i += 1; continue
            case UInt8(ascii: "("): tokens.append(Token(kind: .open, start: i, end: i + 1)); i += 1; continue
            case UInt8(ascii: ")"): tokens.append(Token(kind: .close, start: i, end: i + 1)); i += 1; continue
            case UInt8(ascii: "/"): tokens.append(Token(kind: .slash, start: i, end: i + 1)); i += 1; continue
            case UInt8(ascii: "="):
                if i + 1 < n, bytes[i + 1] == UInt8(ascii: ">") { tokens.append(Token(kind: .arrow, start: i, end: i + 2)); i += 2; continue }
                tokens.append(Token(kind: .equals, start: i, end: i + 1)); i += 1; continue
            case UInt8(ascii: "-"):
                if i + 1 < n, bytes[i + 1] == UInt8(ascii: ">") { tokens.append(Token(kind: .arrow, start: i, end: i + 2)); i += 2; continue }
                var j = i
                while j < n, bytes[j] == UInt8(ascii: "-") { j += 1 }
                if j == n || bytes[j] == 0x20 {
                    tokens.append(Token(kind: .dash, start: i, end: j))
                    i = j
                    continue
                }
            case UInt8(ascii: "["):
                if i + 2 < n, bytes[i + 2] == UInt8(ascii: "]") {
                    let mark = lower[i + 1]
                    if mark == 0x20 || mark == UInt8(ascii: "x") {
                        var box = Token(kind: .checkbox, start: i, end: i + 3)
                        box.checked = mark == UInt8(ascii: "x")
                        tokens.append(box)
                        i += 3
                        continue
                    }
                }
                if i + 1 < n, bytes[i + 1] == UInt8(ascii: "]") {
                    tokens.append(Token(kind: .checkbox, start: i, end: i + 2))
                    i += 2
                    continue
                }
            case UInt8(ascii: "#"):
                var j = i + 1
                while j < n, isDigit(bytes[j]) { j += 1 }
                if j > i + 1, j == n || !isWordByte(bytes[j]) {
                    var token = Token(kind: .hashNumber, start: i, end: j)
                    token.value = Double(parseInt(i + 1, j))
                    tokens.append(token)
                    i = j
                    continue
                }
            case UInt8(ascii: "@"):
                var j = i + 1
                while j < n, isWordByte(bytes[j]) || bytes[j] == UInt8(ascii: ".") || bytes[j] == UInt8(ascii: ":") { j += 1 }
                while j > i + 1, bytes[j - 1] == UInt8(ascii: ".") || bytes[j - 1] == UInt8(ascii: ":") { j -= 1 }
                if j > i + 1 {
                    tokens.append(Token(kind: .mention, start: i, end: j))
                    i = j
                    continue
                }
            default:
                break
            }
            if b >= 0x80, let (emoji, length) = emoji(at: i) {
                if let emoji {
                    var token = Token(kind: .emoji, start: i, end: i + length)
                    token.emoji = emoji
                    tokens.append(token)
                }
                i += length
                continue
            }
            if b == 0xE2, i + 2 < n, (bytes[i + 1] == 0x86 && bytes[i + 2] == 0x92) || (bytes[i + 1] == 0x87 && bytes[i + 2] == 0x92) || (bytes[i + 1] == 0x9E && bytes[i + 2] == 0xA1) {
                tokens.append(Token(kind: .arrow, start: i, end: i + 3))  // → ⇒ ➡
                i += 3
                continue
            }
            if b >= 0xF0 || b == 0xE2 {
                // Emoji and symbols (not letters): one token, including any joiners and modifiers.
                var j = i + 1
                while j < n, bytes[j] & 0xC0 == 0x80 { j += 1 }
                while j < n, bytes[j] >= 0xF0 || (bytes[j] == 0xEF && j + 2 < n && bytes[j + 1] == 0xB8) {
                    j += 1
                    while j < n, bytes[j] & 0xC0 == 0x80 { j += 1 }
                }
                tokens.append(Token(kind: .other, start: i, end: j))
                i = j
                continue
            }
            if isWordByte(b) {
                var j = i + 1
                while j < n, isWordByte(bytes[j]) || (bytes[j] == UInt8(ascii: ".") && j + 1 < n && isWordByte(bytes[j + 1])) || bytes[j] == UInt8(ascii: "'") && j + 1 < n && isLetter(bytes[j + 1]) { j += 1 }
                tokens.append(Token(kind: .word, start: i, end: j, word: Word.lookup(lower, i..<j)))
                i = j
                continue
            }
            // Anything else (punctuation, symbols, unknown scalars): one token per scalar.
            var j = i + 1
            while j < n, bytes[j] & 0xC0 == 0x80 { j += 1 }
            tokens.append(Token(kind: .other, start: i, end: j))
            i = j
        }
    }

    // MARK: Numbers

    /// Reads a number starting at `i` (with an optional sign or currency prefix), or nil.
    /// Whether a parenthesis opened among this line's tokens is still open.
    static func parenthesisOpen(_ tokens: [Token], firstIndex: Int) -> Bool {
        var depth = 0
        for token in tokens[firstIndex...] {
            if token.kind == .open { depth += 1 } else if token.kind == .close { depth = max(0, depth - 1) }
        }
        return depth > 0
    }

    /// Where a text emoticon at `i` ends (`:)`, `:-(`, `;)`, `:D`, `:P`, `:/`), when one stands there:
    /// a smiley, like an emoji, is neither a colon before a value nor a closing parenthesis.
    func emoticonEnd(at i: Int, lineStart: Int) -> Int? {
        var j = i + 1
        if j < n, bytes[j] == UInt8(ascii: "-") || bytes[j] == UInt8(ascii: "'") { j += 1 }
        guard j < n else { return nil }
        let face = bytes[j]
        let mouth = face == UInt8(ascii: ")") || face == UInt8(ascii: "(")
        guard mouth || face == UInt8(ascii: "D") || face == UInt8(ascii: "P") || face == UInt8(ascii: "p") || face == UInt8(ascii: "/") || face == UInt8(ascii: "|") else { return nil }
        // Standing on its own: "now 3 :)" and "now 3:)", not "https://" or "KEY:(was 3)".
        let end = j + 1
        let before = i == lineStart ? 0x20 : bytes[i - 1]
        guard end == n || bytes[end] == 0x20 || bytes[end] == UInt8(ascii: ",") || bytes[end] == UInt8(ascii: ".") || bytes[end] == UInt8(ascii: "!") else { return nil }
        guard before == 0x20 || mouth && before != UInt8(ascii: "(") else { return nil }
        return end
    }

    func number(at start: Int, lineStart: Int) -> (Token, Int)? {
        var i = start
        /// Index into `Lexer.currencyCodes` (0: none); a plain integer keeps `Token` trivially copyable.
    var currencyIndex: UInt8 = 0
    var currency: String? {
        get { currencyIndex == 0 ? nil : Lexer.currencyCodes[Int(currencyIndex)] }
        set { currencyIndex = newValue.flatMap { code in Lexer.currencyCodes.firstIndex(of: code).map(UInt8.init) } ?? 0 }
    }
        var delta = false
        var negative = false
        // Must start a token: not glued to a preceding word (kr1, Q4).
        if start > lineStart, isWordByte(bytes[start - 1]) { return nil }
        if let (code, length) = currencySymbol(at: i) {
            currency = code
            i += length
            if i < n, bytes[i] == 0x20 { i += 1 }
        }
        if i < n, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") {
            let afterSign = currency == nil ? (currencySymbol(at: i + 1)?.1 ?? 0) : 0
            let d = i + 1 + afterSign
            guard d < n, isDigit(bytes[d]) || (bytes[d] == UInt8(ascii: ".") && d + 1 < n && isDigit(bytes[d + 1])) else { return nil }
            if bytes[i] == UInt8(ascii: "+") { delta = true } else { negative = true }
            i += 1
            if currency == nil, let (code, length) = currencySymbol(at: i) {  // "+$5k"
                currency = code
                i += length
            }
        }
        guard i < n, isDigit(bytes[i]) || (bytes[i] == UInt8(ascii: ".") && i + 1 < n && isDigit(bytes[i + 1])) else { return nil }

        // Digit groups and the separators between them, summarised as we go (no arrays): the value
        // of all digits, the first and last group's lengths, whether every group in between has
        // exactly three digits, and which separators were seen.
        var digits: Double = 0
        var firstGroup = 0
        var lastGroup = 0
        var middleAllThree = true
        var separatorCount = 0
        var lastSeparator: UInt8 = 0
        var lastSeparatorSeenBefore = false
        var seen: UInt8 = 0  // bit mask: 1 ',', 2 '.', 4 '\'', 8 ' '
        var j = i
        while true {
            let groupStart = j
            while j < n, isDigit(bytes[j]) {
                digits = digits * 10 + Double(bytes[j] - 0x30)
                j += 1
            }
            let length = j - groupStart
            if separatorCount == 0 { firstGroup = length } else {
                if separatorCount >= 2, lastGroup != 3 { middleAllThree = false }
                lastGroup = length
            }
            guard j + 1 < n else { break }
            let sep = bytes[j]
            let bit: UInt8
            switch sep {
            case UInt8(ascii: ","): bit = 1
            case UInt8(ascii: "."): bit = 2
            case UInt8(ascii: "'"): bit = 4
            case 0x20: bit = 8
            default: bit = 0
            }
            guard bit != 0, isDigit(bytes[j + 1]) else { break }
            if sep == 0x20 {
                // "40 000": a space groups thousands only before exactly three digits, after a
                // first group of at most three, and only when every separator so far was a space.
                var k = j + 1
                while k < n, isDigit(bytes[k]) { k += 1 }
                guard k - (j + 1) == 3, firstGroup <= 3, seen & ~8 == 0 else { break }
            }
            lastSeparatorSeenBefore = seen & bit != 0
            seen |= bit
            lastSeparator = sep
            separatorCount += 1
            j += 1
        }
        var token = Token(kind: .number, start: start, end: j)
        token.delta = delta
        token.currency = currency
        let (value, fraction, problem) = Self.interpret(
            digits: digits, separatorCount: separatorCount, lastSeparator: lastSeparator, distinct: seen.nonzeroBitCount,
            lastSeparatorSeenBefore: lastSeparatorSeenBefore, lastGroup: lastGroup, middleAllThree: middleAllThree)
        token.value = negative ? -value : value
        token.hasFraction = fraction
        token.problemCode = problem
        // One "." or "," before exactly three digits: thousands in one locale, a decimal in another.
        if separatorCount == 1, lastGroup == 3, problem == 0, firstGroup <= 3, lastSeparator == UInt8(ascii: ".") {
            let other = fraction ? digits : digits / 1000
            token.alternative = negative ? -other : other
        }

        // Suffixes: k / M / bn multipliers, %, a currency symbol or code.
        var k = j
        if k < n {
            let c = lower[k]
            let next = k + 1 < n ? lower[k + 1] : 0
            let nextIsWord = k + 1 < n && isASCIILetter(bytes[k + 1])
            var multiplier: Double = 1
            if c == UInt8(ascii: "k") && !nextIsWord {
                multiplier = 1_000; k += 1
            } else if c == UInt8(ascii: "m") && (!nextIsWord || (next == UInt8(ascii: "n") && !(k + 2 < n && isASCIILetter(bytes[k + 2])))) {
                multiplier = 1_000_000; k += next == UInt8(ascii: "n") ? 2 : 1
            } else if c == UInt8(ascii: "b") && (!nextIsWord || (next == UInt8(ascii: "n") && !(k + 2 < n && isASCIILetter(bytes[k + 2])))) {
                multiplier = 1_000_000_000; k += next == UInt8(ascii: "n") ? 2 : 1
            }
            if multiplier != 1 {
                token.value *= multiplier
                token.alternative = token.alternative.map { $0 * multiplier }
                token.scaled = true
            }
        }
        if k < n, bytes[k] == UInt8(ascii: "%") {
            token.percent = true
            k += 1
        } else if k + 1 < n, bytes[k] == 0x20, bytes[k + 1] == UInt8(ascii: "%") {
            token.percent = true
            k += 2
        }
        if token.currency == nil {
            var m = k
            if m < n, bytes[m] == 0x20 { m += 1 }
            if let (code, length) = currencySymbol(at: m) {
                token.currency = code
                k = m + length
            } else if let (code, length) = currencyCode(at: m) {
                token.currency = code
                k = m + length
            }
        }
        // "3/5", "7/10": a denominator right after the slash.
        if k + 1 < n, bytes[k] == UInt8(ascii: "/"), isDigit(bytes[k + 1]) {
            var m = k + 1
            while m < n, isDigit(bytes[m]) || (bytes[m] == UInt8(ascii: ".") && m + 1 < n && isDigit(bytes[m + 1])) { m += 1 }
            if m == n || !isWordByte(bytes[m]) || lower[m] == UInt8(ascii: "k") {
                token.denominator = Double(String(decoding: bytes[(k + 1)..<m], as: UTF8.self))
                k = m
            }
        }
        // A number glued to letters ("3rd", "12days", "2x") ends here; the letters form a word.
        token.end = k
        return (token, k)
    }

    /// Decides which separator is the decimal mark, if any, and checks the thousands groups.
    /// Returns the value, whether it has a fraction, and a problem code (0: none).
    static func interpret(
        digits: Double, separatorCount: Int, lastSeparator: UInt8, distinct: Int, lastSeparatorSeenBefore: Bool,
        lastGroup: Int, middleAllThree: Bool
    ) -> (Double, Bool, UInt8) {
        guard separatorCount > 0 else { return (digits, false, 0) }
        let decimal: Bool
        if distinct > 1 {
            // "1,234.5", "1.234,5": the last separator is the decimal mark.
            if lastSeparator == 0x20 || lastSeparator == UInt8(ascii: "'") { return (0, false, 1) }
            if lastSeparatorSeenBefore { return (0, false, 3) }
            decimal = true
        } else if separatorCount == 1 {
            switch lastSeparator {
            case UInt8(ascii: "."): decimal = true
            case UInt8(ascii: ","): decimal = lastGroup != 3  // "3,5" decimal; "1,234" thousands
            default: decimal = false
            }
        } else {
            decimal = false  // "1.234.567", "1,234,567", "1 234 567"
        }
        // Thousands groups after the first must have exactly three digits.
        if !middleAllThree || (!decimal && lastGroup != 3) { return (0, false, 2) }
        guard decimal else { return (digits, false, 0) }
        var scale: Double = 1
        for _ in 0..<min(lastGroup, 300) { scale *= 10 }
        return (digits / scale, true, 0)
    }

    private func parseInt(_ from: Int, _ to: Int) -> Int {
        var value = 0
        for index in from..<to where value < 1_000_000 { value = value * 10 + Int(bytes[index] - 0x30) }
        return value
    }

    /// `$`, `€`, `£`, `¥`, `₹` at `i`.
    func currencySymbol(at i: Int) -> (String, Int)? {
        guard i < n else { return nil }
        switch bytes[i] {
        case UInt8(ascii: "$"): return ("USD", 1)
        case 0xC2 where i + 1 < n && bytes[i + 1] == 0xA3: return ("GBP", 2)
        case 0xC2 where i + 1 < n && bytes[i + 1] == 0xA5: return ("JPY", 2)
        case 0xE2 where i + 2 < n && bytes[i + 1] == 0x82 && bytes[i + 2] == 0xAC: return ("EUR", 3)
        case 0xE2 where i + 2 < n && bytes[i + 1] == 0x82 && bytes[i + 2] == 0xB9: return ("INR", 3)
        default: return nil
        }
    }

    /// `USD`, `eur`, `dollars`, `euros` as a whole word at `i`.
    func currencyCode(at i: Int) -> (String, Int)? {
        switch lower[i < n ? i : 0] {
        case UInt8(ascii: "u"), UInt8(ascii: "d"), UInt8(ascii: "e"), UInt8(ascii: "g"), UInt8(ascii: "p"), UInt8(ascii: "c"),
            UInt8(ascii: "j"), UInt8(ascii: "i"), UInt8(ascii: "a"), UInt8(ascii: "s"), UInt8(ascii: "n"), UInt8(ascii: "b"), UInt8(ascii: "m"):
            guard i < n else { return nil }
        default:
            return nil
        }
        var j = i
        while j < n, j - i < 8, isASCIILetter(bytes[j]) { j += 1 }
        guard j > i + 2, j == n || !isWordByte(bytes[j]) else { return nil }
        let word = lower[i..<j]
        for (spelling, code) in Lexer.currencyWords where spelling.count == word.count && word.elementsEqual(spelling) {
            return (code, j - i)
        }
        return nil
    }

    static let currencyCodes = ["", "USD", "EUR", "GBP", "JPY", "INR", "CHF", "CAD", "AUD", "SEK", "NOK", "DKK", "PLN", "BRL", "MXN", "NZD", "HKD", "SGD"]
    static func dollarPrefix(_ letters: ArraySlice<UInt8>) -> String? {
        for (spelling, code) in dollarPrefixes where letters.elementsEqual(spelling) { return code }
        return nil
    }

    /// Letters before a `$` that name another dollar (or real): "CA$", "A$", "R$".
    static let dollarPrefixes: [([UInt8], String)] = [
        ("ca", "CAD"), ("c", "CAD"), ("cad", "CAD"), ("a", "AUD"), ("au", "AUD"), ("aud", "AUD"), ("nz", "NZD"), ("hk", "HKD"), ("s", "SGD"),
        ("sg", "SGD"), ("r", "BRL"), ("mx", "MXN"), ("us", "USD"),
    ].map { (Array($0.0.utf8), $0.1) }
    static let problems = [
        "", "mixes separators in a way I can't read", "has digit groups I can't read; write it like 1234.5 or 1,234.5",
        "uses the same separator for thousands and decimals",
    ]

    static let currencyWords: [([UInt8], String)] = [
        ("usd", "USD"), ("dollars", "USD"), ("dollar", "USD"), ("eur", "EUR"), ("euro", "EUR"), ("euros", "EUR"),
        ("gbp", "GBP"), ("pounds", "GBP"), ("chf", "CHF"), ("jpy", "JPY"), ("inr", "INR"), ("cad", "CAD"),
        ("aud", "AUD"), ("sek", "SEK"), ("nok", "NOK"), ("dkk", "DKK"), ("pln", "PLN"), ("brl", "BRL"), ("mxn", "MXN"),
        ("nzd", "NZD"), ("hkd", "HKD"), ("sgd", "SGD"),
    ].map { (Array($0.0.utf8), $0.1) }

    /// The emoji okrd understands at `i` (and its byte length); nil emoji for other symbols that
    /// should simply be skipped (variation selectors, skin tones).
    func emoji(at i: Int) -> (Token.Emoji?, Int)? {
        if bytes[i] == 0xEF, i + 2 < n, bytes[i + 1] == 0xB8, bytes[i + 2] == 0x8F { return (nil, 3) }  // VS16
        if bytes[i] == 0xF0, i + 3 < n, bytes[i + 1] == 0x9F {
            switch (bytes[i + 2], bytes[i + 3]) {
            case (0x9F, 0xA2): return (.green, 4)
            case (0x9F, 0xA1): return (.yellow, 4)
            case (0x9F, 0xA0): return (.orange, 4)
            case (0x94, 0xB4): return (.red, 4)
            case (0x9A, 0xA7): return (.construction, 4)
            case (0x8F, 0xBB...0xBF): return (nil, 4)  // skin tone modifiers
            default: return nil
            }
        }
        if bytes[i] == 0xE2, i + 2 < n {
            switch (bytes[i + 1], bytes[i + 2]) {
            case (0x9C, 0x85), (0x9C, 0x94), (0x9C, 0x93), (0x98, 0x91): return (.check, 3)  // ✅ ✔ ✓ ☑
            case (0x9D, 0x8C): return (.cross, 3)
            default: return nil
            }
        }
        return nil
    }

    @inline(__always) func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    @inline(__always) func isASCIILetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
    @inline(__always) func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A || b >= 0x80 }
    /// Letters, digits, `-`, `_` and any non-ASCII byte (letters of other scripts).
    @inline(__always) func isWordByte(_ b: UInt8) -> Bool {
        if b >= 0x80 { return true }
        let mask = b < 64 ? Self.wordMaskLow : Self.wordMaskHigh
        return (mask >> UInt64(b & 63)) & 1 != 0
    }

    /// `isWordByte` without a lexer.
    @inline(__always) static func isWordByteStatic(_ b: UInt8) -> Bool {
        if b >= 0x80 { return true }
        let mask = b < 64 ? wordMaskLow : wordMaskHigh
        return (mask >> UInt64(b & 63)) & 1 != 0
    }

    /// Word bytes among 0x00-0x3F: `-` and the digits.
    static let wordMaskLow: UInt64 = (1 << 0x2D) | (0x3FF << 0x30)
    /// Word bytes among 0x40-0x7F: letters and `_`.
    static let wordMaskHigh: UInt64 = (0x3FFFFFF << 1) | (1 << 0x1F) | (0x3FFFFFF << 0x21)
}
