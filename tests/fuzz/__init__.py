"""The standing fuzz suite of ingestion (issue 15): a seeded corpus of hostile inputs and its checks."""
