import ChatPlatforms
import CurlHTTP
import Foundation
import Logging
import OKRDaemon
import OKRModel
import OKRStore
import OKRTestSupport
import Synchronization
import Testing
import OKRWorkflows

@Suite("Matrix delivery against a real Synapse", .serialized, .timeLimit(.minutes(3)), .enabled(if: SynapseServer.isAvailable, "Synapse is not installed (see .ci/run)"))
struct MatrixDeliveryTests {
    @Test("Messages land in the room once each, also when a send is retried after a lost answer")
    func deliveredOnce() async throws {
        let synapse = try await SynapseServer.start()
        do {
            let (_, token) = try await synapse.register("okrdbot")
            let room = try await synapse.createRoom(token: token)
            let rig = try DeliveryRig()

            // A proxy in front of Synapse that forwards the first send but drops Synapse's answer
            // (connection reset), so okrd must retry the same transaction.
            let client = CurlClient()
            let forwarded = ForwardCounter()
            let proxy = try await TestHTTPServer.start { request in
                var headers = HTTPHeaders()
                for (name, value) in request.headers where ["authorization", "content-type"].contains(name.lowercased()) { headers.add(name, value) }
                let response = try? await client.send(HTTPRequest(method: HTTPRequest.Method(rawValue: request.method) ?? .put, url: synapse.baseURL + request.uri, headers: headers, body: request.body))
                let count = forwarded.increment()
                if count == 1 { return .reset }
                guard let response else { return .text(502, "proxy: no answer") }
                return .respond(status: response.status, headers: response.headers.fields.map { ($0.name, $0.value) }, body: response.body)
            }
            let destination = Destination(name: "room", platform: .matrix, homeserver: proxy.baseURL, room: room, accessToken: Secret(token, source: "test"), ratePerSecond: 0)
            for n in 1...5 { try await rig.enqueue(n, to: destination) }
            let dispatcher = rig.dispatcher([destination])
            let task = Task { await dispatcher.run() }
            // The first send failed (reset): its retry waits for the backoff on the virtual clock.
            for _ in 0..<3 {
                await dispatcher.waitUntilIdle()
                rig.clock.advance(by: 60)
            }
            await dispatcher.waitUntilIdle()
            task.cancel()
            await task.value

            #expect(forwarded.value >= 6)  // 5 messages + the retried one
            let events = try await synapse.messages(room: room, token: token)
            let bodies = events.compactMap { ($0["content"] as? [String: Any])?["body"] as? String }
            for n in 1...5 {
                #expect(bodies.filter { $0.contains("Message \(n)\n") || $0.hasSuffix("Message \(n)") || $0.contains("Message \(n) ") }.count == 1, "Message \(n) in \(bodies)")
            }
            #expect(events.count == 5)
            #expect(events.allSatisfy { ($0["content"] as? [String: Any])?["msgtype"] as? String == "m.notice" })
            #expect(try await rig.store.outboxStats().counts[.sent] == 5)

            // Sending the very same outbox message again (same key, same txnId) does not post a copy.
            let again = try #require(try await rig.store.outbox(OutboxFilter(states: [.sent])).first)
            #expect(try await rig.store.retry(messageID: again.id, now: rig.clock.now()))
            await rig.dispatcher([destination]).flush()
            #expect(try await synapse.messages(room: room, token: token).count == 5)
            await proxy.shutdown()
            await client.shutdown()
            await rig.shutdown()
        } catch {
            await synapse.stop()
            throw error
        }
        await synapse.stop()
    }

    @Test("A radar chart is uploaded and posted as an m.image once, also when its delivery is repeated")
    func imageUpload() async throws {
        let synapse = try await SynapseServer.start()
        do {
            let (_, token) = try await synapse.register("okrdbot")
            let room = try await synapse.createRoom(token: token)
            let rig = try DeliveryRig()
            let destination = Destination(name: "room", platform: .matrix, homeserver: synapse.baseURL, room: room, accessToken: Secret(token, source: "test"), ratePerSecond: 0)
            let png = try RadarChart(title: "Team", subtitle: "", axes: [
                .init(label: "A", actual: 0.5, expected: 0.6, status: .atRisk), .init(label: "B", actual: 0.9, expected: 0.6, status: .onTrack),
                .init(label: "C", actual: 0.2, expected: 0.6, status: .inTrouble),
            ]).png()
            let chart = ChatMessage(kind: .digest, title: "Radar chart", image: ChatMessage.Image(url: "", alt: "Radar chart", png: png))
            let writer = OutboxWriter(destinations: [destination], directory: rig.directory)
            _ = try await rig.store.apply(try writer.enqueue(chart, to: "room", key: "digest-chart:t:2026-W48", at: rig.clock.now()))
            await rig.dispatcher([destination]).flush()
            let sent = try #require(try await rig.store.outbox(OutboxFilter()).first)
            #expect(sent.state == .sent, "\(sent.lastError ?? "")")
            var images = try await synapse.messages(room: room, token: token).filter { ($0["content"] as? [String: Any])?["msgtype"] as? String == "m.image" }
            #expect(images.count == 1)
            let content = images.first?["content"] as? [String: Any]
            let uri = try #require(content?["url"] as? String)
            #expect(uri.hasPrefix("mxc://"))
            #expect((content?["info"] as? [String: Any])?["mimetype"] as? String == "image/png")
            // The uploaded file is the PNG.
            let media = uri.dropFirst("mxc://".count)
            var request = HTTPRequest(url: synapse.baseURL + "/_matrix/client/v1/media/download/\(media)")
            request.headers.set("Authorization", "Bearer \(token)")
            let client = CurlClient()
            let download = try await client.send(request)
            await client.shutdown()
            #expect(download.status == 200)
            #expect(download.body == png)

            // Delivered again (same transaction id): Synapse keeps one event.
            #expect(try await rig.store.retry(messageID: sent.id, now: rig.clock.now()))
            await rig.dispatcher([destination]).flush()
            images = try await synapse.messages(room: room, token: token).filter { ($0["content"] as? [String: Any])?["msgtype"] as? String == "m.image" }
            #expect(images.count == 1)
            await rig.shutdown()
        } catch {
            await synapse.stop()
            throw error
        }
        await synapse.stop()
    }
}

final class ForwardCounter: Sendable {
    private let count = Mutex(0)
    func increment() -> Int { count.withLock { $0 += 1; return $0 } }
    var value: Int { count.withLock { $0 } }
}
