import Testing
@testable import NoaberMetrics
