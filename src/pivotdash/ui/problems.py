"""Showing data problems to the analyst: a clear list, never a traceback."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from pivotdash.errors import DataError


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
