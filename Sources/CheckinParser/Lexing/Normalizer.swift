import Foundation

/// Turns what a chat platform delivers into plain, canonical text before parsing.
///
/// Two layers: ``decode(_:markup:people:)`` undoes one platform's markup once (mentions become
/// `@personid`, links their labels, entities their characters, HTML its text); ``normalizeBytes(_:)``
/// canonicalises Unicode and whitespace (line endings, zero-width and non-breaking spaces, smart
/// quotes, dashes) and is idempotent.
public enum Normalizer {
    /// Decodes the platform's markup and normalises the result.
    public static func normalize(_ text: String, markup: Markup = .plain, people: [KnownPerson] = []) -> String {
        let decoded = markup == .plain ? text : decode(text, markup: markup, people: people)
        return String(decoding: normalizeBytes(Array(decoded.utf8)), as: UTF8.self)
    }

    // MARK: Unicode and whitespace (bytes, idempotent)

    /// Canonical plain text: `\n` line ends, single spaces, no zero-width characters, straight
    /// quotes, ASCII dashes, no trailing spaces, no trailing blank lines (leading ones stay, so line
    /// numbers match). Invalid UTF-8 is repaired first.
    public static func normalizeBytes(_ input: [UInt8]) -> [UInt8] {
        let prefix = canonicalPrefix(input)
        if prefix == input.count, input.last != 0x20, input.last != 0x0A { return input }
        // Invalid UTF-8 passes through: the lexer treats stray bytes as word bytes, and text taken
        // out of the reply is decoded with repair, so nothing downstream depends on validity.
        return input.withUnsafeBufferPointer { canonical($0, from: prefix) }
    }

