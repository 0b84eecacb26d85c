/// Version 6: rejection reasons in both languages.
///
/// - `rejected_rows` gains `reason_nl` and `reason_en`: the importer words every reason in Dutch
///   and in English and used to keep only the one of the language it ran in (`reason`), so
///   `noaber rejected --lang en` and an English village page showed Dutch reasons. `reason` stays
///   as it was (the import's language, never NULL); rows of older imports have NULL in both new
///   columns and are shown in the language they were stored in.
///   `ALTER TABLE … ADD COLUMN` without a default rewrites no row: instant at any size.
extension Schema {
    static let version6 = """
    ALTER TABLE rejected_rows ADD COLUMN reason_nl TEXT;   -- the reason in Dutch (NULL for imports before version 6)
    ALTER TABLE rejected_rows ADD COLUMN reason_en TEXT;   -- the reason in English (NULL for imports before version 6)
    """
}
