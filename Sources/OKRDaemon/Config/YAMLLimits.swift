import OKRModel
import OKRWorkflows

/// Limits a configuration file must stay within before it reaches the YAML library, whose
/// recursion a 5,000-deep nesting overflows (a crash, and on SIGHUP the end of the daemon).
enum YAMLLimits {
    static let maxBytes = 4 * 1024 * 1024
    static let maxDepth = 64

    /// The first limit `yaml` breaks, as a diagnostic; nil when it is within them.
    static func check(_ yaml: String, file: String) -> ConfigDiagnostic? {
        if yaml.utf8.count > maxBytes {
            return ConfigDiagnostic(.error, SourceLocation(file: file, line: 1, column: 1),
                                    "the configuration is \(yaml.utf8.count / 1024) KiB; okrd reads files of up to \(maxBytes / 1024 / 1024) MiB",
                                    hint: "a configuration this large is almost certainly not the right file")
        }
        // Block nesting by indentation (each "- " adds a level) plus flow nesting by brackets.
        var indents: [Int] = []
        var flow = 0
        var line = 0
        // Lines end at LF, CR LF or CR (bytes: a CR LF is one Character, so no String splitting).
        for raw in Array(yaml.utf8).split(omittingEmptySubsequences: false, whereSeparator: { $0 == 0x0A || $0 == 0x0D }) {
            line += 1
            let bytes = Array(raw)
            var column = 0
            while column < bytes.count, bytes[column] == 0x20 { column += 1 }
            guard column < bytes.count, bytes[column] != UInt8(ascii: "#") || flow > 0 else { continue }
            var depth = 0
            if flow == 0 {
                while let top = indents.last, top >= column { indents.removeLast() }
                indents.append(column)
                var dashes = 0
                var k = column
                while k + 1 < bytes.count, bytes[k] == UInt8(ascii: "-"), bytes[k + 1] == 0x20 {
                    dashes += 1
                    k += 2
                    while k < bytes.count, bytes[k] == 0x20 { k += 1 }
                }
                depth = indents.count + dashes
            } else {
                depth = indents.count
            }
            var quote: UInt8?
            scan: for (offset, byte) in bytes.enumerated().dropFirst(column) {
                if let open = quote {
                    if byte == open { quote = nil }
                    continue
                }
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "'"):
                    // A quote opens a quoted scalar only where a scalar starts ("it's" is no quote).
                    if Self.startsScalar(bytes, at: offset, column: column) { quote = byte }
                case UInt8(ascii: "#") where offset > 0 && bytes[offset - 1] == 0x20: break scan  // a comment
                case UInt8(ascii: "["), UInt8(ascii: "{"): flow += 1
                case UInt8(ascii: "]"), UInt8(ascii: "}"): flow = max(0, flow - 1)
                default: break
                }
                if depth + flow > maxDepth {
                    return ConfigDiagnostic(.error, SourceLocation(file: file, line: line, column: offset + 1),
                                            "nesting deeper than \(maxDepth) levels", hint: "okrd's configuration needs a handful of levels; check this part of the file")
                }
            }
            if depth > maxDepth {
                return ConfigDiagnostic(.error, SourceLocation(file: file, line: line, column: column + 1),
                                        "nesting deeper than \(maxDepth) levels", hint: "okrd's configuration needs a handful of levels; check this part of the file")
            }
        }
        return nil
    }

    /// Whether a scalar may start at `offset`: at the line's first character, or after a space,
    /// `[`, `{`, `,` or `:`.
    static func startsScalar(_ bytes: [UInt8], at offset: Int, column: Int) -> Bool {
        guard offset > column else { return true }
        return [0x20, UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: ","), UInt8(ascii: ":"), UInt8(ascii: "-")].contains(bytes[offset - 1])
    }
}
