import Foundation

/// Computes a file's SHA-256 on its own thread while the import runs.
///
/// The hash decides whether the file was imported before (then the import is a no-op) and is
/// stored as provenance, but nothing else waits for it: the importer starts reading and writing
/// at once, polls `finishedSHA256()` after each batch to stop a re-import early, and calls
/// `sha256()` (which blocks) before it commits. On two cores this takes the hash off the
/// critical path of the writing thread.
///
/// `@unchecked Sendable`: `outcome` is read and written only while `condition` is locked.
final class FileHasher: @unchecked Sendable {
    private let condition = NSCondition()
    private var outcome: Result<String, ImportError>?

    /// Starts hashing `path` on a new thread.
    init(path: String, limit: Int = InputFile.maximumBytes) {
        let thread = Thread { [self] in
            let result = Result<String, ImportError> { () throws(ImportError) in try FileScan.sha256(path: path, limit: limit) }
            condition.lock()
            outcome = result
            condition.broadcast()
            condition.unlock()
        }
        thread.stackSize = 1 << 20
        thread.start()
    }

    /// The hash once it is known, without waiting; nil while the thread still runs or when it
    /// failed (`sha256()` then throws the error).
    func finishedSHA256() -> String? {
        condition.lock()
        defer { condition.unlock() }
        if case .success(let hash)? = outcome { return hash }
        return nil
    }

    /// Waits for the hash. Also the way to make sure the thread has let go of the file.
    func sha256() throws(ImportError) -> String {
        condition.lock()
        while outcome == nil { condition.wait() }
        let result = outcome
        condition.unlock()
        switch result {
        case .success(let hash)?: return hash
        case .failure(let error)?: throw error
        case nil: throw .cannotRead(file: "", reason: "hash missing")   // unreachable: the loop waited for it
        }
    }
}
