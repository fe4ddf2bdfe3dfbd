"""The command line interface (thin: parses, calls the library, prints)."""
