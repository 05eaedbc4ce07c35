import Foundation

/// `ztahooks sim serve` in its own process, so that its CPU is not counted as the client's.
final class EmulatorProcess {
    let process = Process()
    let baseURL: URL

    init(host: String = "127.0.0.1") throws {
        var dir = Bundle.main.bundleURL
        var binary = dir.appendingPathComponent("ztahooks")
        for _ in 0..<4 where !FileManager.default.isExecutableFile(atPath: binary.path) {
            dir = dir.deletingLastPathComponent()
            binary = dir.appendingPathComponent("ztahooks")
        }
        let output = Pipe()
        process.executableURL = binary
        process.arguments = ["sim", "serve", "--host", host, "--port", "0", "--latency-ms", "0"]
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var text = ""
        while !text.contains("\n") {
            let data = output.fileHandleForReading.availableData
            guard !data.isEmpty else { break }
            text += String(decoding: data, as: UTF8.self)
        }
        guard let word = text.split(whereSeparator: \.isWhitespace).first(where: { $0.hasPrefix("http://") }),
              let url = URL(string: String(word)) else {
            process.terminate()
            throw POSIXError(.EIO)
        }
        baseURL = url
    }

    func stop() {
        process.terminate()
        process.waitUntilExit()
    }
}
