import Foundation
import OKRModel

/// Outcomes as SQLite records them: messages sent with the same answer at the same instant (the
/// usual case, results collected together) in one statement per group, the rest one by one.
struct SentOutcomes {
    struct Answer: Hashable {
        let at: Double
        let status: Int
        let response: String?
    }

    /// Groups of sent messages, in the order their answers first came.
    var groups: [(answer: Answer, ids: [Int64])] = []
    /// Outcomes that are not a plain "sent" (retries, dead letters, releases).
    var others: [(Int64, DeliveryOutcome)] = []

    init(_ outcomes: [(Int64, DeliveryOutcome)]) {
        var index: [Answer: Int] = [:]
        for (id, outcome) in outcomes {
            guard case .sent(let at, let status, let response) = outcome else {
                others.append((id, outcome))
                continue
            }
            // Platforms' answers are kept to 2,000 characters.
            let answer = Answer(at: at.timeIntervalSince1970, status: status, response: response.map { String($0.prefix(2000)) })
            if let slot = index[answer] {
                groups[slot].ids.append(id)
            } else {
                index[answer] = groups.count
                groups.append((answer, [id]))
            }
        }
    }
}
