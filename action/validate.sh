#!/usr/bin/env bash
# plan: `ztahooks validate --format github`: every problem is an annotation on its line of the
# pull request's diff, and an invalid site file fails the job. Needs no token and no secret.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$here/lib.sh"

ztahooks validate --format github "${common[@]}" "${paths[@]}"
