import Foundation
import Testing
@testable import ZTAHooksCore

/// One bad site file and every line `validate` prints for it.
struct BadSiteFile: CustomTestStringConvertible, Sendable {
    var name: String
    var yaml: String
    var expected: [String]
    var testDescription: String { name }
}

private let header = "site: site_a1\nwebhooks:\n"
private let hook = "  - name: ops\n    url: https://h.example.com/a\n    events: [alert]\n"

private func webhook(name: String = "ops", url: String = "https://h.example.com/a", events: String = "[alert]") -> String {
    "  - name: \(name)\n    url: \(url)\n    events: \(events)\n"
}

private let noWebhooksWarning = "warning: no webhooks declared: apply will delete every live webhook of this site and needs --allow-empty"

struct ConfigValidationTests {
    static let cases: [BadSiteFile] = [
        // Shape
        BadSiteFile(name: "top level is a list", yaml: "- a\n- b\n", expected: [
            "site.yaml:1:1: error: the top level must be a mapping with 'site' and 'webhooks', found a list (start the file with 'site: <site ID>')",
        ]),
        BadSiteFile(name: "top level is a string", yaml: "hello\n", expected: [
            "site.yaml:1:1: error: the top level must be a mapping with 'site' and 'webhooks', found a string (start the file with 'site: <site ID>')",
        ]),
        BadSiteFile(name: "empty file", yaml: "", expected: [
            "site.yaml:1:1: error: file is empty; a site file needs 'site:' and 'webhooks:' (see examples/sites for a start)",
        ]),
        BadSiteFile(name: "comments only", yaml: "# only\n# comments\n", expected: [
            "site.yaml:1:1: error: file is empty; a site file needs 'site:' and 'webhooks:' (see examples/sites for a start)",
        ]),
        BadSiteFile(name: "two documents", yaml: "site: site_a1\nwebhooks: []\n---\nsite: site_b\n", expected: [
            "site.yaml:2:11: \(noWebhooksWarning)",
            "site.yaml:3:1: error: more than one YAML document in this file; a site file holds exactly one site (remove this '---' and what follows, or move it to a file of its own)",
        ]),
        BadSiteFile(name: "missing site", yaml: "webhooks: []\n", expected: [
            "site.yaml:1:1: error: missing required key 'site' (add 'site: <site ID>', such as site: site_abc123)",
            "site.yaml:1:11: \(noWebhooksWarning)",
        ]),
        BadSiteFile(name: "missing webhooks", yaml: "site: site_a1\n", expected: [
            "site.yaml:1:1: error: missing required key 'webhooks' (add 'webhooks:' with a list of webhooks, or 'webhooks: []' for none)",
        ]),
        BadSiteFile(name: "misspelt top-level key", yaml: "site: site_a1\nwebhoks: []\n", expected: [
            "site.yaml:2:1: error: unknown key 'webhoks' (did you mean 'webhooks'?)",
        ]),
        BadSiteFile(name: "unknown top-level key", yaml: "site: site_a1\nwebhooks: []\nowner: me\n", expected: [
            "site.yaml:2:11: \(noWebhooksWarning)",
            "site.yaml:3:1: error: unknown key 'owner' (allowed keys here: site, prune, webhooks)",
        ]),
        BadSiteFile(name: "duplicate top-level key", yaml: "site: site_a1\nwebhooks: []\nsite: site_b2\n", expected: [
            "site.yaml:2:11: \(noWebhooksWarning)",
            "site.yaml:3:1: error: duplicate key 'site' (first at line 1) (remove one of them)",
        ]),
        BadSiteFile(name: "key repeated three times", yaml: "site: a\nsite: b\nsite: c\nwebhooks: []\n", expected: [
            "site.yaml:2:1: error: duplicate key 'site' (first at line 1) (remove one of them)",
            "site.yaml:3:1: error: duplicate key 'site' (first at line 1) (remove one of them)",
            "site.yaml:4:11: \(noWebhooksWarning)",
        ]),
        BadSiteFile(name: "webhooks is a mapping", yaml: "site: site_a1\nwebhooks:\n  name: a\n", expected: [
            "site.yaml:3:3: error: 'webhooks' must be a list, found a mapping (start each webhook with '- name:')",
        ]),
        BadSiteFile(name: "webhooks left empty", yaml: "site: site_a1\nwebhooks:\n", expected: [
            "site.yaml:2:10: error: 'webhooks' must be a list, found nothing (write 'webhooks: []' for a site without webhooks)",
        ]),
        BadSiteFile(name: "webhook is a string", yaml: header + "  - ops\n", expected: [
            "site.yaml:3:5: error: a webhook must be a mapping with 'name', 'url' and 'events', found a string",
        ]),
        BadSiteFile(name: "webhook is a list", yaml: header + "  - [a]\n", expected: [
            "site.yaml:3:5: error: a webhook must be a mapping with 'name', 'url' and 'events', found a list",
        ]),
        // Site and prune
        BadSiteFile(name: "site is a number", yaml: "site: 12345\nwebhooks: []\n", expected: [
            "site.yaml:1:7: error: 'site' must be a string, found a number (quote it: site: \"12345\")",
            "site.yaml:2:11: \(noWebhooksWarning)",
        ]),
        BadSiteFile(name: "site is empty", yaml: "site: \"\"\nwebhooks: []\n", expected: [
            "site.yaml:1:7: error: 'site' must not be empty (write the ZTA site ID, such as site_abc123)",
            "site.yaml:2:11: \(noWebhooksWarning)",
        ]),
        BadSiteFile(name: "site has a space", yaml: "site: my site!\nwebhooks: []\n", expected: [
            "site.yaml:1:7: error: invalid site ID 'my site!': use letters, digits, '_' and '-', at most 64",
            "site.yaml:2:11: \(noWebhooksWarning)",
        ]),
        BadSiteFile(name: "prune: yes", yaml: "site: site_a1\nprune: yes\nwebhooks: []\n", expected: [
            "site.yaml:2:8: error: 'prune' must be true or false, found 'yes' (YAML 1.1 reads 'yes' as a boolean and YAML 1.2 as text; write true or false)",
            "site.yaml:3:11: \(noWebhooksWarning)",
        ]),
        BadSiteFile(name: "prune quoted", yaml: "site: site_a1\nprune: \"true\"\nwebhooks: []\n", expected: [
            "site.yaml:2:8: error: 'prune' must be true or false, found a string",
            "site.yaml:3:11: \(noWebhooksWarning)",
        ]),
        BadSiteFile(name: "too many webhooks", yaml: header + (0..<12).map { webhook(name: "ops\($0)", url: "https://h.example.com/\($0)") }.joined(), expected: [
            "site.yaml:33:5: error: too many webhooks: a site may have at most 10 (a ZTA API limit); this is number 11 (split the receivers differently or remove some)",
        ]),
        // Webhook keys
        BadSiteFile(name: "missing url", yaml: header + "  - name: ops\n    events: [alert]\n", expected: [
            "site.yaml:3:5: error: webhook 'ops' is missing required key 'url' (add the receiver's URL such as 'url: https://hooks.example.com/zta')",
        ]),
        BadSiteFile(name: "misspelt webhook key", yaml: header + "  - name: ops\n    url: https://h.example.com/a\n    evnets: [goal]\n", expected: [
            "site.yaml:5:5: error: unknown key 'evnets' (did you mean 'events'?)",
        ]),
        BadSiteFile(name: "duplicate webhook key", yaml: header + hook + "    url: https://h.example.com/b\n", expected: [
            "site.yaml:6:5: error: duplicate key 'url' (first at line 4) (remove one of them)",
        ]),
        // Names
        BadSiteFile(name: "name with capitals and underscore", yaml: header + webhook(name: "Ops_Alerts"), expected: [
            "site.yaml:3:11: error: invalid webhook name 'Ops_Alerts': use lowercase letters, digits and single '-' between them (try 'ops-alerts')",
        ]),
        BadSiteFile(name: "name is a number", yaml: header + webhook(name: "404"), expected: [
            "site.yaml:3:11: error: 'name' must be a string, found a number (quote it: name: \"404\")",
        ]),
        BadSiteFile(name: "name too long", yaml: header + webhook(name: String(repeating: "a", count: 64)), expected: [
            "site.yaml:3:11: error: webhook name is 64 characters long; the limit is 63",
        ]),
        BadSiteFile(name: "duplicate name", yaml: header + hook + webhook(url: "https://h.example.com/b"), expected: [
            "site.yaml:6:11: error: duplicate webhook name 'ops' (first at line 3) (names must be unique in a site: they key the secrets file)",
        ]),
        // URLs
        BadSiteFile(name: "http URL", yaml: header + webhook(url: "http://h.example.com/a"), expected: [
            "site.yaml:4:10: error: URL must use HTTPS; the ZTA API rejects http:// URLs (use https://h.example.com/a)",
        ]),
        BadSiteFile(name: "relative URL", yaml: header + webhook(url: "/zta/hook"), expected: [
            "site.yaml:4:10: error: URL must be absolute, such as https://hooks.example.com/zta (the ZTA API needs the full address of your receiver)",
        ]),
        BadSiteFile(name: "URL with credentials", yaml: header + webhook(url: "https://user:pass@h.example.com/a"), expected: [
            "site.yaml:4:10: error: URL contains credentials (user:password@); a password in git is a leaked password (remove them; receivers authenticate deliveries by their X-ZTA-Signature)",
        ]),
        BadSiteFile(name: "URL with fragment", yaml: header + webhook(url: "https://h.example.com/a#top"), expected: [
            "site.yaml:4:10: error: URL has a fragment ('#...'), which is never sent to the receiver (remove everything from '#')",
        ]),
        BadSiteFile(name: "URL without host", yaml: header + webhook(url: "https:///a"), expected: [
            "site.yaml:4:10: error: URL has no host (such as https://hooks.example.com/zta)",
        ]),
        BadSiteFile(name: "URL with bad port", yaml: header + webhook(url: "https://h.example.com:99999/a"), expected: [
            "site.yaml:4:10: error: URL has an invalid port '99999' (a port is a number from 1 to 65535)",
        ]),
        BadSiteFile(name: "URL in capitals", yaml: header + webhook(url: "HTTPS://h.example.com/a"), expected: [
            "site.yaml:4:10: error: URL scheme must be lowercase: write 'https://'",
        ]),
        BadSiteFile(name: "ftp URL", yaml: header + webhook(url: "ftp://h.example.com/a"), expected: [
            "site.yaml:4:10: error: URL must use https://, found 'ftp://'",
        ]),
        BadSiteFile(name: "same URL after normalisation", yaml: header + hook + webhook(name: "ops2", url: "https://H.Example.com:443/a"), expected: [
            "site.yaml:7:10: error: duplicate URL: webhook 'ops' at line 4 has the same URL (a URL identifies its webhook, so it must be unique in a site; scheme and host compare case-insensitively and a default port is ignored)",
        ]),
        // Events
        BadSiteFile(name: "events is a scalar", yaml: header + webhook(events: "alert"), expected: [
            "site.yaml:5:13: error: 'events' must be a list of event types, found a string (write a list: events: [alert])",
        ]),
        BadSiteFile(name: "events is empty", yaml: header + webhook(events: "[]"), expected: [
            "site.yaml:5:13: error: 'events' needs at least one event type (choose from: pageview, event, goal, alert, session_end)",
        ]),
        BadSiteFile(name: "event in the wrong case", yaml: header + webhook(events: "[PageView]"), expected: [
            "site.yaml:5:14: error: unknown event type 'PageView' (did you mean 'pageview'?)",
        ]),
        BadSiteFile(name: "event misspelt", yaml: header + webhook(events: "[pagview]"), expected: [
            "site.yaml:5:14: error: unknown event type 'pagview' (did you mean 'pageview'?)",
        ]),
        BadSiteFile(name: "event with a dash", yaml: header + webhook(events: "[session-end]"), expected: [
            "site.yaml:5:14: error: unknown event type 'session-end' (did you mean 'session_end'?)",
        ]),
        BadSiteFile(name: "event unknown", yaml: header + webhook(events: "[click]"), expected: [
            "site.yaml:5:14: error: unknown event type 'click' (expected one of: pageview, event, goal, alert, session_end)",
        ]),
        BadSiteFile(name: "event twice", yaml: header + webhook(events: "[goal, alert, goal]"), expected: [
            "site.yaml:5:27: error: duplicate event type 'goal' (first at column 14) (remove one of them)",
        ]),
        BadSiteFile(name: "event is a number", yaml: header + webhook(events: "[1]"), expected: [
            "site.yaml:5:14: error: an event type must be a string, found a number (choose from: pageview, event, goal, alert, session_end)",
        ]),
        // Description
        BadSiteFile(name: "description is a number", yaml: header + hook + "    description: 42\n", expected: [
            "site.yaml:6:18: error: 'description' must be a string, found a number (quote it: description: \"42\")",
        ]),
        BadSiteFile(name: "description too long", yaml: header + hook + "    description: \(String(repeating: "x", count: 501))\n", expected: [
            "site.yaml:6:18: error: description is 501 characters long; the limit is 500",
        ]),
        // YAML itself
        BadSiteFile(name: "unclosed flow list", yaml: "site: site_a1\nwebhooks: [\n", expected: [
            "site.yaml:3:1: error: invalid YAML: did not find expected node content (while parsing a flow node at line 3, column 1)",
        ]),
        BadSiteFile(name: "bad indentation", yaml: "site: site_a1\n  webhooks: []\n", expected: [
            "site.yaml:2:11: error: invalid YAML: mapping values are not allowed in this context",
        ]),
        BadSiteFile(name: "undefined alias", yaml: "site: site_a1\nwebhooks: *nope\n", expected: [
            "site.yaml:2:11: error: invalid YAML: found undefined alias",
        ]),
        BadSiteFile(name: "tab indentation", yaml: "site: site_a1\nwebhooks:\n\t- name: a\n", expected: [
            "site.yaml:3:1: error: invalid YAML: found character that cannot start any token (while scanning for the next token at line 3, column 1)",
        ]),
    ]

