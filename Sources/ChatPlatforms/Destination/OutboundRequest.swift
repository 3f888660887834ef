import Crypto
public import Foundation
import OKRModel

/// An HTTP request ready to send to a destination. Its URL and headers carry secrets: log the
/// destination's name, never this.
public struct OutboundRequest: Sendable {
    public var method: String
    public var url: String
    public var headers: [(String, String)]
    public var body: [UInt8]
}

extension Destination {
    /// Builds the request that delivers one rendered message. `key` is the outbox idempotency key:
    /// Matrix uses it as the transaction id (a retry with the same key is not posted twice) and the
    /// generic webhook as `webhook-id`. Returns nil for the console, which needs no request.
    public func request(for rendered: RenderedMessage, key: String, now: Date, userAgent: String = "okrd") -> OutboundRequest? {
        var headers: [(String, String)] = [("Content-Type", rendered.contentType), ("User-Agent", userAgent)]
        switch platform {
        case .console:
            return nil
        case .matrix:
            guard let homeserver, let room, let token = accessToken else { return nil }
            let base = homeserver.hasSuffix("/") ? String(homeserver.dropLast()) : homeserver
            if rendered.contentType == MatrixImage.contentType {
                // Step one of an image: the upload (step two is `matrixImageEvent`).
                return OutboundRequest(method: "POST", url: "\(base)/_matrix/media/v3/upload?filename=radar.png",
                                       headers: [("Content-Type", "image/png"), ("User-Agent", userAgent), ("Authorization", "Bearer \(token.value)")], body: rendered.body)
            }
            let txn = Self.transactionID(for: key)
            let url = "\(base)/_matrix/client/v3/rooms/\(Self.pathEscape(room))/send/m.room.message/\(txn)"
            headers.append(("Authorization", "Bearer \(token.value)"))
            return OutboundRequest(method: "PUT", url: url, headers: headers, body: rendered.body)
        case .discord:
            guard let url else { return nil }
            // with_components: a webhook owned by okrd's application shows the buttons (others ignore them).
            return OutboundRequest(method: "POST", url: Self.adding(query: "wait=true&with_components=true", to: url.value), headers: headers, body: rendered.body)
        case .googlechat:
            guard let url else { return nil }
            return OutboundRequest(method: "POST", url: Self.adding(query: "messageReplyOption=REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD", to: url.value), headers: headers, body: rendered.body)
        case .webhook:
            guard let url else { return nil }
            let id = Self.transactionID(for: key)
            let timestamp = String(Int(now.timeIntervalSince1970))
            headers.append(("webhook-id", id))
            headers.append(("webhook-timestamp", timestamp))
            if let secret = signingSecret, let key = StandardWebhookKey.decode(secret.value) {
                headers.append(("webhook-signature", StandardWebhookKey.signature(id: id, timestamp: timestamp, body: rendered.body, key: key)))
            }
            return OutboundRequest(method: "POST", url: url.value, headers: headers, body: rendered.body)
        case .slack, .teams, .mattermost:
            guard let url else { return nil }
            return OutboundRequest(method: "POST", url: url.value, headers: headers, body: rendered.body)
        }
    }

    /// Step two of a Matrix image: the `m.image` event for the `content_uri` the upload answered,
    /// under the message's transaction id (so a retry is not posted twice).
    public func matrixImageEvent(uploadAnswer: [UInt8], key: String, size: Int) -> OutboundRequest? {
        guard platform == .matrix, let homeserver, let room, let token = accessToken,
              let answer = JSONValue.parse(uploadAnswer), let uri = answer["content_uri"]?.string, uri.hasPrefix("mxc://") else { return nil }
        let base = homeserver.hasSuffix("/") ? String(homeserver.dropLast()) : homeserver
        let body = JSONValue.object([
            ("msgtype", "m.image"), ("body", "radar.png"), ("url", .string(uri)),
            ("info", .object([("mimetype", "image/png"), ("size", .number(Double(size)))])),
            ("m.mentions", .object([("user_ids", .array([]))])),
        ])
        let url = "\(base)/_matrix/client/v3/rooms/\(Self.pathEscape(room))/send/m.room.message/\(Self.transactionID(for: key))"
        return OutboundRequest(method: "PUT", url: url, headers: [("Content-Type", "application/json"), ("Authorization", "Bearer \(token.value)")], body: body.bytes)
    }

    /// A transaction id safe in a URL path and as a header value, stable for a given key.
    static func transactionID(for key: String) -> String {
        // Bytes, not Unicode scalars: this runs for every message sent.
        var safe: [UInt8] = []
        safe.reserveCapacity(min(80, key.utf8.count))
        for scalar in key.unicodeScalars where safe.count < 80 {
            switch scalar.value {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2D, 0x5F, 0x2E: safe.append(UInt8(scalar.value))
            default: safe.append(UInt8(ascii: "_"))
            }
        }
        // A short hash keeps ids distinct when two keys differ only in replaced characters.
        var hash: UInt64 = 14_695_981_039_346_656_037
        for byte in key.utf8 { hash = (hash ^ UInt64(byte)) &* 1_099_511_628_211 }
        let digest = String(hash & 0xFFFF_FFFF_FFFF, radix: 16)
        return "okrd-" + String(decoding: safe, as: UTF8.self) + "-" + String(repeating: "0", count: max(0, 12 - digest.count)) + digest
    }

    static func pathEscape(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    static func adding(query: String, to url: String) -> String {
        let name = query.split(separator: "=").first.map(String.init) ?? query
        if url.contains("?\(name)=") || url.contains("&\(name)=") { return url }
        return url + (url.contains("?") ? "&" : "?") + query
    }
}

extension StandardWebhookKey {
    /// `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, as the Standard Webhooks spec signs.
    public static func signature(id: String, timestamp: String, body: [UInt8], key: [UInt8]) -> String {
        var message = Array("\(id).\(timestamp).".utf8)
        message += body
        let mac = HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: key))
        return "v1," + Data(mac).base64EncodedString()
    }
}

/// A Matrix image message: rendered as the PNG itself with this content type; delivered as an
/// upload followed by an `m.image` event.
public enum MatrixImage {
    public static let contentType = "image/png; okrd=matrix-image"
}
