public import Foundation
import Crypto

/// Why an inbound request was refused before anything in it was read. The description names the
/// check that failed, never the secret or the signature.
public enum InboundAuthError: Error, Sendable, Hashable, CustomStringConvertible {
    case missingHeader(String)
    case malformedHeader(String)
    case outsideWindow(seconds: Int)
    case badSignature
    case badToken

    public var description: String {
        switch self {
        case .missingHeader(let name): "missing header \(name)"
        case .malformedHeader(let name): "malformed header \(name)"
        case .outsideWindow(let seconds): "timestamp \(seconds) s away from now (allowed: 300 s)"
        case .badSignature: "signature does not match"
        case .badToken: "token does not match"
        }
    }
}

/// The headers of an inbound request, looked up case-insensitively.
public struct InboundHeaders: Sendable {
    private var values: [String: String] = [:]

    public init(_ pairs: [(String, String)]) {
        for (name, value) in pairs where values[name.lowercased()] == nil { values[name.lowercased()] = value }
    }

    public subscript(_ name: String) -> String? { values[name.lowercased()] }
}

/// Request authentication the way each platform does it, over the raw body before any parsing,
/// with constant-time comparisons (protocols.md sections 1.4, 2.5, 2.6, 3.5, 4.5, 7.2).
public enum InboundVerifier {
    /// The replay window of the schemes that sign a timestamp.
    public static let window: TimeInterval = 300

    /// Slack: `X-Slack-Signature: v0=hex(HMAC-SHA256(secret, "v0:{ts}:{body}"))`, 5-minute window.
    public static func slack(secret: String, headers: InboundHeaders, body: [UInt8], now: Date) throws(InboundAuthError) {
        guard let timestamp = headers["X-Slack-Request-Timestamp"] else { throw .missingHeader("X-Slack-Request-Timestamp") }
        guard let signature = headers["X-Slack-Signature"] else { throw .missingHeader("X-Slack-Signature") }
        try checkWindow(timestamp, header: "X-Slack-Request-Timestamp", now: now)
        var signed = Array("v0:\(timestamp):".utf8)
        signed += body
        let mac = HMAC<SHA256>.authenticationCode(for: signed, using: SymmetricKey(data: Array(secret.utf8)))
        let expected = Array(("v0=" + hex(mac)).utf8)
        guard constantTimeEqual(expected, Array(signature.utf8)) else { throw .badSignature }
    }

