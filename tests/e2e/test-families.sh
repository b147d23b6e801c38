#!/usr/bin/env bash
# Issue 12: one simulated drive of every flash family (640K, 768K, 1M, 1M-K2,
# 2M, 2M with the dump id, a 1M drive reading K312 and a slim 2M drive told
# apart by its settings area) through Debian's fwupdtool. For each:
# get-devices lists it by model at its version; install of the new cabinet
# puts the image's main firmware into the flash (each region of the family),
# leaves bootcode and settings alone, sends the canonical safe-mode key, the
# family's checksums and each of its erase and program blocks exactly once,
# and the drive reports the new version; firmware-dump then gives the image
# back byte for byte; another hardware ID and another family's image are
# refused with their message before any SafeMode or write command, another
# bootcode (which the drive tells only in safe mode) after one SafeMode
# session with the canonical key and no write, the flash unchanged; a drive
# started in safe mode is recovered by the install. Also: a 2M bootcode
# refuses another type's key, and a model added by a quirk entry alone
# (README.md's example) is updated like the others. The fault sweep per
# family is test-family-sweep.sh.
#   NEC_ODD_FAMILIES  only these cases (see lib-families.sh; quirk-only is
#                     README.md's example), default all
#   NEC_ODD_E2E_JOBS  parallel workers, default two per CPU
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-families.sh"

# the wrong images of each case: a trailer ID of the same family with another
# safe-mode key (768K and 1M-K2 have one drive type each, so an unknown ID of
# the family's form instead), and another family's image: 1M <-> 2M as issue
# 12 asks, 640K <-> 768K, and a single-checksum 1M image for the two-checksum
# K2 drive
wrong_cases='
640K       L130 ND-6450A-1.03
768K       L299 ND-1300A-1.08
1M         K354 ND-3550A-1.05
1M-K312    K354 ND-3550A-1.05
1M-K2      K299 ND-3520A-3.04
2M         K356 ND-3520A-3.04
2M-dump-id K471 ND-3520A-3.04
2M-rid     L310 ND-3520A-3.04
'
load_wrong() {
	read -r _ other_hwid other_image <<<"$(awk -v n="$1" '$1 == n' <<<"$wrong_cases")"
	[ -n "$other_image" ] || fail "no wrong images for $1"
}

# trailer_id FILE: the hardware ID an image names, its family known by its size
trailer_id() {
	local fam
	case $(stat -L -c %s "$1") in
	634888 | 634890) fam=640K ;;
	753668 | 753670) fam=768K ;;
	1024004 | 1024006) fam=1M ;;
	1966086 | 1966088) fam=2M ;;
	*) fail "$1 has no family's size" ;;
	esac
	tail -c +$(($(id_offsets "$fam" | awk '{print $NF}') + 1)) "$1" | head -c 4
}

# word FILE OFFSET: the big-endian 16-bit word there, as 4 hex digits
word() {
	od -An -tx1 -j "$2" -N2 "$1" | tr -d ' \n'
}

# the erase and program commands of a family's update, one per block, sorted
expected_blocks() {
	local n
	case $1 in
	640K)
		for n in 0 1 2 3 4 5 6 7 13 14 15; do echo "EraseBlock/$n" "ProgramBlock/$n"; done
		for n in 8 9 10 11 12 13 14; do echo "ProgramBlock/$n/bank1"; done
		echo EraseBank/bank1
		;;
	768K) for n in $(seq 8 19); do echo "EraseBlock/$n" "ProgramBlock/$n"; done ;;
	1M | 1M-K2) for n in $(seq 2 18); do echo "EraseBlock/$n" "ProgramBlock/$n"; done ;;
	# block 34, past the body, is erased and not programmed, as Binflash does
	2M)
		for n in $(seq 4 33); do echo "EraseBlock/$n" "ProgramBlock/$n"; done
		echo EraseBlock/34
		;;
	esac | tr ' ' '\n' | sort
}

# the SendChecksum commands of a family's update, in order: index and the
# image's checksum word (families.md section 6)
expected_checksums() {
	case $1 in
	640K)
		echo "SendChecksum/0/0x$(word "$2" $((0x7AFFE)))"
		echo "SendChecksum/0/0x$(word "$2" $((0x9B002)))/bank1"
		;;
	768K) echo "SendChecksum/8/0x$(word "$2" $((0xB7FFE)))" ;;
	1M) echo "SendChecksum/8/0x$(word "$2" $((0xF9FFE)))" ;;
	1M-K2)
		echo "SendChecksum/1/0x$(word "$2" $((0x29FFE)))"
		echo "SendChecksum/2/0x$(word "$2" $((0xF9FFE)))"
		;;
	2M) echo "SendChecksum/0/0x$(word "$2" $((0x1E0000)))" ;;
	esac
}

