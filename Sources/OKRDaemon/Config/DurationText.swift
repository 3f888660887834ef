public import Foundation

/// Durations as people write them in the configuration and in chat: `14d`, `36h`, `90m`, `1w`,
/// `1h30m`, `45s`.
public enum DurationText {
    /// Parses a duration into seconds; nil when it is not one.
    public static func parse(_ text: String) -> TimeInterval? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard !trimmed.isEmpty else { return nil }
        var total: TimeInterval = 0
        var number = ""
        var sawUnit = false
        for character in trimmed {
            if character.isASCII && (character.isNumber || character == ".") {
                number.append(character)
                continue
            }
            guard let value = Double(number), let unit = unitSeconds[character] else { return nil }
            total += value * unit
            number = ""
            sawUnit = true
        }
        guard number.isEmpty, sawUnit else { return nil }
        return total
    }

    /// Formats seconds the way the configuration writes them: `14d`, `36h`, `1h30m`.
    public static func format(_ seconds: TimeInterval) -> String {
        var rest = Int(seconds.rounded())
        if rest == 0 { return "0s" }
        var text = ""
        for (suffix, size) in [("w", 604_800), ("d", 86_400), ("h", 3600), ("m", 60), ("s", 1)] where rest >= size {
            if suffix == "w", rest % size != 0 { continue }
            text += "\(rest / size)\(suffix)"
            rest %= size
        }
        return text
    }

    private static let unitSeconds: [Character: TimeInterval] = ["s": 1, "m": 60, "h": 3600, "d": 86_400, "w": 604_800]
}
