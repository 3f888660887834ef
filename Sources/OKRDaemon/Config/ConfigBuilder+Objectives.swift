import Foundation
import OKRModel
import Yams

extension ConfigBuilder {
    static let objectiveKeys = ["key", "title", "team", "aligned_to", "top_level", "owner", "key_results", "silence"]
    static let keyResultKeys = ["key", "title", "owner", "kind", "unit", "baseline", "target", "direction", "weight", "pace", "milestones"]

    mutating func readObjectives(_ node: Node) {
        guard let items = reader.sequence(node, "\"objectives\"") else { return }
        for item in items {
            guard let entries = reader.mapping(item, "an objective", allowed: Self.objectiveKeys) else { continue }
            guard let key = reader.string(entries, "key", "an objective", required: true) else { continue }
            let what = "objective \"\(key)\""
            if !isIdentifier(key) { reader.error(entries["key"], "\(what): keys may contain letters, digits, \"-\", \"_\" and \".\" only") }
            if referenceNodes["objective:\(key)"] != nil {
                reader.error(entries["key"], "\(what) is defined twice", hint: "objective keys must be unique")
                continue
            }
            referenceNodes["objective:\(key)"] = entries["key"]
            let title = reader.string(entries, "title", what, required: true) ?? key
            let team = reader.string(entries, "team", what, required: true) ?? ""
            if entries.has("team") { referenceNodes["objective-team:\(key)"] = entries["team"] }
            let topLevel = reader.bool(entries, "top_level", what) ?? false
            let alignedTo = reader.string(entries, "aligned_to", what)
            if topLevel && alignedTo != nil {
                reader.error(entries["top_level"], "\(what) is both top_level and aligned_to \"\(alignedTo!)\"", hint: "a top-level objective has no parent; remove one of the two")
            }
            let owner = reader.string(entries, "owner", what)
            if entries.has("owner") { referenceNodes["objective-owner:\(key)"] = entries["owner"] }

            var silenced: [String: String] = [:]
            if let silenceNode = entries["silence"] {
                // silence: {OKR005: "reason"} or a list of {rule, reason}
                if case .mapping(let mapping) = silenceNode {
                    for (ruleNode, reasonNode) in mapping {
                        guard let rule = ruleNode.scalar?.string else { continue }
                        let reason = reasonNode.scalar?.string ?? ""
                        if reason.trimmingCharacters(in: .whitespaces).isEmpty {
                            reader.error(reasonNode, "\(what): silencing \(rule) needs a reason", hint: "write silence: {\(rule): \"why this rule does not apply here\"}")
                        }
                        silenced[rule.uppercased()] = reason
                    }
                } else {
                    reader.error(silenceNode, "\(what): silence must map rule ids to reasons", hint: "silence: {OKR005: \"renewals are the outcome here\"}")
                }
            }

            var keyResults: [KeyResult] = []
            if let krNode = entries["key_results"], let krItems = reader.sequence(krNode, "\"key_results\" of \(what)") {
                for krItem in krItems {
                    if let kr = readKeyResult(krItem, objective: key) { keyResults.append(kr) }
                }
                if krItems.isEmpty { reader.error(krNode, "\(what) has no key results", hint: "an objective is measured by its key results; add at least one") }
            } else if !entries.has("key_results") {
                reader.error(item, "\(what) has no key_results", hint: "an objective is measured by its key results; add at least one")
            }
            objectives.append(Objective(
                key: key, title: title, team: team, alignedTo: alignedTo, topLevel: topLevel, owner: owner,
                keyResults: keyResults, silenced: silenced, location: reader.location(item)
            ))
        }
    }