# no_safe_mode NAME: expect_refusal's trace for NAME has no SafeMode command
no_safe_mode() {
	trace_cmds "$work/$1.trace" >"$work/$1.cmds"
	if grep '^SafeMode/' "$work/$1.cmds"; then
		fail "$1: the drive was put into safe mode"
	fi
	echo "   ok: no SafeMode command"
}

listed() {
	cp "$dir/fresh" "$dir/state"
	sim "${drive[@]}" --state "$dir/state" -- "$fwupdtool" get-devices --json --plugins nec_odd \
		>"$dir/devices.json"
	fwupd_json devices "$dir/devices.json" | tee "$dir/devices"
	[ "$(wc -l <"$dir/devices")" = 1 ] || fail "expected one NEC drive"
	grep -q "^$model|$old|" "$dir/devices" || fail "not listed as $model at $old"
	fwupd_json field "$dir/devices.json" Flags | tr ',' '\n' | grep -qx updatable || fail "not updatable"
	fwupd_json device-id "$dir/devices.json" >"$dir/id"
}

install_new() {
	cp "$dir/fresh" "$dir/state"
	sim "${drive[@]}" --state "$dir/state" --trace "$dir/install.trace" -- \
		"$fwupdtool" install "$dir/$new.cab" -y --plugins nec_odd >"$dir/install.out" 2>&1 ||
		{ log_of "$dir/install.out"; fail "install of $new failed"; }
	main_equals "$family" "$dir/state" "$dir/$new.bin" || fail "the flash does not hold the $new main firmware"
	protected_equals "$family" "$dir/state" "$dir/fresh" || fail "bootcode or settings changed"
	if [ "$family" = 2M ]; then
		[ "$(slices "$dir/state" "$((0x1F0000)):$((0x10000))" | tr -d '\377' | wc -c)" = 0 ] ||
			fail "block 34 (0x1F0000-0x1FFFFF) is not erased"
	fi
	sim "${drive[@]}" --state "$dir/state" -- "$fwupdtool" get-devices --json --plugins nec_odd \
		>"$dir/after.json"
	fwupd_json devices "$dir/after.json" | tee "$dir/after"
	grep -q "^$model|$new|" "$dir/after" || fail "the drive does not report $model $new"
	cp "$dir/state" "$dir/updated"

	trace_cmds "$dir/install.trace" >"$dir/install.cmds"
	echo "$(wc -l <"$dir/install.cmds") commands: $(grep -c '^SafeMode/' "$dir/install.cmds") SafeMode," \
		"$(grep -c '^WriteRAM/' "$dir/install.cmds") WriteRAM," \
		"$(grep -cE '^(EraseBlock|EraseBank)' "$dir/install.cmds") erase," \
		"$(grep -c '^ProgramBlock/' "$dir/install.cmds") program"
	grep -q "^SafeMode/enter/$key$" "$dir/install.cmds" || fail "no SafeMode enter with the canonical key $key"
	if grep '^SafeMode/' "$dir/install.cmds" | grep -Evx "SafeMode/(enter|leave)/$key(/bank1)?"; then
		fail "a SafeMode command with another key than $key"
	fi
	diff <(grep -E '^(EraseBlock|EraseBank|ProgramBlock)' "$dir/install.cmds" | sort) \
		<(expected_blocks "$family") || fail "not each block of the $family family erased and programmed once"
	diff <(grep '^SendChecksum/' "$dir/install.cmds" | tr 'A-F' 'a-f') \
		<(expected_checksums "$family" "$dir/$new.bin" | tr 'A-F' 'a-f') ||
		fail "not the $family family's checksums"
}

