// NoaberReport: see docs/architecture.md.
