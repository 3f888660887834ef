import ServiceLifecycle

/// One of `okrd run`'s services in its `ServiceGroup`, made of what the daemon already has: a body
/// that runs until the group shuts down, and what ends it.
///
/// - `onShutdown`: called when the group shuts this service down gracefully, or cancels it; the
///   body is then expected to finish what it is doing and return (the dispatcher drains, the
///   scheduler stops its loops).
/// - `cancelledOnShutdown`: the body is cancelled at the graceful shutdown (a listener, a timer).
/// - neither: the body watches the graceful shutdown itself (Hummingbird's server does).
///
/// A body that returns or throws on its own cancels the group (`failure` for a throw can say
/// otherwise): okrd does not run on with a part missing.
struct DaemonService: Service, CustomStringConvertible {
    let description: String
    private let body: @Sendable () async throws -> Void
    private let onShutdown: (@Sendable () async -> Void)?
    private let failure: ServiceGroupConfiguration.ServiceConfiguration.TerminationBehavior

    init(_ name: String, _ body: @escaping @Sendable () async throws -> Void, onShutdown: (@Sendable () async -> Void)? = nil,
         failure: ServiceGroupConfiguration.ServiceConfiguration.TerminationBehavior = .cancelGroup) {
        description = name
        self.body = body
        self.onShutdown = onShutdown
        self.failure = failure
    }

    init(_ name: String, cancelledOnShutdown body: @escaping @Sendable () async -> Void) {
        self.init(name, { await cancelWhenGracefulShutdown { await body() } })
    }

    var configuration: ServiceGroupConfiguration.ServiceConfiguration {
        ServiceGroupConfiguration.ServiceConfiguration(service: self, failureTerminationBehavior: failure)
    }

    func run() async throws {
        guard let onShutdown else { return try await body() }
        try await withThrowingDiscardingTaskGroup { group in
            group.addTask { try await body() }
            // Returns at the graceful shutdown; throws when the group is cancelled (another
            // service failed). Either way the body is told to finish, so nothing waits forever.
            try? await gracefulShutdown()
            await onShutdown()
        }
    }
}