dump() {
	[ -f "$dir/updated" ] || fail "the install failed, nothing to dump"
	cp "$dir/updated" "$dir/state"
	sim "${drive[@]}" --state "$dir/state" --trace "$dir/dump.trace" -- \
		"$fwupdtool" firmware-dump "$dir/dump.bin" "$(cat "$dir/id")" --plugins nec_odd \
		>"$dir/dump.out" 2>&1 || { log_of "$dir/dump.out"; fail "firmware-dump failed"; }
	# a dump names the drive type by its canonical key (Binflash's dumps do
	# too): it is the image itself when the image's trailer already does
	local trailer
	trailer=$(trailer_id "$dir/$new.bin")
	with_id "$family" "$dir/$new.bin" "$key" "$dir/expected-dump.bin"
	cmp "$dir/dump.bin" "$dir/expected-dump.bin" ||
		fail "the dump differs from the $new image (with the trailer ID $key)"
	if [ "$trailer" = "$key" ]; then
		echo "the dump is the $new image byte for byte"
	else
		echo "the dump is the $new image byte for byte but the trailer ID: $key, the image has $trailer"
	fi
	cmp -s "$dir/state" "$dir/updated" || fail "the dump changed the flash"
	local id_reads
	trace_cmds "$dir/dump.trace" >"$dir/dump.cmds"
	# the dump id is the image's first byte (families.md 5.4)
	id_reads=$(grep -ci "^ReadRAM/.*/rd=$(od -An -tx1 -N1 "$dir/$new.bin" | tr -d ' ')$" "$dir/dump.cmds" || true)
	echo "$(wc -l <"$dir/dump.cmds") commands, $id_reads ReadRAM with the dump id"
	if [ "$(quirk "$hwid" Flags)" = dump-needs-id ]; then
		[ "$id_reads" -gt 0 ] || fail "a dump-id drive was read without its dump id"
	elif grep '/rd=' "$dir/dump.cmds"; then
		fail "a drive without dump id was read with one"
	fi
}

wrong_hwid() {
	load_wrong "$case_name"
	local id
	id=$(cat "$dir/id")
	cp "$dir/fresh" "$dir/state"
	"$builddir/tests/sim/nec-make-firmware" --model "$model" --version "$new" --hwid "$other_hwid" \
		-o "$dir/hwid.bin" >/dev/null
	if grep -q "HWID_$other_hwid]" "$top/plugins/nec-odd/nec-odd.quirk"; then
		# a cabinet for this drive's GUID holding another drive type's image:
		# fwupd offers it, the plugin must refuse it, also with --force
		"$top/contrib/build-cab.sh" "$dir/hwid.bin" -o "$dir/hwid.cab" >/dev/null
		local msg
		msg="The image is for hardware ID $other_hwid but this drive is $hwid \\($model\\): the image is"
		msg+=" for drive type $(quirk "$other_hwid" NecOddSafeModeKey) \\($(quirk "$other_hwid" NecOddModel)\\),"
		msg+=" the drive is $key; it cannot be installed, not even with --force"
		expect_refusal "$case_name-hwid-cab" "$msg" \
			"$dir/state" "${drive[@]}" -- install "$dir/hwid.cab" -y --force --allow-reinstall
		no_safe_mode "$case_name-hwid-cab"
		expect_refusal "$case_name-hwid-blob" "$msg" \
			"$dir/state" "${drive[@]}" -- install-blob "$dir/hwid.bin" "$id" -y --force
		no_safe_mode "$case_name-hwid-blob"
	else
		expect_refusal "$case_name-hwid-unknown" \
			"The image is for hardware ID $other_hwid, which is not a known NEC drive: it cannot be installed, not even with --force" \
			"$dir/state" "${drive[@]}" -- install-blob "$dir/hwid.bin" "$id" -y --force
		no_safe_mode "$case_name-hwid-unknown"
	fi
}

wrong_bootcode() {
	local id bc
	id=$(cat "$dir/id")
	cp "$dir/fresh" "$dir/state"
	local laptop_offset
	laptop_offset=$(quirk "$hwid" NecOddLaptopOffset)
	if [ -n "$laptop_offset" ]; then
		# slim: the connection class (master/slave) names the bootcode; the
		# drive's connection byte is at the family's body address plus the offset
		"$builddir/tests/sim/nec-make-firmware" --model "$model" --version "$new" --laptop-slave \
			-o "$dir/slave.bin" >/dev/null
		local byte regions
		regions=$(flash_regions "$family")
		byte=$(od -An -tx1 -j $((${regions%%:*} + laptop_offset)) -N1 "$dir/fresh" | tr -d ' ')
		expect_refusal "$case_name-slave" \
			"The image is slave firmware but the drive runs master firmware \\(connection byte 0x$byte\\): it cannot be installed, not even with --force" \
			"$dir/state" "${drive[@]}" -- install-blob "$dir/slave.bin" "$id" -y --force
		no_safe_mode "$case_name-slave"
		return
	fi
	# the image's 2-byte bootcode trailer is the drive's (the install passed)
	bc=$(tail -c 2 "$dir/$new.bin")
	local other=09
	[ "$bc" != 09 ] || other=08
	{ head -c -2 "$dir/$new.bin" && printf '%s' "$other"; } >"$dir/boot.bin"
	expect_refusal "$case_name-bootcode" \
		"The image needs bootcode $other but this drive has $bc: it cannot be installed, not even with --force" \
		"$dir/state" "${drive[@]}" -- install-blob "$dir/boot.bin" "$id" -y --force
	# the bootcode tells its version only in safe mode: one session to ask it, no more
	local sessions t=$work/$case_name-bootcode
	trace_cmds "$t.trace" >"$t.cmds"
	sessions=$(grep -c "^SafeMode/enter/$key$" "$t.cmds" || true)
	[ "$sessions" -le 1 ] || fail "$sessions safe-mode sessions to read the bootcode version"
	if grep '^SafeMode/' "$t.cmds" | grep -Evx "SafeMode/(enter|leave)/$key"; then
		fail "a SafeMode command with another key than $key"
	fi
	echo "   ok: $sessions SafeMode session with the key $key to read the bootcode version"
}

