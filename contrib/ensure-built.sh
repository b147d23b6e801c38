# Sourced, with $top and $builddir set: ensure_built NAME TARGET… sets the
# build directory up if needed and compiles TARGETs, all output on stderr so a
# caller's stdout stays clean.
ensure_built() {
	local name=$1
	shift
	if [ ! -f "$builddir/build.ninja" ]; then
		echo "$name: meson setup $builddir" >&2
		meson setup "$builddir" "$top" >&2
	fi
	echo "$name: meson compile -C $builddir $*" >&2
	meson compile -C "$builddir" "$@" >&2
}
