#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NoaberModel

/// The files noaber reads as input (exports, villages files, profiles): regular files only, of
/// a bounded size.
///
/// An import reads its file three times — the encoding scan, the hash beside the import, the
/// parse — and records it as provenance by name and SHA-256. A pipe can be read only once, and a
/// device such as `/dev/zero` or `/dev/urandom` never ends, so anything that is not a regular file
/// is refused before a byte is read: `check` uses `stat(2)`, which does not open the file, because
/// opening a named pipe blocks until a writer comes. `open` opens with `O_NONBLOCK` and checks the
/// opened descriptor again, so a pipe swapped in after the check cannot block or be read either.
/// (`noaber import /dev/stdin < export.csv` works: the shell's redirect is a regular file.)
///
/// A file larger than the limit (`maximumBytes` by default) is refused from its size before it is
/// read, and every reader stops at the limit while streaming, should the file grow meanwhile.
enum InputFile {
    /// The largest export an import reads: 4 GiB, about 30 million canonical case rows. A
    /// village's export is a few MB; the 10-million-case scale benchmark writes 1.4 GB.
    static let maximumBytes = 4 << 30
    /// The largest profile file read: 1 MiB (a profile is a few KB).
    static let maximumProfileBytes = 1 << 20

    /// Refuses `path` unless it is a regular file of at most `limit` bytes; returns its size.
    /// Never opens the file.
    @discardableResult
    static func check(_ path: String, limit: Int) throws(ImportError) -> Int {
        var info = stat()
        guard stat(path, &info) == 0 else { throw .cannotRead(file: path, reason: String(cString: strerror(errno))) }
        try requireRegular(info, path: path)
        let size = Int(info.st_size)
        if size > limit { throw .fileTooLarge(file: path, limit: limit) }
        return size
    }

    /// Opens a regular file for reading (see the type's discussion); the caller closes it.
    ///
    /// The path is first opened with `O_NONBLOCK`, which never waits for a pipe's writer, and
    /// checked on that descriptor; the file is then opened again through `/proc/self/fd`, which
    /// names the very same file, without the flag. Reading through an `O_NONBLOCK` descriptor,
    /// even after clearing the flag with `fcntl`, made the hash thread's SHA-256 four times slower
    /// on this machine (perf: 2,000 instead of 540 samples for a 135 MB file); reading through
    /// the second descriptor costs what a plain `open` does. Where `/proc` is missing, the path
    /// is opened again and must be the same file (device and inode).
    static func open(_ path: String) throws(ImportError) -> Int32 {
        let probe = openDescriptor(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK)
        guard probe >= 0 else { throw .cannotRead(file: path, reason: String(cString: strerror(errno))) }
        defer { close(probe) }
        var info = stat()
        guard fstat(probe, &info) == 0 else { throw .cannotRead(file: path, reason: String(cString: strerror(errno))) }
        try requireRegular(info, path: path)
        var fd = openDescriptor("/proc/self/fd/\(probe)", O_RDONLY | O_CLOEXEC | O_NOCTTY)
        if fd < 0 { fd = openDescriptor(path, O_RDONLY | O_CLOEXEC | O_NOCTTY) }
        guard fd >= 0 else { throw .cannotRead(file: path, reason: String(cString: strerror(errno))) }
        var again = stat()
        guard fstat(fd, &again) == 0, again.st_dev == info.st_dev, again.st_ino == info.st_ino else {
            close(fd)
            throw .cannotRead(file: path, reason: "the file changed while it was opened")
        }
        return fd
    }

    /// The whole file, refused when it is larger than `limit`.
    static func read(_ path: String, limit: Int) throws(ImportError) -> [UInt8] {
        try check(path, limit: limit)
        let fd = try open(path)
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let n = chunk.withUnsafeMutableBytes { readDescriptor(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw .cannotRead(file: path, reason: String(cString: strerror(errno)))
            }
            if n == 0 { return bytes }
            bytes.append(contentsOf: chunk[0..<n])
            if bytes.count > limit { throw .fileTooLarge(file: path, limit: limit) }
        }
    }

    private static func requireRegular(_ info: stat, path: String) throws(ImportError) {
        let type = info.st_mode & S_IFMT
        guard type != S_IFREG else { return }
        let what: Localized
        switch type {
        case S_IFIFO: what = Localized(nl: "een pipe (FIFO)", en: "a pipe (FIFO)")
        case S_IFCHR, S_IFBLK: what = Localized(nl: "een apparaat (zoals /dev/zero)", en: "a device (such as /dev/zero)")
        case S_IFDIR: what = Localized(nl: "een map", en: "a directory")
        case S_IFSOCK: what = Localized(nl: "een socket", en: "a socket")
        default: what = Localized(nl: "geen gewoon bestand", en: "not a regular file")
        }
        throw .notARegularFile(file: path, what: what)
    }
}

/// `open(2)` and `read(2)`, called from file scope because inside `InputFile` the names mean its
/// own functions.
private func openDescriptor(_ path: String, _ flags: Int32) -> Int32 { open(path, flags) }
private func readDescriptor(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int { read(fd, buffer, count) }
