#!/bin/sh
# Installs code-server 4.100.3 (VS Code 1.100, runs on Node 20) into .tools/code-server for the editor tests.
# Why by hand: `npm install code-server` as root fails (postinstall wants --unsafe-perm, kerberos needs
# libkrb5-dev, @vscode/ripgrep downloads a binary), so install without scripts, build the native
# modules against Node's own headers and use Debian's ripgrep instead of a download.
# Needs (Debian): build-essential python3 pkg-config libkrb5-dev ripgrep. Usage: scripts/setup-code-server.sh [dir]
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DIR=${1:-$ROOT/.tools/code-server}
VERSION=4.100.3
BIN="$DIR/node_modules/.bin/code-server"

if [ -x "$BIN" ] && XDG_CONFIG_HOME="$DIR/.xdg" "$BIN" --version 2>/dev/null | grep -q "^$VERSION"; then
  echo "code-server $VERSION already installed in $DIR"
  exit 0
fi
for tool in rg python3 make g++ pkg-config; do
  command -v "$tool" >/dev/null || { echo "setup-code-server: '$tool' is missing; apt-get install -y build-essential python3 pkg-config libkrb5-dev ripgrep" >&2; exit 1; }
done
pkg-config --exists krb5-gssapi || { echo "setup-code-server: libkrb5-dev is missing (kerberos module)" >&2; exit 1; }

export npm_config_nodedir=/usr   # node-gyp builds against /usr/include/node instead of downloading headers
[ -d /usr/include/node ] || export npm_config_nodedir="$(dirname "$(dirname "$(command -v node)")")"
mkdir -p "$DIR" && cd "$DIR"
[ -f package.json ] || echo '{"name":"exposure-lint-code-server","private":true}' > package.json
npm install --ignore-scripts --no-audit --no-fund --no-save "code-server@$VERSION"
npm rebuild argon2   # its prebuilt download fails offline; falls back to a local build

# What code-server's postinstall does, minus the root check and the ripgrep download.
cd node_modules/code-server/lib/vscode
npm install --omit=dev --ignore-scripts --no-audit --no-fund
# node-pty's last post-install step fails after pty.node is built, so check the outputs instead of the status.
npm rebuild @parcel/watcher @vscode/spdlog kerberos native-watchdog node-pty @vscode/deviceid || true
for native in node-pty/build/Release/pty.node kerberos/build/Release/kerberos.node \
              @vscode/spdlog/build/Release/spdlog.node native-watchdog/build/Release/watchdog.node; do
  [ -f "node_modules/$native" ] || { echo "setup-code-server: native module not built: $native" >&2; exit 1; }
done
mkdir -p node_modules/@vscode/ripgrep/bin && ln -sf "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
ln -sfn node_modules node_modules.asar
(cd bin/remote-cli && ln -sfn code-linux.sh code-server)
(cd bin/helpers && ln -sfn browser-linux.sh browser.sh)
(cd extensions && npm install --omit=dev --no-audit --no-fund)   # built-in extensions: typescript + a trimming postinstall

XDG_CONFIG_HOME="$DIR/.xdg" "$BIN" --version
echo "code-server $VERSION installed: $BIN"
