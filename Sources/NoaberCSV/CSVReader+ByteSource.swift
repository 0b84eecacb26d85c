#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension CSVReader {
    /// The bytes behind a reader: a file read with `read(2)` in caller-sized chunks, or an
    /// array in memory. Both can rewind, because detecting the encoding and the delimiter
    /// needs a look at the input before parsing starts.
    ///
    /// A file is never loaded whole; only the caller's chunk buffer holds its bytes.
    final class ByteSource {
        private enum Backing {
            case file(descriptor: Int32)
            case memory([UInt8])
        }

        private let backing: Backing
        let name: String
        /// Read position for the memory backing (files keep theirs in the kernel).
        private var offset = 0

        /// Opens a regular file. First with `O_NONBLOCK`, so that opening a named pipe returns at
        /// once instead of waiting for a writer, and the descriptor is refused unless it is a
        /// regular file (a pipe can be read only once, a device such as `/dev/zero` never ends);
        /// then again through `/proc/self/fd` (the same file) without the flag, for reading:
        /// reads through an `O_NONBLOCK` descriptor measured slower (see `InputFile.open` in
        /// NoaberImport). Without `/proc`, the path is opened again and must be the same file.
        init(path: String) throws(CSVError) {
            func failure(_ reason: String) -> CSVError { CSVError(file: path, line: 0, field: nil, kind: .unreadable(reason: reason)) }
            let probe = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK)
            guard probe >= 0 else { throw failure(Self.systemError()) }
            defer { close(probe) }
            var info = stat()
            guard fstat(probe, &info) == 0 else { throw failure(Self.systemError()) }
            guard info.st_mode & S_IFMT == S_IFREG else {
                throw failure("not a regular file (a pipe, device or directory); save the export as a file first")
            }
            var descriptor = open("/proc/self/fd/\(probe)", O_RDONLY | O_CLOEXEC | O_NOCTTY)
            if descriptor < 0 { descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY) }
            guard descriptor >= 0 else { throw failure(Self.systemError()) }
            var again = stat()
            guard fstat(descriptor, &again) == 0, again.st_dev == info.st_dev, again.st_ino == info.st_ino else {
                close(descriptor)
                throw failure("the file changed while it was opened")
            }
            backing = .file(descriptor: descriptor)
            name = path
        }

        init(bytes: [UInt8], name: String) {
            backing = .memory(bytes)
            self.name = name
        }

        deinit {
            if case .file(let descriptor) = backing { close(descriptor) }
        }

        /// Fills as much of `buffer` as the next read gives; 0 means end of input.
        /// `line` only places a read error in its message.
        func read(into buffer: UnsafeMutableRawBufferPointer, line: Int) throws(CSVError) -> Int {
            guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
            switch backing {
            case .memory(let bytes):
                let count = min(buffer.count, bytes.count - offset)
                guard count > 0 else { return 0 }
                bytes.withUnsafeBytes { source in
                    if let start = source.baseAddress {
                        base.copyMemory(from: start + offset, byteCount: count)
                    }
                }
                offset += count
                return count
            case .file(let descriptor):
                while true {
                    let count = readDescriptor(descriptor, base, buffer.count)
                    if count >= 0 { return count }
                    if errno == EINTR { continue }
                    throw CSVError(file: name, line: line, field: nil, kind: .unreadable(reason: Self.systemError()))
                }
            }
        }

        /// Moves the read position to `position` bytes from the start.
        func seek(to position: Int) throws(CSVError) {
            switch backing {
            case .memory(let bytes):
                offset = min(position, bytes.count)
            case .file(let descriptor):
                guard lseek(descriptor, off_t(position), SEEK_SET) >= 0 else {
                    let reason = "cannot rewind to detect the encoding or delimiter (\(Self.systemError())); give both explicitly"
                    throw CSVError(file: name, line: 0, field: nil, kind: .unreadable(reason: reason))
                }
            }
        }

        private static func systemError() -> String {
            String(cString: strerror(errno))
        }
    }
}

/// `read(2)`, called from file scope because inside `ByteSource` the name means the method.
private func readDescriptor(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}