    mutating func readKeyResult(_ node: Node, objective: String) -> KeyResult? {
        guard let entries = reader.mapping(node, "a key result of objective \"\(objective)\"", allowed: Self.keyResultKeys) else { return nil }
        guard let key = reader.string(entries, "key", "a key result of objective \"\(objective)\"", required: true) else { return nil }
        let what = "key result \"\(key)\""
        if !isIdentifier(key) { reader.error(entries["key"], "\(what): keys may contain letters, digits, \"-\", \"_\" and \".\" only", hint: "people type this key in chat; keep it short, e.g. reseller-partners") }
        if Int(key) != nil { reader.error(entries["key"], "\(what): a key must not be a plain number", hint: "numbers refer to a key result's position in the prompt; use a word like kr1") }
        if referenceNodes["kr:\(key)"] != nil {
            reader.error(entries["key"], "\(what) is defined twice", hint: "key result keys must be unique across the configuration; people use them in chat")
            return nil
        }
        referenceNodes["kr:\(key)"] = entries["key"]
        let title = reader.string(entries, "title", what, required: true) ?? key
        let owner = reader.string(entries, "owner", what)
        if entries.has("owner") { referenceNodes["kr-owner:\(key)"] = entries["owner"] }

        var unit = MetricUnit.count
        if let unitText = reader.string(entries, "unit", what) {
            if let parsed = MetricUnit(configValue: unitText) {
                unit = parsed
            } else {
                reader.error(entries["unit"], "\(what): \"\(unitText)\" is not a unit", hint: "use count, number, percent, days or currency:USD (any ISO 4217 code)")
            }
        }
        let baseline = reader.number(entries, "baseline", what)
        let target = reader.number(entries, "target", what)
        var milestones: [String] = []
        if let list = reader.stringList(entries, "milestones", what) {
            milestones = list.map(\.0)
            if Set(milestones.map { $0.lowercased() }).count != milestones.count {
                reader.error(entries["milestones"], "\(what) lists the same milestone twice")
            }
        }

        var kind: KeyResult.Kind
        if let kindText = reader.string(entries, "kind", what) {
            guard let parsed = KeyResult.Kind(rawValue: kindText.lowercased()) else {
                let names = KeyResult.Kind.allCases.map(\.rawValue)
                reader.error(entries["kind"], "\(what): \"\(kindText)\" is not a kind",
                             hint: Suggest.closest(to: kindText, in: names).map { "did you mean \"\($0)\"?" } ?? "use \(names.joined(separator: ", "))")
                return nil
            }
            kind = parsed
        } else if !milestones.isEmpty {
            kind = .milestone
        } else if let baseline, let target, target < baseline {
            kind = .decrease
        } else {
            kind = .increase
        }

        var direction = KeyResult.Direction.atLeast
        if let directionText = reader.string(entries, "direction", what) {
            if let parsed = KeyResult.Direction(rawValue: directionText.lowercased()) {
                direction = parsed
            } else {
                reader.error(entries["direction"], "\(what): direction must be at_least or at_most, not \"\(directionText)\"")
            }
            if kind != .threshold { reader.warning(entries["direction"], "\(what): direction only applies to threshold key results") }
        }

        switch kind {
        case .milestone:
            if milestones.isEmpty { reader.error(entries["milestones"] ?? node, "\(what) is a milestone key result without milestones", hint: "list them: milestones: [Define territories, Assign reps]") }
            if entries.has("target") || entries.has("baseline") {
                reader.warning(entries["target"] ?? entries["baseline"], "\(what): baseline and target are ignored for milestones; progress is milestones done / total")
            }
        case .increase, .decrease, .threshold:
            if !milestones.isEmpty { reader.error(entries["milestones"], "\(what) lists milestones but its kind is \(kind.rawValue)", hint: "set kind: milestone, or remove the milestones") }
            if let baseline, let target {
                if baseline == target && kind != .threshold {
                    reader.error(entries["target"], "\(what): baseline and target are both \(NumberText.plain(target))", hint: "progress is measured from baseline to target, so they must differ; for a value to hold, use kind: threshold")
                } else if kind == .increase && target < baseline {
                    reader.error(entries["target"], "\(what): target \(NumberText.plain(target)) is below baseline \(NumberText.plain(baseline)) for an increase", hint: "use kind: decrease, or swap the values")
                } else if kind == .decrease && target > baseline {
                    reader.error(entries["target"], "\(what): target \(NumberText.plain(target)) is above baseline \(NumberText.plain(baseline)) for a decrease", hint: "use kind: increase, or swap the values")
                }
            }
            if kind == .threshold && target == nil {
                reader.error(entries["target"] ?? node, "\(what) is a threshold without a target", hint: "target is the value to stay at or above (direction: at_least) or at or below (at_most)")
            }
        }
        if unit == .percent {
            for (name, value) in [("baseline", baseline), ("target", target)] {
                if let value, value < 0 || value > 1000 {
                    reader.warning(entries[name], "\(what): \(name) \(NumberText.plain(value)) looks odd for a percentage", hint: "percentages are written as 45 for 45 %")
                }
            }
        }

        var weight = 1.0
        if let parsed = reader.number(entries, "weight", what) {
            if parsed > 0 {
                weight = parsed
            } else {
                reader.error(entries["weight"], "\(what): weight must be above 0, not \(NumberText.plain(parsed))", hint: "weights are relative; leave it out for equal weights")
            }
        }
        let pace = readPace(entries, what: what)
        var keyResult = KeyResult(
            key: key, title: title, owner: owner, kind: kind, unit: unit, baseline: baseline, target: target,
            direction: direction, weight: weight, pace: pace, milestones: milestones, location: reader.location(node)
        )
        keyResult.unitGiven = entries.has("unit") || kind == .milestone
        return keyResult
    }

