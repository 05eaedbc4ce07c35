#!/usr/bin/env bash
# plan: the full text plan for the log, then the Markdown plan (appended to the job summary by
# ztahooks itself, and kept for the pull-request comment) and the saved plan for the merge job.
# Outputs: exit-code (0 nothing to change, 2 changes pending), changes (true|false), plan-file,
# plan-markdown. Any other exit code of ztahooks fails the step with that code.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$here/lib.sh"

# Change-aware: only the sites whose files the pull request changed.
if [ -n "${ZTAHOOKS_CHANGED_SINCE:-}" ]; then common+=(--changed-since "$ZTAHOOKS_CHANGED_SINCE"); fi

plan_file="$workdir/plan.json"
plan_markdown="$workdir/plan.md"
rm -f "$plan_file" "$plan_markdown"

# The text plan, whole, for the log (the job summary gets the Markdown run below).
code=0
ztahooks plan --no-step-summary --detailed-exitcode "${common[@]}" "${paths[@]}" || code=$?
if [ "$code" -ne 0 ] && [ "$code" -ne 2 ]; then
  output exit-code "$code"
  die "ztahooks plan failed (exit $code): see the lines above. No plan was saved."
fi
# The Markdown plan (comment-sized) and the saved plan: a second listing, so that both come
# from the same answers.
code=0
ztahooks plan --format markdown --out "$plan_file" --detailed-exitcode "${common[@]}" "${paths[@]}" > "$plan_markdown" || code=$?
output exit-code "$code"
if [ "$code" -ne 0 ] && [ "$code" -ne 2 ]; then
  die "ztahooks plan --format markdown failed (exit $code): see the lines above. No plan was saved."
fi
[ -s "$plan_file" ] || die "ztahooks plan wrote no saved plan at $plan_file"
output changes "$([ "$code" -eq 2 ] && echo true || echo false)"
output plan-file "$plan_file"
output plan-markdown "$plan_markdown"
