#!/usr/bin/env bash
# Build plugins/nec-odd inside the installed fwupd's own tree, as an upstream
# pull request adds it, and run fwupd's checks and the tests that involve every
# plugin there; leaves that pull request as a patch in build/upstream/.
#   NEC_ODD_FWUPD_JOBS  ninja jobs (default 2)
# The tree is Debian's source of the installed fwupd with Debian's patches
# (how Debian builds it with bookworm's meson); it is unpacked once into
# build/fwupd-tree/src and only the plugin folder is refreshed on later runs.
set -euo pipefail
# bash reads a { } block whole: editing the script does not upset a running build
{
top=$(cd "$(dirname "$0")/.." && pwd)
work=$top/build/fwupd-tree
out=$top/build/upstream
jobs=${NEC_ODD_FWUPD_JOBS:-2}
patch_name=0001-plugins-Add-a-plugin-for-NEC-ATAPI-DVD-writers.patch
start=$(date +%s)
step() { echo "build-in-fwupd-tree: $* ($(($(date +%s) - start)) s)"; }
fail() {
	echo "build-in-fwupd-tree: FAIL: $*" >&2
	exit 1
}

# fwupd-src tests that fail for reasons outside the plugin; each is named with
# its reason, and every other test of the suite runs
# (none: the one known, libfwupd's GLib 2.74 trap test, is dropped by Debian's
# undefined-glib.patch and is not in fu-self-test); entries are "path|reason"
excluded_tests=(
)
# what check-unused.py finds in fwupd's own code because the reduced build
# compiles out its only callers; upstream's full build uses them all
reduced_build_unused=(
	# called only under HAVE_HSI (-Dhsi=disabled)
	fu_engine_get_host_security_events
	fu_history_add_security_attribute
	fu_security_attr_get_name
	fu_util_security_attrs_to_string
	fu_util_security_events_to_string
	fu_util_security_issues_to_string
	# called only for the capsule splash (-Dplugin_uefi_capsule_splash=false)
	fu_struct_efi_ux_capsule_header_new
)

[ "$(id -u)" -eq 0 ] || fail "apt-get build-dep needs root"
# fwupd, deb-src entries, dpkg-dev, git, clang-format
"$top/contrib/setup.sh"
ver=$(dpkg-query -W -f='${Version}' fwupd)
upstream_ver=${ver%%-*}

step "build dependencies of fwupd $ver"
DEBIAN_FRONTEND=noninteractive apt-get build-dep -y -qq --no-install-recommends -P nodoc \
	"fwupd=$ver" >/dev/null

step "source"
mkdir -p "$work/dl" "$out"
if [ ! -f "$work/dl/fwupd_$ver.dsc" ]; then
	# apt checks the files against the signed Release file
	(cd "$work/dl" && apt-get source -qq --download-only -o APT::Sandbox::User=root "fwupd=$ver" >/dev/null)
fi
unpack() { # a fresh tree as dpkg-source makes it, Debian's patches applied
	rm -rf "$1"
	# without debian-keyring gpgv cannot check the .dsc signature and says so
	dpkg-source -q -x "$work/dl/fwupd_$ver.dsc" "$1" >"$work/dpkg-source.log" 2>&1 || {
		cat "$work/dpkg-source.log"
		fail "dpkg-source -x"
	}
}
if [ "$(cat "$work/src/.nec-odd-version" 2>/dev/null)" != "$ver" ]; then
	rm -rf "$work/b"
	unpack "$work/src"
	echo "$ver" >"$work/src/.nec-odd-version"
fi
src=$work/src

step "plugin folder and registration"
rm -rf "$src/plugins/nec-odd"
# new timestamps: ninja rebuilds the plugin whatever the copy held before
cp -r "$top/plugins/nec-odd" "$src/plugins/nec-odd"
# one line in the plugins dictionary, in its alphabetical place (uefi-capsule
# comes first there, out of order)
python3 - "$src/plugins/meson.build" <<'EOF'
import re, sys
fn = sys.argv[1]
lines = open(fn).read().split("\n")
entry = "  'nec-odd': false,"
if entry not in lines:
    seen_before = False
    for i in range(lines.index("plugins = {") + 1, len(lines)):
        m = re.match(r"  '([a-z0-9-]+)': false,$", lines[i])
        if lines[i] == "}" or (m and seen_before and m.group(1) > "nec-odd"):
            lines.insert(i, entry)
            break
        seen_before = seen_before or (m is not None and m.group(1) < "nec-odd")
    open(fn, "w").write("\n".join(lines))
EOF
diff -r "$top/plugins/nec-odd" "$src/plugins/nec-odd" || fail "the in-tree copy differs"

step "configure (reduced)"
if [ ! -f "$work/b/build.ninja" ]; then
	# every optional feature off but libarchive (an engine test needs it), no
	# docs, man pages or completions: the plugins that need none of them and
	# the engine tests remain
	meson setup "$work/b" "$src" --buildtype=plain --wrap-mode=nodownload \
		-Dauto_features=disabled -Dlibarchive=enabled -Ddocs=disabled -Dman=false \
		-Dbash_completion=false -Dfish_completion=false -Dfirmware-packager=false \
		-Dmetainfo=false -Dlvfs=disabled -Dplugin_uefi_capsule_splash=false \
		-Dumockdev_tests=disabled -Dtests=true -Dpython=/usr/bin/python3 >/dev/null
fi
grep -q 'plugins/nec-odd/libfu_plugin_nec_odd.a' "$work/b/build.ninja" ||
	fail "fwupd's build has no nec-odd plugin"

step "build (ninja -j$jobs)"
ninja -C "$work/b" -j"$jobs" >"$work/ninja.log" || {
	tail -40 "$work/ninja.log"
	fail "build"
}

# fwupd's warning flags on every file; -Werror would also stop on fwupd's own code
if grep -E '(^|/)plugins/nec-odd/[^ :]*:[0-9]+:[0-9]+: (warning|error)' "$work/ninja.log"; then
	fail "compiler warnings in the plugin"
fi

step "fwupd's checks"
rc=0
cd "$src"
python3 contrib/ci/check-source.py plugins/nec-odd/*.[ch] || rc=1
python3 contrib/ci/check-headers.py || rc=1
python3 contrib/ci/check-quirks.py || rc=1
# check-unused.py on the plugin's objects alone, then on the whole tree as upstream runs it
unused=$(python3 contrib/ci/check-unused.py "$work/b/plugins/nec-odd") || rc=1
grep -v '^Analyzing' <<<"$unused" || true
for sym in $(python3 contrib/ci/check-unused.py "$work/b/plugins" "$work/b/src" | sed -n 's/^Unused: *//p'); do
	case " ${reduced_build_unused[*]} " in
	*" $sym "*) echo "build-in-fwupd-tree: unused $sym: expected in the reduced build" ;;
	*) echo "Unused: $sym" && rc=1 ;;
	esac
