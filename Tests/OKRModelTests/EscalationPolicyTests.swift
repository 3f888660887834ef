import Foundation
import OKRModel
import Testing

/// The ladder on real evaluations: a key result of 0 -> 100 over Q4, checked in weekly.
@Suite("Escalation ladder")
struct EscalationPolicyTests {
    let evaluator = Evaluator(period: q4)
    let kr = increase()
    let policy = EscalationPolicy(repeatInterval: 7 * 86_400, cyclesBeforeEscalation: 2)

    func report(_ checkIns: [CheckIn], at instant: Date) -> KeyResultReport {
        evaluator.evaluate(kr, checkIns: checkIns, at: instant)
    }

    @Test("On track says nothing; falling behind alerts once, then repeats only after the interval")
    func alertOnceThenRepeat() {
        let onTrack = report([checkIn(30, at: at(0.29))], at: at(0.3))
        let (quiet, none) = policy.step(onTrack, memory: .init(), at: at(0.3), ownerAway: false, checkedInThisCycle: true)
        #expect(none == nil)
        #expect(quiet.level == 0)

        // 15 points behind: at risk, level 2, one alert.
        let behind = [checkIn(30, at: at(0.29)), checkIn(35, at: at(0.49))]
        let (alerted, alert) = policy.step(report(behind, at: at(0.5)), memory: quiet, at: at(0.5), ownerAway: false, checkedInThisCycle: true)
        guard case .alert(2, let reason) = alert else { Issue.record("expected a level-2 alert, got \(String(describing: alert))"); return }
        #expect(reason.contains("at risk: 15 points behind"))
        #expect(alerted.level == 2 && alerted.since == at(0.5))

        // Two days later, still level 2: silent. Eight days later: the repeat.
        let twoDays = at(0.5).addingTimeInterval(2 * 86_400)
        let (silent, nothing) = policy.step(report(behind, at: twoDays), memory: alerted, at: twoDays, ownerAway: false, checkedInThisCycle: true)
        #expect(nothing == nil)
        let eightDays = at(0.5).addingTimeInterval(8 * 86_400)
        let (_, repeated) = policy.step(report(behind, at: eightDays), memory: silent, at: eightDays, ownerAway: false, checkedInThisCycle: true)
        if case .alert(let level, _) = repeated { #expect(level >= 2) } else { Issue.record("expected the repeat after 7 days") }
    }

    @Test("Recovering from an alert sends one 'back on track' notice; in trouble goes straight to level 3")
    func recoveryAndTrouble() {
        let behind = [checkIn(20, at: at(0.49))]
        let (alerted, _) = policy.step(report(behind, at: at(0.5)), memory: .init(), at: at(0.5), ownerAway: false, checkedInThisCycle: true)
        #expect(alerted.level == 3)  // 30 points behind: in trouble
        let recovered = behind + [checkIn(52, at: at(0.51))]
        let (back, notice) = policy.step(report(recovered, at: at(0.52)), memory: alerted, at: at(0.52), ownerAway: false, checkedInThisCycle: true)
        guard case .resolved(let reason) = notice else { Issue.record("expected a recovery notice, got \(String(describing: notice))"); return }
        #expect(reason.contains("back on track"))
        #expect(back.level == 0 && back.lastFingerprint == nil)
        let (_, again) = policy.step(report(recovered, at: at(0.53)), memory: back, at: at(0.53), ownerAway: false, checkedInThisCycle: true)
        #expect(again == nil)
    }

    @Test("Two more check-in cycles at level 2 escalate to level 3; stepping back down to 2 is quiet")
    func cyclesEscalate() {
        let behind = [checkIn(35, at: at(0.49))]
        var (memory, _) = policy.step(report(behind, at: at(0.5)), memory: .init(), at: at(0.5), ownerAway: false, checkedInThisCycle: true)
        #expect(memory.level == 2)
        memory = policy.newCycle(memory)
        var (after1, first) = policy.step(report(behind + [checkIn(40, at: at(0.54))], at: at(0.55)), memory: memory, at: at(0.55), ownerAway: false, checkedInThisCycle: true)
        #expect(first == nil && after1.level == 2)
        after1 = policy.newCycle(after1)
        let (after2, escalation) = policy.step(report(behind + [checkIn(45, at: at(0.59))], at: at(0.6)), memory: after1, at: at(0.6), ownerAway: false, checkedInThisCycle: true)
        guard case .alert(3, let reason) = escalation else { Issue.record("expected level 3, got \(String(describing: escalation))"); return }
        #expect(reason.contains("for 2 check-in cycles"))
        #expect(after2.level == 3)
        // Back to 2 only (in trouble via cycles ends when a new cycle count resets): quiet.
        var stepDown = after2
        stepDown.cyclesAtLevel = 0
        let (down, quiet) = policy.step(report(behind + [checkIn(50, at: at(0.61))], at: at(0.62)), memory: stepDown, at: at(0.62), ownerAway: false, checkedInThisCycle: true)
        #expect(quiet == nil)
        #expect(down.level == 2 && down.lastFingerprint == "2")
    }

    @Test("Ack silences the current level until it changes; snooze silences until its date; away holds still")
    func ackSnoozeAway() {
        let behind = [checkIn(35, at: at(0.49))]
        var (memory, _) = policy.step(report(behind, at: at(0.5)), memory: .init(), at: at(0.5), ownerAway: false, checkedInThisCycle: true)
        memory.ackedAt = at(0.5)
        let later = at(0.5).addingTimeInterval(9 * 86_400)
        let (acked, silent) = policy.step(report(behind, at: later), memory: memory, at: later, ownerAway: false, checkedInThisCycle: true)
        #expect(silent == nil)  // past the repeat interval, but acknowledged
        // Worse: level 3 is news again, and the ack is cleared.
        let worse = at(0.62)
        let (escalated, news) = policy.step(report(behind, at: worse), memory: acked, at: worse, ownerAway: false, checkedInThisCycle: true)
        if case .alert(3, _) = news {} else { Issue.record("expected level 3 after the ack, got \(String(describing: news))") }
        #expect(escalated.ackedAt == nil)

        var snoozed = EscalationPolicy.Memory()
        snoozed.snoozedUntil = at(0.6)
        let (s1, none) = policy.step(report(behind, at: at(0.55)), memory: snoozed, at: at(0.55), ownerAway: false, checkedInThisCycle: true)
        #expect(none == nil && s1.level >= 2)
        let (_, afterSnooze) = policy.step(report(behind, at: at(0.61)), memory: s1, at: at(0.61), ownerAway: false, checkedInThisCycle: true)
        #expect(afterSnooze != nil)

        let (held, away) = policy.step(report(behind, at: at(0.7)), memory: .init(), at: at(0.7), ownerAway: true, checkedInThisCycle: false)
        #expect(away == nil && held.level == 0)
    }

    @Test("A reminder is level 1 until the owner checks in or the next cycle; it never alerts by itself")
    func reminderLevel() {
        let fine = report([checkIn(40, at: at(0.39))], at: at(0.4))
        let reminded = policy.reminded(.init(), at: at(0.4))
        #expect(reminded.level == 1)
        let (still, none) = policy.step(fine, memory: reminded, at: at(0.41), ownerAway: false, checkedInThisCycle: false)
        #expect(none == nil && still.level == 1)
        let (cleared, _) = policy.step(fine, memory: still, at: at(0.42), ownerAway: false, checkedInThisCycle: true)
        #expect(cleared.level == 0)
        // A key result already alerting is not lowered to 1 by a reminder.
        var alerting = EscalationPolicy.Memory()
        alerting.level = 2
        #expect(policy.reminded(alerting, at: at(0.4)).level == 2)
    }
}
