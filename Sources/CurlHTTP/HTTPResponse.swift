public import Foundation

/// A complete HTTP response: status, headers of the final response and the body bytes.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: HTTPHeaders
    public var body: [UInt8]
    /// The HTTP version the exchange used, e.g. 1.1 or 2.
    public var httpVersion: String

    public init(status: Int, headers: HTTPHeaders = [:], body: [UInt8] = [], httpVersion: String = "1.1") {
        self.status = status
        self.headers = headers
        self.body = body
        self.httpVersion = httpVersion
    }

    /// The body decoded as UTF-8, with invalid sequences repaired.
    public var text: String { String(decoding: body, as: UTF8.self) }

    /// The instant named by `Retry-After` (delay in seconds or an HTTP date), relative to `now`.
    public func retryAfter(now: Date) -> Date? {
        headers["Retry-After"].flatMap { RetryAfter.parse($0, now: now) }
    }
}

/// Parses `Retry-After` values (RFC 9110 section 10.2.3).
public enum RetryAfter {
    public static func parse(_ value: String, now: Date) -> Date? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Double(trimmed), seconds.isFinite, seconds >= 0 {
            return now.addingTimeInterval(seconds)
        }
        for format in formats {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = format
            if let date = formatter.date(from: trimmed) { return max(date, now) }
        }
        return nil
    }

    // IMF-fixdate first, then the two obsolete forms recipients must accept.
    private static let formats = ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy"]
}
