#!/usr/bin/env bash
# drift: the Markdown report (for the issue and the log; ztahooks appends it to the job summary
# itself) and the JSON report (kept as an artifact). Exit 0 (clean) and 2 (drift, which the issue
# tracks) pass; anything else is an error that fails the step.
# Environment: ZTA_API_TOKEN, ZTA_SECRETS_FILE, ZTAHOOKS_SLACK_WEBHOOK_URL, STALE_AFTER.
# Outputs: code, drift (true|false), report-file, report-markdown.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$here/lib.sh"

report="$workdir/drift.json"
markdown="$workdir/drift.md"
rm -f "$report" "$markdown"
args=(--format markdown --report "$report")
if [ -n "${STALE_AFTER:-}" ]; then args+=(--stale-after "$STALE_AFTER"); fi
code=0
ztahooks drift "${args[@]}" "${common[@]}" "${paths[@]}" > "$markdown" || code=$?
cat "$markdown"
output code "$code"
output report-markdown "$markdown"
if [ -f "$report" ]; then output report-file "$report"; fi
case "$code" in
  0) output drift false ;;
  2) output drift true ;;
  *) die "ztahooks drift failed (exit $code): see the lines above. The drift issue is left as it was." ;;
esac
