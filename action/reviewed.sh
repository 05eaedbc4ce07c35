#!/usr/bin/env bash
# apply: the plan reviewed on the merged pull request, on a push (a run by hand plans fresh).
# The pull request of the merged commit; the newest successful run of the plan workflow for its
# head commit, made in this repository; that run's plan artifact. Any of them missing: no
# reviewed plan, and apply plans fresh, held by the guards. A pull request from a fork never
# supplies the plan: its run had no secrets and its artifacts are its author's.
# Environment: GH_TOKEN, PLAN_WORKFLOW, PLAN_ARTIFACT. Outputs: plan (path), pull-request, run.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$here/lib.sh"

if [ "${GITHUB_EVENT_NAME:-}" != push ]; then
  echo "not a push (${GITHUB_EVENT_NAME:-unknown event}): no reviewed plan to look for; apply plans fresh"
  exit 0
fi
repository=$GITHUB_REPOSITORY
pulls=$(gh api "repos/$repository/commits/$GITHUB_SHA/pulls") \
  || die "could not look up the pull request of $GITHUB_SHA (does the job grant pull-requests: read?). Nothing was applied."
pr=$(jq -r --arg sha "$GITHUB_SHA" \
  '[.[] | select(.merged_at != null)] | sort_by(.merge_commit_sha != $sha) | .[0] // empty | "\(.number) \(.head.sha) \(.head.repo.full_name // "")"' <<< "$pulls")
if [ -z "$pr" ]; then
  echo "no merged pull request for $GITHUB_SHA: apply plans fresh"
  exit 0
fi
read -r number head head_repository <<< "$pr"
if [ "$head_repository" != "$repository" ]; then
  echo "pull request #$number came from ${head_repository:-a deleted fork}: its plan run had no secrets and its artifacts are not trusted; apply plans fresh"
  exit 0
fi
runs=$(gh api "repos/$repository/actions/workflows/$PLAN_WORKFLOW/runs?head_sha=$head&status=success&event=pull_request&per_page=100") \
  || die "could not list the runs of $PLAN_WORKFLOW (is that the plan workflow's file name, and does the job grant actions: read?). Nothing was applied."
run=$(jq -r --arg repository "$repository" \
  '[.workflow_runs[] | select(.head_repository.full_name == $repository)] | sort_by(.run_number) | last | .id // empty' <<< "$runs")
if [ -z "$run" ]; then
  echo "pull request #$number has no successful $PLAN_WORKFLOW run for its head $head: apply plans fresh"
  exit 0
fi
into="$workdir/reviewed"
rm -rf "$into"
if ! gh run download "$run" --repo "$repository" --name "$PLAN_ARTIFACT" --dir "$into" || [ ! -s "$into/plan.json" ]; then
  echo "run $run of pull request #$number kept no $PLAN_ARTIFACT artifact with a plan.json (expired, or the run had no token): apply plans fresh"
  exit 0
fi
output plan "$into/plan.json"
output pull-request "$number"
output run "$run"
echo "the plan reviewed on pull request #$number (run $run, head $head)"