done
python3 contrib/ci/check-potfiles.py || rc=1
python3 contrib/ci/check-meson-install-tags.py -C "$work/b" check || rc=1
python3 contrib/ci/check-license.py || rc=1
clang-format --style=file --dry-run -Werror plugins/nec-odd/*.[ch] || rc=1
# check-license.py only globs libfwupd/: the same check on the plugin's files
shadow=$(mktemp -d)
ln -s "$src/plugins/nec-odd" "$shadow/libfwupd"
(cd "$shadow" && python3 "$src/contrib/ci/check-license.py") || rc=1
rm -rf "$shadow"
[ $rc -eq 0 ] || fail "fwupd's checks"

step "fwupd's self-tests"
skip_args=()
for t in "${excluded_tests[@]}"; do
	echo "build-in-fwupd-tree: excluded ${t%%|*}: ${t#*|}"
	skip_args+=(-s "${t%%|*}")
done
meson test -C "$work/b" --print-errorlogs nec-odd-self-test ||
	fail "the plugin's self-test in fwupd's tree"
meson test -C "$work/b" --print-errorlogs --test-args "${skip_args[*]}" fu-self-test ||
	fail "fwupd's fu-self-test"
# what fwupd skips itself in the reduced build (plugins or features not built)
grep '^ok .* # SKIP' "$work/b/meson-logs/testlog.txt" || true

step "patch"
git_dir=$(mktemp -d)
trap 'rm -rf "$git_dir" "$work/check"' EXIT
# the folder's last change: the same patch for the same folder
author=$(git -C "$top" log -1 --format='%an <%ae>' -- plugins/nec-odd 2>/dev/null || true)
date=$(git -C "$top" log -1 --format='%aD' -- plugins/nec-odd 2>/dev/null || true)
author=${author:-nec-odd developers <nec-odd@localhost>}
date=${date:-$(date -R)}
unpack "$work/check"
# a repository of what the patch touches, at the tree's state: the patch is
# the same as one made in a clone of the whole tree
mkdir -p "$git_dir/plugins"
cp "$work/check/plugins/meson.build" "$git_dir/plugins/"
g() { git -C "$git_dir" -c user.name=nec-odd -c user.email=nec-odd@localhost "$@"; }
g init -q
g add -A
g commit -q -m "fwupd $upstream_ver"
cp "$src/plugins/meson.build" "$git_dir/plugins/"
cp -a "$top/plugins/nec-odd" "$git_dir/plugins/nec-odd"
g add -A
GIT_AUTHOR_DATE=$date GIT_COMMITTER_DATE=$date g commit -q --author="$author" -F - <<'EOF'
plugins: Add a plugin for NEC ATAPI DVD writers

Update the NEC DVD writers of the 1 MiB flash family (ND-2x00A to ND-3540A)
over SG_IO with the vendor flash commands: the image is staged in the drive's
RAM with its checksum, then the flash blocks are erased and programmed one at
a time and the whole main area is read back and compared.

The bootcode and calibration blocks are never erased, and safe mode is left
after a failure while the drive still answers.
EOF
rm -f "$out/$patch_name"
g format-patch -q -1 --no-signature -o "$out" >/dev/null
[ -f "$out/$patch_name" ] || fail "git format-patch did not write $patch_name"
files=$(grep '^+++ b/' "$out/$patch_name" | sed 's#^+++ b/##' | grep -v '^plugins/nec-odd/' || true)
[ "$files" = "plugins/meson.build" ] || fail "the patch touches more than the folder and plugins/meson.build: $files"
patch -p1 --dry-run -d "$work/check" <"$out/$patch_name" >/dev/null ||
	fail "$patch_name does not apply to a fresh unpack of fwupd $ver"
patch -p1 -s -d "$work/check" <"$out/$patch_name"
diff -r "$top/plugins/nec-odd" "$work/check/plugins/nec-odd" ||
	fail "applying the patch does not give plugins/nec-odd"
cmp "$src/plugins/meson.build" "$work/check/plugins/meson.build" ||
	fail "applying the patch does not give the registration"

step "done: $out/$patch_name applies to a fresh fwupd $ver; wall time $(($(date +%s) - start)) s"
exit 0
}
