# Sourced: environment for Debian's fwupd binaries with this build's module
# and a private root ($root), so the machine's /var/lib/fwupd and /etc/fwupd
# are never read or written. Needs $top, $builddir and $root.
fwupd_version=$(dpkg-query -W -f='${Version}' fwupd)
fwupd_version=${fwupd_version%%-*}
fwupd_libdir_pkg=$(pkg-config --variable=libdir fwupd)/fwupd-$fwupd_version
module=$builddir/fwupd/module/libfu_plugin_nec_odd.so
if [ ! -f "$module" ]; then
	echo "$module is missing: build first (meson compile -C $builddir)" >&2
	exit 1
fi

mkdir -p "$root/modules" "$root/etc/fwupd/remotes.d" "$root/var/lib/fwupd/quirks.d" \
	"$root/var/cache/fwupd" "$root/run/lock"
# fwupd skips symlinked modules: copy, and only when changed
cmp -s "$module" "$root/modules/libfu_plugin_nec_odd.so" || cp "$module" "$root/modules/"
cp "$top/plugins/nec-odd/nec-odd.quirk" "$root/var/lib/fwupd/quirks.d/"
if [ ! -f "$root/etc/fwupd/fwupd.conf" ]; then
	printf '[fwupd]\nIdleTimeout=0\n' >"$root/etc/fwupd/fwupd.conf"
	chmod 0640 "$root/etc/fwupd/fwupd.conf"
fi

export FWUPD_LIBDIR_PKG="$fwupd_libdir_pkg,$root/modules"
export FWUPD_SYSCONFDIR="$root/etc"
export FWUPD_LOCALSTATEDIR="$root/var"
export FWUPD_LOCKDIR="$root/run/lock"
export FWUPD_RUNDIR="$root/run"
export CACHE_DIRECTORY="$root/var/cache/fwupd"
export STATE_DIRECTORY="$root/var/lib/fwupd"
export CONFIGURATION_DIRECTORY="$root/etc/fwupd"
