import Testing
@testable import ZTAHooksCore

/// Summaries never call a run clean that did not look at everything.
struct PlanCoverageTests {
    private func plan(failing: Int, clean: Int) -> Plan {
        let sites = (0..<failing).map { SitePlan(siteId: "site_f\($0)", file: "f\($0).yaml", prune: true, error: "unreachable") }
            + (0..<clean).map { SitePlan(siteId: "site_c\($0)", file: "c\($0).yaml", prune: true) }
        return Plan(sites: sites)
    }

    @Test func noChangesOnlyWhenEverythingWasChecked() {
        #expect(PlanTextRenderer.render(plan(failing: 0, clean: 2)) == "No changes: live webhooks match the site files. 0 unchanged.\n")
        #expect(PlanMarkdownRenderer.render(plan(failing: 0, clean: 2)).contains("**No changes.**"))
    }

    @Test func anUnreachableAPIIsNotCalledClean() {
        let text = PlanTextRenderer.render(plan(failing: 3, clean: 0))
        #expect(!text.contains("No changes"))
        #expect(text.hasSuffix("Nothing was checked: 3 sites that could not be planned (listing failed or over the cap). 0 unchanged.\n"))
        let markdown = PlanMarkdownRenderer.render(plan(failing: 3, clean: 0))
        #expect(!markdown.contains("No changes."))
        #expect(markdown.contains("**⚠️ Nothing was checked: 3 sites that could not be planned"))
    }

    @Test func invalidFilesAndFailedSitesAreNamedBesideWhatWasChecked() {
        let text = PlanTextRenderer.render(plan(failing: 1, clean: 2), invalidFiles: 2)
        #expect(text.contains("No changes on the 2 sites checked; not checked: 1 site that could not be planned "
            + "(listing failed or over the cap) and 2 site files with errors."))
        #expect(PlanTextRenderer.render(Plan(sites: []), invalidFiles: 1) == "Nothing was checked: 1 site file with errors. 0 unchanged.\n")
    }
}
