// NoaberImport: see docs/architecture.md.
