"""Image transforms: operators that reshape or filter another node's image."""

from foulard.ops.transform import blur

__all__ = ["blur"]
