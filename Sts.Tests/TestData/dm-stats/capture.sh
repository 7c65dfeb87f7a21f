#!/bin/bash
# Captures real dm-stats message answers (@stats_list, @stats_print, @stats_print_clear and the
# refusals) for Sts.Dm.Stats' parser tests. Run as root inside the lab VM (never on a shared host):
#   tmt/labvm/labvm --artifacts /tmp/stats-art -- bash Sts.Tests/TestData/dm-stats/capture.sh [OUTDIR]
# Output (OUTDIR, default $STS_ARTIFACTS/dm-stats): one answer per *.txt file (dmsetup's stdout),
# *.err (dmsetup's stderr and exit status, for refusals), commands.log, kernel-release,
# dmsetup-version, date, sample-interval-ns.
# The device is a 16 MiB (32768-sector) linear device over a loop file under /var/tmp.
set -u
OUT=${1:-${STS_ARTIFACTS:?run under labvm or name an output directory}/dm-stats}
rm -rf "$OUT"; mkdir -p "$OUT"
IMG=/var/tmp/stsstats; mkdir -p "$IMG"
LOG=$OUT/commands.log
DEV=stscap-stats

run() { echo "+ $*" >>"$LOG"; timeout 60 "$@" >>"$LOG" 2>&1; local rc=$?; [ $rc -ne 0 ] && echo "FAILED($rc): $*" | tee -a "$LOG"; return $rc; }
# msg NAME MESSAGE...: sends a message to $DEV; its answer goes to NAME.txt, a refusal to NAME.err.
msg() { local f=$1; shift; echo "+ dmsetup message $DEV 0 $* > $f.txt" >>"$LOG"
        dmsetup message "$DEV" 0 "$@" >"$OUT/$f.txt" 2>"$OUT/$f.err"; local rc=$?
        if [ $rc -ne 0 ]; then echo "exit status $rc" >>"$OUT/$f.err"; echo "refused($rc): $*" >>"$LOG"; else rm -f "$OUT/$f.err"; fi; }
wr() { run dd if=/dev/urandom of="/dev/mapper/$DEV" bs="$1" count="$2" seek="${3:-0}" oflag=direct conv=notrunc status=none; }
rd() { run dd if="/dev/mapper/$DEV" of=/dev/null bs="$1" count="$2" skip="${3:-0}" iflag=direct status=none; }

uname -r >"$OUT/kernel-release"
dmsetup version >"$OUT/dmsetup-version"
date -u +%Y-%m-%dT%H:%MZ >"$OUT/date"

truncate -s 16M "$IMG/lin.img"
LOOP=$(losetup -f --show "$IMG/lin.img")
run dmsetup create "$DEV" --table "0 32768 linear $LOOP 0"
udevadm settle

msg list-empty @stats_list
# Region ids are handed out lowest-free first, so these are 0..6 in order.
msg create-whole-4areas @stats_create - /4                                                  # 0: 4 areas of 8192
msg create-precise @stats_create 0+2048 /1 1 precise_timestamps                             # 1: sectors 0..2047, ns
msg create-histogram-ms @stats_create - /1 1 histogram:1,2,5,10                             # 2: ms boundaries
msg create-precise-histogram @stats_create - /2 2 precise_timestamps histogram:10000,100000,1000000,10000000 stsprog stsaux  # 3
msg create-step @stats_create 2048+8192 1024 otherprog                                      # 4: 8 areas of 1024, aux "-"
msg create-partial @stats_create 100+1000 /3                                                # 5: step 334, last area 332 long
msg create-numeric-program @stats_create 0+8 8 0 12345                                      # 6: numeric program id after "0" options
msg list-fresh @stats_list

# I/O: 4 x 64 KiB direct writes at sector 0 (area 0 of region 0, inside region 1),
# 2 x 64 KiB direct reads at 8 MiB (sector 16384: area 2 of region 0), one 4 KiB write at 12 MiB
# (sector 24576: area 3 of region 0).
wr 64k 4 0
rd 64k 2 128
wr 4k 1 3072
sleep 1

for id in 0 1 2 3 4 5 6; do msg "print-$id" @stats_print "$id"; done
msg print-0-lines-1-2 @stats_print 0 1 2
msg print-0-lines-past-end @stats_print 0 7 2
msg list-program-stsprog @stats_list stsprog
msg list-program-none @stats_list nosuchprog

# Two samples of region 1 around 8 more 4 KiB direct writes, with the host-side interval between them.
msg sample-a-1 @stats_print 1
ta=$(date +%s%N)
wr 4k 8 16
msg sample-b-1 @stats_print 1
tb=$(date +%s%N)
echo $((tb - ta)) >"$OUT/sample-interval-ns"

msg set-aux @stats_set_aux 0 'hello\ world'
msg list-after-aux @stats_list

msg print-clear-0 @stats_print_clear 0
msg print-0-after-clear @stats_print 0
msg clear-3 @stats_clear 3
msg print-3-after-clear @stats_print 3
msg delete-4 @stats_delete 4
msg list-after-delete @stats_list
msg create-reuses-id @stats_create - /1                                                     # takes id 4 again
msg list-final @stats_list

# Refusals, for the error mapping (dmsetup's stderr and exit status are in the .err files).
msg bad-histogram-order @stats_create - /1 1 histogram:5,2
msg bad-zero-areas @stats_create - /0
msg bad-range @stats_create 40000+0 /1
msg bad-numeric-program @stats_create - /1 12345
msg bad-print-id @stats_print 99
msg bad-delete-id @stats_delete 99
msg bad-clear-id @stats_clear 99
msg bad-set-aux-id @stats_set_aux 99 x
msg bad-list-args @stats_list a b

for id in 0 1 2 3 4 5 6; do dmsetup message "$DEV" 0 @stats_delete "$id" >/dev/null 2>&1; done
msg list-after-cleanup @stats_list
run dmsetup remove "$DEV"
run losetup -d "$LOOP"
rm -f "$IMG/lin.img"
dmesg | grep -i 'device-mapper: stats' >"$OUT/dmesg-stats.log"
ls -l "$OUT" >>"$LOG"
echo done
