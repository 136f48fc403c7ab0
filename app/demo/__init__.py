"""Demo content used to seed development and demo instances."""
