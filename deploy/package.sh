#!/usr/bin/env bash
# Packs the release for a server: target/coop-manau-<version>-<commit>.tar.gz, holding
#   coop-manau   the server binary (built for Debian 12's glibc or older)
#   hash.txt     the hashed names of the CSS/JS/WASM: it must sit beside the binary, or the
#                pages ask for files that do not exist (no style, no islands)
#   site/        the static site, precompressed
#   deploy/      these files (units, env template, proxy configurations, coop-manau-cli)
#   VERSION
# Run it from the repository after the release build: `make tools build` (or `make run`).
# On the server: sudo tar -xzf coop-manau-*.tar.gz -C /opt/coop-manau --strip-components=1
set -euo pipefail
cd "$(dirname "$0")/.."

for needed in target/release/coop-manau target/release/hash.txt target/site/pkg; do
  if [[ ! -e $needed ]]; then
    echo "missing $needed: build the release first (make tools build)" >&2
    exit 1
  fi
done
# The site and hash.txt must come from the same build as the binary.
for file in $(sed -n 's/^[a-z]*: *//p' target/release/hash.txt); do
  if ! ls target/site/pkg/ | grep -qF ".$file."; then
    echo "target/site/pkg has no file hashed $file: run the release build again" >&2
    exit 1
  fi
done

version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n1)
commit=$(git describe --always --dirty --abbrev=8 2>/dev/null || echo unknown)
name=coop-manau-$version-$commit
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mkdir "$work/$name"
cp target/release/coop-manau target/release/hash.txt "$work/$name/"
cp -r target/site "$work/$name/site"
cp -r deploy "$work/$name/deploy"
echo "$version $commit" >"$work/$name/VERSION"
tar -czf "target/$name.tar.gz" -C "$work" "$name"
echo "target/$name.tar.gz"
