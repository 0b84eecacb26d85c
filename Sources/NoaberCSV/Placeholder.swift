// NoaberCSV: see docs/architecture.md.
