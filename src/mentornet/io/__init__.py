"""Data in and out: import and export formats, one module each."""
