"""Domain results turned into Rich renderables and text; the CLI prints them."""
