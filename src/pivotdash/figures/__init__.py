"""Plotly figure builders: each takes data first and returns a finished go.Figure."""
