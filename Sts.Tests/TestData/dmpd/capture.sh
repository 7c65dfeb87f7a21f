#!/bin/bash
# Captures real outputs of thin-provisioning-tools for Sts.Dmpd's format tests.
# Needs no kernel and no root: every tool here works on plain metadata files.
#   bash Sts.Tests/TestData/dmpd/capture.sh            # writes next to this script (0.9.0 on PATH)
#   STS_DMPD_TOOLS=/var/cache/sts/debs/thin-provisioning-tools_1.1.0-4+b1/usr/sbin \
#     bash Sts.Tests/TestData/dmpd/capture.sh Sts.Tests/TestData/dmpd-1.1.0   # the 1.x tools
# Inputs are the hand-written *.input.xml files in this folder; everything else is tool output.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=${1:-$HERE}
[ -n "${STS_DMPD_TOOLS:-}" ] && PATH="$STS_DMPD_TOOLS:$PATH"
WORK=$(mktemp -d); trap 'rm -rf "$WORK"' EXIT
mkdir -p "$OUT"
cd "$OUT"
thin_dump -V >tools-version

meta() { rm -f "$WORK/$1"; truncate -s 8M "$WORK/$1"; echo "$WORK/$1"; }

# --- thin: three devices: 1 an origin, 2 a snapshot of it that rewrote some blocks,
#     5 a device sharing some data blocks with 1 at different offsets, 7 empty.
T=$(meta thin.bin)
thin_restore -i "$HERE/thin.input.xml" -o "$T" >/dev/null
thin_dump "$T" >thin.dump.xml
thin_dump --skip-mappings "$T" >thin.skip-mappings.xml
thin_dump --dev-id 2 "$T" >thin.dev-2.xml
thin_check "$T" >thin_check.stdout 2>thin_check.stderr
thin_ls "$T" >thin_ls.default
thin_ls --no-headers "$T" >thin_ls.no-headers
thin_ls -o DEV,MAPPED_BLOCKS,EXCLUSIVE_BLOCKS,SHARED_BLOCKS,MAPPED_SECTORS,EXCLUSIVE_SECTORS,SHARED_SECTORS,MAPPED_BYTES,EXCLUSIVE_BYTES,SHARED_BYTES,MAPPED,EXCLUSIVE,SHARED,TRANSACTION,CREATE_TIME,SNAP_TIME "$T" >thin_ls.all-fields
thin_delta --snap1 1 --snap2 2 "$T" >thin_delta.1-2.xml
thin_delta --verbose --snap1 1 --snap2 2 "$T" >thin_delta.1-2.verbose.xml
thin_delta --snap1 1 --snap2 5 "$T" >thin_delta.1-5.xml
thin_delta --verbose --snap1 1 --snap2 5 "$T" >thin_delta.1-5.verbose.xml
thin_rmap --region 0..1024 "$T" >thin_rmap.all
thin_rmap --region 0..4 --region 16..20 "$T" >thin_rmap.two-regions

# A pool with 100 GiB of mappings in 64 KiB blocks (one device, ranges of 64 and singles),
# so thin_ls prints larger human units.
B=$(meta big.bin)
{
  echo '<superblock uuid="" time="0" transaction="1" flags="0" version="2" data_block_size="128" nr_data_blocks="2000000">'
  echo '  <device dev_id="0" mapped_blocks="1638400" transaction="0" creation_time="0" snap_time="0">'
  echo '    <range_mapping origin_begin="0" data_begin="0" length="1638400" time="0"/>'
  echo '  </device>'
  echo '</superblock>'
} >"$WORK/big.xml"
truncate -s 64M "$B"
thin_restore -i "$WORK/big.xml" -o "$B" >/dev/null
thin_ls -o DEV,MAPPED_BLOCKS,MAPPED,EXCLUSIVE,SHARED "$B" >thin_ls.100g

# --- metadata size calculators
thin_metadata_size -b 64k -s 1g -m 1000 -u s >thin_metadata_size.sectors
thin_metadata_size -b 64k -s 1g -m 1000 -u m >thin_metadata_size.mebibytes
thin_metadata_size -b 64k -s 1g -m 1000 -u g >thin_metadata_size.gibibytes
thin_metadata_size -b 64k -s 1t -m 1000 -u M >thin_metadata_size.megabytes
thin_metadata_size -b 64k -s 1g -m 1000 -u s -n >thin_metadata_size.numeric
thin_metadata_size -b 64k -s 1g -m 1000 -u s --numeric-only=short >thin_metadata_size.numeric-short
thin_metadata_size -b 64k -s 1g -m 1000 -u m --numeric-only=long >thin_metadata_size.numeric-long
thin_metadata_size -b 64k -s 1g -m 1000 -u b --numeric-only=short >thin_metadata_size.bytes-short
cache_metadata_size --nr-blocks 1000 >cache_metadata_size.nr-blocks
cache_metadata_size --block-size 128 --device-size 2097152 >cache_metadata_size.device-size

# --- cache
C=$(meta cache.bin)
cache_restore -i "$HERE/cache.input.xml" -o "$C" >/dev/null
cache_dump "$C" >cache.dump.xml
C2=$(meta cache2.bin)
cache_restore --metadata-version 2 -i "$HERE/cache.input.xml" -o "$C2" >/dev/null
cache_dump "$C2" >cache.v2.dump.xml

# --- era
# 1.x's era_dump cannot dump metadata whose newest write set (era 3 here) is older than the
# current era (4): a known 1.x issue (EraToolsTests). For 1.x the input's current era is 3.
ERA_IN=$HERE/era.input.xml
if [ "$(thin_dump -V | cut -d. -f1)" -ge 1 ]; then
    sed 's/current_era="4"/current_era="3"/' "$HERE/era.input.xml" >"$WORK/era.input.xml"
    ERA_IN=$WORK/era.input.xml
fi
E=$(meta era.bin)
era_restore -i "$ERA_IN" -o "$E" >/dev/null
era_dump "$E" >era.dump.xml
era_dump --logical "$E" >era.logical.xml
era_invalidate --written-since 0 "$E" >era_invalidate.since-0.xml
era_invalidate --written-since 2 "$E" >era_invalidate.since-2.xml
era_invalidate --written-since 3 "$E" >era_invalidate.since-3.xml
era_invalidate --written-since 9 "$E" >era_invalidate.since-9.xml
