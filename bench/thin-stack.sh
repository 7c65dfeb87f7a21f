#!/usr/bin/env bash
# The baseline of the fixture-overhead benchmark: what a QA engineer's shell script does to
# build and tear down loop -> thin-pool -> thin, with the same steps and sizes as the fixture
# (DeviceStack.ThinPoolAsync + CreateThinAsync, then teardown with thin_check).
#   bench/thin-stack.sh WORKDIR NAME-PREFIX
set -euo pipefail
dir=$1 prefix=$2
truncate -s 8M "$dir/$prefix-meta.img"
truncate -s 64M "$dir/$prefix-data.img"
meta=$(losetup --find --show "$dir/$prefix-meta.img")
data=$(losetup --find --show "$dir/$prefix-data.img")
dmsetup create "$prefix-pool" --table "0 131072 thin-pool $meta $data 128 0"
dmsetup message "$prefix-pool" 0 "create_thin 1"
dmsetup create "$prefix-thin" --table "0 65536 thin /dev/mapper/$prefix-pool 1"
dmsetup remove "$prefix-thin"
dmsetup remove "$prefix-pool"
thin_check "$meta"
losetup --detach "$meta"
losetup --detach "$data"
rm -f "$dir/$prefix-meta.img" "$dir/$prefix-data.img"
