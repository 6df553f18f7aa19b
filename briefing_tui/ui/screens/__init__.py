"""Screens: main (panes + filters), document (provenance), help, picker, problems."""
