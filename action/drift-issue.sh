#!/usr/bin/env bash
# drift: ONE issue, labelled ISSUE_LABEL: opened when drift appears, its body replaced while the
# drift lasts, closed with a comment on the first clean run. Then, with FAIL_ON_DRIFT, drift fails
# the job. Environment: GH_TOKEN, GH_REPO, CODE (drift's exit code, 0 or 2), REPORT_MARKDOWN,
# ISSUE (true|false), ISSUE_LABEL, ISSUE_TITLE, FAIL_ON_DRIFT. Output: issue (its number).
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$here/lib.sh"

label=${ISSUE_LABEL:-ztahooks-drift}
if [ "${ISSUE:-true}" = true ]; then
  gh label create "$label" --color D93F0B --description "webhooks drifted from the site files" > /dev/null 2>&1 || true
  open=$(gh issue list --label "$label" --state open --limit 100 --json number) \
    || die "could not list the issues labelled $label (does the job grant issues: write?)"
  number=$(jq -r 'map(.number) | min // empty' <<< "$open")
  if [ "$CODE" = 2 ]; then
    # An issue body holds at most 65,536 characters; the whole report is in the run.
    body="$workdir/issue.md"
    { head -c 60000 "$REPORT_MARKDOWN"; printf '\n\n---\nRun: %s (the whole JSON report is its drift artifact)\n' "$run_url"; } > "$body"
    if [ -n "$number" ]; then
      gh issue edit "$number" --body-file "$body" > /dev/null || die "could not update issue #$number"
      echo "drift persists: updated issue #$number"
    else
      created=$(gh issue create --title "${ISSUE_TITLE:-Webhook drift}" --label "$label" --body-file "$body") \
        || die "could not open the drift issue (does the job grant issues: write?)"
      number=${created##*/}
      echo "drift: opened issue #$number"
    fi
    output issue "$number"
  elif [ -n "$number" ]; then
    gh issue close "$number" --comment "No drift on $(date -u +%F): closed by $run_url" > /dev/null || die "could not close issue #$number"
    echo "no drift: closed issue #$number"
    output issue "$number"
  else
    echo "no drift, and no open drift issue"
  fi
fi
if [ "$CODE" = 2 ] && [ "${FAIL_ON_DRIFT:-false}" = true ]; then
  die "drift found (fail-on-drift is true): see the report above${number:+ and issue #$number}"
fi
