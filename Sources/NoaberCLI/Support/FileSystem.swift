import NoaberModel
import Foundation
import NoaberImport

/// The few file-system operations commands need, with errors people can act on.
enum FileSystem {
    static func createDirectory(_ path: String) throws(CLIFailure) {
        do { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) } catch {
            throw .cannotCreate(Localized(nl: "kan map \(path) niet maken: \(error.localizedDescription)",
                                          en: "cannot create folder \(path): \(error.localizedDescription)"))
        }
    }

    static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    /// Removes a store and everything that belongs to it (WAL, shared memory, key).
    static func removeStore(_ path: String) {
        removeStoreFiles(path)
        remove(path + ".key")
    }

    /// Removes a store's database, WAL, shared-memory and journal files (not its key).
    static func removeStoreFiles(_ path: String) {
        for suffix in ["", "-wal", "-shm", "-journal"] { remove(path + suffix) }
    }

    static func remove(_ path: String) { try? FileManager.default.removeItem(atPath: path) }
}
