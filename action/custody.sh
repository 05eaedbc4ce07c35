#!/usr/bin/env bash
# apply, before anything reaches the API: nothing may be created unless its secret can be kept.
# Stops (exit 1, nothing applied) when apply runs on a pull request, when the key is missing or
# not a key, when the secrets file is sealed with another key or is not readable, or when it is
# gone from a repository whose history had it. A first run (the history never had the file)
# starts an empty one on purpose and says so. Environment: ZTAHOOKS_SECRETS_KEY (input
# secrets-key), ZTA_SECRETS_FILE (input secrets-file). Outputs: file (absolute), key-id.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$here/lib.sh"

case "${GITHUB_EVENT_NAME:-}" in
  pull_request | pull_request_target)
    die "command apply does not run on a pull request ($GITHUB_EVENT_NAME): a pull request runs command plan, and the merge applies what it reviewed. Nothing was applied." ;;
esac

file=${ZTA_SECRETS_FILE:-.ztahooks/secrets.json}
output file "$(realpath -m -- "$file")"
if [ -z "${ZTAHOOKS_SECRETS_KEY:-}" ]; then
  die "the input secrets-key is empty (is the repository secret ZTAHOOKS_SECRETS_KEY set?): without the key no new secret could be sealed and kept. Nothing was applied."
fi
bytes=$(printf '%s' "$ZTAHOOKS_SECRETS_KEY" | base64 -d 2>/dev/null | wc -c) || bytes=0
[ "$bytes" -eq 32 ] || die "the input secrets-key is not 32 bytes of base64 (make one with \`ztahooks secrets keygen\`). Nothing was applied."
key_id=$(printf '%s' "$ZTAHOOKS_SECRETS_KEY" | base64 -d | sha256sum | cut -c1-16)
output key-id "$key_id"

git rev-parse --is-inside-work-tree > /dev/null 2>&1 \
  || die "$(pwd) is not in a git checkout: the sealed secrets file is kept in git (run actions/checkout first). Nothing was applied."
if [ -f "$file" ]; then
  sealed_with=$(jq -r '.encryption.keyId // "plain"' "$file" 2>/dev/null) \
    || die "$file is not a readable secrets file. Nothing was applied."
  if [ "$sealed_with" != plain ] && [ "$sealed_with" != "$key_id" ]; then
    die "$file is sealed with key $sealed_with and the input secrets-key is key $key_id. Nothing was applied."
  fi
  echo "secrets file $file: $(jq '.webhooks | length' "$file") entries, $([ "$sealed_with" = plain ] && echo "not sealed yet (this apply seals it)" || echo "sealed with key $key_id")"
elif [ "$(git rev-parse --is-shallow-repository)" = true ]; then
  die "$file is not in the checkout, and the checkout is shallow, so its history cannot tell a first run from a deleted file: check out with fetch-depth: 0. Nothing was applied."
elif last=$(git log -1 --format='%h %s' -- "$file") && [ -n "$last" ]; then
  die "$file was in the repository (last commit touching it: $last) and is gone: restore it, since an apply without it would not know any secret. Nothing was applied."
else
  notice "first run: the repository has never had $file, so apply starts an empty one on purpose and this job commits it, sealed."
fi
