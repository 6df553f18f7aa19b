"""One-page Markdown briefing notes and the pins that go into them.

note.py chooses and arranges the facts (from briefing_tui.query only), markdown.py keeps
article text inert, pins.py keeps the user's pins beside the store, files.py writes files
atomically without overwriting, filters.py reads countries and topics typed on the command line.
"""
