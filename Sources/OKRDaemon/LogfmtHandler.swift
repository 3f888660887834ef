public import Foundation
import OKRModel
public import Logging
import Synchronization

/// Structured log lines for journald and log shippers, in logfmt:
/// `level=info logger=okrd msg="fired" kind=prompt team=sales-emea`. Under systemd (JOURNAL_STREAM
/// set) the timestamp is left to the journal; elsewhere each line starts with `ts=` (RFC 3339, UTC).
/// Writes to standard error, one `write` per line.
public struct LogfmtHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level
    private let label: String
    private let timestamps: Bool

    public init(label: String, level: Logger.Level = .info, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.label = label
        logLevel = level
        timestamps = environment["JOURNAL_STREAM"] == nil
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var line = ""
        if timestamps { line += "ts=" + Self.timestamp() + " " }
        line += "level=\(event.level) logger=\(Self.quoted(label)) msg=\(Self.quoted(event.message.description))"
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        for key in merged.keys.sorted() {
            line += " \(Self.key(key))=\(Self.quoted("\(merged[key]!)"))"
        }
        line += "\n"
        FileHandle.standardError.write(Data(line.utf8))
    }

    /// `--log-level` / `OKRD_LOG_LEVEL` values.
    public static func level(_ text: String?) -> Logger.Level? {
        guard let text else { return nil }
        return Logger.Level(rawValue: text.lowercased())
    }

    static func key(_ key: String) -> String {
        String(key.map { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." || $0 == "-" ? $0 : "_" })
    }

    /// Bare when it is a plain word, else a quoted string with `"`, `\` and control characters escaped.
    static func quoted(_ value: String) -> String {
        let plain = !value.isEmpty && value.unicodeScalars.allSatisfy { scalar in
            scalar.value > 0x20 && scalar.value != 0x7F && scalar != "\"" && scalar != "=" && scalar != "\\"
        }
        if plain { return value }
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// Now as RFC 3339 UTC with milliseconds (civil-from-days arithmetic: no formatter, no locale).
    static func timestamp(_ date: Date = Date()) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        let seconds = milliseconds.quotientAndRemainder(dividingBy: 1000)
        var days = seconds.quotient / 86_400
        var second = seconds.quotient % 86_400
        if second < 0 {
            second += 86_400
            days -= 1
        }
        let date = LocalDate(daysSinceEpoch: Int(days))
        let (year, month, day) = (Int64(date.year), Int64(date.month), Int64(date.day))
        return String(format: "%04lld-%02lld-%02lldT%02lld:%02lld:%02lld.%03lldZ", year, month, day, second / 3600, second / 60 % 60, second % 60, abs(seconds.remainder))
    }

}
