"""The course's datasets and weights, by name: ``load("fashion")``, ``verify("fashion")``, ``ASSETS`` (see assets)."""

from dlspec.data.assets import ASSETS, Asset, ChecksumError, MissingAssetError, digest, load, verify

__all__ = ["ASSETS", "Asset", "ChecksumError", "MissingAssetError", "digest", "load", "verify"]
