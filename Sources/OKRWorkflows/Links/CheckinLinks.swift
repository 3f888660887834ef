import ChatPlatforms
import Crypto
public import Foundation
public import OKRModel

/// Personal check-in links: `{public_url}/checkin/{token}` where the token names a person and an
/// expiry and is signed with HMAC-SHA256 under the link secret (`server.link_secret`, or a random
/// key okrd generates once and keeps in its database). A link expires when the check-in window
/// of the week it was sent in closes (the start of the next cycle).
public struct CheckinLinks: Sendable {
    let keyBytes: [UInt8]
    public let baseURL: String?
    var key: SymmetricKey { SymmetricKey(data: keyBytes) }

    public init(key: [UInt8], baseURL: String?) {
        keyBytes = key
        self.baseURL = baseURL
    }

    public struct Claims: Sendable, Hashable {
        public var person: String
        public var expires: Date
    }

    public enum Refusal: Error, Sendable, Hashable, CustomStringConvertible {
        case malformed, badSignature, expired, unknownPerson

        public var description: String {
            switch self {
            case .malformed, .badSignature: "This link is not valid. Use the link from your latest check-in prompt."
            case .expired: "This link has expired: the week's check-in window is closed. Use the link in this week's prompt."
            case .unknownPerson: "This link is for someone okrd no longer knows."
            }
        }
    }

    public func token(person: String, expires: Date) -> String {
        let payload = Array("\(person)\n\(Int(expires.timeIntervalSince1970))".utf8)
        let mac = HMAC<SHA256>.authenticationCode(for: payload, using: key)
        return Self.base64url(payload) + "." + Self.base64url(Array(mac))
    }

    /// The link for `person` during the cycle that contains `now`, or nil without a public URL.
    public func link(person: String, team: Team, at now: Date) -> String? {
        guard let baseURL else { return nil }
        return "\(baseURL)/checkin/\(token(person: person, expires: Self.expiry(team: team, at: now)))"
    }

    public static func expiry(team: Team, at now: Date) -> Date {
        CheckInCycle.start(of: team, at: now).addingTimeInterval(7 * 86_400)
    }

    public func verify(_ token: String, now: Date) throws(Refusal) -> Claims {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard token.count < 1024, parts.count == 2, let payload = Self.unbase64url(parts[0]), let mac = Self.unbase64url(parts[1]) else { throw .malformed }
        let expected = Array(HMAC<SHA256>.authenticationCode(for: payload, using: key))
        guard InboundVerifier.constantTimeEqual(expected, mac) else { throw .badSignature }
        let fields = String(decoding: payload, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        guard fields.count == 2, let seconds = Int(fields[1]) else { throw .malformed }
        let expires = Date(timeIntervalSince1970: TimeInterval(seconds))
        guard now < expires else { throw .expired }
        return Claims(person: String(fields[0]), expires: expires)
    }

    /// A form's anti-forgery value: bound to the link and to the nonce the page was rendered with.
    public func formToken(link token: String, nonce: String) -> String {
        Self.base64url(Array(HMAC<SHA256>.authenticationCode(for: Array("form\n\(token)\n\(nonce)".utf8), using: key)))
    }

    public func checkFormToken(_ presented: String, link token: String, nonce: String) -> Bool {
        InboundVerifier.constantTimeEqual(Array(formToken(link: token, nonce: nonce).utf8), Array(presented.utf8))
    }

    public static func base64url(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func unbase64url(_ text: Substring) -> [UInt8]? {
        guard text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else { return nil }
        var base = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base.count % 4 != 0 { base += "=" }
        return Data(base64Encoded: base).map(Array.init)
    }
}
