"""Widgets: the virtual fact table, the filter bar, one module per pane, the document view."""
