import ChatPlatforms
import CheckinParser
import Foundation
import Logging
import OKRModel
import OKRStore
import OKRWorkflows

/// What every platform's buttons and forms share: a reply button stands for a reply from the
/// clicker; a submitted form is read first and recorded only as its fields say.
extension InboundHandler {
    /// The reply a button stands for, from the person behind `user` on `platform`: what to show
    /// the clicker (nil for a repeated click).
    func pressed(_ text: String, by ids: [String], on platform: Platform, onlyFor: String?, deliveryID: String, endpoint: InboundEndpoint, now: Date) async -> String? {
        let organization = config.organization
        guard let person = organization.author(platform: platform, ids: ids, displayName: nil) else {
            metrics.inbound(endpoint, outcome: "unknown_person")
            return "I don't know you yet, so I did not record anything. Ask whoever runs okrd to add your \(platform.rawValue) user \(ids.first ?? "?") to the configuration (people: handles)."
        }
        if let onlyFor {
            // `person@asked`: an answer to the question asked at `asked`, only from that person.
            let parts = onlyFor.split(separator: "@", maxSplits: 1).map(String.init)
            let asked = parts.count > 1 ? Int(parts[1]) : nil
            if parts.first != person.id {
                metrics.inbound(endpoint, outcome: "not_recorded")
                return "That question was for \(organization.person(parts.first ?? "")?.name ?? parts.first ?? "someone else"); nothing was recorded."
            }
            if let asked {
                let open = try? await store.openQuestion(person: person.id, at: now)
                guard let open, Int(open.askedAt.timeIntervalSince1970) == asked else {
                    metrics.inbound(endpoint, outcome: "not_recorded")
                    return "That question is no longer open (answered, expired or replaced by a newer one); nothing was recorded."
                }
            }
        }
        do {
            let started = ContinuousClock.now
            let outcome = try await ReplyIntake(organization: organization, store: store)
                .process(ReplyInput(author: person.id, text: text, at: now, platform: platform.rawValue, deliveryID: deliveryID, addressed: true))
            metrics.replyDuration(ContinuousClock.now - started)
            metrics.inbound(endpoint, outcome: outcome.duplicateOf != nil ? "duplicate" : outcome.recorded ? "recorded" : "not_recorded")
            logger.info("reply", metadata: ["platform": "\(platform.rawValue)", "via": "button", "person": "\(person.id)", "recorded": "\(outcome.recorded)",
                                            "duplicate": "\(outcome.duplicateOf != nil)"])
            return outcome.duplicateOf == nil ? outcome.confirmation(organization: organization).joined(separator: "\n") : nil
        } catch {
            metrics.inbound(endpoint, outcome: "error")
            logger.error("could not record a button's reply", metadata: ["person": "\(person.id)", "error": "\(error)"])
            return "Sorry, okrd could not record this just now; nothing was stored. Please try again in a minute."
        }
    }

    enum FormResult {
        /// Fields to fix, by form block; nothing was recorded.
        case problems([String: String])
        case recorded(ReplyOutcome)
        case failed
    }

    /// Records a submitted form through the intake, read first: a value the parser would ask
    /// about is returned as a problem on its field, and nothing is stored until it is fixed.
    func submit(_ form: CheckInForm.Reply, by person: Person, deliveryID: String, platform: Platform, endpoint: InboundEndpoint, now: Date,
                answer: ReplyIntake.Answer?) async -> FormResult {
        if !form.problems.isEmpty {
            metrics.inbound(endpoint, outcome: "not_recorded")
            return .problems(form.problems)
        }
        let intake = ReplyIntake(organization: config.organization, store: store)
        var input = ReplyInput(author: person.id, text: form.text, at: now, platform: platform.rawValue, deliveryID: deliveryID, dryRun: true)
        do {
            let trial = try await intake.process(input)
            if trial.duplicateOf == nil {
                var problems: [String: String] = [:]
                for error in trial.parse.errors { problems[form.lineBlocks[error.line] ?? "blocker", default: error.message] = error.message }
                for question in trial.parse.clarifications { problems[form.lineBlocks[question.line] ?? "blocker"] = question.question }
                // Nothing may be recorded that the fields did not say.
                problems.merge(CheckInForm.unexpected(trial.parse, in: form)) { first, _ in first }
                if !problems.isEmpty {
                    metrics.inbound(endpoint, outcome: "not_recorded")
                    return .problems(problems)
                }
            }
            input.dryRun = false
            let started = ContinuousClock.now
            let outcome = try await intake.process(input, answer: answer)
            metrics.replyDuration(ContinuousClock.now - started)
            if answer != nil, outcome.duplicateOf == nil { onQueued() }
            metrics.inbound(endpoint, outcome: outcome.duplicateOf != nil ? "duplicate" : outcome.recorded ? "recorded" : "not_recorded")
            metrics.replyParsed(platform: platform.rawValue, errors: outcome.parse.errors.count)
            logger.info("reply", metadata: ["platform": "\(platform.rawValue)", "via": "form", "person": "\(person.id)", "recorded": "\(outcome.recorded)",
                                            "duplicate": "\(outcome.duplicateOf != nil)", "check_ins": "\(outcome.parse.checkIns.count)"])
            return .recorded(outcome)
        } catch {
            metrics.inbound(endpoint, outcome: "error")
            logger.error("could not record a check-in form", metadata: ["person": "\(person.id)", "error": "\(error)"])
            return .failed
        }
    }
}
