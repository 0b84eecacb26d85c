// NoaberMetrics: see docs/architecture.md.
