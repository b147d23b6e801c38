#!/usr/bin/env bash
# fwupd's own source checks and clang-format, run on plugins/nec-odd as if it
# sat in fwupd's tree: a shadow tree links fwupd's libraries beside it.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
src=$top/fwupd-src
shadow=$(mktemp -d)
trap 'rm -rf "$shadow"' EXIT

mkdir -p "$shadow/plugins" "$shadow/src" "$shadow/data"
ln -s "$src/libfwupd" "$shadow/libfwupd"
ln -s "$src/libfwupdplugin" "$shadow/libfwupdplugin"
ln -s "$src/contrib" "$shadow/contrib"
ln -s "$top/plugins/nec-odd" "$shadow/plugins/nec-odd"

cd "$shadow"
rc=0
echo "check-style: check-source.py"
python3 contrib/ci/check-source.py plugins/nec-odd/*.[ch] 2>/dev/null || rc=1
echo "check-style: check-headers.py"
python3 contrib/ci/check-headers.py || rc=1
echo "check-style: check-quirks.py"
python3 contrib/ci/check-quirks.py || rc=1
echo "check-style: clang-format"
clang-format --style="file:$top/.clang-format" --dry-run -Werror plugins/nec-odd/*.[ch] "$top"/fwupd/module/*.c || rc=1
[ $rc -eq 0 ] && echo "check-style: plugins/nec-odd is clean"
exit $rc
