// NoaberSynth: see docs/architecture.md.
