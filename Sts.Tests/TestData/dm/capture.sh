#!/bin/bash
# Captures real device-mapper table and status lines for Sts.Dm's parser tests.
# Run as root inside the lab VM (never on a shared host: it creates loop and dm devices):
#   tmt/labvm/labvm --artifacts /tmp/dmcapture -- bash Sts.Tests/TestData/dm/capture.sh
# Output: $STS_ARTIFACTS/dm/<capture>.table, <capture>.status, <capture>.status-io (after I/O),
# devices.txt (name, node, major:minor of every loop and dm device made here), commands.log.
# Every stack uses loop files under /var/tmp (RAM in the guest), 64 MiB at most each.
set -u
OUT=${STS_ARTIFACTS:?run under labvm}/dm
rm -rf "$OUT"; mkdir -p "$OUT"
IMG=/var/tmp/stsdm; mkdir -p "$IMG"
LOG=$OUT/commands.log

run() { echo "+ $*" >>"$LOG"; timeout 60 "$@" >>"$LOG" 2>&1; local rc=$?; [ $rc -ne 0 ] && echo "FAILED($rc): $*" | tee -a "$LOG"; return $rc; }
devnum() { printf '%d:%d' $(stat -L -c '0x%t 0x%T' "$1"); }
# mkloop VAR MiB: creates a zeroed loop device and stores its node in $VAR.
mkloop() { truncate -s "$2M" "$IMG/$1.img"; local d; d=$(losetup -f --show "$IMG/$1.img"); printf -v "$1" '%s' "$d"; echo "$1 $d $(devnum "$d")" >>"$OUT/devices.txt"; }
# mkdm NAME TABLE: creates a dm device and records its number.
mkdm() { run dmsetup create "$1" ${RO:-} --table "$2" && { udevadm settle; echo "$1 /dev/mapper/$1 $(devnum /dev/mapper/$1)" >>"$OUT/devices.txt"; }; }
cap() { dmsetup table "$2" >"$OUT/$1.table" 2>>"$LOG"; dmsetup status "$2" >"$OUT/$1.status" 2>>"$LOG"; }
capio() { dmsetup status "$2" >"$OUT/$1.status-io" 2>>"$LOG"; }
wr() { run dd if=/dev/urandom of="$1" bs=64k count="$2" seek="${3:-0}" oflag=direct conv=notrunc status=none; }
rd() { run dd if="$1" of=/dev/null bs=64k count="$2" iflag=direct status=none; }

uname -r >"$OUT/kernel-release"
dmsetup version >"$OUT/dmsetup-version"
date -u +%Y-%m-%d >"$OUT/date"

# --- linear (32768 sectors = 16 MiB loops) ---
mkloop L1 16; mkloop L2 16
mkdm lin "0 32768 linear $L1 0"; cap linear lin; wr /dev/mapper/lin 16; capio linear lin
mkdm linoff "0 16384 linear $L2 2048"; cap linear-offset linoff
run dmsetup remove linoff
mkdm lincat "$(printf '0 32768 linear %s 0\n32768 32768 linear %s 0' "$L1" "$L2")"; cap linear-concat lincat
run dmsetup remove lin

# --- striped ---
mkloop S1 16; mkloop S2 16; mkloop S3 16; mkloop S4 16
mkdm str2 "0 65536 striped 2 128 $S1 0 $S2 0"; cap striped2 str2; wr /dev/mapper/str2 16; capio striped2 str2
run dmsetup remove str2
mkdm str4 "0 131072 striped 4 256 $S1 0 $S2 0 $S3 0 $S4 0"; cap striped4 str4; wr /dev/mapper/str4 32; capio striped4 str4

# --- zero, error ---
mkdm zero "0 2097152 zero"; cap zero zero
mkdm err "0 1024 error"; cap error err

# --- delay ---
mkloop D1 16; mkloop D2 16
mkdm del1 "0 32768 delay $D1 0 100"; cap delay-read del1; wr /dev/mapper/del1 4; capio delay-read del1
run dmsetup remove del1
mkdm del2 "0 32768 delay $D1 0 50 $D2 0 100"; cap delay-write del2; run dmsetup remove del2
mkdm del3 "0 16384 delay $D1 0 10 $D1 16384 20 $D2 0 30"; cap delay-flush del3

