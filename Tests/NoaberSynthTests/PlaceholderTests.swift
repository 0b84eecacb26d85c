import Testing
@testable import NoaberSynth
