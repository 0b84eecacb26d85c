import Testing
@testable import NoaberCSV
