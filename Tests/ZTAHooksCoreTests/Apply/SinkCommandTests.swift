import Testing
@testable import ZTAHooksCore

/// How a sink's command string becomes argv: like a POSIX shell splits a simple command, no further.
struct SinkCommandTests {
    private func split(_ text: String) throws -> [String] {
        try SinkCommand(parsing: text).argv
    }

    @Test func blanksSeparateWordsAndQuotesKeepThemTogether() throws {
        #expect(try split("  vault kv put\tsecret/zta  ") == ["vault", "kv", "put", "secret/zta"])
        #expect(try split("sh -c 'echo \"$ZTA_WEBHOOK_ID\" | tee out'") == ["sh", "-c", "echo \"$ZTA_WEBHOOK_ID\" | tee out"])
        #expect(try split(#"a"b c"d 'e'"" """#) == ["ab cd", "e", ""])
        #expect(try split(#""x\"y\\z\n""#) == [#"x"y\z\n"#])
        #expect(try split(#"a\ b \'"#) == ["a b", "'"])
    }

    @Test func nothingIsExpandedOrInterpreted() throws {
        #expect(try split("store $HOME ~ *.json | > x; y") == ["store", "$HOME", "~", "*.json", "|", ">", "x;", "y"])
    }

    @Test func anEmptyCommandOrAnUnclosedQuoteIsAnError() {
        #expect(throws: SinkCommand.Problem.empty) { try split("   ") }
        #expect(throws: SinkCommand.Problem.unclosedQuote("'")) { try split("sh -c 'echo") }
        #expect(throws: SinkCommand.Problem.unclosedQuote("\"")) { try split("echo \"a") }
    }
}
