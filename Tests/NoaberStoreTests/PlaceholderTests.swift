import Testing
@testable import NoaberStore
