"""SYCL: a launch through a table of kernels, a struct member or a pointer reached with `->` passes the launch
configuration to the launcher the pointer holds, and the kernel-attribute calls map to cpsycl's; type-checked."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.targets.opencl.test_launch_callees import PROGRAM
from tests.targets.sycl.typecheck import typecheck_text
from translator.api import translate_text

pytestmark = pytest.mark.sycl_headers


def test_table_member_and_arrow_launches_pass_the_configuration(tmp_path: Path) -> None:
    res = translate_text(PROGRAM, "sycl", name="k.cu")
    text = res.output.decode()
    assert "<<<" not in text, text
    assert "table[t](cpsycl::launch_config((n + 127) / 128, 128), d, n)" in text
    assert "p->table[0](cpsycl::launch_config(" in text and "ops.first(cpsycl::launch_config(" in text
    assert "cpsycl::func_get_attributes(&attr, " in text and "cpsycl::func_set_attribute(" in text
    assert not [f for f in res.findings if f.code in ("CP2002", "CP4509", "CP4514")], res.findings
    res = typecheck_text(tmp_path, "t.cpp", text)
    assert res.returncode == 0, res.stderr[-3000:]