    @Test(arguments: cases)
    func reportsEveryProblemWithItsPlace(_ file: BadSiteFile) {
        let (site, diagnostics) = SiteLoader.parse(path: "site.yaml", contents: Data(file.yaml.utf8))
        #expect(diagnostics.map(\.description) == file.expected)
        #expect(site == nil || !diagnostics.hasErrors)
    }

    @Test func reportsProblemsFromAllWebhooksInOneRun() {
        let yaml = header
            + webhook(name: "Bad_Name")
            + webhook(name: "two", url: "http://h.example.com/b")
            + webhook(name: "three", url: "https://h.example.com/c", events: "[pagview]")
        let (site, diagnostics) = SiteLoader.parse(path: "s.yaml", contents: Data(yaml.utf8))
        #expect(site == nil)
        #expect(diagnostics.map { "\($0.location.line):\($0.location.column)" } == ["3:11", "7:10", "11:14"])
    }

    @Test func parsesAValidFileIntoTheModel() throws {
        let yaml = """
            site: site_a1
            prune: false
            webhooks:
              - name: ops-alerts
                url: https://hooks.example.com/zta/alerts
                events: [alert, goal]
                description: "Traffic spikes: to ops"
            """
        let (site, diagnostics) = SiteLoader.parse(path: "a.yaml", contents: Data(yaml.utf8))
        #expect(diagnostics.isEmpty)
        let parsed = try #require(site)
        #expect(parsed.site == "site_a1")
        #expect(parsed.prune == false)
        #expect(parsed.siteLocation == SourceLocation(file: "a.yaml", line: 1, column: 1))
        #expect(parsed.webhooksLocation == SourceLocation(file: "a.yaml", line: 3, column: 1))
        #expect(parsed.webhooks == [
            DeclaredWebhook(
                name: "ops-alerts", url: "https://hooks.example.com/zta/alerts", events: [.alert, .goal],
                description: "Traffic spikes: to ops", location: SourceLocation(file: "a.yaml", line: 4, column: 5),
                urlLocation: SourceLocation(file: "a.yaml", line: 5, column: 10)
            ),
        ])
    }

    @Test func pruneDefaultsToTrueAndAnEmptyListOnlyWarns() throws {
        let (site, diagnostics) = SiteLoader.parse(path: "a.yaml", contents: Data("site: s1\nwebhooks: []\n".utf8))
        #expect(try #require(site).prune == true)
        #expect(diagnostics.map(\.description) == ["a.yaml:2:11: \(noWebhooksWarning)"])
    }

    /// An explicit `!!bool` tag says what the value is; only the spellings YAML versions read
    /// differently stay refused.
    @Test func anExplicitlyTaggedBooleanIsABoolean() throws {
        let file = "site: s1\nprune: !!bool false\nwebhooks:\n  - name: a\n    url: https://h.example.com/a\n    events: [alert]\n"
        let (site, diagnostics) = SiteLoader.parse(path: "a.yaml", contents: Data(file.utf8))
        #expect(diagnostics.isEmpty)
        #expect(try #require(site).prune == false)
        let (_, yes) = SiteLoader.parse(path: "a.yaml", contents: Data("site: s1\nprune: !!bool yes\nwebhooks: []\n".utf8))
        #expect(yes.first?.description.contains("'prune' must be true or false, found 'yes'") == true)
    }

    @Test func anEmptyListWithoutPruneWarnsThatNothingChanges() {
        let (_, diagnostics) = SiteLoader.parse(path: "a.yaml", contents: Data("site: s1\nprune: false\nwebhooks: []\n".utf8))
        #expect(diagnostics.map(\.description) == [
            "a.yaml:3:11: warning: no webhooks declared and prune is false: this file changes nothing",
        ])
    }

    @Test func acceptsYAMLThatOnlyLooksSuspicious() throws {
        // Quotes, colons, brackets and '#' inside values; a block scalar with brackets; a
        // plain scalar over two lines whose second line starts with a quote.
        let yaml = """
            # yaml-language-server: $schema=../schemas/site.schema.json
            ---
            site: 'site_a1'
            webhooks:
              - name: "ops"
                url: https://h.example.com/a?x=[1]&y=*z#
                events: [alert]
              - name: two
                url: 'https://h.example.com/b?q=a:b'  # quoted
                events:
                  - goal # goals only
                description: |
                  [[[[ not a list: *not-an-alias
                  ? not a key
              - name: three
                url: https://h.example.com/c
                events: [ pageview , event ]
                description: it's a long
                  'story' with *stars and [brackets] # and a comment
            ...
            """
        let (site, diagnostics) = SiteLoader.parse(path: "a.yaml", contents: Data(yaml.utf8))
        // The only problem is the fragment, which is deliberate: the '#' ends the URL value.
        #expect(diagnostics.map(\.message) == ["URL has a fragment ('#...'), which is never sent to the receiver"])
        #expect(site == nil)
        let fixed = yaml.replacingOccurrences(of: "&y=*z#", with: "&y=*z")
        let (fixedSite, fixedDiagnostics) = SiteLoader.parse(path: "a.yaml", contents: Data(fixed.utf8))
        #expect(fixedDiagnostics.isEmpty)
        let webhooks = try #require(fixedSite).webhooks
        #expect(webhooks.map(\.name) == ["ops", "two", "three"])
        #expect(webhooks[1].description == "[[[[ not a list: *not-an-alias\n? not a key\n")
        #expect(webhooks[2].description == "it's a long 'story' with *stars and [brackets]")
        #expect(webhooks[2].events == [.pageview, .event])
    }

    @Test func acceptsWindowsLineEndingsAndAByteOrderMark() throws {
        let yaml = "\u{FEFF}" + (header + hook).replacingOccurrences(of: "\n", with: "\r\n")
        let (site, diagnostics) = SiteLoader.parse(path: "a.yaml", contents: Data(yaml.utf8))
        #expect(diagnostics.isEmpty)
        #expect(try #require(site).webhooks.map(\.url) == ["https://h.example.com/a"])
        let broken = yaml.replacingOccurrences(of: "[alert]", with: "[alert, pagview]")
        #expect(SiteLoader.parse(path: "a.yaml", contents: Data(broken.utf8)).diagnostics.map(\.description) == [
            "a.yaml:5:21: error: unknown event type 'pagview' (did you mean 'pageview'?)",
        ])
    }

    @Test func anchorsAndAliasesReuseAnEventList() throws {
        let yaml = header
            + "  - name: a\n    url: https://h.example.com/a\n    events: &shared [pageview, goal]\n"
            + "  - name: b\n    url: https://h.example.com/b\n    events: *shared\n"
        let (site, diagnostics) = SiteLoader.parse(path: "a.yaml", contents: Data(yaml.utf8))
        #expect(diagnostics.isEmpty)
        #expect(try #require(site).webhooks.map(\.events) == [[.pageview, .goal], [.pageview, .goal]])
    }
}
