#!/usr/bin/env bash
# Installs the build tools a fresh Debian machine lacks. Idempotent: every step is skipped when the
# right version is already on PATH. See ../shared/TOOLCHAIN.md for why the installs look like this.
set -euo pipefail

CARGO_LEPTOS_VERSION=0.3.11
WASM_BINDGEN_VERSION=0.2.130 # must equal the wasm-bindgen pin in Cargo.toml

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# cargo install --locked fails for these two crates (their lockfiles pin crates that are yanked or
# need a newer rustc). The failing install still unpacks the source into cargo's registry: copy it,
# fix the one pin, and install from the copy.
install_patched() { # crate version binary "cargo update args"
  local crate=$1 version=$2 update_args=$3 src work
  say "installing $crate $version (once per machine, several minutes)"
  cargo install "$crate@$version" --locked >/dev/null 2>&1 || true
  src=$(ls -d "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/"$crate-$version" 2>/dev/null | head -n1)
  if [ -z "$src" ]; then
    echo "could not fetch the source of $crate $version from crates.io" >&2
    exit 1
  fi
  work=$(mktemp -d)
  cp -r "$src" "$work/$crate"
  (cd "$work/$crate" && cargo update $update_args)
  shift 3
  cargo install --path "$work/$crate" --locked "$@"
  rm -rf "$work"
}

if ! cargo leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then
  install_patched cargo-leptos "$CARGO_LEPTOS_VERSION" "-p cargo-util-schemas --precise 0.14.1" --features no_downloads
fi

if ! wasm-bindgen --version 2>/dev/null | grep -q "$WASM_BINDGEN_VERSION"; then
  install_patched wasm-bindgen-cli "$WASM_BINDGEN_VERSION" "-p webpki-roots --precise 1.0.10"
fi

# wasm-opt comes from npm's binaryen (Debian's is too old: hydration crashes), through end2end/.
if [ ! -f end2end/node_modules/.package-lock.json ] \
  || [ end2end/package-lock.json -nt end2end/node_modules/.package-lock.json ]; then
  say "npm ci in end2end/ (Playwright, axe-core, binaryen's wasm-opt)"
  (cd end2end && npm ci --no-audit --no-fund)
fi
