import ChatPlatforms
import Foundation
import OKRModel
import Testing

@Suite("What each platform's answer means")
struct ClassifierTests {
    let now = Date(timeIntervalSince1970: 1_795_424_400)

    func verdict(_ platform: Platform, _ status: Int, _ body: String = "", headers: [(String, String)] = []) -> DeliveryVerdict {
        platform.classify(status: status, headers: headers, body: Array(body.utf8), now: now)
    }

    @Test("Success, retries with the platform's own wait, permanent failures and gone destinations")
    func verdicts() {
        #expect(verdict(.slack, 200, "ok") == .delivered(detail: "ok"))
        #expect(verdict(.slack, 429, "", headers: [("Retry-After", "30")]) == .retry(notBefore: now + 30, reason: "429 rate limited"))
        #expect(verdict(.slack, 500, "rollup_error") == .retry(notBefore: nil, reason: "500: rollup_error"))
        #expect(verdict(.slack, 400, "invalid_blocks") == .permanent(reason: "400: invalid_blocks"))
        for gone in [(404, "no_service"), (404, "channel_not_found"), (404, "no_team"), (410, "channel_is_archived")] {
            if case .gone = verdict(.slack, gone.0, gone.1) {} else { Issue.record("\(gone) should disable the destination") }
        }
        #expect(verdict(.discord, 200, #"{"id":"1234","content":"x"}"#) == .delivered(detail: "message 1234"))
        if case .retry(let at, _) = verdict(.discord, 429, #"{"message":"You are being rate limited.","retry_after":64.57,"global":false}"#) {
            #expect(abs(at!.timeIntervalSince(now) - 64.57) < 0.001)
        } else { Issue.record("Discord 429") }
        if case .gone = verdict(.discord, 404, #"{"message":"Unknown Webhook","code":10015}"#) {} else { Issue.record("Discord 404") }
        if case .gone = verdict(.discord, 401) {} else { Issue.record("Discord 401") }
        #expect(verdict(.matrix, 200, #"{"event_id":"$abc"}"#) == .delivered(detail: "$abc"))
        if case .retry(let at, _) = verdict(.matrix, 429, #"{"errcode":"M_LIMIT_EXCEEDED","retry_after_ms":2500}"#) {
            #expect(at == now + 2.5)
        } else { Issue.record("Matrix 429") }
        if case .retry(let at, _) = verdict(.matrix, 429, #"{"errcode":"M_LIMIT_EXCEEDED","retry_after_ms":2500}"#, headers: [("Retry-After", "3")]) {
            #expect(at == now + 3)  // the header wins
        } else { Issue.record("Matrix 429 header") }
        if case .gone = verdict(.matrix, 401, #"{"errcode":"M_UNKNOWN_TOKEN"}"#) {} else { Issue.record("Matrix 401") }
        if case .retry = verdict(.matrix, 401, #"{"errcode":"M_UNKNOWN_TOKEN","soft_logout":true}"#) { Issue.record("soft logout is not gone") }
        #expect(verdict(.teams, 202) == .delivered(detail: "202"))
        #expect(verdict(.webhook, 408) == .retry(notBefore: nil, reason: "408"))
        if case .gone = verdict(.webhook, 410) {} else { Issue.record("webhook 410") }
        #expect(verdict(.webhook, 422, "bad") == .permanent(reason: "422: bad"))
        if case .retry(let at, _) = verdict(.webhook, 503, "", headers: [("Retry-After", "Wed, 25 Nov 2026 08:00:00 GMT")]) {
            #expect(at == Date(timeIntervalSince1970: 1_795_593_600))
        } else { Issue.record("Retry-After date") }
        if case .gone = verdict(.mattermost, 400, #"{"id":"web.incoming_webhook.invalid.app_error"}"#) {} else { Issue.record("Mattermost invalid hook") }
        #expect(verdict(.mattermost, 400, #"{"id":"web.incoming_webhook.text.app_error"}"#) == .permanent(reason: #"400: {"id":"web.incoming_webhook.text.app_error"}"#))
    }
}
