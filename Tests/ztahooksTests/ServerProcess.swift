import Foundation

/// A server run as a child process for a test; it names its port on its first line of output
/// (`43383`, or `... listening on http://[::1]:43383`).
struct ServerProcess {
    let process: Process
    let port: Int

    static func start(_ executable: URL, _ arguments: [String]) throws -> ServerProcess {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        // The first line names the port; reading ends at the newline or when the child dies.
        var line = Data()
        var buffer = [UInt8](repeating: 0, count: 256)
        while !line.contains(0x0A) {
            let count = read(out.fileHandleForReading.fileDescriptor, &buffer, buffer.count)
            if count <= 0 { break }
            line.append(contentsOf: buffer[0..<count])
        }
        let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let port = text.split(separator: ":").last.flatMap({ Int($0) }) else {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            throw CocoaError(.fileReadCorruptFile)
        }
        return ServerProcess(process: process, port: port)
    }

    /// SIGKILL: a child of the test runner may inherit SIGTERM ignored, and then never stops.
    func stop() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}