# --- flakey ---
mkloop F1 16
mkdm flk "0 32768 flakey $F1 0 5 5"; cap flakey flk; run dmsetup remove flk
mkdm flkdw "0 32768 flakey $F1 0 0 5 1 drop_writes"; cap flakey-drop-writes flkdw; run dmsetup remove flkdw
mkdm flkew "0 32768 flakey $F1 0 0 5 1 error_writes"; cap flakey-error-writes flkew; run dmsetup remove flkew
mkdm flkcb "0 32768 flakey $F1 0 0 5 5 corrupt_bio_byte 32 r 1 0"; cap flakey-corrupt flkcb; run dmsetup remove flkcb
mkdm flkcw "0 32768 flakey $F1 0 3 7 6 corrupt_bio_byte 224 r 0 32 drop_writes"; cap flakey-corrupt-drop-writes flkcw

# --- dust (not built in Debian's 6.1; captured only where the module exists) ---
if modprobe dm-dust 2>/dev/null; then
  mkloop U1 16
  mkdm dust "0 32768 dust $U1 0 4096"; cap dust dust
  run dmsetup message dust 0 addbadblock 60; run dmsetup message dust 0 enable; capio dust dust
fi

# --- thin-pool / thin: 64 MiB data, 128-sector (64 KiB) blocks = 1024 blocks, low water 32 ---
mkloop TM1 8; mkloop TD1 64
mkdm pool1 "0 131072 thin-pool $TM1 $TD1 128 32"; cap thin-pool pool1
run dmsetup message pool1 0 "create_thin 0"
mkdm thin0 "0 65536 thin /dev/mapper/pool1 0"; cap thin-fresh thin0
wr /dev/mapper/thin0 16          # 1 MiB: 16 blocks, sectors 0..2047
cap thin thin0; capio thin-pool pool1
run dmsetup suspend thin0; run dmsetup message pool1 0 "create_snap 1 0"; run dmsetup resume thin0
mkdm snap1 "0 65536 thin /dev/mapper/pool1 1"
wr /dev/mapper/snap1 4 32        # 256 KiB at 2 MiB: 4 more blocks, sectors 4096..4607
cap thin-snap snap1; cap thin-pool-after-snap pool1
run dmsetup message pool1 0 "set_transaction_id 0 1"
run dmsetup message pool1 0 reserve_metadata_snap; cap thin-pool-held-root pool1
run dmsetup message pool1 0 release_metadata_snap
run dmsetup message pool1 0 "delete 1" || true
# read-only: reload the same pool with the read_only feature
run dmsetup remove snap1
run dmsetup suspend thin0
run dmsetup reload pool1 --table "0 131072 thin-pool $TM1 $TD1 128 32 1 read_only"
run dmsetup suspend pool1; run dmsetup resume pool1; run dmsetup resume thin0
cap thin-pool-read-only pool1; cap thin-on-read-only-pool thin0
# features, 256-sector blocks
mkloop TM2 8; mkloop TD2 64
mkdm pool2 "0 131072 thin-pool $TM2 $TD2 256 16 3 skip_block_zeroing ignore_discard error_if_no_space"; cap thin-pool-features pool2
mkloop TM5 8; mkloop TD5 64
mkdm pool5 "0 131072 thin-pool $TM5 $TD5 1024 8 1 no_discard_passdown"; cap thin-pool-no-discard-passdown pool5
run dmsetup message pool5 0 "create_thin 7"
mkloop TX1 32
mkdm thinext "0 65536 thin /dev/mapper/pool5 7 $TX1"; cap thin-external-origin thinext
# out of data space: 8 MiB data = 128 blocks, thin writes 16 MiB with error_if_no_space
mkloop TM3 8; mkloop TD3 8
mkdm pool3 "0 16384 thin-pool $TM3 $TD3 128 0 1 error_if_no_space"
run dmsetup message pool3 0 "create_thin 0"
mkdm thin3 "0 65536 thin /dev/mapper/pool3 0"
wr /dev/mapper/thin3 256 || true
cap thin-pool-out-of-data-space pool3; cap thin-full thin3

# --- cache: 8 MiB metadata, 32 MiB fast, 64 MiB origin ---
mkloop CM1 8; mkloop CC1 32; mkloop CO1 64
mkdm cache1 "0 131072 cache $CM1 $CC1 $CO1 128 1 writethrough smq 0"; cap cache-writethrough cache1
wr /dev/mapper/cache1 64; rd /dev/mapper/cache1 64; rd /dev/mapper/cache1 64; capio cache-writethrough cache1
run dmsetup message cache1 0 migration_threshold 4096; cap cache-migration-threshold cache1
mkloop CM2 8; mkloop CC2 32; mkloop CO2 64
mkdm cache2 "0 131072 cache $CM2 $CC2 $CO2 256 2 metadata2 writeback smq 2 migration_threshold 8192"; cap cache-writeback cache2
wr /dev/mapper/cache2 64; wr /dev/mapper/cache2 64; capio cache-writeback cache2
run dmsetup suspend cache2
run dmsetup reload cache2 --table "0 131072 cache $CM2 $CC2 $CO2 256 2 metadata2 writeback cleaner 0"
run dmsetup resume cache2; sleep 5; cap cache-cleaner cache2
mkloop CM3 8; mkloop CC3 32; mkloop CO3 64
mkdm cache3 "0 131072 cache $CM3 $CC3 $CO3 512 2 passthrough no_discard_passdown smq 0"; cap cache-passthrough cache3
run dmsetup message cache3 0 invalidate_cblocks 0 2-5 || true; capio cache-passthrough cache3

