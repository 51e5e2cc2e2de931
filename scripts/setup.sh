# Shared install steps for ./scripts/start and ./scripts/test. Source it; do not run it.
# Every step checks first and installs only what is missing or at the wrong version.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$HOME/.cargo/bin:$ROOT/e2e/node_modules/.bin:$PATH"
TRUNK_VERSION="0.21.14"

say() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

# Root on CI and on this project's machines; sudo elsewhere.
as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

ensure_wasm_target() {
  if rustup target list --installed | grep -qx wasm32-unknown-unknown; then return; fi
  say "Adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
}

ensure_trunk() {
  if [ "$(trunk --version 2>/dev/null)" = "trunk $TRUNK_VERSION" ]; then return; fi
  say "Installing trunk $TRUNK_VERSION (compiles from source: about 10 minutes, once)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
}

# Trunk cannot download wasm-bindgen offline, so the CLI must match Cargo.lock exactly.
ensure_wasm_bindgen() {
  local version
  version="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' "$ROOT/Cargo.lock")"
  if [ -z "$version" ]; then
    echo "Cargo.lock names no wasm-bindgen version" >&2
    return 1
  fi
  if [ "$(wasm-bindgen --version 2>/dev/null)" = "wasm-bindgen $version" ] &&
    command -v wasm-bindgen-test-runner >/dev/null; then
    return
  fi
  say "Installing wasm-bindgen-cli $version (about 3 minutes, once)"
  # Not --locked: the CLI's own lock pins a crate version the registry here does not serve.
  cargo install wasm-bindgen-cli --version "$version"
}

# playwright-core (end-to-end tests) and binaryen (wasm-opt for release builds), from e2e/'s lockfile.
ensure_npm_packages() {
  local stamp="$ROOT/e2e/node_modules/.installed-lock.sha256"
  local want
  want="$(sha256sum "$ROOT/e2e/package-lock.json" | cut -d' ' -f1)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then return; fi
  say "Installing the npm packages in e2e/ (playwright-core, binaryen)"
  (cd "$ROOT/e2e" && npm ci --no-audit --no-fund)
  echo "$want" >"$stamp"
}

# Debian's Chromium and its driver: test tools cannot download their own browsers here.
ensure_chromium() {
  if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then return; fi
  say "Installing Debian's chromium and chromium-driver"
  as_root apt-get update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver
}

ensure_build_tools() {
  ensure_wasm_target
  ensure_npm_packages
  ensure_wasm_bindgen
  ensure_trunk
}
