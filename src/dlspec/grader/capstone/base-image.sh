#!/bin/sh
# The capstone's container base image, built once per machine from Debian's own mirror (no registry image):
# debootstrap a minimal bookworm with Python, then `podman import` it as localhost/dlspec-base:bookworm.
# Usage: base-image.sh [MIRROR]   (make container runs it; it does nothing when the image exists)
set -eu
IMAGE=localhost/dlspec-base:bookworm
MIRROR=${1:-http://deb.debian.org/debian}
PODMAN="podman --runtime runc --cgroup-manager cgroupfs"
if $PODMAN image exists "$IMAGE"; then
    echo "$IMAGE exists"
    exit 0
fi
ROOTFS=$(mktemp -d)
trap 'rm -rf "$ROOTFS"' EXIT
debootstrap --variant=minbase --include=python3,python3-venv,ca-certificates bookworm "$ROOTFS" "$MIRROR"
rm -rf "$ROOTFS"/var/cache/apt/archives/*.deb "$ROOTFS"/var/lib/apt/lists/*
tar -C "$ROOTFS" -c . | $PODMAN import --change 'CMD ["/bin/bash"]' - "$IMAGE"
$PODMAN image ls "$IMAGE"
