#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Entry point of the `noaber` executable (filled in by the CLI work).
public enum NoaberCommandLine {
    public static func main() {
        exit(0)
    }
}
