import OKRModel
/// Checking a written value against the target's unit. A currency or unit that contradicts the key
/// result is an error that says what to write instead, never a guess.
extension LineParser {
    func unitName(_ unit: MetricUnit) -> String {
        switch unit {
        case .count: "a count"
        case .number: "a number"
        case .percent: "a percentage"
        case .days: "a number of days"
        case .currency(let code): "money in \(code)"
        }
    }

    func resolve(_ token: Token, for target: Target) -> Result<Double, Complaint> {
        let text = written(token)
        if let problem = token.problem {
            return .failure(Complaint("I can't read the number “\(text)”: it \(problem)."))
        }
        var value = token.value
        // Currency must agree with the key result's.
        if let currency = token.currency {
            guard case .currency(let code) = target.unit else {
                return .failure(Complaint("`\(target.key)` is \(unitName(target.unit)), not money; you wrote “\(text)”. Write just the number, e.g. `\(target.key) \(example(for: target))`."))
            }
            guard currency == code else {
                return .failure(Complaint("`\(target.key)` is counted in \(code), but you wrote \(currency) (“\(text)”). Convert it and write the amount in \(code), e.g. `\(target.key) \(example(for: target))`."))
            }
        }
        if case .milestone(let names) = target.kind {
            if token.percent {
                guard value == 0 || value == 100 else {
                    return .failure(Complaint("`\(target.key)` has \(names.count) milestones; write how many are done, e.g. `\(target.key) 2 of \(names.count)`, or `done`."))
                }
                return .success(value == 100 ? Double(names.count) : 0)
            }
            if let denominator = token.denominator, denominator != Double(names.count) {
                return .failure(Complaint("`\(target.key)` has \(names.count) milestones, not \(NumberWriter.plain(denominator)); write e.g. `\(target.key) 2 of \(names.count)`."))
            }
            guard value == value.rounded(), value >= 0, value <= Double(names.count) else {
                return .failure(Complaint("`\(target.key)` has \(names.count) milestones; “\(text)” is not a number of them. Write e.g. `\(target.key) 2 of \(names.count)`."))
            }
        }
        if token.percent, target.unit != .percent {
            return .failure(Complaint("`\(target.key)` is \(unitName(target.unit)), not a percentage; you wrote “\(text)”. Write the value itself, e.g. `\(target.key) \(example(for: target))`."))
        }
        if token.delta {
            guard let last = target.lastValue else {
                return .failure(Complaint("there is no earlier value of `\(target.key)` to add \(text) to; write the new total instead."))
            }
            value += last
        }
        if case .milestone(let names) = target.kind, token.delta, value > Double(names.count) || value < 0 {
            return .failure(Complaint("`\(target.key)` has \(names.count) milestones; \(text) would make \(NumberWriter.plain(value))."))
        }
        switch target.unit {
        case .count, .days, .currency:
            if value < 0 { return .failure(Complaint("`\(target.key)` can't go below zero; you wrote “\(text)”. Write the new total, e.g. `\(target.key) \(example(for: target))`.")) }
        case .percent:
            if value < 0 || value > 1000 { return .failure(Complaint("“\(text)” is not a percentage I can use for `\(target.key)`; write it like 45%.")) }
        case .number:
            break
        }
        return .success(value)
    }

    /// Confidence from 0 to 10: `7`, `7/10`, `70%`, `0.7`.
    func confidenceValue(_ token: Token) -> Result<Int, Complaint> {
        let text = written(token)
        var value = token.value
        if token.percent {
            value /= 10
        } else if let denominator = token.denominator {
            guard denominator > 0 else { return .failure(Complaint("“\(text)” is not a confidence; write it from 0 to 10, like `conf 7`.")) }
            value = value / denominator * 10
        } else if token.hasFraction && value <= 1 {
            value *= 10
        }
        let rounded = value.rounded()
        guard token.currency == nil, rounded >= 0, rounded <= 10 else {
            return .failure(Complaint("confidence goes from 0 to 10; “\(text)” is outside that. Write it like `conf 7` or `70% confident`."))
        }
        return .success(Int(rounded))
    }
}

/// Number text for messages (no Foundation formatters, same on every machine).
enum NumberWriter {
    static func plain(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        var text = String((value * 100).rounded() / 100)
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text
    }
}

/// A reason a value was refused, in words for the person who wrote it.
struct Complaint: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
