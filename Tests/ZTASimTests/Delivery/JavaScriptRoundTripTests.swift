import Foundation
import TestSupport
import Testing
import ZTASim

/// The document's Node snippet signs `JSON.stringify(JSON.parse(body))`, so a body verifies there
/// only if JavaScript writes it back byte for byte: checked here with node itself.
@Suite struct JavaScriptRoundTripTests {
    static let node: String? = ProcessInfo.processInfo.environment["PATH"]?.split(separator: ":")
        .map { "\($0)/node" }.first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Awkward data for every event type: text that needs escapes (or must not get them), numbers
    /// at the edges of JavaScript's notations, integer-like keys that JavaScript moves first.
    static let awkwardData = #"""
        {"text":"naïve café ✓ 日本語 😀👩‍💻","slash":"a/b</script>","html":"<b>&amp;</b> & < > '","quotes":"\"double\" 'single'",
         "backslash":"C:\\path\\n","controls":"\u0000\u0001\b\f\n\r\t\u001b\u001f\u007f","separators":"\u2028\u2029",
         "floats":[0.1,1.5,1e21,1e-7,-0,123456789.123,1e-6,-1e-7,1e300,5e-324,1.5e21,100.0,-42.5],
         "ints":[9007199254740991,9007199254740993,12345678901234567890,-12345678901,0],
         "nested":{"b":{"z":[{"y":null,"x":true}],"a":[]},"a":{},"10":"ten","2":"two","0":"zero","01":"not an index"},
         "4294967294":"largest index","4294967295":"not an index","-1":"not an index","7":"seven","siteId":"replaced"}
        """#

    @Test(.enabled(if: node != nil, "node is not on PATH"), arguments: ["pageview", "event", "goal", "alert", "session_end"])
    func javaScriptWritesEveryBodyBackByteForByte(event: String) async throws {
        let receiver = try await TestReceiver.start()
        let bodies = try await SimHarness.with(DeliveryTests.fast) { sim async throws in
            _ = try await DeliveryTests.seed(sim, [SimWebhookSeed(siteId: "site_x", url: receiver.url, events: [event])])
            // Once with awkward data, once with the document's sample data for the type.
            for data in [#","data":\#(Self.awkwardData)"#, ""] {
                let records = try await DeliveryTests.publish(sim, #"{"event":"\#(event)","siteId":"site_x","wait":true\#(data)}"#)
                #expect(records.map(\.delivered) == [true])
            }
            return await receiver.log.deliveries.map(\.body)
        }
        await receiver.stop()
        try #require(bodies.count == 2)
        for body in bodies {
            #expect(try await Self.roundTrip(body) == "same", "\(String(decoding: body, as: UTF8.self))")
        }
    }

    /// Runs node on the body; answers `same`, or what node wrote back when it differs.
    static func roundTrip(_ body: Data) async throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ztasim-js-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let bodyURL = directory.appendingPathComponent("body.json")
        try body.write(to: bodyURL)
        let script = """
            const raw = require('fs').readFileSync(process.argv[1]);
            const again = Buffer.from(JSON.stringify(JSON.parse(raw.toString('utf8'))), 'utf8');
            process.stdout.write(again.equals(raw) ? 'same' : again.toString('utf8'));
            """
        let run = try await ChildProcess.run(URL(fileURLWithPath: try #require(node)), ["-e", script, bodyURL.path])
        #expect(run.status == 0)
        return run.stdout
    }
}
