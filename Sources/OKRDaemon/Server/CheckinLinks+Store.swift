import ChatPlatforms
import Crypto
import Foundation
public import OKRStore
public import OKRWorkflows

extension CheckinLinks {
    /// The key from the configuration, or the one kept in the store (made on first use).
    public static func load(config: OKRConfig, store: any Store) async throws -> CheckinLinks {
        if let secret = config.server.linkSecret {
            return CheckinLinks(key: Array(SHA256.hash(data: Array(secret.value.utf8))), baseURL: config.server.publicURL)
        }
        let fresh = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0).base64EncodedString() }
        let stored = try await store.metaSetIfAbsent("checkin_link_key", fresh)
        return CheckinLinks(key: Array(Data(base64Encoded: stored) ?? Data(stored.utf8)), baseURL: config.server.publicURL)
    }
}
