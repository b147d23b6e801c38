#!/usr/bin/env bash
# The meson test nec-odd-device-fuzz-seeds: record fwupdtool's traces against the
# simulated drive, make the device fuzz seeds from them, and check that the fuzz
# target sends exactly the traced commands and ends as fwupdtool did; then the
# regression inputs.
#   test-device-fuzz-seeds.sh SEEDS-BINARY
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rc=0
"$top/tests/fuzz/record-traces.sh" "$work/traces" || rc=1
"$1" "$work/traces" || rc=1
# the inputs that once crashed the plugin, in this build (sanitizers too)
"$1" --run "$top"/tests/fuzz/device-regressions/* || rc=1
exit $rc
