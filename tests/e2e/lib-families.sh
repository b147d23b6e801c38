# Sourced after lib.sh by the per-family tests (test-families.sh,
# test-family-sweep.sh): one simulated drive per flash family, its images and
# cabinets, and where each family keeps its main firmware in the simulator's
# state file and in an image (plan: the state file is the flash as addressed;
# 640K: bank 0, then bank 1's 0x240000-0x25FFFF).
# NAME MODEL HWID FAMILY KEY OLD NEW: a drive reading HWID at its ID address
# (the runner's --hwid), the canonical safe-mode key of its type, the version
# it starts with and the one installed (2M-rid: a slim ND-7551A, which reads
# ND-7550A's L350 and is told apart by the model name in its settings area, as
# Binflash does); OLD and NEW images come from the
# build's cabinets ($fw) when it has them, else they are made here
family_cases='
640K       ND-1300A K130 640K  K110 1.00 1.08
768K       ND-6450A L245 768K  L210 1.00 1.03
1M         ND-3520A K352 1M    K352 1.04 3.04
1M-K312    ND-3520A K312 1M    K352 1.04 3.04
1M-K2      ND-2500A K250 1M-K2 K210 1.00 2.18
2M         ND-3550A K355 2M    K355 1.00 1.05
2M-dump-id ND-4570A K470 2M    K470 1.00 1.07
2M-rid     ND-7551A L350 2M    L351 1.00 1.04
'

# the cases to run: NEC_ODD_FAMILIES (names, space separated) or all
family_case_names() {
	local all
	all=$(awk 'NF {print $1}' <<<"$family_cases")
	echo "${NEC_ODD_FAMILIES:-$all}"
}

# load_case NAME: sets model hwid family key old new, and dir (the case's files)
load_case() {
	local line
	line=$(awk -v n="$1" '$1 == n' <<<"$family_cases")
	[ -n "$line" ] || fail "no family case $1"
	read -r _ model hwid family key old new <<<"$line"
	dir=$work/case-$1
	# the runner options that make this drive
	drive=(--model "$model" --hwid "$hwid")
}

# OFFSET:LENGTH of the main firmware in the flash (state file) and in an image
flash_regions() {
	case $1 in
	640K) echo "$((0x5000)):$((0x7B000)) $((0x80000)):$((0x20000))" ;;
	768K) echo "$((0x8000)):$((0xB8000))" ;;
	1M | 1M-K2) echo "$((0x6000)):$((0xFA000))" ;;
	2M) echo "$((0x10000)):$((0x1E0000))" ;;
	*) fail "no family $1" ;;
	esac
}
image_regions() {
	case $1 in
	640K) echo "0:$((0x7B000)) $((0x7B004)):$((0x20000))" ;;
	768K) echo "0:$((0xB8000))" ;;
	1M | 1M-K2) echo "0:$((0xFA000))" ;;
	2M) echo "0:$((0x1E0000))" ;;
	*) fail "no family $1" ;;
	esac
}
# bank 0 below the first area: bootcode and settings, never erased
protected_size() {
	case $1 in
	640K) echo $((0x5000)) ;;
	768K) echo $((0x8000)) ;;
	1M | 1M-K2) echo $((0x6000)) ;;
	2M) echo $((0x10000)) ;;
	*) fail "no family $1" ;;
	esac
}
flash_size() {
	case $1 in
	640K) echo $((0xA0000)) ;;
	768K) echo $((0xC0000)) ;;
	1M | 1M-K2) echo $((0x100000)) ;;
	2M) echo $((0x200000)) ;;
	*) fail "no family $1" ;;
	esac
}

# the image offsets of the trailer hardware ID (640K: also its copy between the banks)
id_offsets() {
	case $1 in
	640K) echo $((0x7B000)) $((0x9B004)) ;;
	768K) echo $((0xB8000)) ;;
	1M | 1M-K2) echo $((0xFA000)) ;;
	2M) echo $((0x1E0002)) ;;
	*) fail "no family $1" ;;
	esac
}

# with_id FAMILY IMAGE ID OUT: a copy of IMAGE whose trailer names ID
with_id() {
	local off
	cp "$2" "$4"
	for off in $(id_offsets "$1"); do
		{ head -c "$off" "$4" && printf '%s' "$3" && tail -c +$((off + 5)) "$4"; } >"$4.tmp"
		mv "$4.tmp" "$4"
	done
}

# slices FILE "OFFSET:LENGTH…": those bytes of FILE, one after the other
slices() {
	local r
	for r in $2; do
		tail -c +$((${r%%:*} + 1)) "$1" | head -c "${r##*:}"
	done
}

# main_equals FAMILY STATE IMAGE: the flash holds the image's main firmware
main_equals() {
	cmp -s <(slices "$2" "$(flash_regions "$1")") <(slices "$3" "$(image_regions "$1")")
}

# protected_equals FAMILY STATE1 STATE2: bootcode and settings are the same
protected_equals() {
	cmp -s <(head -c "$(protected_size "$1")" "$2") <(head -c "$(protected_size "$1")" "$3")
}

# prepare_case NAME: the case's images, cabinets and a fresh flash at OLD in
# $dir/fresh; also the images of the other families the refusals offer
prepare_case() {
	load_case "$1"
	mkdir -p "$dir"
	local v
	for v in "$old" "$new"; do
		if [ -f "$fw/$model-$v.cab" ]; then
			ln -sf "$fw/$model-$v.bin" "$dir/$v.bin"
			ln -sf "$fw/$model-$v.cab" "$dir/$v.cab"
		else
			make_cab "$model" "$v" "$dir"
		fi
	done
	rm -f "$dir/fresh"
	sim "${drive[@]}" --firmware "$dir/$old.bin" --state "$dir/fresh" -- true
	[ "$(stat -c %s "$dir/fresh")" = "$(flash_size "$family")" ] ||
		fail "$1: the state file is $(stat -c %s "$dir/fresh") bytes, expected the $family flash size"
	main_equals "$family" "$dir/fresh" "$dir/$old.bin" || fail "$1: the fresh drive does not hold $old"
}

# trace_cmds TRACE: the runner's decoded command names, one per traced
# command; fails when a line has none (a check on names must not pass on a
# trace without them)
trace_cmds() {
	local names
	names=$(sed -n 's/^[0-9]* [^ ]* cdb=[0-9A-F]* cmd=\([^ ]*\) .*/\1/p' "$1")
	[ "$(grep -c . <<<"$names")" = "$(grep -c . "$1")" ] || fail "$1: a trace line without cmd=NAME"
	echo "$names"
}

# quirk HWID KEY: KEY's value in nec-odd.quirk's section for HWID
quirk() {
	awk -v s="[NEC_ODD\\HWID_$1]" -v k="$2" '
		/^\[/ { in_s = ($0 == s) }
		in_s && $1 == k && $2 == "=" { sub(/^[^=]*= /, ""); print; exit }
	' "$top/plugins/nec-odd/nec-odd.quirk"
}
