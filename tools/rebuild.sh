#!/usr/bin/env bash
# Rebuilds every committed artifact that comes from IA-64 assembly:
#   test-programs/src/*.s  -> test-programs/bin/<name>      (static ELF executables)
#   tools/objdiff/corpus/*.s -> tools/objdiff/corpus/<name>.o and <name>.dis
#                               (objects and GNU objdump's listing of them, the golden data)
#   firmware/*.s           -> firmware/<name>.bin           (raw bytes the guest kernel maps)
#
# Usage: tools/rebuild.sh [--out DIR]
#   With --out, artifacts are written under DIR with the same relative paths
#   (the reproducibility test uses this and compares with the committed files).
# Needs binutils-ia64-linux-gnu (ia64-linux-gnu-as, -ld, -objdump, -objcopy).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=$root
if [ "${1:-}" = "--out" ]; then out=$2; fi
AS=ia64-linux-gnu-as
LD=ia64-linux-gnu-ld
OBJDUMP=ia64-linux-gnu-objdump
OBJCOPY=ia64-linux-gnu-objcopy
# -xexplicit keeps the stops we wrote; the prefix map keeps absolute paths out
# of the DWARF so the bytes do not depend on where the tree is checked out.
ASFLAGS=(-xexplicit -g --debug-prefix-map="$root"=. -I test-programs/src/lib)
export LC_ALL=C SOURCE_DATE_EPOCH=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cd "$root"
mkdir -p "$out/test-programs/bin" "$out/tools/objdiff/corpus" "$out/firmware"
for src in test-programs/src/*.s; do
  [ -e "$src" ] || continue
  name=$(basename "$src" .s)
  "$AS" "${ASFLAGS[@]}" -o "$tmp/$name.o" "$src"
  "$LD" -static -o "$out/test-programs/bin/$name" "$tmp/$name.o"
done
for src in tools/objdiff/corpus/*.s; do
  [ -e "$src" ] || continue
  name=$(basename "$src" .s)
  (cd tools/objdiff/corpus && "$AS" -xexplicit -o "$out/tools/objdiff/corpus/$name.o" "$name.s")
  (cd "$out/tools/objdiff/corpus" && "$OBJDUMP" -d "$name.o" > "$name.dis")
done
for src in firmware/*.s; do
  [ -e "$src" ] || continue
  name=$(basename "$src" .s)
  "$AS" -xexplicit -o "$tmp/$name.o" "$src"
  "$OBJCOPY" -O binary -j .text "$tmp/$name.o" "$out/firmware/$name.bin"
done
