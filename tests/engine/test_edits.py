"""Byte-range edits: nesting of templated edits, conflicts, insertions and byte-identical untouched text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from translator.engine.edits import Edit, apply_edits


def test_template_edit_sees_inner_edits_translated() -> None:
    data = b"cudaMemcpy(a, sizeof(float4), k); x = 1;"
    outer = Edit(0, 32, build=lambda r: f"hipMemcpy({r(14, 28)}, {r(11, 12)})")
    inner = Edit(21, 6, "float4_t")
    out, dropped = apply_edits(data, [outer, inner])
    assert out == b"hipMemcpy(sizeof(float4_t), a); x = 1;" and not dropped


def test_partial_overlap_drops_the_later_edit() -> None:
    out, dropped = apply_edits(b"abcdefgh", [Edit(0, 4, "X"), Edit(2, 4, "Y")])
    assert out == b"Xefgh" and [d.text for d in dropped] == ["Y"]


def test_insertions_at_an_edit_boundary_stay_on_their_side() -> None:
    out, _ = apply_edits(b"cudaFree(p);", [Edit(0, 0, "/*a*/ "), Edit(0, 8, "hipFree"), Edit(8, 0, "<b>")])
    assert out == b"/*a*/ hipFree<b>(p);"


def test_no_edits_is_byte_identical_even_for_non_utf8() -> None:
    data = b"// caf\xe9\n__global__ void k() {}\n"
    assert apply_edits(data, [])[0] == data


@given(st.binary(max_size=200), st.lists(st.tuples(st.integers(0, 199), st.integers(0, 10), st.text(max_size=5)),
                                         max_size=8))
def test_bytes_outside_applied_edits_are_unchanged(data: bytes, raw: list[tuple[int, int, str]]) -> None:
    edits = [Edit(min(o, len(data)), min(n, len(data) - min(o, len(data))), t) for o, n, t in raw]
    out, dropped = apply_edits(data, edits)
    gone = {id(e) for e in dropped}
    kept = sorted((e for e in edits if id(e) not in gone), key=lambda e: (e.offset, e.length))
    # Rebuild the expected output by hand from the kept (non-overlapping) edits.
    expected, pos = b"", 0
    for e in kept:
        expected += data[pos:e.offset] + e.text.encode()
        pos = max(pos, e.end)
    expected += data[pos:]
    assert out == expected
