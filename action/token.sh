#!/usr/bin/env bash
# plan, first step: is there an API token to plan with? A pull request from a fork gets no
# secrets (by GitHub's design): it is validated, and told here why there is no plan.
# Output: present=true|false. Environment: ZTA_API_TOKEN (input api-token).
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$here/lib.sh"

if [ -n "${ZTA_API_TOKEN:-}" ]; then
  output present true
  exit 0
fi
output present false
if [ -n "${HEAD_REPOSITORY:-}" ] && [ "$HEAD_REPOSITORY" != "${GITHUB_REPOSITORY:-}" ]; then
  why="this pull request comes from a fork ($HEAD_REPOSITORY), and GitHub gives a fork's pull request no secrets"
else
  why="the input api-token is empty (is the repository secret ZTA_API_TOKEN set? Dependabot's pull requests get only Dependabot secrets)"
fi
message="No plan: $why. The site files are validated; a maintainer's branch with the same change, or the merge, plans it."
notice "$message"
summary "### ztahooks" "" "$message"
