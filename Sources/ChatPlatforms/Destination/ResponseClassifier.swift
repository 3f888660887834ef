public import Foundation
public import OKRModel

/// What a platform's answer means for the message and the destination.
public enum DeliveryVerdict: Sendable, Hashable {
    /// Accepted; `detail` is what to keep (message id, "ok").
    case delivered(detail: String)
    /// Try again later; never before `notBefore` when the platform named a time (Retry-After,
    /// Discord `retry_after`, Matrix `retry_after_ms`), which then also pauses the destination.
    case retry(notBefore: Date?, reason: String)
    /// This message will never be accepted: dead letter with the reason.
    case permanent(reason: String)
    /// The destination is gone (revoked webhook, archived channel, bad token): disable it.
    case gone(reason: String)
}

extension Platform {
    /// Classifies an HTTP answer the way this platform means it.
    public func classify(status: Int, headers: [(String, String)], body: [UInt8], now: Date) -> DeliveryVerdict {
        // Computed on first use: a plain 2xx (the usual answer) needs none of them.
        lazy var text = String(decoding: body.prefix(4_096), as: UTF8.self)
        lazy var short: Substring = body.isEmpty ? "" : text.trimmingCharacters(in: .whitespacesAndNewlines).prefix(300)
        let header = { (name: String) in headers.first { $0.0.lowercased() == name }?.1 }
        lazy var retryAt = header("retry-after").flatMap { Self.retryAfter($0, now: now) }
        lazy var json = body.isEmpty ? nil : JSONValue.parse(Array(body.prefix(65_536)))

        if (200..<300).contains(status) {
            switch self {
            case .discord: return .delivered(detail: json?["id"]?.string.map { "message \($0)" } ?? "ok")
            case .matrix: return .delivered(detail: json?["event_id"]?.string ?? "ok")
            case .googlechat: return .delivered(detail: json?["name"]?.string ?? "ok")
            default: return .delivered(detail: short.isEmpty ? "\(status)" : String(short))
            }
        }
        if status == 429 {
            switch self {
            case .discord:
                if retryAt == nil, let seconds = json?["retry_after"]?.number { retryAt = now.addingTimeInterval(seconds) }
            case .matrix:
                if retryAt == nil, let millis = json?["retry_after_ms"]?.number { retryAt = now.addingTimeInterval(millis / 1000) }
            default: break
            }
            return .retry(notBefore: retryAt, reason: "429 rate limited\(short.isEmpty ? "" : ": \(short)")")
        }
        if status == 408 || status >= 500 {
            if self == .mattermost, status == 501 { return .gone(reason: "501 incoming webhooks are disabled on the server: \(short)") }
            return .retry(notBefore: retryAt, reason: "\(status)\(short.isEmpty ? "" : ": \(short)")")
        }
        switch self {
        case .slack:
            if (status == 404 && ["no_service", "no_team", "channel_not_found"].contains(String(short))) || status == 410 || (status == 403 && short == "invalid_token") {
                return .gone(reason: "\(status) \(short): the webhook was revoked or its channel is gone")
            }
        case .discord:
            if status == 401 || status == 404 { return .gone(reason: "\(status) \(short): the webhook was deleted") }
        case .matrix:
            let code = json?["errcode"]?.string
            let softLogout = json?["soft_logout"]?.bool ?? false
            if status == 401 && !softLogout { return .gone(reason: "401 \(code ?? ""): the access token is no longer valid") }
            if status == 403 && code == "M_FORBIDDEN" { return .gone(reason: "403 M_FORBIDDEN: the bot may not post in this room (not joined?)") }
        case .teams:
            if status == 404 || status == 410 { return .gone(reason: "\(status): the Workflows flow was deleted or turned off") }
            if status == 401 || status == 403 { return .gone(reason: "\(status): the flow's trigger does not allow anonymous posts; set \"Who can trigger the flow\" to Anyone") }
        case .googlechat:
            if status == 404 || status == 403 || status == 401 { return .gone(reason: "\(status) \(short): the webhook was deleted or the space is gone") }
        case .mattermost:
            if status == 404 || status == 403 || (status == 400 && text.contains("invalid.app_error")) {
                return .gone(reason: "\(status) \(short): the webhook or its channel is gone")
            }
        case .webhook:
            if status == 410 { return .gone(reason: "410 Gone: the receiver asked to stop") }
        case .console:
            break
        }
        return .permanent(reason: "\(status)\(short.isEmpty ? "" : ": \(short)")")
    }

    /// `Retry-After` as seconds or an HTTP date.
    static func retryAfter(_ value: String, now: Date) -> Date? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Double(trimmed), seconds.isFinite, seconds >= 0 { return now.addingTimeInterval(seconds) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: trimmed).map { max($0, now) }
    }
}
