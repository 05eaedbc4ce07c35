#!/usr/bin/env bash
# plan: the pull request's ONE ztahooks comment, found by its marker among the comments that
# COMMENT_AUTHOR wrote, edited on every push (created on the first). When this run made no plan
# (an invalid file, an API error), an existing comment is replaced by a notice that it is out of
# date, so that nobody approves a plan that is not the head's; none is created for that.
# Not for a fork's pull request (its token cannot write) nor outside a pull request.
# Environment: GH_TOKEN, PR_NUMBER, HEAD_REPOSITORY, HEAD_SHA, PLAN_OUTCOME (the plan step's
# outcome), PLAN_MARKDOWN, PLAN_ARTIFACT, COMMENT_AUTHOR. Output: comment-url.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$here/lib.sh"

if [ -z "${PR_NUMBER:-}" ]; then
  echo "not a pull request: no plan comment"
  exit 0
fi
if [ "${HEAD_REPOSITORY:-}" != "$GITHUB_REPOSITORY" ]; then
  echo "a pull request from a fork ($HEAD_REPOSITORY): its token cannot comment, so the plan is in the job summary only"
  exit 0
fi
[[ $PR_NUMBER =~ ^[0-9]+$ ]] || die "pull request number '$PR_NUMBER' is not a number"

marker='<!-- ztahooks-plan -->'
author=${COMMENT_AUTHOR:-github-actions[bot]}
commit=${HEAD_SHA:0:12}
comments="$workdir/comments.json"
# Every page of the comments; the first one by the author that starts with the marker.
gh api --paginate "repos/$GITHUB_REPOSITORY/issues/$PR_NUMBER/comments" > "$comments" \
  || die "could not list the comments of pull request #$PR_NUMBER (does the job grant pull-requests: write?)"
id=$(jq -rs --arg marker "$marker" --arg author "$author" \
  'add // [] | map(select(.user.login == $author and (.body // "" | startswith($marker)))) | .[0].id // empty' "$comments")

body="$workdir/comment.json"
if [ "${PLAN_OUTCOME:-}" = success ] && [ -s "${PLAN_MARKDOWN:-}" ]; then
  # shellcheck disable=SC2016 # the backquotes are Markdown
  footer=$(printf '\n\n---\n<sub>Plan of commit %s ([run %s](%s)). The merge applies exactly this plan (the `%s` artifact of this run), or nothing if the files or the live webhooks changed since.</sub>\n' \
    "$commit" "${GITHUB_RUN_ID:-}" "$run_url" "${PLAN_ARTIFACT:-ztahooks-plan}")
  # A comment holds 65,536 characters: ztahooks keeps the plan under that; the marker and the
  # footer must not push it over.
  jq -Rs --arg marker "$marker" --arg footer "$footer" \
    '{body: ($marker + "\n" + .[: (65536 - ($marker | length) - 1 - ($footer | length))] + $footer)}' \
    "$PLAN_MARKDOWN" > "$body"
elif [ -n "$id" ]; then
  jq -n --arg marker "$marker" --arg commit "$commit" --arg url "$run_url" \
    '{body: ($marker + "\n### ztahooks plan\n\n:warning: **No plan for commit " + $commit + "**: [the run](" + $url + ") failed before it could plan (see its annotations). The plan this comment showed was of an earlier commit and is out of date; the merge applies only a plan made for the merged head.\n")}' > "$body"
else
  echo "no plan and no earlier comment: nothing to post"
  exit 0
fi

if [ -n "$id" ]; then
  answer=$(gh api --method PATCH "repos/$GITHUB_REPOSITORY/issues/comments/$id" --input "$body") \
    || die "could not update the plan comment $id on pull request #$PR_NUMBER"
  echo "updated the plan comment on pull request #$PR_NUMBER"
else
  answer=$(gh api --method POST "repos/$GITHUB_REPOSITORY/issues/$PR_NUMBER/comments" --input "$body") \
    || die "could not comment on pull request #$PR_NUMBER (does the job grant pull-requests: write?)"
  echo "posted the plan comment on pull request #$PR_NUMBER"
fi
output comment-url "$(jq -r '.html_url // empty' <<< "$answer")"
