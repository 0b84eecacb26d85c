import Foundation
import NoaberModel
import NoaberStore

/// Finds the pseudonymisation key that belongs to a store, and refuses every situation in which
/// using or creating a key would silently break the linking of residents across exports.
///
/// The store records the key's fingerprint on first use. Afterwards a missing key file is an
/// error (never a reason to make a new key), and a key with another fingerprint is an error.
public enum KeyCustody {
    /// The default key file: beside the store, never inside it.
    public static func defaultKeyPath(forStore storePath: String) -> String { storePath + ".key" }

    public static func pseudonymizer(store: NoaberStore, keyPath: String) throws(ImportError) -> Pseudonymizer {
        let recorded: String?
        do { recorded = try store.meta("key_fingerprint") } catch { throw .store(file: nil, error) }
        let key: KeyFile
        if FileManager.default.fileExists(atPath: keyPath) {
            do { key = try KeyFile.load(at: keyPath) } catch { throw .key(problem: Localized(nl: error.description, en: error.description)) }
            if let recorded, recorded != key.fingerprint {
                throw .key(problem: Localized(
                    nl: "sleutelbestand \(keyPath) hoort niet bij deze store (andere vingerafdruk). Gebruik de sleutel waarmee de store is gemaakt (--key-file); met een andere sleutel zouden dezelfde inwoners niet meer gekoppeld worden.",
                    en: "key file \(keyPath) does not belong to this store (different fingerprint). Use the key the store was made with (--key-file); another key would stop linking the same residents."))
            }
        } else {
            if recorded != nil {
                throw .key(problem: Localized(
                    nl: "sleutelbestand \(keyPath) ontbreekt, maar de store is met een sleutel gemaakt. Zet de oorspronkelijke sleutel terug of geef hem met --key-file; noaber maakt bewust geen nieuwe sleutel.",
                    en: "key file \(keyPath) is missing, but the store was made with a key. Restore the original key or pass it with --key-file; noaber deliberately does not create a new one."))
            }
            do { key = try KeyFile.create(at: keyPath) } catch { throw .key(problem: Localized(nl: error.description, en: error.description)) }
        }
        if recorded == nil {
            do { try store.write { w in try w.setMeta("key_fingerprint", key.fingerprint) } } catch let error as StoreError {
                throw .store(file: nil, error)
            } catch {
                throw .internalInconsistency(file: store.path, problem: String(describing: error))
            }
        }
        return Pseudonymizer(key: key)
    }
}
