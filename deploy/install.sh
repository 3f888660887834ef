#!/bin/sh
# Installs okrd as a systemd service on this machine (run as root from a clone of the repository).
#
#   deploy/install.sh                 build in release, install, validate the configuration
#   deploy/install.sh --enable        ... and enable and start the service
#   deploy/install.sh --binary PATH   install an okrd binary built elsewhere instead of building
#   deploy/install.sh --destdir DIR   install under DIR (packaging, tests); implies --no-systemctl
#   deploy/install.sh --no-systemctl  do not call systemctl
#   deploy/install.sh --uninstall     stop and remove okrd; keeps /etc/okrd and /var/lib/okrd
#   deploy/install.sh --uninstall --purge   ... and removes those too (configuration, credentials, database)
#
# What it puts where:
#   /usr/local/bin/okrd                    the binary
#   /etc/okrd/okrd.yaml                    the configuration (from config/okrd.example.yaml; kept if present)
#   /etc/okrd/okrd.env                     environment for secrets (from deploy/okrd.env.example; kept if present)
#   /etc/okrd/credentials/                 files for LoadCredential= (mode 0700)
#   /etc/systemd/system/okrd.service       the unit (replaced; a changed one is backed up as .bak)
#   /usr/local/share/doc/okrd/README.md    the documentation
#   /usr/local/share/man/man1/okrd.1       the man page (okrd manual)
#   shell completions for bash, zsh and fish (okrd --generate-completion-script)
# The database is created by okrd itself in /var/lib/okrd (systemd's StateDirectory).
set -eu

here=$(cd "$(dirname "$0")/.." && pwd)
destdir=""
binary=""
enable=0
systemctl=1
uninstall=0
purge=0

while [ $# -gt 0 ]; do
    case "$1" in
        --enable) enable=1 ;;
        --binary) binary="$2"; shift ;;
        --destdir) destdir="$2"; systemctl=0; shift ;;
        --no-systemctl) systemctl=0 ;;
        --uninstall) uninstall=1 ;;
        --purge) purge=1 ;;
        -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
        *) echo "install.sh: unknown option $1 (see --help)" >&2; exit 64 ;;
    esac
    shift
done

if [ -z "$destdir" ] && [ "$(id -u)" != 0 ]; then
    echo "install.sh: run as root (or give --destdir for a staged install)" >&2
    exit 77
fi

if [ "$uninstall" = 1 ]; then
    if [ "$systemctl" = 1 ] && systemctl list-unit-files okrd.service >/dev/null 2>&1; then
        systemctl disable --now okrd.service || true
    fi
    rm -f "$destdir/usr/local/bin/okrd" "$destdir/etc/systemd/system/okrd.service" "$destdir/etc/systemd/system/okrd.service.bak"
    rm -rf "$destdir/usr/local/share/doc/okrd"
    rm -f "$destdir/usr/local/share/man/man1/okrd.1" "$destdir/usr/local/share/bash-completion/completions/okrd" \
        "$destdir/usr/local/share/zsh/site-functions/_okrd" "$destdir/usr/local/share/fish/vendor_completions.d/okrd.fish"
    if [ "$purge" = 1 ]; then
        rm -rf "$destdir/etc/okrd" "$destdir/var/lib/okrd" "$destdir/var/lib/private/okrd"
        echo "removed okrd, its configuration and its database"
    else
        echo "removed okrd; kept /etc/okrd and /var/lib/okrd (--purge removes them)"
    fi
    [ "$systemctl" = 1 ] && systemctl daemon-reload
    exit 0
fi

if [ -z "$binary" ]; then
    echo "building okrd (release)..."
    (cd "$here" && swift build -c release --product okrd)
    binary="$here/.build/release/okrd"
fi
[ -x "$binary" ] || { echo "install.sh: $binary is not an executable" >&2; exit 66; }

install -d -m 0755 "$destdir/usr/local/bin" "$destdir/etc/okrd" "$destdir/etc/systemd/system" "$destdir/usr/local/share/doc/okrd"
install -d -m 0700 "$destdir/etc/okrd/credentials"
install -m 0755 "$binary" "$destdir/usr/local/bin/okrd"
install -m 0644 "$here/README.md" "$destdir/usr/local/share/doc/okrd/README.md"
# The man page and shell completions, made by the binary itself from its own help.
install -d -m 0755 "$destdir/usr/local/share/man/man1" "$destdir/usr/local/share/bash-completion/completions" \
    "$destdir/usr/local/share/zsh/site-functions" "$destdir/usr/local/share/fish/vendor_completions.d"
"$binary" manual > "$destdir/usr/local/share/man/man1/okrd.1"
"$binary" --generate-completion-script bash > "$destdir/usr/local/share/bash-completion/completions/okrd"
"$binary" --generate-completion-script zsh > "$destdir/usr/local/share/zsh/site-functions/_okrd"
"$binary" --generate-completion-script fish > "$destdir/usr/local/share/fish/vendor_completions.d/okrd.fish"
chmod 0644 "$destdir/usr/local/share/man/man1/okrd.1" "$destdir/usr/local/share/bash-completion/completions/okrd" \
    "$destdir/usr/local/share/zsh/site-functions/_okrd" "$destdir/usr/local/share/fish/vendor_completions.d/okrd.fish"

if [ -e "$destdir/etc/okrd/okrd.yaml" ]; then
    echo "keeping the existing /etc/okrd/okrd.yaml"
else
    install -m 0644 "$here/config/okrd.example.yaml" "$destdir/etc/okrd/okrd.yaml"
    echo "installed the example configuration as /etc/okrd/okrd.yaml: edit it for your teams"
fi
if [ ! -e "$destdir/etc/okrd/okrd.env" ]; then
    install -m 0600 "$here/deploy/okrd.env.example" "$destdir/etc/okrd/okrd.env"
fi

unit="$destdir/etc/systemd/system/okrd.service"
if [ -e "$unit" ] && ! cmp -s "$unit" "$here/deploy/okrd.service"; then
    cp "$unit" "$unit.bak"
    echo "the previous unit differs; kept it as okrd.service.bak"
fi
install -m 0644 "$here/deploy/okrd.service" "$unit"

# A configuration that does not validate would fail ExecStartPre: say so now.
if ! "$destdir/usr/local/bin/okrd" validate --config "$destdir/etc/okrd/okrd.yaml"; then
    echo "install.sh: /etc/okrd/okrd.yaml has errors (above); fix them before starting okrd" >&2
    [ "$enable" = 1 ] && exit 78
fi

if [ "$systemctl" = 1 ]; then
    systemctl daemon-reload
    if [ "$enable" = 1 ]; then
        systemctl enable --now okrd.service
        systemctl --no-pager status okrd.service || true
    else
        echo "installed. Start it with: systemctl enable --now okrd"
    fi
fi
echo "done. Logs: journalctl -u okrd -f · reload the configuration: systemctl reload okrd"
