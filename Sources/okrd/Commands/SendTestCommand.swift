import ArgumentParser
import ChatPlatforms
import CurlHTTP
import Foundation
import OKRDaemon
import OKRModel
import OKRWorkflows

struct SendTestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "send-test",
        abstract: "Renders and sends a test message to a destination now, and prints the platform's answer.",
        discussion: """
            Sends directly (not through the outbox) so you see at once whether the webhook, room or token works. \
            The destination's URL and token are never printed.

            Examples:
              okrd send-test emea-slack --config /etc/okrd/okrd.yaml
              okrd send-test terminal
            """
    )

    @OptionGroup var options: ConfigOptions

    @Argument(help: "The destination's name from the configuration.")
    var destination: String

    @Option(help: ArgumentHelp("Mention this person in the test message, to check their handle.", valueName: "person"))
    var mention: String?

    func run() async throws {
        let config = try options.load()
        guard let target = config.destination(destination) else {
            throw ValidationError("no destination \"\(destination)\" in \(config.path); destinations: \(config.destinations.map(\.name).joined(separator: ", "))")
        }
        if let mention, config.organization.person(mention) == nil {
            throw ValidationError("no person \"\(mention)\" in \(config.path)")
        }
        let host = ProcessInfo.processInfo.hostName
        let message = ChatMessage(
            kind: .test, severity: .success, title: "okrd test message",
            intro: [.text("If you can read this, okrd can post to “\(target.name)” (\(target.platform.rawValue)) from \(host).")] + (mention.map { [.text(" Mention check: "), .mention($0)] } ?? []),
            sections: [ChatMessage.Section(lines: [ChatMessage.Line([.text("A progress bar looks like this")], progress: .init(actual: 0.6, expected: 0.5, status: "on_track"))])])
        let directory = Directory(people: config.organization.people)
        let parts = Renderers.render(message, for: target.platform, directory: directory)
        if target.platform == .console {
            Terminal.print(parts.map(\.text).joined())
            return
        }
        let client = CurlClient(configuration: {
            var configuration = CurlClient.Configuration()
            configuration.caBundlePath = config.delivery.caBundle
            return configuration
        }())
        defer { Task { await client.shutdown() } }
        var failed = false
        for part in parts {
            guard let request = target.request(for: part, key: "send-test:\(UUID().uuidString)", now: Date()) else {
                throw ValidationError("destination \"\(target.name)\" lacks its URL or credentials")
            }
            let result = await client.send(request, timeout: config.delivery.timeout)
            switch result {
            case .failed(let error):
                Terminal.print("\(target.name): no answer: \(error)\n")
                failed = true
            case .response(let status, let headers, let body):
                let verdict = target.platform.classify(status: status, headers: headers, body: body, now: Date())
                let answer = String(decoding: body.prefix(2000), as: UTF8.self)
                Terminal.print("\(target.name): HTTP \(status) · \(Self.describe(verdict))\n\(answer.isEmpty ? "(empty body)" : answer)\n")
                if case .delivered = verdict {} else { failed = true }
            }
        }
        await client.shutdown()
        if failed { throw ExitCode(Terminal.exitUnavailable) }
    }

    static func describe(_ verdict: DeliveryVerdict) -> String {
        switch verdict {
        case .delivered(let detail): "delivered (\(detail))"
        case .retry(let at, let reason): "temporary failure, would retry\(at.map { " after \($0)" } ?? ""): \(reason)"
        case .permanent(let reason): "rejected: \(reason)"
        case .gone(let reason): "destination gone: \(reason)"
        }
    }
}