# --- era: 128-sector blocks ---
mkloop EM 8; mkloop EO 64
mkdm era "0 131072 era $EM $EO 128"; cap era era
wr /dev/mapper/era 16; run dmsetup message era 0 checkpoint; wr /dev/mapper/era 16 16
run dmsetup message era 0 checkpoint; capio era era
run dmsetup message era 0 take_metadata_snap; cap era-held-root era
run dmsetup message era 0 drop_metadata_snap

# --- snapshots (chunk 8 sectors = 4 KiB) ---
mkloop SO 32; mkloop SC 16; mkloop SN 16
mkdm sorig "0 65536 snapshot-origin $SO"; cap snapshot-origin sorig
mkdm snapp "0 65536 snapshot $SO $SC P 8"; cap snapshot-persistent snapp
mkdm snapn "0 65536 snapshot $SO $SN N 16"; cap snapshot-transient snapn
wr /dev/mapper/sorig 16          # 1 MiB: 256 chunks of 8 sectors, 128 of 16
capio snapshot-persistent snapp; capio snapshot-transient snapn
run dmsetup remove snapn
# merge back into the origin
run dmsetup suspend sorig; run dmsetup remove snapp
run dmsetup reload sorig --table "0 65536 snapshot-merge $SO $SC P 8"
run dmsetup resume sorig; sleep 3; cap snapshot-merge sorig
# overflow: 1 MiB COW, 4 MiB written to the origin; P invalidates, PO overflows
mkloop VO 32; mkloop VC 4
mkdm vcow1 "0 2048 linear $VC 0"; mkdm vcow2 "0 2048 linear $VC 2048"
mkdm vorig "0 65536 snapshot-origin $VO"
mkdm snapinv "0 65536 snapshot $VO /dev/mapper/vcow1 P 8"
mkdm snapovf "0 65536 snapshot $VO /dev/mapper/vcow2 PO 8"; cap snapshot-overflow-capable snapovf
# 4 KiB writes: one exception each (1024 x 8 sectors overflows a 2048-sector COW)
run dd if=/dev/urandom of=/dev/mapper/vorig bs=4k count=1024 oflag=direct conv=notrunc status=none || true
cap snapshot-invalid snapinv
# an origin write past the COW's end always invalidates; only writes to a PO snapshot itself overflow
mkloop WO2 32; mkloop WC3 4
mkdm ocow "0 2048 linear $WC3 0"
mkdm oorig "0 65536 snapshot-origin $WO2"
mkdm snapovf2 "0 65536 snapshot $WO2 /dev/mapper/ocow PO 8"
run dd if=/dev/urandom of=/dev/mapper/snapovf2 bs=4k count=1024 oflag=direct conv=notrunc status=none || true
cap snapshot-overflow snapovf2

# --- mirror ---
mkloop MA 32; mkloop MB 32; mkloop ML 4
mkdm mir "0 65536 mirror core 1 1024 2 $MA 0 $MB 0"; sleep 3; cap mirror-core mir
run dmsetup remove mir
mkdm mir2 "0 65536 mirror disk 2 $ML 1024 2 $MA 0 $MB 0 1 handle_errors"; sleep 3; cap mirror-disk mir2

# --- raid1 ---
mkloop RM1 4; mkloop RD1 32; mkloop RM2 4; mkloop RD2 32
mkdm r1 "0 65536 raid raid1 3 0 region_size 1024 2 $RM1 $RD1 $RM2 $RD2"; cap raid1 r1; sleep 5; capio raid1 r1
mkloop RD3 32; mkloop RD4 32
mkdm r1nm "0 65536 raid raid1 1 0 2 - $RD3 - $RD4"; sleep 5; cap raid1-no-metadata r1nm

# --- writecache: 64 MiB origin, 16 MiB cache ---
mkloop WO 64; mkloop WC 16
mkdm wc "0 131072 writecache s $WO $WC 4096 0"; cap writecache wc
wr /dev/mapper/wc 32; capio writecache wc
run dmsetup remove wc
mkdm wc2 "0 131072 writecache s $WO $WC 4096 4 high_watermark 60 low_watermark 40"; cap writecache-watermarks wc2

