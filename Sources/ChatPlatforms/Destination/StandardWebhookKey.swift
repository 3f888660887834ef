import Foundation

/// Standard Webhooks symmetric secrets: `whsec_` followed by base64 of 24 to 64 random bytes.
public enum StandardWebhookKey {
    /// The key bytes of a `whsec_...` secret (the prefix may be left out), or nil when malformed.
    public static func decode(_ secret: String) -> [UInt8]? {
        let body = secret.hasPrefix("whsec_") ? String(secret.dropFirst("whsec_".count)) : secret
        guard let data = Data(base64Encoded: body), (24...64).contains(data.count) else { return nil }
        return Array(data)
    }
}
