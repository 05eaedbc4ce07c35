#!/usr/bin/env bash
# apply, whatever apply did (a failed apply may still have created webhooks whose secrets are
# only in this file): commits the sealed secrets file, and a journal a killed run left, back to
# the branch, rebasing over other merges (only this job writes the file, one run at a time, so a
# rebase never conflicts on it). Fails when the push does not go through; the next step then
# keeps the file as the run's artifact. Only the secrets file's paths are committed.
# Environment: ZTAHOOKS_PUSH_TOKEN (input github-token), ZTA_SECRETS_FILE.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$here/lib.sh"

file=${ZTA_SECRETS_FILE:-.ztahooks/secrets.json}
files=()
for f in "$file" "$file.journal"; do
  if [ -e "$f" ] || git ls-files --error-unmatch -- "$f" > /dev/null 2>&1; then files+=("$f"); fi
done
if [ ${#files[@]} -eq 0 ]; then
  echo "no secrets file: nothing to commit"
  exit 0
fi
git add --all --force -- "${files[@]}"
if git diff --cached --quiet -- "${files[@]}"; then
  echo "secrets file unchanged"
  exit 0
fi
export GIT_AUTHOR_NAME="github-actions[bot]" GIT_AUTHOR_EMAIL="41898282+github-actions[bot]@users.noreply.github.com"
export GIT_COMMITTER_NAME="$GIT_AUTHOR_NAME" GIT_COMMITTER_EMAIL="$GIT_AUTHOR_EMAIL"
git commit --quiet -m "ztahooks: sealed secrets file after the apply of ${GITHUB_SHA:0:12}" -- "${files[@]}"

# The token reaches git through a credential helper that reads it from the environment: it is
# never written to .git/config nor put on a command line.
remote="${GITHUB_SERVER_URL:-https://github.com}/$GITHUB_REPOSITORY.git"
branch=${GITHUB_REF_NAME:?GITHUB_REF_NAME is not set}
n=${GIT_CONFIG_COUNT:-0}
export "GIT_CONFIG_KEY_$n=credential.helper" "GIT_CONFIG_VALUE_$n="
export "GIT_CONFIG_KEY_$((n + 1))=credential.helper"
# shellcheck disable=SC2016 # expanded by the helper's shell, when git asks
export "GIT_CONFIG_VALUE_$((n + 1))=!f() { test \"\$1\" = get && printf 'username=x-access-token\npassword=%s\n' \"\$ZTAHOOKS_PUSH_TOKEN\"; }; f"
export GIT_CONFIG_COUNT=$((n + 2))
export GIT_TERMINAL_PROMPT=0

for attempt in 1 2 3; do
  if git push --quiet "$remote" "HEAD:refs/heads/$branch"; then
    echo "committed the sealed secrets file to $branch: $(git rev-parse --short=12 HEAD)"
    exit 0
  fi
  echo "push $attempt of 3 was refused: rebasing over $branch"
  if ! git pull --quiet --rebase "$remote" "$branch"; then
    git rebase --abort > /dev/null 2>&1 || true
    break
  fi
done
die "could not push the secrets file to $branch: it is uploaded as this run's ztahooks-secrets artifact (sealed); commit it to $branch by hand before the next apply"
