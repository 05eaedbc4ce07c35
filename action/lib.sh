# shellcheck shell=bash
# Sourced by every script of the ztahooks action (never run by itself): strict mode, messages as
# workflow commands, and the arguments that every ztahooks command of the action shares.
set -euo pipefail

# ::error:: and ::warning:: become annotations on the run; die also stops the step.
die() { echo "::error::$*"; exit "${DIE_CODE:-1}"; }
warn() { echo "::warning::$*"; }
notice() { echo "::notice::$*"; }
# A step output (single-line values only: every value the action writes is a word, a number or a path).
output() { printf '%s=%s\n' "$1" "$2" >> "${GITHUB_OUTPUT:-/dev/null}"; }
# Lines for the job summary, when there is one.
summary() { if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then printf '%s\n' "$@" >> "$GITHUB_STEP_SUMMARY"; fi; }

# Where the action keeps its files for the job: the plan, the reports, the reviewed plan.
workdir="${RUNNER_TEMP:?RUNNER_TEMP is not set: not on an Actions runner?}/ztahooks"
mkdir -p "$workdir"

# Inputs that ztahooks reads from the environment arrive as ZTAHOOKS_INPUT_*. A non-empty input
# sets ztahooks' variable; an empty one leaves whatever the job's env: set (ZTA_API_URL for all
# steps, say), and a variable left empty is unset, so that ztahooks uses its own default.
for pair in ZTA_API_URL:API_URL ZTA_API_TOKEN:API_TOKEN ZTAHOOKS_SECRETS_KEY:SECRETS_KEY \
  ZTA_SECRETS_FILE:SECRETS_FILE ZTAHOOKS_SLACK_WEBHOOK_URL:SLACK_WEBHOOK_URL; do
  var=${pair%%:*}
  input=ZTAHOOKS_INPUT_${pair#*:}
  if [ -n "${!input:-}" ]; then export "$var=${!input}"; fi
  unset "$input"
  if [ -z "${!var:-}" ]; then unset "$var"; fi
done
unset pair var input

# The site paths (input `paths`: separated by spaces or newlines; no globbing) and the project file.
# shellcheck disable=SC2034 # used by the scripts that source this file
paths=()
if [ -n "${ZTAHOOKS_PATHS:-}" ]; then
  # shellcheck disable=SC2034
  read -r -d '' -a paths <<< "$ZTAHOOKS_PATHS" || true
fi
# shellcheck disable=SC2034
common=()
if [ -n "${ZTAHOOKS_CONFIG:-}" ]; then common+=(--config "$ZTAHOOKS_CONFIG"); fi

# The link to this run, for comments, issues and messages.
run_url="${GITHUB_SERVER_URL:-https://github.com}/${GITHUB_REPOSITORY:-}/actions/runs/${GITHUB_RUN_ID:-}"
export run_url
