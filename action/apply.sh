#!/usr/bin/env bash
# apply: the reviewed plan (REVIEWED_PLAN) with `apply --plan`, which refuses (exit 3, nothing
# changed) when the site files or the live webhooks changed since it was made; or, without one,
# a fresh plan held by the guards. Before a reviewed plan is applied it is compared with a plan
# made now from the same files and the same live state: it must be what ztahooks plans, action
# for action, or it is refused (exit 3) as not made by `ztahooks plan` from these files.
# Environment: ZTA_API_TOKEN, ZTAHOOKS_SECRETS_KEY, ZTA_SECRETS_FILE, REVIEWED_PLAN,
# MAX_DELETES, ALLOW_EMPTY. Outputs: exit-code, applied (reviewed|fresh).
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$here/lib.sh"

guards=()
if [ -n "${MAX_DELETES:-}" ]; then
  [[ $MAX_DELETES =~ ^[0-9]+$ ]] || die "the input max-deletes is '$MAX_DELETES', not a number. Nothing was applied."
  guards+=(--max-deletes "$MAX_DELETES")
fi
case "${ALLOW_EMPTY:-false}" in
  true) guards+=(--allow-empty) ;;
  false | "") ;;
  *) die "the input allow-empty is '$ALLOW_EMPTY': true or false. Nothing was applied." ;;
esac

finish() {
  output exit-code "$1"
  exit "$1"
}

if [ -n "${REVIEWED_PLAN:-}" ]; then
  output applied reviewed
  fresh="$workdir/fresh-plan.json"
  code=0
  ztahooks plan --no-step-summary --out "$fresh" --detailed-exitcode "${common[@]}" "${paths[@]}" > /dev/null || code=$?
  if [ "$code" -ne 0 ] && [ "$code" -ne 2 ]; then
    echo "::error::could not plan now to check the reviewed plan against (exit $code): see the lines above. Nothing was applied."
    finish "$code"
  fi
  verdict=$(jq -rn --slurpfile reviewed "$REVIEWED_PLAN" --slurpfile fresh "$fresh" '
    def state: [.sites[] | {siteId, fingerprint}] | sort_by(.siteId);
    def actions: [.sites[] | {siteId, actions}] | sort_by(.siteId);
    $reviewed[0] as $r | $fresh[0] as $f
    | if ($r | type) != "object" or ($r.sourceChecksum // null) == null or ($r.sites | type) != "array" then "foreign"
      elif $r.sourceChecksum != $f.sourceChecksum or ($r | state) != ($f | state) then "stale"
      elif ($r | actions) != ($f | actions) then "different"
      else "same" end' 2>/dev/null) || verdict=foreign
  case "$verdict" in
    foreign | different)
      echo "::error::the reviewed plan is not what ztahooks plans from the merged site files and the live webhooks, though both are unchanged since it was made: it was not made by \`ztahooks plan\` from these files (a damaged or forged artifact). Nothing was applied. Run this workflow by hand to apply a fresh plan with the guards."
      finish 3 ;;
    stale) echo "the site files or the live webhooks changed since the reviewed plan was made: apply --plan refuses it" ;;
    same) echo "the reviewed plan is exactly what ztahooks plans now: applying it" ;;
  esac
  code=0
  ztahooks apply --plan "$REVIEWED_PLAN" --auto-approve "${guards[@]}" "${common[@]}" "${paths[@]}" || code=$?
  if [ "$code" -eq 3 ]; then
    echo "::error::the reviewed plan was not applied (refused, exit 3: stale or a guard). Read the plan of the current main, then run this workflow by hand (Actions > the apply workflow > Run workflow) to apply it fresh with the guards."
  fi
  finish "$code"
fi

output applied fresh
warn "no reviewed plan for this commit: applying a fresh plan, held by the guards (--max-deletes, --allow-empty)"
code=0
ztahooks apply --auto-approve "${guards[@]}" "${common[@]}" "${paths[@]}" || code=$?
finish "$code"
