import Testing
@testable import NoaberReport
