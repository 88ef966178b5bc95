"""Showing data problems to the analyst: a clear list, never a traceback."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import pandas as pd
import streamlit as st

from pivotdash.errors import DataError

T = TypeVar("T")


def show_data_error(err: DataError, what: str = "this page") -> None:
    """Explain that the data for `what` failed validation, and list every problem found."""
    st.error(
        f"The data behind {what} has {len(err.problems)} problem(s), so it cannot be shown. "
        "Fix the files named below (or restore them from the repository) and reload."
    )
    table = pd.DataFrame(
        [{"file": p.file, "row": p.row, "column": p.column or "", "rule": p.rule, "found": p.found}
         for p in err.problems]
    )
    st.dataframe(table, hide_index=True, width="stretch")


def require(load: Callable[[], T], what: str) -> T:
    """`load()`, or — when its data does not validate — the problems explained and the page stopped."""
    try:
        return load()
    except DataError as err:
        show_data_error(err, what)
        st.stop()
    raise AssertionError("st.stop() returned")  # pragma: no cover - st.stop raises
