/// Why an answer could not be read, phrased for a human: it names the field at fault and never
/// quotes the body, which may hold a secret.
package struct DecodingProblem: Error, Equatable {
    package var description: String

    package init(description: String) {
        self.description = description
    }

    static let notJSON = DecodingProblem(description: "the answer is not valid JSON")
    static let notExpectedObject = DecodingProblem(description: "the answer is not the expected JSON object")

    static func missing(_ path: String) -> DecodingProblem {
        DecodingProblem(description: "field '\(path)' is missing")
    }

    static func null(_ path: String) -> DecodingProblem {
        DecodingProblem(description: "field '\(path)' is null")
    }

    /// `expected` is "a string", "a list", "an object" or "true or false".
    static func notA(_ expected: String, _ path: String) -> DecodingProblem {
        path.isEmpty ? notExpectedObject : DecodingProblem(description: "field '\(path)' is not \(expected)")
    }

    static func notTimestamp(_ path: String) -> DecodingProblem {
        DecodingProblem(description: "field '\(path)' is not an ISO 8601 timestamp")
    }
}
