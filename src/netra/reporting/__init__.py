"""Shared output formats for reports: SVG charts, PDF documents, spreadsheet-safe CSV."""
