"""The Textual browser. Only this package imports Textual; it reads data through briefing_tui.query."""
