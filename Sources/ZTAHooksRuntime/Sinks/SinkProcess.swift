#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// One run of a sink command, blocking: spawned in a process group of its own, fed its input,
/// its output collected, waited for, and killed with its group when the time is up.
struct SinkProcess {
    var argv: [String]
    var environment: [String: String]
    /// Written to standard input, which is then closed; `nil` gives an empty input.
    var input: [UInt8]?
    var timeout: Duration
    var outputLimit: Int

    enum End: Equatable {
        case exited(Int32)
        case signalled(Int32)
        case timedOut
        case notStarted(String)
    }

    struct Outcome {
        var end: End
        var output: [UInt8] = []
        var truncated = false
    }

    private static let spawnLock = NSLock()
    /// Sinks running now, by process id (= process group): guarded by `spawnLock`.
    nonisolated(unsafe) private static var running: Set<pid_t> = []

    /// Kills every sink still running, with its process group: for a forced stop of apply, after
    /// which nothing would wait for them. Their entries stay pending; the next apply runs them again.
    static func killAll() {
        spawnLock.withLock {
            for pid in running { kill(-pid, SIGKILL) }
        }
    }

    func run() -> Outcome {
        // A sink that exits without reading its input must not kill ztahooks with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        var inPipe: [Int32] = [0, 0]
        var outPipe: [Int32] = [0, 0]
        // Close-on-exec, so that a sink of another site started meanwhile cannot hold these open
        // (dup2 onto 0, 1 and 2 clears the flag for this child); ztahooks' own files have it too.
        // The lock keeps another sink's spawn out of the moment before the flag is set.
        Self.spawnLock.lock()
        guard pipe(&inPipe) == 0 else {
            Self.spawnLock.unlock()
            return Outcome(end: .notStarted(String(cString: strerror(errno))))
        }
        guard pipe(&outPipe) == 0 else {
            Self.spawnLock.unlock()
            close(inPipe[0]); close(inPipe[1])
            return Outcome(end: .notStarted(String(cString: strerror(errno))))
        }
        for fd in inPipe + outPipe { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        let spawned = spawn(stdin: inPipe[0], output: outPipe[1])
        if case .success(let pid) = spawned { Self.running.insert(pid) }
        Self.spawnLock.unlock()
        let pid: pid_t
        switch spawned {
        case .success(let started): pid = started
        case .failure(let reason):
            for fd in inPipe + outPipe { close(fd) }
            return Outcome(end: .notStarted(reason))
        }
        close(inPipe[0])
        close(outPipe[1])
        if let input {
            input.withUnsafeBytes { bytes in
                var offset = 0
                while offset < bytes.count {
                    let written = write(inPipe[1], bytes.baseAddress! + offset, bytes.count - offset)
                    if written < 0 && errno == EINTR { continue }
                    if written <= 0 { break }
                    offset += written
                }
            }
        }
        close(inPipe[1])
        var outcome = collect(pid: pid, output: outPipe[0])
        Self.spawnLock.withLock { _ = Self.running.remove(pid) }
        close(outPipe[0])
        if outcome.output.count > outputLimit {
            outcome.output.removeLast(outcome.output.count - outputLimit)
            outcome.truncated = true
        }
        return outcome
    }

    /// Reads output while waiting for the child; at the deadline kills its whole group.
    private func collect(pid: pid_t, output fd: Int32) -> Outcome {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        var outcome = Outcome(end: .timedOut)
        var buffer = [UInt8](repeating: 0, count: 4096)
        var open = true
        var exited: Int32?
        var graceEnd: ContinuousClock.Instant?
        while true {
            if open {
                var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                if poll(&poller, 1, 50) > 0 {
                    let count = read(fd, &buffer, buffer.count)
                    if count > 0 {
                        // Kept a little past the limit, so that the scrubber sees a secret at the cut whole.
                        if outcome.output.count < outputLimit * 2 { outcome.output += buffer[0..<count] }
                    } else if count == 0 || errno != EINTR {
                        open = false
                    }
                }
            } else if exited == nil {
                usleep(20_000)
            }
            if exited == nil {
                var status: Int32 = 0
                if waitpid(pid, &status, WNOHANG) == pid {
                    exited = status
                    // Something the sink left running may hold the output open: a second at most.
                    graceEnd = ContinuousClock.now.advanced(by: .seconds(1))
                }
            }
            if let status = exited, !open || ContinuousClock.now >= graceEnd! {
                let signal = status & 0x7f
                outcome.end = signal == 0 ? .exited((status >> 8) & 0xff) : .signalled(signal)
                return outcome
            }
            if exited == nil, ContinuousClock.now >= deadline {
                kill(-pid, SIGKILL)
                var status: Int32 = 0
                while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
                outcome.end = .timedOut
                return outcome
            }
        }
    }

    /// This process's open descriptors, from /proc/self/fd (or /dev/fd).
    private static func openDescriptors() -> [Int32] {
        for directory in ["/proc/self/fd", "/dev/fd"] {
            if let names = try? FileManager.default.contentsOfDirectory(atPath: directory) {
                return names.compactMap { Int32($0) }
            }
        }
        return []
    }

    private enum Spawned {
        case success(pid_t)
        case failure(String)
    }

    private func spawn(stdin: Int32, output: Int32) -> Spawned {
        #if canImport(Glibc)
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        #else
        var actions: posix_spawn_file_actions_t?
        var attributes: posix_spawnattr_t?
        #endif
        posix_spawn_file_actions_init(&actions)
        posix_spawnattr_init(&attributes)
        defer {
            posix_spawn_file_actions_destroy(&actions)
            posix_spawnattr_destroy(&attributes)
        }
        posix_spawn_file_actions_adddup2(&actions, stdin, 0)
        posix_spawn_file_actions_adddup2(&actions, output, 1)
        posix_spawn_file_actions_adddup2(&actions, output, 2)
        // Nothing else of ztahooks reaches the sink: not every library opens its sockets and
        // pipes close-on-exec, and a sink that inherited them (or outlived a killed ztahooks with
        // them) would hold connections and the caller's pipes open. A descriptor closed since it
        // was listed is skipped by posix_spawn.
        for fd in Self.openDescriptors() where fd > 2 {
            posix_spawn_file_actions_addclose(&actions, fd)
        }
        var defaults = sigset_t()
        sigfillset(&defaults)
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        let args = argv.map { strdup($0) } + [nil]
        let env = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in args + env { free(pointer) }
        }
        var pid: pid_t = 0
        let result = posix_spawnp(&pid, argv[0], &actions, &attributes, args, env)
        guard result == 0 else { return .failure(String(cString: strerror(result))) }
        return .success(pid)
    }
}