    /// "coverage seventy two period reseller deals three comma nothing closed new line ...": the
    /// punctuation a phone's dictation writes out as words, turned back into punctuation when the
    /// reply says such words at least twice and one of them is "comma" or "new line" (not "the
    /// Oxford comma", "comma-separated", "Deal size 44k, full stop."). "period" stays a word after
    /// "the", "same", "last", "reporting" and the like, and is a decimal point between number words
    /// ("eight period one").
    public static func dictatedPunctuation(_ bytes: [UInt8]) -> [UInt8] {
        guard dictationWordCount(bytes) >= 2 else { return bytes }
        var text = String(decoding: bytes, as: UTF8.self)
        guard dictationSignPattern.numberOfMatches(in: text, range: NSRange(text.startIndex..., in: text)) > 0 else { return bytes }
        for (pattern, replacement) in dictationPatterns {
            text = pattern.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: replacement)
        }
        return Array(text.utf8)
    }

    /// How many times " comma", "new line", "newline", "full stop" or "period" stands as a word (a
    /// quick look before the patterns run; not "comma-separated").
    static func dictationWordCount(_ bytes: [UInt8]) -> Int {
        var count = 0
        var i = 0
        while i + 5 <= bytes.count {
            // (Only where a word starts: after a space or a line break, or at the reply's first byte.)
            if i > 0, bytes[i - 1] != 0x20, bytes[i - 1] != 0x0A {
                guard let space = bytes[i...].firstIndex(where: { $0 == 0x20 || $0 == 0x0A }) else { break }
                i = space + 1
                continue
            }
            let b = bytes[i] | 0x20
            if b == UInt8(ascii: "c") || b == UInt8(ascii: "n") || b == UInt8(ascii: "f") || b == UInt8(ascii: "p") {
                for word in dictationSigns where i + word.count <= bytes.count {
                    var matched = true
                    for (offset, expected) in word.enumerated() where bytes[i + offset] | 0x20 != expected { matched = false; break }
                    let after = i + word.count
                    if matched, after == bytes.count || bytes[after] == 0x20 || bytes[after] == 0x0A || bytes[after] == UInt8(ascii: ".") || bytes[after] == UInt8(ascii: ",") {
                        count += 1
                        break
                    }
                }
            }
            i += 1
        }
        return count
    }
    static let dictationSigns: [[UInt8]] = ["comma", "new line", "newline", "full stop", "period"].map { Array($0.utf8) }
    static let dictationSignPattern = try! NSRegularExpression(pattern: #"(?<![-\w])(?:comma|new line|newline)(?![-\w])"#, options: [.caseInsensitive])
    static let dictationPatterns: [(NSRegularExpression, String)] = [
        (#"\b(zero|one|two|three|four|five|six|seven|eight|nine) period (zero|one|two|three|four|five|six|seven|eight|nine)\b"#, "$1 point $2"),
        (#"[ \t]*\b(?:new line|newline|next line|new paragraph)\b[ \t]*"#, "\n"),
        (#"[ \t]+\bcomma\b(?!-)"#, ","),
        (#"(?<!\b(?:the|same|last|this|that|prior|previous|reporting|each|a|per|trial|grace|time|review|billing|notice))[ \t]+\b(?:period|full stop)\b(?![ \t]+(?:last|of|ending|over|before|after))"#, "."),
        (#"[ \t]+\bquestion mark\b"#, "?"),
        (#"[ \t]+\bexclamation (?:mark|point)\b"#, "!"),
    ].map { (try! NSRegularExpression(pattern: $0.0, options: [.caseInsensitive]), $0.1) }

    /// How many leading bytes are already canonical ASCII (they can be copied as they are).
    static func canonicalPrefix(_ bytes: [UInt8]) -> Int {
        var previous: UInt8 = 0x0A
        var i = 0
        for b in bytes {
            if b >= 0x7F || (b < 0x20 && b != 0x0A) { return i }
            if b == 0x20 && (previous == 0x20 || previous == 0x0A) { return i }
            if b == 0x0A && previous == 0x20 { return i }
            previous = b
            i += 1
        }
        return i
    }

    private static func canonical(_ bytes: UnsafeBufferPointer<UInt8>, from prefix: Int) -> [UInt8] {
        var writer = CanonicalWriter(capacity: bytes.count)
        if prefix > 0 { writer.emit(bytes, 0..<prefix) }
        var i = prefix
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            // Runs of printable ASCII other than space go out in one copy.
            if b > 0x20 && b < 0x7F {
                var j = i + 1
                while j < n, bytes[j] > 0x20, bytes[j] < 0x7F { j += 1 }
                writer.emit(bytes, i..<j)
                i = j
                continue
            }
            if b < 0x80 {
                switch b {
                case 0x0D:
                    writer.newline()
                    if i + 1 < n, bytes[i + 1] == 0x0A { i += 1 }
                case 0x0A:
                    writer.newline()
                case 0x20, 0x09, 0x0B, 0x0C:
                    writer.space()
                case 0x00..<0x20, 0x7F:
                    break  // other control characters carry nothing
                default:
                    writer.emit(b)
                }
                i += 1
                continue
            }
            // Multi-byte sequences we canonicalise.
            if b == 0xC2, i + 1 < n {
                let c = bytes[i + 1]
                if c == 0xA0 { writer.space(); i += 2; continue }  // no-break space
                if c == 0xAD { i += 2; continue }  // soft hyphen
                if c == 0x85 { writer.newline(); i += 2; continue }  // next line
            }
            if b == 0xE2, i + 2 < n {
                let c = bytes[i + 1]
                let d = bytes[i + 2]
                if c == 0x80 {
                    switch d {
                    case 0x80...0x8A, 0xAF: writer.space(); i += 3; continue  // en quad ... hair space, narrow nbsp
                    case 0x8B, 0x8C, 0x8D, 0x8E, 0x8F: i += 3; continue  // zero-width space/joiners, marks
                    case 0x90...0x95: writer.emit(UInt8(ascii: "-")); i += 3; continue  // hyphens and dashes
                    case 0x98, 0x99, 0x9B, 0xB2: writer.emit(UInt8(ascii: "'")); i += 3; continue  // single quotes, prime
                    case 0x9C, 0x9D, 0x9E, 0x9F, 0xB3: writer.emit(UInt8(ascii: "\"")); i += 3; continue  // double quotes
                    case 0xA8, 0xA9: writer.newline(); i += 3; continue  // line and paragraph separators
                    case 0xAA...0xAE: i += 3; continue  // bidi embedding controls
                    default: break
                    }
                } else if c == 0x81 {
                    if d == 0xA0 || (0xA1...0xA4).contains(d) || (0xA6...0xAF).contains(d) { i += 3; continue }  // word joiner, invisible operators, bidi isolates
                    if d == 0x9F { writer.space(); i += 3; continue }  // medium mathematical space
                } else if c == 0x88, d == 0x92 {
                    writer.emit(UInt8(ascii: "-")); i += 3; continue  // minus sign
                }
            }
            if b == 0xE3, i + 2 < n, bytes[i + 1] == 0x80, bytes[i + 2] == 0x80 { writer.space(); i += 3; continue }  // ideographic space
            // Ideographic full stop and comma: Chinese and Japanese write no space after them.
            if b == 0xE3, i + 2 < n, bytes[i + 1] == 0x80, bytes[i + 2] == 0x82 || bytes[i + 2] == 0x81 {
                writer.emit(bytes[i + 2] == 0x82 ? UInt8(ascii: ".") : UInt8(ascii: ",")); writer.space(); i += 3; continue
            }
            if b == 0xEF, i + 2 < n, bytes[i + 1] == 0xBB, bytes[i + 2] == 0xBF { i += 3; continue }  // byte order mark
            if b == 0xEF, i + 2 < n, bytes[i + 1] == 0xBC, (0x81...0xBF).contains(bytes[i + 2]) {
                let ascii = bytes[i + 2] - 0x81 + 0x21  // fullwidth ! ... _ (digits, $, %, letters)
                if ascii == UInt8(ascii: "(") { writer.space() }
                writer.emit(ascii)
                // (Punctuation written without a space after it, as in Chinese: "9.8%，upsell".)
                // (Not between digits: "１２０，０００" is 120,000.)
                if ascii == UInt8(ascii: ",") || ascii == UInt8(ascii: ":") || ascii == UInt8(ascii: ";") || ascii == UInt8(ascii: "!") || ascii == UInt8(ascii: "?") || ascii == UInt8(ascii: ")"),
                   !(ascii == UInt8(ascii: ",") && Self.threeDigitGroup(bytes, at: i + 3)) { writer.space() }
                i += 3; continue
            }
            if b == 0xEF, i + 2 < n, bytes[i + 1] == 0xBD, (0x80...0x9E).contains(bytes[i + 2]) {
                writer.emit(bytes[i + 2] - 0x80 + 0x60); i += 3; continue  // fullwidth ` ... ~
            }
            writer.emit(b)
            i += 1
        }
        return writer.finish()
    }

    /// Whether exactly three digits (ASCII or full-width) start at `i`: the group after a thousands
    /// separator.
    static func threeDigitGroup(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        var i = start
        var digits = 0
        while i < bytes.count {
            if (0x30...0x39).contains(bytes[i]) { digits += 1; i += 1; continue }
            if i + 2 < bytes.count, bytes[i] == 0xEF, bytes[i + 1] == 0xBC, (0x90...0x99).contains(bytes[i + 2]) { digits += 1; i += 3; continue }
            break
        }
        return digits == 3
    }

    /// Already canonical: printable ASCII with single spaces and `\n` line ends, nothing trailing.
    static func isCanonicalASCII(_ bytes: [UInt8]) -> Bool {
        guard let first = bytes.first, let last = bytes.last else { return true }
        if first == 0x20 || last == 0x20 || last == 0x0A { return false }
        var previous: UInt8 = 0
        for b in bytes {
            if b >= 0x7F || (b < 0x20 && b != 0x0A) { return false }
            if b == 0x20 && (previous == 0x20 || previous == 0x0A) { return false }
            if b == 0x0A && previous == 0x20 { return false }
            previous = b
        }
        return true
    }

    // MARK: Platform markup (once per message)

    public static func decode(_ text: String, markup: Markup, people: [KnownPerson]) -> String {
        // (Emphasis before strikes: "**~~31~~ 29%**" is a bold correction.)
        switch markup {
        case .plain:
            return decodeShortcodes(removeStruck(removeStruck(text, marker: "~~"), marker: "~"))
        case .slack, .googlechat:
            return decodeShortcodes(removeStruck(stripEmphasis(decodeEntities(decodeSlackTokens(text, markup: markup, people: people)), markers: ["*", "_"]), marker: "~"))
        case .mattermost:
            return decodeShortcodes(removeStruck(stripEmphasis(resolveAtMentions(text, platform: "mattermost", people: people), markers: ["**", "__", "*", "_"]), marker: "~~"))
        case .discord:
            return decodeShortcodes(removeStruck(stripEmphasis(decodeDiscordTokens(text, people: people), markers: ["**", "__", "*", "_"]), marker: "~~"))
        case .teams:
            return decodeShortcodes(decodeEntities(htmlToText(text, people: people, platform: "teams")))
        case .matrixHTML:
            return decodeShortcodes(decodeEntities(htmlToText(text, people: people, platform: "matrix")))
        case .matrix:
            return decodeShortcodes(removeStruck(resolveAtMentions(stripReplyFallback(text), platform: "matrix", people: people), marker: "~~"))
        }
    }

    /// `<@U123>` -> `@maria`, `<mailto:a@b|a@b>` -> `a@b`, `<https://x|label>` -> `label`,
    /// `<!channel>` -> `@channel` (as text), `<users/123>` -> `@maria` (Google Chat).
    static func decodeSlackTokens(_ text: String, markup: Markup, people: [KnownPerson]) -> String {
        var out = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "<") {
            out += rest[rest.startIndex..<open]
            guard let close = rest[open...].firstIndex(of: ">"), rest.distance(from: open, to: close) < 512 else {
                out += rest[open...]
                return out
            }
            let inner = rest[rest.index(after: open)..<close]
            let parts = inner.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false)
            let target = parts.first.map(String.init) ?? ""
            let label = parts.count > 1 ? String(parts[1]) : nil
            if target.hasPrefix("@") {
                let id = String(target.dropFirst())
                out += "@" + (resolve(handle: id, platform: markup.handlePlatform, people: people) ?? label.map { $0.hasPrefix("@") ? String($0.dropFirst()) : $0 } ?? id)
            } else if target.hasPrefix("users/") {
                out += "@" + (resolve(handle: target, platform: "googlechat", people: people) ?? label ?? target)
            } else if target.hasPrefix("#") {
                out += "#" + (label ?? String(target.dropFirst()))
            } else if target.hasPrefix("!") {
                let special = target.dropFirst()
                if special.hasPrefix("subteam^") {
                    out += label ?? "@team"
                } else {
                    out += "@" + (label.map { $0.hasPrefix("@") ? String($0.dropFirst()) : $0 } ?? String(special))
                }
            } else if target.hasPrefix("mailto:") {
                out += label ?? String(target.dropFirst("mailto:".count))
            } else if target.contains("://") || target.hasPrefix("tel:") {
                out += label ?? target
            } else {
                out += "<" + inner + ">"  // not a Slack token: keep as written
            }
            rest = rest[rest.index(after: close)...]
        }
        out += rest
        return out
    }

    /// `<@123>`, `<@!123>` -> `@maria`; `<#123>` -> `#channel`; custom emoji `<:name:id>` dropped.
    static func decodeDiscordTokens(_ text: String, people: [KnownPerson]) -> String {
        var out = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "<") {
            out += rest[rest.startIndex..<open]
            guard let close = rest[open...].firstIndex(of: ">"), rest.distance(from: open, to: close) < 128 else {
                out += rest[open...]
                return resolveAtMentions(out, platform: "discord", people: people)
            }
            let inner = rest[rest.index(after: open)..<close]
            if inner.hasPrefix("@&") {
                out += "@role"
            } else if inner.hasPrefix("@") {
                let id = String(inner.dropFirst().drop(while: { $0 == "!" }))
                out += "@" + (resolve(handle: id, platform: "discord", people: people) ?? id)
            } else if inner.hasPrefix("#") {
                out += "#channel"
            } else if inner.hasPrefix(":") || inner.hasPrefix("a:") {
                out += ""
            } else {
                out += "<" + inner + ">"
            }
            rest = rest[rest.index(after: close)...]
        }
        out += rest
        return resolveAtMentions(out, platform: "discord", people: people)
    }

    /// Plain `@handle` mentions (Mattermost usernames, Matrix ids) -> `@personid`.
    static func resolveAtMentions(_ text: String, platform: String, people: [KnownPerson]) -> String {
        guard text.contains("@"), !people.isEmpty else { return text }
        var out = ""
        var rest = Substring(text)
        while let at = rest.firstIndex(of: "@") {
            out += rest[rest.startIndex..<at]
            let after = rest[rest.index(after: at)...]
            let handle = after.prefix { $0.isLetter || $0.isNumber || "._-:".contains($0) }
            var trimmed = String(handle)
            while let last = trimmed.last, ".:-".contains(last) { trimmed.removeLast() }
            let candidate = platform == "matrix" ? "@" + trimmed : trimmed
            if !trimmed.isEmpty, let id = resolve(handle: candidate, platform: platform, people: people) {
                out += "@" + id
                rest = after.dropFirst(trimmed.count)
            } else {
                out += "@"
                rest = after
            }
        }
        out += rest
        return out
    }

    static func resolve(handle: String, platform: String?, people: [KnownPerson]) -> String? {
        let wanted = handle.lowercased()
        if let platform, let person = people.first(where: { $0.handles[platform]?.lowercased() == wanted }) { return person.id }
        return people.first { person in person.handles.values.contains { $0.lowercased() == wanted } }?.id
    }

    /// What struck-through text becomes: a word the parser reads as "the value before this is taken back".
    static let struckMarker = " struck-out "

    /// Replaces struck-through text (`~old~`, `~~old~~`) with a correction marker: people strike what
    /// they take back, and the value after the strike is the one they mean. A marker opens after a
    /// space, a bracket or an emphasis marker (`**~~31~~ 29%**`), or the start, before a non-space,
    /// and closes after a non-space before a space, punctuation or the end, on the same line (so
    /// `~40 and ~50` is two approximations).
    static func removeStruck(_ text: String, marker: String) -> String {
        guard text.contains(marker) else { return text }
        var out = ""
        var rest = Substring(text)
        while let open = rest.range(of: marker) {
            let before = rest[rest.startIndex..<open.lowerBound]
            let afterOpen = rest[open.upperBound...]
            let opens = (before.last == nil || before.last!.isWhitespace || "(*_".contains(before.last!)) && !(afterOpen.first?.isWhitespace ?? true)
            var close: Range<Substring.Index>?
            if opens {
                var search = afterOpen
                while let candidate = search.range(of: marker) {
                    let inside = afterOpen[afterOpen.startIndex..<candidate.lowerBound]
                    if inside.contains("\n") { break }
                    let after = afterOpen[candidate.upperBound...].first
                    if let last = inside.last, !last.isWhitespace, after == nil || after!.isWhitespace || after!.isPunctuation {
                        close = candidate
                        break
                    }
                    search = afterOpen[candidate.upperBound...]
                }
            }
            guard let close else {
                out += rest[rest.startIndex..<open.upperBound]
                rest = afterOpen
                continue
            }
            // ("~AI-3 open~ done", "~maybe~": struck words, not a value taken back, leave no marker;
            // what they name stays: "AI-3 done".)
            let struck = afterOpen[afterOpen.startIndex..<close.lowerBound]
            out += before
            out += Self.takesBack(struck, after: out) ? struckMarker : " " + Self.references(in: struck).joined(separator: " ") + " "
            rest = afterOpen[close.upperBound...]
        }
        out += rest
        return out
    }

    /// The action items struck text names ("AI-3").
    static func references(in text: Substring) -> [Substring] {
        text.split(whereSeparator: \.isWhitespace).filter { word in
            let lower = word.lowercased()
            return lower.hasPrefix("ai-") && lower.contains(where: \.isNumber)
        }
    }

    /// Whether struck text takes back what was said: a value struck ("~6~ 7"), or any words struck
    /// after a value on the same line ("territories 4 of 4 ~done~": not done after all). Words struck
    /// where no value stands before them on the line ("~Q1 plan review~ done") take nothing back.
    static func takesBack(_ struck: Substring, after written: String) -> Bool {
        if holdsValue(struck) { return true }
        // (A value, not an action item's number: "AI-5 ~~not done~~ done" takes nothing back.)
        let line = String(written.reversed().prefix { $0 != "\n" }.reversed()).lowercased()
        let values = line.split(whereSeparator: \.isWhitespace).contains { word in word.contains(where: \.isNumber) && !word.hasPrefix("ai-") }
        return values && references(in: struck).isEmpty
    }

    /// Whether struck text holds a number other than an action item's ("AI-3").
    static func holdsValue(_ text: Substring) -> Bool {
        text.split(whereSeparator: \.isWhitespace).contains { word in
            let lower = word.lowercased()
            guard lower.contains(where: \.isNumber) else { return false }
            // (A struck "#1" is a key result taken back, as a struck value is.)
            let reference = lower.hasPrefix("ai-") ? lower.dropFirst(3) : nil
            if reference.map({ $0.allSatisfy { $0.isNumber || $0.isPunctuation } }) ?? false { return false }
            // ("~Q1 plan review~ done", "~FY27 budget~": a name with a number in it, not a value; a
            // struck "c7" is a confidence taken back.)
            if let first = lower.first, first.isLetter {
                return lower.count <= 3 && first == "c" && lower.dropFirst().allSatisfy(\.isNumber)
            }
            return true
        }
    }

    /// Emoji shortcodes as Slack, Mattermost and Discord deliver them: the ones okrd understands
    /// become the emoji (`:large_green_circle:` is 🟢, `:construction:` 🚧, `:white_check_mark:` ✅),
    /// other ones a space, so `:tada:` is not a word.
    static func decodeShortcodes(_ text: String) -> String {
        guard text.contains(":") else { return text }
        return substitute(in: text, opening: ":", closing: ":", within: 40) { name in
            guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "+" || $0 == "-") }),
                  name.contains(where: { $0.isLetter || $0 == "+" || $0 == "-" }) else { return nil }
            return shortcodes[name.lowercased()] ?? " "
        }
    }

    /// Replaces each `opening name closing` (the name at most `within` characters) by what
    /// `decode` makes of the name; where it makes nothing, the opening character stays and the
    /// text goes on after it.
    static func substitute(in text: String, opening: Character, closing: Character, within limit: Int, _ decode: (Substring) -> String?) -> String {
        var out = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: opening) {
            out += rest[rest.startIndex..<open]
            let after = rest[rest.index(after: open)...]
            if let close = after.prefix(limit + 1).firstIndex(of: closing), let decoded = decode(after[after.startIndex..<close]) {
                out += decoded
                rest = after[after.index(after: close)...]
            } else {
                out.append(opening)
                rest = after
            }
        }
        out += rest
        return out
    }

    static let shortcodes: [String: String] = [
        "large_green_circle": "🟢", "green_circle": "🟢", "large_yellow_circle": "🟡", "yellow_circle": "🟡",
        "large_orange_circle": "🟠", "orange_circle": "🟠", "red_circle": "🔴", "large_red_circle": "🔴",
        "construction": "🚧", "white_check_mark": "✅", "heavy_check_mark": "✔", "ballot_box_with_check": "✅", "check": "✅",
        "thumbsup": "👍", "+1": "👍", "thumbsdown": "👎", "-1": "👎", "x": "❌", "no_entry": "🚧", "no_entry_sign": "🚧",
    ]

    /// A line without backticks, except a code fence ("```") that opens or closes it.
    static func keepingFences(_ line: Substring) -> String {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard trimmed.contains("```") else { return line.replacingOccurrences(of: "`", with: "") }
        let opens = trimmed.hasPrefix("```")
        let closes = trimmed.count > 3 && trimmed.hasSuffix("```")
        var body = Substring(trimmed)
        if opens { body = body.dropFirst(3) }
        if closes, body.hasSuffix("```") { body = body.dropLast(3) }
        let inner = body.replacingOccurrences(of: "`", with: "")
        return (opens ? "```" : "") + inner + (closes ? "```" : "")
    }

    /// Removes emphasis markers that wrap words (`*bold*`, `**bold**`, `_it_`), in pairs on one line,
    /// leaving underscores inside words (`deal_size`), bullets at the start of a line and a lone star
    /// (`*2`, the chat way of correcting the line before) alone.
    static func stripEmphasis(_ text: String, markers: [String]) -> String {
        // Backticks go, except a code fence on a line of its own ("```"), which the reader uses to
        // tell a quoted block from new text.
        var result = text.contains("```")
            ? text.split(separator: "\n", omittingEmptySubsequences: false).map(Self.keepingFences).joined(separator: "\n")
            : text.replacingOccurrences(of: "`", with: "")
        for marker in markers {
            guard result.contains(marker) else { continue }
            let characters = Array(result)
            let m = Array(marker)
            func matches(_ i: Int) -> Bool { i + m.count <= characters.count && Array(characters[i..<(i + m.count)]) == m }
            func opens(_ i: Int) -> Bool {
                let before: Character? = i == 0 ? nil : characters[i - 1]
                let after: Character? = i + m.count < characters.count ? characters[i + m.count] : nil
                let isBullet = marker == "*" && (before == nil || before == "\n") && after == " "
                return !isBullet && (before == nil || before!.isWhitespace || "([".contains(before!)) && after != nil && !after!.isWhitespace
            }
            func closes(_ i: Int) -> Bool {
                let before: Character? = i == 0 ? nil : characters[i - 1]
                let after: Character? = i + m.count < characters.count ? characters[i + m.count] : nil
                return before != nil && !before!.isWhitespace && (after == nil || after!.isWhitespace || after!.isPunctuation)
            }
            var remove = Set<Int>()
            var i = 0
            while i < characters.count {
                if matches(i), opens(i) {
                    var j = i + m.count
                    var closing: Int?
                    while j < characters.count, characters[j] != "\n" {
                        if matches(j), closes(j) { closing = j; break }
                        j += 1
                    }
                    if let closing {
                        for k in i..<(i + m.count) { remove.insert(k) }
                        for k in closing..<(closing + m.count) { remove.insert(k) }
                        i = closing + m.count
                        continue
                    }
                }
                i += 1
            }
            result = String(characters.enumerated().filter { !remove.contains($0.offset) }.map(\.element))
        }
        return result
    }

    /// The message a Matrix reply quotes (`<mx-reply>` or a leading `<blockquote>` in HTML, the
    /// leading `> ` lines of the plain body), as text, and whether its sender is one of `people`
    /// (nil when the quote names no sender). okrd drops the quote from what it reads, but a reply
    /// to okrd's own alert about one key result is about that key result ("it's 28 now").
    public static func quote(of text: String, markup: Markup, people: [KnownPerson]) -> (text: String, fromPerson: Bool?)? {
        switch markup {
        case .matrixHTML:
            let lower = text.lowercased()
            guard let open = lower.range(of: "<mx-reply>") ?? lower.range(of: "<blockquote"), lower[..<open.lowerBound].allSatisfy(\.isWhitespace) else { return nil }
            let closeTag = lower[open.lowerBound...].hasPrefix("<mx-reply") ? "</mx-reply>" : "</blockquote>"
            guard let close = lower.range(of: closeTag, range: open.upperBound..<lower.endIndex) else { return nil }
            let inner = String(lower[open.upperBound..<close.lowerBound])
            var sender: Bool?
            if let link = inner.range(of: "matrix.to/#/@") {
                let handle = inner[inner.index(before: link.upperBound)...].prefix { $0 != "\"" && $0 != "'" && $0 != " " && $0 != "?" && $0 != ">" }
                sender = resolve(handle: handle.removingPercentEncodingASCII, platform: "matrix", people: people) != nil
            }
            let body = inner.replacingOccurrences(of: "<mx-reply>", with: "").replacingOccurrences(of: "<blockquote>", with: "")
            return (decodeEntities(htmlToText(body, people: [], platform: "matrix")), sender)
        case .matrix:
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).prefix { $0.hasPrefix(">") }
            guard let first = lines.first else { return nil }
            var sender: Bool?
            let head = first.dropFirst().drop { $0 == " " }
            if head.hasPrefix("<@"), let end = head.firstIndex(of: ">") {
                sender = resolve(handle: String(head[head.index(after: head.startIndex)..<end]), platform: "matrix", people: people) != nil
            }
            return (lines.map { $0.dropFirst() }.joined(separator: "\n").lowercased(), sender)
        default:
            return nil
        }
    }

    /// Removes Matrix/e-mail style reply fallbacks: leading `> ` lines and the blank line after them.
    static func stripReplyFallback(_ text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.first, first.hasPrefix(">") else { return text }
        while let line = lines.first, line.hasPrefix(">") { lines.removeFirst() }
        if let line = lines.first, line.trimmingCharactersInSet(" \r\t").isEmpty { lines.removeFirst() }
        return lines.joined(separator: "\n")
    }

    /// Teams and Matrix HTML to text: mentions resolved, block elements to line breaks, quoted
    /// replies (`<mx-reply>`, `<blockquote>`) dropped, other tags removed.
    static func htmlToText(_ html: String, people: [KnownPerson], platform: String) -> String {
        var out = ""
        var rest = Substring(html)
        var skipping: String?  // inside an element whose content is dropped
        var anchorPerson: String?
        var inAt = false
        var atText = ""
        var headerRow = false
        var firstRow = true
        var inRow = false
        while !rest.isEmpty {
            guard let open = rest.firstIndex(of: "<") else {
                if skipping == nil { if inAt { atText += rest } else { out += rest } }
                break
            }
            let textPart = rest[rest.startIndex..<open]
            if skipping == nil {
                if inAt { atText += textPart } else if anchorPerson == nil { out += textPart }
            }
            guard let close = rest[open...].firstIndex(of: ">") else {
                if skipping == nil { out += rest[open...] }
                break
            }
            let tag = rest[rest.index(after: open)..<close].trimmingCharactersInSet(" /")
            let closing = rest[rest.index(after: open)...].hasPrefix("/")
            let name = tag.prefix { $0.isLetter || $0.isNumber || $0 == "-" }.lowercased()
            rest = rest[rest.index(after: close)...]
            if let skip = skipping {
                if closing && name == skip { skipping = nil }
                continue
            }
            switch name {
            case "mx-reply", "blockquote", "script", "style":
                if !closing { skipping = name }
            case "del", "s", "strike":
                // Struck-through text is taken back, as `~text~` is: a struck value leaves a correction
                // marker in its place, struck words only the action items they name
                // ("<s>Q1 plan review</s> done" takes no value back).
                if !closing {
                    skipping = name
                    let inner = rest.firstRange(of: "</" + name).map { rest[rest.startIndex..<$0.lowerBound] } ?? rest[...]
                    var plain = ""
                    var inTag = false
                    for character in inner {
                        if character == "<" { inTag = true } else if character == ">" { inTag = false } else if !inTag { plain.append(character) }
                    }
                    out += Self.takesBack(plain[...], after: out) ? struckMarker : " " + Self.references(in: plain[...]).joined(separator: " ") + " "
                }
            case "td", "th":
                // Table cells become a Markdown row ("| churn | 9.8% |"), read like one.
                if !closing {
                    out += out.isEmpty || out.hasSuffix("\n") ? "| " : " | "
                    if name == "th" { headerRow = true }
                }
            case "table":
                firstRow = true
            case "tr" where !closing:
                if !out.isEmpty && !out.hasSuffix("\n") { out += "\n" }
                inRow = true
            case "tr" where closing:
                if out.hasSuffix(" ") { out.removeLast() }
                out += " |\n"
                // (The first row is the header, written with <th> or not.)
                if headerRow || firstRow { out += "|---|\n" }
                headerRow = false
                firstRow = false
                inRow = false
            case _ where inRow && (name == "br" || name == "p" || name == "div"):
                // (A paragraph inside a table cell stays in its row.)
                if !out.hasSuffix(" ") { out += " " }
            case "br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "ul", "ol", "pre":
                if !out.isEmpty && !out.hasSuffix("\n") { out += "\n" }
                if name == "li" && !closing { out += "- " }
            case "at":
                if closing {
                    let name = decodeEntities(atText).trimmingCharactersInSet(" ")
                    let wanted = name.lowercased()
                    let id = people.first { $0.name.lowercased() == wanted || $0.id.lowercased() == wanted || $0.handles[platform]?.lowercased() == wanted }?.id
                        ?? people.first { $0.name.lowercased().split(separator: " ").first.map(String.init) == wanted }?.id
                    out += "@" + (id ?? name.replacingOccurrences(of: " ", with: ""))
                    inAt = false
                    atText = ""
                } else {
                    inAt = true
                }
            case "a":
                if !closing, let range = tag.range(of: "matrix.to/#/") {
                    let after = tag[range.upperBound...]
                    let id = after.prefix { $0 != "\"" && $0 != "'" && $0 != " " && $0 != "?" }
                    let handle = id.removingPercentEncodingASCII
                    if let person = resolve(handle: handle, platform: "matrix", people: people) {
                        out += "@" + person
                        anchorPerson = person
                    }
                } else if closing {
                    anchorPerson = nil
                }
            default:
                break
            }
        }
        return out
    }

    /// Named references Teams, Outlook and Matrix clients write for punctuation and letters:
    /// "hasn&rsquo;t", "4&ndash;5", "M&uuml;ller".
    static let htmlEntities: [String: String] = [
        "rsquo": "\u{2019}", "lsquo": "\u{2018}", "rdquo": "\u{201D}", "ldquo": "\u{201C}", "sbquo": "\u{201A}", "bdquo": "\u{201E}",
        "ndash": "\u{2013}", "mdash": "\u{2014}", "hellip": "\u{2026}", "bull": "\u{2022}", "middot": "\u{B7}", "shy": "",
        "euro": "\u{20AC}", "pound": "\u{A3}", "yen": "\u{A5}", "cent": "\u{A2}", "times": "\u{D7}", "divide": "\u{F7}", "plusmn": "\u{B1}",
        "ge": "\u{2265}", "le": "\u{2264}", "deg": "\u{B0}", "rarr": "\u{2192}", "larr": "\u{2190}", "laquo": "\u{AB}", "raquo": "\u{BB}",
        "auml": "\u{E4}", "ouml": "\u{F6}", "uuml": "\u{FC}", "Auml": "\u{C4}", "Ouml": "\u{D6}", "Uuml": "\u{DC}", "szlig": "\u{DF}",
        "eacute": "\u{E9}", "egrave": "\u{E8}", "ecirc": "\u{EA}", "agrave": "\u{E0}", "aacute": "\u{E1}", "acirc": "\u{E2}", "atilde": "\u{E3}",
        "ccedil": "\u{E7}", "iacute": "\u{ED}", "oacute": "\u{F3}", "ocirc": "\u{F4}", "otilde": "\u{F5}", "uacute": "\u{FA}", "ntilde": "\u{F1}",
        "Eacute": "\u{C9}", "aring": "\u{E5}", "Aring": "\u{C5}", "oslash": "\u{F8}", "aelig": "\u{E6}",
    ]

    /// Decodes HTML/Slack character references: named (`&amp;` `&lt;` `&gt;` `&quot;` `&apos;`
    /// `&nbsp;`, and those above) and numeric (`&#39;`, `&#x27;`). Each reference is decoded once.
    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        return substitute(in: text, opening: "&", closing: ";", within: 9) { name in
            switch name {
            case "amp": return "&"
            case "lt": return "<"
            case "gt": return ">"
            case "quot": return "\""
            case "apos": return "'"
            case "nbsp": return "\u{A0}"
            default:
                if let named = htmlEntities[String(name)] { return named }
                if name.hasPrefix("#x") || name.hasPrefix("#X"), let code = UInt32(name.dropFirst(2), radix: 16), let scalar = Unicode.Scalar(code) {
                    return String(Character(scalar))
                }
                if name.hasPrefix("#"), let code = UInt32(name.dropFirst()), let scalar = Unicode.Scalar(code) {
                    return String(Character(scalar))
                }
                return nil
            }
        }
    }
}

