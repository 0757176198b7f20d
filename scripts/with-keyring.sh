#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with an unlocked gnome-keyring, so keytar
# talks to a real Secret Service (the vault's integration tests need one). Usage:
#   scripts/with-keyring.sh npm test
# The keyring's files live in a throwaway XDG_DATA_HOME, never the developer's own keyring.
set -euo pipefail

if [ "$#" -eq 0 ]; then
  echo "usage: $0 <command> [args...]" >&2
  exit 64
fi

for tool in dbus-run-session gnome-keyring-daemon; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "with-keyring: '$tool' is missing (apt-get install dbus gnome-keyring libsecret-tools)" >&2
    exit 69
  fi
done

keyring_home="$(mktemp -d "${TMPDIR:-/tmp}/folio-keyring.XXXXXX")"
trap 'rm -rf "$keyring_home"' EXIT

# Inner part runs inside the new session bus. The daemon forks into the background; the password
# on stdin creates and unlocks the login collection. It must not be empty: with an empty one the
# daemon asks a graphical prompter, which fails on a headless machine ("collection/login does not
# exist"). The password only guards this throwaway keyring.
export FOLIO_KEYRING_HOME="$keyring_home"
dbus-run-session -- bash -c '
  set -euo pipefail
  export XDG_DATA_HOME="$FOLIO_KEYRING_HOME/data"
  export XDG_RUNTIME_DIR="$FOLIO_KEYRING_HOME/run"
  mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR"
  chmod 700 "$XDG_RUNTIME_DIR"
  eval "$(printf "folio-test" | gnome-keyring-daemon --unlock --components=secrets)" >/dev/null
  export FOLIO_KEYRING=gnome-keyring
  exec "$@"
' folio-keyring "$@"