wrong_family() {
	load_wrong "$case_name"
	local id
	id=$(cat "$dir/id")
	[ -f "$fw/$other_image.bin" ] || fail "$fw/$other_image.bin is missing: build first"
	cp "$dir/fresh" "$dir/state"
	local msg other_image_hwid
	other_image_hwid=$(trailer_id "$fw/$other_image.bin")
	msg="The image is for hardware ID $other_image_hwid but this drive is $hwid \\($model\\): the image is"
	msg+=" for the $(quirk "$other_image_hwid" NecOddFamily) flash family, the drive is of the $family family;"
	msg+=" it cannot be installed, not even with --force"
	expect_refusal "$case_name-family" "$msg" \
		"$dir/state" "${drive[@]}" -- install-blob "$fw/$other_image.bin" "$id" -y --force
	no_safe_mode "$case_name-family"
}

# the bootcode takes only its type's canonical key: a K355 drive whose
# settings area names an ND-3551A is taken for a K356 drive (Binflash's
# crossflash rule), and an ND-3551A image, forced past the model strings, is
# refused at SafeMode enter with K356, the drive's mode and flash unchanged
wrong_key() {
	local id
	id=$(cat "$dir/id")
	# the settings area is in the state file: a drive of its own
	rm -f "$dir/state"
	sim "${drive[@]}" --rid-model ND-3551A --firmware "$dir/$old.bin" --state "$dir/state" -- true
	"$builddir/tests/sim/nec-make-firmware" --model ND-3551A --version "$new" -o "$dir/k356.bin" >/dev/null
	expect_refusal "$case_name-key" \
		'failed to enter safe mode with key K356: the drive rejected a field of the command \(sense 05/24/00\)' \
		"$dir/state" "${drive[@]}" --rid-model ND-3551A -- install-blob "$dir/k356.bin" "$id" -y --force
	grep -q ' cmd=SafeMode/enter/K356 .*status=CHECK sense=05/24/00' "$work/$case_name-key.trace" ||
		fail "no SafeMode enter with K356 refused with 05/24/00"
}

recover() {
	cp "$dir/fresh" "$dir/state"
	sim "${drive[@]}" --safe-mode --state "$dir/state" -- "$fwupdtool" get-devices --json --plugins nec_odd \
		>"$dir/safe.json"
	fwupd_json devices "$dir/safe.json" | tee "$dir/safe"
	grep -q "^$model (needs recovery)|0\.[0-9][0-9]|" "$dir/safe" || fail "not shown as '$model (needs recovery)' at 0.xx"
	fwupd_json field "$dir/safe.json" Flags | tr ',' '\n' | grep -qx updatable || fail "the drive in safe mode is not updatable"
	sim "${drive[@]}" --safe-mode --state "$dir/state" -- "$fwupdtool" install "$dir/$new.cab" -y \
		--plugins nec_odd >"$dir/recover.out" 2>&1 || { log_of "$dir/recover.out"; fail "the install did not recover it"; }
	main_equals "$family" "$dir/state" "$dir/$new.bin" || fail "the flash does not hold the $new main firmware"
	protected_equals "$family" "$dir/state" "$dir/fresh" || fail "bootcode or settings changed"
	sim "${drive[@]}" --state "$dir/state" -- "$fwupdtool" get-devices --json --plugins nec_odd >"$dir/recovered.json"
	fwupd_json devices "$dir/recovered.json" | tee "$dir/recovered"
	grep -q "^$model|$new|" "$dir/recovered" || fail "after recovery and a power cycle the drive is not $model at $new"
}