    mutating func readPace(_ entries: ConfigReader.Entries, what: String) -> Pace {
        guard let node = entries["pace"] else { return .linear }
        if case .scalar(let scalar) = node {
            switch scalar.string.lowercased() {
            case "linear", "": return .linear
            case "backloaded", "back-loaded", "back_loaded": return .backloaded
            default:
                reader.error(node, "\(what): pace \"\(scalar.string)\" is not known", hint: "use linear, backloaded, or a list of {date: YYYY-MM-DD, expected: 0.4}")
                return .linear
            }
        }
        guard let items = reader.sequence(node, "the pace of \(what)") else { return .linear }
        var points: [PacePoint] = []
        for item in items {
            guard let point = reader.mapping(item, "a pace point of \(what)", allowed: ["date", "expected"]) else { continue }
            let day = reader.string(point, "date", "a pace point", required: true).flatMap { reader.localDate($0, node: point["date"], what: "date") }
            let expected = reader.fraction(point, "expected", "a pace point of \(what)")
            if !point.has("expected") { reader.error(item, "a pace point of \(what) is missing \"expected\"") }
            guard let day, let expected else { continue }
            if let last = points.last, expected < last.expected {
                reader.error(point["expected"], "\(what): pace points must not go down (\(NumberText.plain(expected)) after \(NumberText.plain(last.expected)))")
            }
            points.append(PacePoint(day: day, expected: expected))
        }
        return points.isEmpty ? .linear : .points(points)
    }

    // MARK: KPIs

    mutating func readKPIs(_ node: Node) {
        guard let items = reader.sequence(node, "\"kpis\"") else { return }
        let allowed = ["key", "title", "team", "owner", "unit", "direction", "target", "current", "heals"]
        for item in items {
            guard let entries = reader.mapping(item, "a KPI", allowed: allowed) else { continue }
            guard let key = reader.string(entries, "key", "a KPI", required: true) else { continue }
            let what = "KPI \"\(key)\""
            if referenceNodes["kpi:\(key)"] != nil || referenceNodes["kr:\(key)"] != nil {
                reader.error(entries["key"], "\(what): the key is already used by \(referenceNodes["kr:\(key)"] != nil ? "a key result" : "another KPI")", hint: "KPIs are checked in with the same replies as key results, so keys must be unique across both")
                continue
            }
            referenceNodes["kpi:\(key)"] = entries["key"]
            var unit = MetricUnit.number
            if let unitText = reader.string(entries, "unit", what) {
                if let parsed = MetricUnit(configValue: unitText) { unit = parsed } else {
                    reader.error(entries["unit"], "\(what): \"\(unitText)\" is not a unit", hint: "use count, number, percent, days or currency:USD")
                }
            }
            var direction = KeyResult.Direction.atLeast
            if let text = reader.string(entries, "direction", what, required: true) {
                if let parsed = KeyResult.Direction(rawValue: text.lowercased()) { direction = parsed } else {
                    reader.error(entries["direction"], "\(what): direction must be at_least or at_most, not \"\(text)\"")
                }
            }
            let target = reader.number(entries, "target", what, required: true)
            for (name, ref) in [("team", "kpi-team"), ("owner", "kpi-owner"), ("heals", "kpi-heals")] where entries.has(name) {
                referenceNodes["\(ref):\(key)"] = entries[name]
            }
            kpis.append(KPI(
                key: key,
                title: reader.string(entries, "title", what, required: true) ?? key,
                team: reader.string(entries, "team", what, required: true) ?? "",
                owner: reader.string(entries, "owner", what),
                unit: unit,
                direction: direction,
                target: target ?? 0,
                current: reader.number(entries, "current", what),
                heals: reader.string(entries, "heals", what),
                location: reader.location(item)
            ))
        }
    }
}
