"""Target emitters behind one protocol (base.Target): HIP, SYCL and OpenCL.

Each target handles the structural rewrites its rules name as handlers (launches, kernels, shared memory)
and says how output files are named.
"""

from __future__ import annotations

from translator.targets.base import Target, get_target, target_names

__all__ = ["Target", "get_target", "target_names"]