    /// Microsoft Teams outgoing webhook: `Authorization: HMAC base64(HMAC-SHA256(base64decode(key), body))`.
    /// Teams signs no timestamp; replays are caught by the activity id.
    public static func teams(key: String, headers: InboundHeaders, body: [UInt8]) throws(InboundAuthError) {
        guard let authorization = headers["Authorization"] else { throw .missingHeader("Authorization") }
        guard let keyBytes = Data(base64Encoded: key) else { throw .badSignature }
        let mac = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: keyBytes))
        let expected = Array(("HMAC " + Data(mac).base64EncodedString()).utf8)
        guard constantTimeEqual(expected, Array(authorization.utf8)) else { throw .badSignature }
    }

    /// Discord interactions: Ed25519 over `timestamp + body` with the application's public key.
    /// Discord's routine probes with bad signatures must get 401; we also refuse stale timestamps.
    public static func discord(publicKeyHex: String, headers: InboundHeaders, body: [UInt8], now: Date) throws(InboundAuthError) {
        guard let signatureHex = headers["X-Signature-Ed25519"] else { throw .missingHeader("X-Signature-Ed25519") }
        guard let timestamp = headers["X-Signature-Timestamp"] else { throw .missingHeader("X-Signature-Timestamp") }
        guard let signature = bytes(hex: signatureHex), signature.count == 64 else { throw .malformedHeader("X-Signature-Ed25519") }
        guard let keyBytes = bytes(hex: publicKeyHex), let key = try? Curve25519.Signing.PublicKey(rawRepresentation: keyBytes) else { throw .badSignature }
        try checkWindow(timestamp, header: "X-Signature-Timestamp", now: now)
        var signed = Array(timestamp.utf8)
        signed += body
        guard key.isValidSignature(signature, for: signed) else { throw .badSignature }
    }

    /// Mattermost: the 26-character token, in `Authorization: Token ...` (slash commands) or the
    /// `token` field (outgoing webhooks). No timestamp; replays are caught by post id.
    public static func mattermost(token: String, presented: String?) throws(InboundAuthError) {
        guard let presented, !presented.isEmpty else { throw .badToken }
        guard constantTimeEqual(Array(token.utf8), Array(presented.utf8)) else { throw .badToken }
    }

    /// Standard Webhooks: `webhook-signature` lists `v1,base64(HMAC-SHA256(key, "{id}.{ts}.{body}"))`
    /// entries (any one may match, for key rotation); 5-minute window both ways.
    /// Returns the `webhook-id`, the delivery's idempotency key.
    @discardableResult
    public static func standardWebhook(key: [UInt8], headers: InboundHeaders, body: [UInt8], now: Date) throws(InboundAuthError) -> String {
        guard let id = headers["webhook-id"], !id.isEmpty else { throw .missingHeader("webhook-id") }
        guard let timestamp = headers["webhook-timestamp"] else { throw .missingHeader("webhook-timestamp") }
        guard let signatures = headers["webhook-signature"] else { throw .missingHeader("webhook-signature") }
        try checkWindow(timestamp, header: "webhook-timestamp", now: now)
        var signed = Array("\(id).\(timestamp).".utf8)
        signed += body
        let mac = HMAC<SHA256>.authenticationCode(for: signed, using: SymmetricKey(data: key))
        let expected = Array(Data(mac).base64EncodedString().utf8)
        var matched = false
        for entry in signatures.split(separator: " ") {
            let parts = entry.split(separator: ",", maxSplits: 1)
            guard parts.count == 2, parts[0] == "v1" else { continue }
            // Evaluate every entry, so the time taken does not tell which one matched.
            if constantTimeEqual(expected, Array(parts[1].utf8)) { matched = true }
        }
        guard matched else { throw .badSignature }
        return id
    }

    /// Signs like a Standard Webhooks sender would (for `okrd` tests and integrations' examples).
    public static func standardWebhookSignature(key: [UInt8], id: String, timestamp: Int, body: [UInt8]) -> String {
        var signed = Array("\(id).\(timestamp).".utf8)
        signed += body
        return "v1," + Data(HMAC<SHA256>.authenticationCode(for: signed, using: SymmetricKey(data: key))).base64EncodedString()
    }

    /// Slack's signature for a body, as Slack would send it.
    public static func slackSignature(secret: String, timestamp: Int, body: [UInt8]) -> String {
        var signed = Array("v0:\(timestamp):".utf8)
        signed += body
        return "v0=" + hex(HMAC<SHA256>.authenticationCode(for: signed, using: SymmetricKey(data: Array(secret.utf8))))
    }

    /// Teams' `Authorization` header for a body.
    public static func teamsAuthorization(key: String, body: [UInt8]) -> String? {
        guard let keyBytes = Data(base64Encoded: key) else { return nil }
        return "HMAC " + Data(HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: keyBytes))).base64EncodedString()
    }

    static func checkWindow(_ timestamp: String, header: String, now: Date) throws(InboundAuthError) {
        guard let seconds = Int(timestamp.trimmingCharacters(in: .whitespaces)) else { throw .malformedHeader(header) }
        let skew = Int(now.timeIntervalSince1970) - seconds
        guard abs(skew) <= Int(window) else { throw .outsideWindow(seconds: skew) }
    }

    /// Compares in time that depends only on the lengths, never on where the first difference is.
    public static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var difference = UInt8(a.count == b.count ? 0 : 1)
        let count = max(a.count, b.count)
        for index in 0..<count {
            let x = index < a.count ? a[index] : 0
            let y = index < b.count ? b[index] : 0
            difference |= x ^ y
        }
        return difference == 0
    }

    static func hex<M: Sequence>(_ bytes: M) -> String where M.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func bytes(hex: String) -> [UInt8]? {
        let chars = Array(hex.utf8)
        guard chars.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(chars.count / 2)
        var index = 0
        while index < chars.count {
            guard let high = nibble(chars[index]), let low = nibble(chars[index + 1]) else { return nil }
            out.append(high << 4 | low)
            index += 2
        }
        return out
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
