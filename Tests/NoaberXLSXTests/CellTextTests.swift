import XCTest
@testable import NoaberXLSX

final class CellTextTests: XCTestCase {
    func testPlaceholder() {}
}