# --- integrity: journal mode, crc32c ---
mkloop IN 32
mkdm integ "0 8 integrity $IN 0 4 J 1 internal_hash:crc32c"; cap integrity-probe integ
PROVIDED=$(dmsetup status integ | awk '{print $5}'); run dmsetup remove integ
mkdm integ "0 $PROVIDED integrity $IN 0 4 J 1 internal_hash:crc32c"; cap integrity integ
wr /dev/mapper/integ 16; capio integrity integ

# --- crypt (aes-xts-plain64, 256-bit key) ---
mkloop CR 16
KEY=000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f
mkdm crypt "0 32768 crypt aes-xts-plain64 $KEY 0 $CR 0"; cap crypt crypt
dmsetup table --showkeys crypt >"$OUT/crypt.table-showkeys"
mkloop CR2 16
mkdm crypt2 "0 32760 crypt aes-xts-plain64 $KEY 7 $CR2 8 2 allow_discards same_cpu_crypt"; cap crypt-features crypt2
dmsetup table --showkeys crypt2 >"$OUT/crypt-features.table-showkeys"

# --- verity without a valid tree: loads, reads fail, status turns C ---
mkloop VD 8; mkloop VH 1
ROOT=4392b5f1d2a3e8c0e9d6c2b1a0f9e8d7c6b5a4938271605f4e3d2c1b0a998877
SALT=1234567890abcdef
RO=--readonly mkdm ver "0 16384 verity 1 $VD $VH 4096 4096 2048 1 sha256 $ROOT $SALT"; cap verity ver
rd /dev/mapper/ver 1 || true; capio verity ver
run dmsetup remove ver
RO=--readonly mkdm ver2 "0 16384 verity 1 $VD $VH 4096 4096 2048 1 sha256 $ROOT - 2 ignore_corruption ignore_zero_blocks"; cap verity-features ver2

# --- log-writes ---
mkloop LW1 32; mkloop LW2 32
mkdm lw "0 65536 log-writes $LW1 $LW2"; cap log-writes lw
wr /dev/mapper/lw 8; run dmsetup message lw 0 mark sts; capio log-writes lw

# --- multipath: two loop devices over one file ---
truncate -s 16M "$IMG/mp.img"
P1=$(losetup -f --show "$IMG/mp.img"); echo "P1 $P1 $(devnum $P1)" >>"$OUT/devices.txt"
P2=$(losetup -f --show "$IMG/mp.img"); echo "P2 $P2 $(devnum $P2)" >>"$OUT/devices.txt"
mkdm mp "0 32768 multipath 0 0 1 1 round-robin 0 1 1 $P1 1000"; cap multipath mp
run dmsetup remove mp
mkdm mp2 "0 32768 multipath 1 queue_if_no_path 0 2 1 round-robin 0 2 1 $P1 1000 $P2 1000 service-time 0 1 2 $P2 100 1"; cap multipath-two-groups mp2
run dmsetup message mp2 0 "fail_path $P2"; capio multipath-two-groups mp2

# --- vdo (not in 6.1) ---
modprobe dm-vdo 2>/dev/null && echo "dm-vdo present" >>"$LOG"

# --- a failed pool: metadata on a dm device that is switched to the error target ---
mkloop TM4 8; mkloop TD4 32
mkdm p4meta "0 16384 linear $TM4 0"
mkdm pool4 "0 65536 thin-pool /dev/mapper/p4meta $TD4 128 0"
run dmsetup message pool4 0 "create_thin 0"
mkdm thin4 "0 65536 thin /dev/mapper/pool4 0"
wr /dev/mapper/thin4 4
run dmsetup suspend --noflush p4meta
run dmsetup reload p4meta --table "0 16384 error"
run dmsetup resume p4meta
wr /dev/mapper/thin4 4 16 || true
run dmsetup message pool4 0 "create_thin 1" || true
timeout 20 dmsetup status pool4 >"$OUT/thin-pool-failed.status" 2>>"$LOG"
timeout 20 dmsetup status thin4 >"$OUT/thin-failed.status" 2>>"$LOG"
timeout 20 dmsetup table pool4 >"$OUT/thin-pool-failed.table" 2>>"$LOG"

timeout 30 dmsetup table >"$OUT/all.table" 2>>"$LOG"
timeout 30 dmsetup status >"$OUT/all.status" 2>>"$LOG"
dmesg >"$OUT/dmesg.log"
echo done
