/// Read access to the fields of one record, as UTF-8 bytes. The CSV reader conforms; tests use
/// `StringRow`.
public protocol RowFields {
    var fieldCount: Int { get }
    func withField<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R
}

/// A record held as Strings; for tests and small inputs.
public struct StringRow: RowFields {
    public var fields: [String]
    public init(_ fields: [String]) { self.fields = fields }
    public var fieldCount: Int { fields.count }
    public func withField<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        guard index >= 0, index < fields.count else { return try body(UnsafeBufferPointer(start: nil, count: 0)) }
        var s = fields[index]
        return try s.withUTF8 { try body($0) }
    }
}
