import Foundation

/// The unit a key result or KPI is measured in; it decides how values are shown and parsed.
public enum MetricUnit: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Whole things: partners, deals, customers.
    case count
    /// A plain number with decimals (scores, ratios).
    case number
    /// A percentage, stored as 45 for 45 %.
    case percent
    /// A duration in days (sales cycle length).
    case days
    /// Money in an ISO 4217 currency, stored as an amount in that currency.
    case currency(String)

    /// Parses the configuration spelling: `count`, `number`, `percent`, `days`, `currency:USD`.
    public init?(configValue: String) {
        let value = configValue.trimmingCharacters(in: .whitespaces)
        switch value.lowercased() {
        case "count": self = .count
        case "number": self = .number
        case "percent", "%": self = .percent
        case "days", "day": self = .days
        default:
            let lower = value.lowercased()
            guard lower.hasPrefix("currency:") else { return nil }
            let code = value.dropFirst("currency:".count).uppercased()
            guard code.count == 3, code.allSatisfy({ $0.isASCII && $0.isLetter }) else { return nil }
            self = .currency(code)
        }
    }

    public var description: String {
        switch self {
        case .count: "count"
        case .number: "number"
        case .percent: "percent"
        case .days: "days"
        case .currency(let code): "currency:\(code)"
        }
    }

    public var currencyCode: String? {
        if case .currency(let code) = self { return code }
        return nil
    }

    /// The symbol people type for this currency, when it has a common one.
    public static func symbol(forCurrency code: String) -> String? {
        switch code {
        case "USD": "$"
        case "EUR": "€"
        case "GBP": "£"
        case "JPY": "¥"
        case "INR": "₹"
        default: nil
        }
    }

    /// Formats a value for people: `$120,000`, `45%`, `12 days`, `1,234.5`.
    /// The output parses back to the same number with okrd's reply parser.
    public func format(_ value: Double) -> String {
        switch self {
        case .count, .number:
            return NumberText.grouped(value)
        case .percent:
            return NumberText.grouped(value) + "%"
        case .days:
            return NumberText.grouped(value) + (value == 1 ? " day" : " days")
        case .currency(let code):
            let amount = NumberText.grouped(abs(value))
            let sign = value < 0 ? "-" : ""
            if let symbol = Self.symbol(forCurrency: code) { return sign + symbol + amount }
            return sign + amount + " " + code
        }
    }

    /// A compact form for tight spaces: `$120k`, `1.2M`.
    public func formatCompact(_ value: Double) -> String {
        let magnitude = abs(value)
        let text: String
        if magnitude >= 1_000_000 {
            text = NumberText.plain(value / 1_000_000, maxFractionDigits: 1) + "M"
        } else if magnitude >= 10_000 {
            text = NumberText.plain(value / 1_000, maxFractionDigits: 1) + "k"
        } else {
            return format(value)
        }
        switch self {
        case .currency(let code):
            if let symbol = Self.symbol(forCurrency: code) {
                return (value < 0 ? "-" : "") + symbol + String(text.drop(while: { $0 == "-" }))
            }
            return text + " " + code
        case .percent: return text + "%"
        case .days: return text + " days"
        case .count, .number: return text
        }
    }
}

/// Locale-independent number text, so output is the same on every machine.
public enum NumberText {
    /// `1234567.5` -> `1,234,567.5`; at most `maxFractionDigits` decimals, trailing zeros dropped.
    public static func grouped(_ value: Double, maxFractionDigits: Int = 2) -> String {
        let plainText = plain(value, maxFractionDigits: maxFractionDigits)
        var sign = ""
        var body = Substring(plainText)
        if body.hasPrefix("-") {
            sign = "-"
            body = body.dropFirst()
        }
        let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let integer = Array(parts[0])
        var groupedInteger = ""
        for (index, digit) in integer.enumerated() {
            if index > 0, (integer.count - index) % 3 == 0 { groupedInteger.append(",") }
            groupedInteger.append(digit)
        }
        return sign + groupedInteger + (parts.count > 1 ? "." + parts[1] : "")
    }

    /// `1234.5` -> `1234.5`, `3.0` -> `3`, rounded to `maxFractionDigits`.
    public static func plain(_ value: Double, maxFractionDigits: Int = 2) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "∞" : "-∞") }
        var scale = 1.0
        for _ in 0..<maxFractionDigits { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        if rounded == rounded.rounded(), abs(rounded) < 1e15 {
            let integer = Int64(rounded)
            return integer == 0 ? "0" : String(integer)
        }
        var text = String(format: "%.\(maxFractionDigits)f", rounded)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        if text == "-0" { text = "0" }
        return text
    }
}
