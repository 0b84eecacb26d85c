// NoaberStore: see docs/architecture.md.
