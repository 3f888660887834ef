import ChatPlatforms
import CurlHTTP
import Foundation
import OKRModel

/// The one Slack Web API method okrd calls: `views.open`, to show the check-in form. The trigger
/// it needs is valid for 3 seconds and once, so the call is made inside the click's request and
/// bounded well within that.
struct SlackWebAPI: Sendable {
    let client: CurlClient
    let baseURL: String
    let token: Secret

    struct Failure: Error, CustomStringConvertible {
        /// Slack's error code (`invalid_arguments`, `expired_trigger_id`, ...) or what went wrong on the way.
        var code: String
        var description: String { code }
    }

    /// Answers a click in the clicker's view only (`response_url`, an ephemeral message). The URL
    /// must be Slack's (or the configured API's origin, for tests and proxies).
    func respond(to url: String, text: String) async throws(Failure) {
        let origin = URL(string: baseURL).flatMap { base in base.host.map { "\(base.scheme ?? "https")://\($0)\(base.port.map { ":\($0)" } ?? "")/" } }
        guard url.hasPrefix("https://hooks.slack.com/") || origin.map(url.hasPrefix) == true else { throw Failure(code: "a response_url that is not Slack's") }
        let body = JSONValue.object([("response_type", "ephemeral"), ("replace_original", false), ("text", .string(text))]).bytes
        _ = try await post(url, headers: ["Content-Type": "application/json; charset=utf-8"], body: body, timeout: .seconds(5))
    }

    func openView(trigger: String, view: JSONValue, timeout: Duration = .milliseconds(2_500)) async throws(Failure) {
        let body = JSONValue.object([("trigger_id", .string(trigger)), ("view", view)]).bytes
        let response = try await post(baseURL + "/views.open", headers: ["Authorization": "Bearer \(token.value)", "Content-Type": "application/json; charset=utf-8"],
                                      body: body, timeout: timeout)
        let json = (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any]
        guard json?["ok"] as? Bool == true else { throw Failure(code: json?["error"] as? String ?? "an answer that is not Slack's") }
    }

    /// One POST, bounded by `timeout`; anything but HTTP 200 is a failure.
    private func post(_ url: String, headers: HTTPHeaders, body: [UInt8], timeout: Duration) async throws(Failure) -> HTTPResponse {
        let response: HTTPResponse
        do {
            response = try await client.send(HTTPRequest(method: .post, url: url, headers: headers, body: body, timeout: timeout, connectTimeout: timeout))
        } catch {
            throw Failure(code: "request failed: \(error)")
        }
        guard response.status == 200 else { throw Failure(code: "HTTP \(response.status)") }
        return response
    }
}
