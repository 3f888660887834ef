import Foundation
/// The outbox stores messages as compact JSON; this is its (stable) format, written and read with
/// okrd's own JSON code, which is several times faster than Codable on the delivery hot path.
extension ChatMessage {
    /// `{"kind","severity","title","intro","sections","footer","thread","image","part","buttons"}`; inline
    /// runs are arrays: `["t", text]`, `["u", text]`, `["m", person]`, `["s", text]`, `["c", text]`,
    /// `["l", url, label]`.
    public func jsonBytes() -> [UInt8] {
        var pairs: [(String, JSONValue)] = [
            ("kind", .string(kind.rawValue)),
            ("severity", .string(severity.rawValue)),
            ("title", .string(title)),
            ("intro", Self.encode(intro)),
            ("sections", .array(sections.map { section in
                .object([
                    ("title", .optional(section.title)),
                    ("lines", .array(section.lines.map { line in
                        var pairs: [(String, JSONValue)] = [("i", Self.encode(line.inlines))]
                        if let p = line.progress { pairs.append(("p", [.number(p.actual), .number(p.expected), .string(p.status)])) }
                        return .object(pairs)
                    })),
                ])
            })),
            ("footer", Self.encode(footer)),
        ]
        if let threadKey { pairs.append(("thread", .string(threadKey))) }
        if let image {
            pairs.append(("image", .array([.string(image.url), .string(image.alt)] + (image.png.map { [.string(Data($0).base64EncodedString())] } ?? []))))
        }
        if let replyTo { pairs.append(("reply", .string(replyTo))) }
        if let part { pairs.append(("part", [.number(Double(part.index)), .number(Double(part.count))])) }
        if let buttons, !buttons.isEmpty {
            // `{"a": action, "l": label, "v": value, "p": primary, "cu"/"ct": callback, "u": link}`
            pairs.append(("buttons", .array(buttons.map { button in
                var fields: [(String, JSONValue)] = [("a", .string(button.action)), ("l", .string(button.label)), ("v", .string(button.value)), ("p", .bool(button.primary))]
                if let callback = button.callback { fields += [("cu", .string(callback.url)), ("ct", .string(callback.token))] }
                if let link = button.link { fields.append(("u", .string(link))) }
                return .object(fields)
            })))
        }
        return JSONValue.object(pairs).bytes
    }

    /// Reads what `jsonBytes()` wrote; nil when it is not such a message.
    public init?(jsonBytes bytes: [UInt8]) {
        guard let json = JSONValue.parse(bytes), let kind = json["kind"]?.string.flatMap(Kind.init(rawValue:)),
            let severity = json["severity"]?.string.flatMap(Severity.init(rawValue:)), let title = json["title"]?.string
        else { return nil }
        var sections: [Section] = []
        for section in json["sections"]?.array ?? [] {
            var lines: [Line] = []
            for line in section["lines"]?.array ?? [] {
                var progress: Progress?
                if let p = line["p"]?.array, p.count == 3, let actual = p[0].number, let expected = p[1].number, let status = p[2].string {
                    progress = Progress(actual: actual, expected: expected, status: status)
                }
                lines.append(Line(Self.decode(line["i"]), progress: progress))
            }
            sections.append(Section(title: section["title"]?.string, lines: lines))
        }
        var image: Image?
        if let i = json["image"]?.array, i.count >= 2, let url = i[0].string, let alt = i[1].string {
            image = Image(url: url, alt: alt, png: i.count > 2 ? i[2].string.flatMap { Data(base64Encoded: $0) }.map(Array.init) : nil)
        }
        var part: Part?
        if let p = json["part"]?.array, p.count == 2, let index = p[0].number, let count = p[1].number { part = Part(index: Int(index), count: Int(count)) }
        let buttons = json["buttons"]?.array?.compactMap { item -> Button? in
            guard let action = item["a"]?.string, let label = item["l"]?.string, let value = item["v"]?.string else { return nil }
            let callback = item["cu"]?.string.flatMap { url in item["ct"]?.string.map { Button.Callback(url: url, token: $0) } }
            return Button(action: action, label: label, value: value, primary: item["p"]?.bool ?? true, callback: callback, link: item["u"]?.string)
        }
        self.init(kind: kind, severity: severity, title: title, intro: Self.decode(json["intro"]), sections: sections,
                  footer: Self.decode(json["footer"]), threadKey: json["thread"]?.string, image: image, part: part, replyTo: json["reply"]?.string,
                  buttons: buttons?.isEmpty == false ? buttons : nil)
    }

    static func encode(_ inlines: [Inline]) -> JSONValue {
        .array(inlines.map { inline in
            switch inline {
            case .text(let s): ["t", .string(s)]
            case .userText(let s): ["u", .string(s)]
            case .mention(let id): ["m", .string(id)]
            case .strong(let s): ["s", .string(s)]
            case .code(let s): ["c", .string(s)]
            case .link(let url, let label): ["l", .string(url), .string(label)]
            }
        })
    }

    static func decode(_ value: JSONValue?) -> [Inline] {
        (value?.array ?? []).compactMap { item in
            guard let parts = item.array, let tag = parts.first?.string, parts.count >= 2, let first = parts[1].string else { return nil }
            switch tag {
            case "t": return .text(first)
            case "u": return .userText(first)
            case "m": return .mention(first)
            case "s": return .strong(first)
            case "c": return .code(first)
            case "l": return parts.count == 3 ? parts[2].string.map { .link(url: first, label: $0) } : nil
            default: return nil
            }
        }
    }
}