# README.md's "Adding a drive" example: a model that exists only as a quirk
# entry, taken from the README, in a quirk file of its own next to the
# plugin's (fwupd reads every file in quirks.d; the simulator and
# nec-make-firmware read $NEC_SIM_QUIRK_FILE), is listed, updated and
# dumped like the others, and its cabinet has the GUID the README gives
quirk_only() {
	dir=$work/case-quirk-only
	mkdir -p "$dir"
	sed -n '/^<!-- quirk example/,/^```$/p' "$top/README.md" | sed '1,2d;$d' >"$dir/example.quirk"
	hwid=$(sed -n 's/^\[NEC_ODD\\HWID_\(....\)\]$/\1/p' "$dir/example.quirk")
	model=$(sed -n 's/^NecOddModel = //p' "$dir/example.quirk")
	family=$(sed -n 's/^NecOddFamily = //p' "$dir/example.quirk")
	key=$(sed -n 's/^NecOddSafeModeKey = //p' "$dir/example.quirk")
	[ -n "$hwid" ] && [ -n "$model" ] && [ -n "$family" ] && [ -n "$key" ] ||
		fail "README.md has no quirk example with a hardware ID, model, family and key"
	cat "$dir/example.quirk"
	if grep -q -e "HWID_$hwid]" -e "^NecOddModel = $model$" "$top/plugins/nec-odd/nec-odd.quirk"; then
		fail "the example is already in nec-odd.quirk"
	fi
	cat "$top/plugins/nec-odd/nec-odd.quirk" "$dir/example.quirk" >"$dir/all.quirk"
	export NEC_SIM_QUIRK_FILE=$dir/all.quirk
	# a fwupd root of its own, for the extra quirk file
	root=$work/root-quirk-only
	export NEC_ODD_FWUPD_ROOT=$root
	# shellcheck source=contrib/fwupd-env.sh
	. "$top/contrib/fwupd-env.sh"
	cp "$dir/example.quirk" "$root/var/lib/fwupd/quirks.d/nec-odd-example.quirk"
	old=1.00 new=1.05
	drive=(--model "$model")
	make_cab "$model" "$old" "$dir"
	make_cab "$model" "$new" "$dir"
	rm -f "$dir/fresh"
	sim "${drive[@]}" --firmware "$dir/$old.bin" --state "$dir/fresh" -- true
	listed
	local guid
	guid=$(gcab -x -C "$dir" "$dir/$new.cab" >/dev/null && sed -n 's/.*<firmware type="flashed">\(.*\)<.*/\1/p' "$dir/firmware.metainfo.xml")
	fwupd_json field "$dir/devices.json" Guid | tr ',' '\n' | grep -qx "$guid" || fail "the drive does not have the cabinet's GUID $guid"
	sed -n '/^### A model of a known family/,/^### /p' "$top/README.md" | grep -q "$guid" ||
		fail "README.md does not give the cabinet's GUID $guid"
	install_new
	case_name=quirk-only
	dump
}

family_case() {
	case_name=$1
	if [ "$1" = quirk-only ]; then
		check "a model added by a quirk entry alone (README.md's example)" quirk_only
		return
	fi
	load_case "$1"
	echo "#### $1: $model, hardware ID $hwid, family $family, key $key: $old -> $new"
	check "$1: images, cabinets, a fresh drive at $old" prepare_case "$1"
	check "$1: get-devices lists $model at $old" listed
	check "$1: install $new" install_new
	check "$1: firmware-dump equals the $new image" dump
	check "$1: another hardware ID is refused" wrong_hwid
	check "$1: another bootcode is refused" wrong_bootcode
	check "$1: another family's image is refused" wrong_family
	check "$1: a drive in safe mode is recovered by the install" recover
	if [ "$1" = 2M ]; then
		check "$1: the bootcode refuses another drive type's key" wrong_key
	fi
}

names=$(family_case_names)
[ -n "${NEC_ODD_FAMILIES:-}" ] || names+=" quirk-only"
jobs=${NEC_ODD_E2E_JOBS:-$(($(nproc) * 2))}
tr ' ' '\n' <<<"$names" | grep . >"$work/jobs"
family_job() {
	family_case "$1" >"$work/log.$1" 2>&1
}
run_workers "$jobs" family_job
for n in $names; do cat "$work/log.$n"; done
finish
