#!/usr/bin/env bash
# Installs the ztahooks release tarball, checked against the SHA-256 that this action ships for
# it in action/checksums.txt (one `sha256sum` line per tarball, written by scripts/package at
# release time and committed before the tag). Two steps, around actions/cache:
#   install.sh resolve   which version, which tarball, its checksum, where it is kept: outputs
#   install.sh install   the tarball from the cache or the download, checked, unpacked, on PATH
# Environment: ZTAHOOKS_VERSION (input `version`: empty for the newest release this action
# lists), ZTAHOOKS_DOWNLOAD_URL (input `download-url`: empty for the releases of the action's own
# repository), ZTAHOOKS_ACTION_REPOSITORY (github.action_repository).
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$here/lib.sh"

checksums="$here/checksums.txt"
[ -f "$checksums" ] || die "the action has no checksums file ($checksums): it is not a complete copy of the ztahooks action"

[ "$(uname -s)" = Linux ] || die "ztahooks releases are built for Linux only; this runner is $(uname -s). Use a Linux runner (runs-on: ubuntu-24.04)."
case "$(uname -m)" in
  x86_64 | amd64) arch=x86_64 ;;
  aarch64 | arm64) arch=aarch64 ;;
  *) die "no ztahooks release for this runner's architecture, $(uname -m) (releases: x86_64, aarch64)" ;;
esac

# The versions this action knows for this architecture, oldest first, from lines
# "<64 hex digits>  ztahooks-VERSION-linux-ARCH.tar.gz" (blank lines and # comments skipped).
known_versions() {
  sed -n -E "s/^[0-9a-f]{64}  ztahooks-([0-9A-Za-z.+-]+)-linux-$arch\.tar\.gz\$/\1/p" "$checksums" | sort -V -u
}
checksum_of() {  # checksum_of NAME: the checksum listed for the tarball NAME.tar.gz, or nothing
  awk -v file="$1.tar.gz" '$2 == file && $1 ~ /^[0-9a-f]+$/ && length($1) == 64 { print $1; exit }' "$checksums"
}

version=${ZTAHOOKS_VERSION:-}
version=${version#v}
if [ -z "$version" ]; then
  version=$(known_versions | tail -n 1)
  [ -n "$version" ] || die "this copy of the ztahooks action lists no release for linux-$arch in action/checksums.txt, so there is nothing it may install. Use a released tag of the action (ztahooks/ztahooks@v1), or set the input version to a release it lists."
fi
[[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+([-+][0-9A-Za-z.+-]+)?$ ]] || die "version '$version' is not a ztahooks version (like 0.1.0)"
name="ztahooks-$version-linux-$arch"
sha256=$(checksum_of "$name")
if [ -z "$sha256" ]; then
  listed=$(known_versions | tr '\n' ' ')
  die "ztahooks $version (linux-$arch) is not a release this action knows: action/checksums.txt lists ${listed:-none}. Set version to one of those, or move to a newer tag of the action, whose checksums file lists $version. A version without a known checksum is never installed."
fi
dir="${RUNNER_TOOL_CACHE:-$RUNNER_TEMP}/ztahooks/$version/$arch"

case "${1:-}" in
  resolve)
    if [ -n "${ZTAHOOKS_DOWNLOAD_URL:-}" ]; then
      base=${ZTAHOOKS_DOWNLOAD_URL%/}
    else
      repository=${ZTAHOOKS_ACTION_REPOSITORY:-}
      # github.action_repository may be empty inside a composite action; the runner's checkout of
      # the action (.../_actions/OWNER/REPO/REF) names it too.
      if [ -z "$repository" ] && [[ ${GITHUB_ACTION_PATH:-} =~ /_actions/([^/]+)/([^/]+)/[^/]+$ ]]; then
        repository="${BASH_REMATCH[1]}/${BASH_REMATCH[2]}"
      fi
      [ -n "$repository" ] || die "cannot tell which repository this action comes from (a local 'uses: ./...'?), so not where its releases are: set the input download-url"
      base="${GITHUB_SERVER_URL:-https://github.com}/$repository/releases/download"
    fi
    output version "$version"
    output name "$name"
    output sha256 "$sha256"
    output dir "$dir"
    output url "$base/v$version/$name.tar.gz"
    echo "ztahooks $version for linux-$arch: $name.tar.gz, SHA-256 $sha256 (from action/checksums.txt)"
    ;;
  install)
    url=${ZTAHOOKS_URL:?the resolve step gives the download URL}
    tarball="$dir/$name.tar.gz"
    matches() { echo "$sha256  $1" | sha256sum --check --status; }
    if [ -f "$tarball" ]; then
      if matches "$tarball"; then
        echo "$name.tar.gz from the cache, checksum verified"
      else
        warn "the cached $name.tar.gz does not match its checksum: downloading it again"
        rm -f "$tarball"
      fi
    fi
    if [ ! -f "$tarball" ]; then
      mkdir -p "$dir"
      partial=$(mktemp "$dir/.download.XXXXXX")
      echo "downloading $url"
      if ! curl --fail --silent --show-error --location --retry 3 --output "$partial" "$url"; then
        rm -f "$partial"
        die "could not download $url (is ztahooks $version released there?)"
      fi
      if ! matches "$partial"; then
        actual=$(sha256sum "$partial" | cut -d' ' -f1)
        rm -f "$partial"
        die "checksum mismatch for $name.tar.gz from $url: expected $sha256 (action/checksums.txt), got $actual. This is not the release the action pins; nothing was installed."
      fi
      mv "$partial" "$tarball"
      echo "$name.tar.gz downloaded, checksum verified"
    fi
    install_root="$workdir/install"
    rm -rf "$install_root" && mkdir -p "$install_root"
    tar -xzf "$tarball" -C "$install_root"
    bin="$install_root/$name/bin/ztahooks"
    [ -x "$bin" ] || die "$name.tar.gz holds no $name/bin/ztahooks"
    reported=$("$bin" --version) || die "the installed ztahooks does not run on this runner ($bin --version failed)"
    [[ $reported == "$version "* || $reported == "$version" ]] || die "the installed ztahooks says '$reported', expected version $version"
    echo "$install_root/$name/bin" >> "$GITHUB_PATH"
    output version "$version"
    echo "installed ztahooks $reported"
    ;;
  *) die "usage: install.sh resolve|install" ;;
esac
