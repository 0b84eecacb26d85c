import Testing
@testable import NoaberCLI
