"""Image transforms: operators that reshape or filter another node's image."""

from foulard.ops.transform import blur, resample

__all__ = ["blur", "resample"]