/// Builds canonical text: collapses spaces, trims them at line ends and the end of the text.
private struct CanonicalWriter {
    var out: [UInt8]
    var pendingSpace = false

    init(capacity: Int) {
        out = []
        out.reserveCapacity(capacity)
    }

    @inline(__always) mutating func emit(_ byte: UInt8) {
        if pendingSpace {
            if let last = out.last, last != 0x0A, last != 0x20 { out.append(0x20) }
            pendingSpace = false
        }
        out.append(byte)
    }

    @inline(__always) mutating func emit(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
        if pendingSpace {
            if let last = out.last, last != 0x0A, last != 0x20 { out.append(0x20) }
            pendingSpace = false
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[range]))
    }

    @inline(__always) mutating func space() {
        pendingSpace = true
    }

    @inline(__always) mutating func newline() {
        pendingSpace = false
        while let last = out.last, last == 0x20 { out.removeLast() }
        out.append(0x0A)  // blank lines stay, so line numbers match what the person wrote
    }

    mutating func finish() -> [UInt8] {
        while let last = out.last, last == 0x20 || last == 0x0A { out.removeLast() }
        return out
    }
}

extension StringProtocol {
    func trimmingCharactersInSet(_ characters: String) -> String {
        var s = Substring(self)
        while let first = s.first, characters.contains(first) { s = s.dropFirst() }
        while let last = s.last, characters.contains(last) { s = s.dropLast() }
        return String(s)
    }

    /// Percent-decoding for ASCII escapes (`%40` -> `@`), without Foundation.
    var removingPercentEncodingASCII: String {
        var bytes: [UInt8] = []
        var iterator = Array(utf8)[...]
        while let byte = iterator.popFirst() {
            if byte == UInt8(ascii: "%"), iterator.count >= 2,
                let value = UInt8(String(decoding: iterator.prefix(2), as: UTF8.self), radix: 16) {
                bytes.append(value)
                iterator = iterator.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
