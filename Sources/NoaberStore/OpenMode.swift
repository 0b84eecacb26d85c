/// How a store file is opened (`NoaberStore(path:mode:)`).
///
/// Its own type rather than nested in the connection class, because the connection is internal
/// to NoaberStore while the CLI chooses the mode: read-only for the commands that only read.
public enum OpenMode: Sendable {
    /// Never writes; the file must exist. Does not change the journal mode.
    case readOnly
    /// Reads and writes; the file must exist.
    case readWrite
    /// Reads and writes; creates an empty database when the file does not exist.
    case readWriteCreate
}
