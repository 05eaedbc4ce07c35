/// Which lines of a plan fit in a Markdown budget, most important first: every site's errors,
/// deletes and replaces before any create, and creates before flags, unmanaged webhooks and notes.
/// A site with a thousand "secret unknown" flags can therefore never push another site's delete
/// out of a pull-request comment.
struct PlanMarkdownSelection {
    /// What a line is, in the order lines are kept when not all of them fit.
    enum Tier: Int, Comparable, CaseIterable {
        case destructive, create, finding

        static func < (a: Tier, b: Tier) -> Bool { a.rawValue < b.rawValue }

        /// "2 creates", "1 note or flag" and the like, for the count of what was cut.
        func count(_ n: Int) -> String {
            switch self {
            case .destructive: "\(n) delete\(n == 1 ? "" : "s") or replace\(n == 1 ? "" : "s")"
            case .create: "\(n) create\(n == 1 ? "" : "s")"
            case .finding: "\(n) flag\(n == 1 ? "" : "s") or note\(n == 1 ? "" : "s")"
            }
        }
    }

    /// One line of a site's section (an action with its explanations, a flag, a note), already rendered.
    struct Entry {
        var tier: Tier
        var text: String
    }

    /// A site with something to say, its entries in plan order.
    struct Site {
        var plan: SitePlan
        var entries: [Entry]
        /// The table row and the section's wrapper, paid once when anything of the site is shown.
        var overhead: Int
    }

    /// For each site, whether each entry is shown.
    private(set) var shown: [[Bool]]

    /// Keeps entries tier by tier, site by site, until one does not fit; from then on nothing
    /// else is kept, so that no create is shown while a delete is cut.
    init(_ sites: [Site], budget: Int, used: Int) {
        shown = sites.map { Array(repeating: false, count: $0.entries.count) }
        var used = used
        var opened = Array(repeating: false, count: sites.count)
        for tier in Tier.allCases {
            for (s, site) in sites.enumerated() {
                for (e, entry) in site.entries.enumerated() where entry.tier == tier {
                    let cost = entry.text.utf8.count + (opened[s] ? 0 : site.overhead)
                    guard used + cost <= budget else { return }
                    used += cost
                    opened[s] = true
                    shown[s][e] = true
                }
            }
        }
    }

    var isComplete: Bool { shown.allSatisfy { $0.allSatisfy { $0 } } }

    /// What was cut from site `index`, as "2 creates, 1 flag or note"; nil when nothing was.
    func cut(_ site: Site, at index: Int) -> String? {
        let counts = Tier.allCases.compactMap { tier -> String? in
            let n = zip(site.entries, shown[index]).count { $0.tier == tier && !$1 }
            return n == 0 ? nil : tier.count(n)
        }
        return counts.isEmpty ? nil : counts.joined(separator: ", ")
    }
}
