import Testing
@testable import NoaberImport
