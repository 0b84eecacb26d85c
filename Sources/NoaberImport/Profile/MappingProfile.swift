import Foundation
import NoaberModel

/// How to read one village's export dialect: which of its columns mean which canonical field,
/// how its value labels map to noaber's codes, and how it writes dates and numbers.
///
/// Profiles are JSON files (see docs/profiles.md); one per export dialect, reused for every
/// export in that dialect. A profile is checked as a whole when it is loaded, so a
/// contradictory profile fails before a single row is read.
public struct MappingProfile: Sendable, Hashable {
    public var name: String
    public var description: String
    public var kind: RecordKind
    /// nil: detect (BOM, then UTF-8 validity, else Windows-1252).
    public var encoding: String?
    /// nil: detect among `,` `;` and tab.
    public var delimiter: UInt8?
    public var dateOrder: DateOrder
    public var excelSerialDates: Bool
    public var decimalSeparator: DecimalSeparator
    public var multiValueSeparator: String
    /// A fixed village code for exports that have no village column.
    public var village: String?
    /// Source header (compared case-insensitively after trimming) → canonical field.
    public var columns: [String: String]
    /// Canonical field → (source label, compared case-insensitively after trimming → canonical code).
    public var values: [String: [String: String]]
    /// Source columns that are never read or stored (names, addresses, free text).
    public var drop: [String]
    /// `id_scope`: whose keys the export's person and volunteer ids are (nil: not stated, village).
    public var idScope: IdentityScope?
    /// `export`: `full` (every case so far) or `incremental` (new and changed cases only); nil:
    /// not stated, full.
    public var exportKind: ExportKind?
    /// `sheet`: the worksheet of a workbook to read, by name or 1-based number (nil: the first
    /// sheet with a recognised header).
    public var sheet: String?
    /// `header_row`: the 1-based row of a workbook's sheet that holds the header (nil: found in
    /// the first 30 rows).
    public var headerRow: Int?
    /// `case_id_is_personal`: the village's file numbers are themselves personal data (a name, a
    /// BSN), so they are stored as keyed pseudonyms instead of as written (see `CaseIDRule`).
    public var caseIDIsPersonal = false

    public init(name: String, description: String = "", kind: RecordKind, encoding: String? = nil,
                delimiter: UInt8? = nil, dateOrder: DateOrder = .dayMonthYear, excelSerialDates: Bool = true,
                decimalSeparator: DecimalSeparator = .auto, multiValueSeparator: String = "|", village: String? = nil,
                columns: [String: String] = [:], values: [String: [String: String]] = [:], drop: [String] = []) {
        self.name = name
        self.description = description
        self.kind = kind
        self.encoding = encoding
        self.delimiter = delimiter
        self.dateOrder = dateOrder
        self.excelSerialDates = excelSerialDates
        self.decimalSeparator = decimalSeparator
        self.multiValueSeparator = multiValueSeparator
        self.village = village
        self.columns = columns
        self.values = values
        self.drop = drop
    }

    /// The profile that canonical files use implicitly.
    public static func canonical(_ kind: RecordKind) -> MappingProfile {
        MappingProfile(name: "canonical", description: "noaber's own format", kind: kind)
    }

    /// Fields a profile may map to: the canonical columns plus `age` (years at intake).
    public static func mappableFields(_ kind: RecordKind) -> Set<String> {
        var fields = Set(kind.canonicalColumns)
        if kind == .cases { fields.insert("age") }
        return fields
    }

    /// Loads and checks a profile file: a regular file of at most 1 MiB (`InputFile`), strict
    /// JSON without a duplicated key (`StrictJSON`), then every setting.
    public static func load(from path: String) throws(ImportError) -> MappingProfile {
        let bytes: [UInt8]
        do { bytes = try InputFile.read(path, limit: InputFile.maximumProfileBytes) } catch {
            guard case .fileTooLarge(_, let limit) = error else { throw error }
            throw .badProfile(file: path, problem: Localized(nl: "het profiel is groter dan \(limit) bytes; dit is geen profiel",
                                                             en: "the profile is larger than \(limit) bytes; this is not a profile"))
        }
        return try decode(Data(bytes), file: path)
    }

    public static func decode(_ data: Data, file: String) throws(ImportError) -> MappingProfile {
        // JSONDecoder keeps one of two values of a duplicated key without a word: refuse first.
        do { try StrictJSON.check(Array(data)) } catch {
            throw .badProfile(file: file, problem: error.localized)
        }
        let raw: ProfileFile
        do { raw = try JSONDecoder().decode(ProfileFile.self, from: data) } catch let error as DecodingError {
            throw .badProfile(file: file, problem: Localized(nl: "geen geldig profiel: \(describe(error))",
                                                             en: "not a valid profile: \(describe(error))"))
        } catch {
            throw .badProfile(file: file, problem: Localized(nl: "geen geldige JSON", en: "not valid JSON"))
        }
        return try raw.checked(file: file)
    }

    private static func describe(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, _): return "key '\(key.stringValue)' missing"
        case .typeMismatch(_, let c), .valueNotFound(_, let c), .dataCorrupted(let c):
            let path = c.codingPath.map(\.stringValue).joined(separator: ".")
            return (path.isEmpty ? "" : "at '\(path)': ") + c.debugDescription
        @unknown default: return "unreadable"
        }
    }
}

/// The JSON shape of a profile file, before it is checked.
private struct ProfileFile: Decodable {
    var name: String
    var description: String?
    var kind: String
    var encoding: String?
    var delimiter: String?
    var date_order: String?
    var excel_serial_dates: Bool?
    var decimal_separator: String?
    var multi_value_separator: String?
    var village: String?
    var columns: [String: String]?
    var values: [String: [String: String]]?
    var drop: [String]?
    var id_scope: String?
    var export: String?
    var sheet: SheetKey?
    var header_row: Int?

    /// `"sheet": "Hulpvragen"` or `"sheet": 2`.
    enum SheetKey: Decodable {
        case name(String)
        case number(Int)

        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let n = try? c.decode(Int.self) { self = .number(n) } else { self = .name(try c.decode(String.self)) }
        }
    }
    var case_id_is_personal: Bool?

    func checked(file: String) throws(ImportError) -> MappingProfile {
        func bad(_ nl: String, _ en: String) -> ImportError { .badProfile(file: file, problem: Localized(nl: nl, en: en)) }
        guard let kind = RecordKind(rawValue: kind) else {
            throw bad("kind '\(self.kind)' onbekend; verwacht cases, tasks, villages of outcomes",
                      "unknown kind '\(self.kind)'; expected cases, tasks, villages or outcomes")
        }
        var profile = MappingProfile(name: name, description: description ?? "", kind: kind)
        switch encoding?.lowercased() {
        case nil, "auto": profile.encoding = nil
        case "utf-8", "utf8": profile.encoding = "utf-8"
        case "windows-1252", "cp1252", "latin-1", "iso-8859-1": profile.encoding = "windows-1252"
        case let other?: throw bad("encoding '\(other)' onbekend; verwacht utf-8, windows-1252 of auto",
                                   "unknown encoding '\(other)'; expected utf-8, windows-1252 or auto")
        }
        switch delimiter {
        case nil, "auto": profile.delimiter = nil
        case ",": profile.delimiter = UInt8(ascii: ",")
        case ";": profile.delimiter = UInt8(ascii: ";")
        case "\t", "tab": profile.delimiter = UInt8(ascii: "\t")
        case let other?: throw bad("scheidingsteken '\(other)' onbekend; verwacht , ; of tab",
                                   "unknown delimiter '\(other)'; expected , ; or tab")
        }
        if let order = date_order {
            guard let o = DateOrder(rawValue: order) else {
                throw bad("date_order '\(order)' onbekend; verwacht dmy, mdy of ymd", "unknown date_order '\(order)'; expected dmy, mdy or ymd")
            }
            profile.dateOrder = o
        }
        profile.excelSerialDates = excel_serial_dates ?? true
        if let sep = decimal_separator {
            guard let s = DecimalSeparator(rawValue: sep) else {
                throw bad("decimal_separator '\(sep)' onbekend; verwacht , . of auto", "unknown decimal_separator '\(sep)'; expected , . or auto")
            }
            profile.decimalSeparator = s
        }
        if let mv = multi_value_separator {
            guard !mv.isEmpty, mv.trimmingCharacters(in: .whitespaces) != "" || mv == " " else {
                throw bad("multi_value_separator mag niet leeg zijn", "multi_value_separator must not be empty")
            }
            if let d = profile.delimiter, mv == String(UnicodeScalar(d)) {
                throw bad("multi_value_separator is gelijk aan het scheidingsteken", "multi_value_separator equals the delimiter")
            }
            profile.multiValueSeparator = mv
        }
        profile.village = village
        let allowed = MappingProfile.mappableFields(kind)
        var seenTargets: [String: String] = [:]
        for (source, target) in (columns ?? [:]).sorted(by: { $0.key < $1.key }) {
            guard allowed.contains(target) else {
                throw bad("kolom '\(source)' wijst naar onbekend veld '\(target)'", "column '\(source)' maps to unknown field '\(target)'")
            }
            if let other = seenTargets[target] {
                throw bad("kolommen '\(other)' en '\(source)' wijzen allebei naar '\(target)'",
                          "columns '\(other)' and '\(source)' both map to '\(target)'")
            }
            seenTargets[target] = source
        }
        if seenTargets["age"] != nil && seenTargets["age_band"] != nil {
            throw bad("'age' en 'age_band' kunnen niet allebei gevuld worden", "'age' and 'age_band' cannot both be mapped")
        }
        let dropped = Set((drop ?? []).map(HeaderName.normalised))
        for source in (columns ?? [:]).keys where dropped.contains(HeaderName.normalised(source)) {
            throw bad("kolom '\(source)' staat zowel in columns als in drop", "column '\(source)' is both mapped and dropped")
        }
        profile.columns = columns ?? [:]
        for (field, mapping) in values ?? [:] {
            guard allowed.contains(field) else {
                throw bad("values noemt onbekend veld '\(field)'", "values names unknown field '\(field)'")
            }
            for (label, code) in mapping where !CodeVocabulary.accepts(code: code, field: field) {
                throw bad("waarde '\(label)' wijst naar onbekende code '\(code)' voor '\(field)'",
                          "label '\(label)' maps to unknown code '\(code)' for '\(field)'")
            }
        }
        profile.values = values ?? [:]
        profile.drop = drop ?? []
        if let scope = id_scope {
            guard let s = IdentityScope(rawValue: scope) else {
                throw bad("id_scope '\(scope)' onbekend; verwacht village of municipality",
                          "unknown id_scope '\(scope)'; expected village or municipality")
            }
            profile.idScope = s
        }
        profile.caseIDIsPersonal = case_id_is_personal ?? false
        if let export {
            guard let e = ExportKind(rawValue: export) else {
                throw bad("export '\(export)' onbekend; verwacht full of incremental", "unknown export '\(export)'; expected full or incremental")
            }
            profile.exportKind = e
        }
        switch sheet {
        case .name(let name)?:
            guard !name.isEmpty else { throw bad("sheet mag niet leeg zijn", "sheet must not be empty") }
            profile.sheet = name
        case .number(let n)?:
            guard n >= 1 else { throw bad("sheet moet een naam of een nummer vanaf 1 zijn", "sheet must be a name or a number from 1") }
            profile.sheet = String(n)
        case nil:
            break
        }
        if let row = header_row {
            guard row >= 1, row <= 1_048_576 else {
                throw bad("header_row moet een rijnummer van 1 tot 1048576 zijn", "header_row must be a row number from 1 to 1048576")
            }
            profile.headerRow = row
        }
        return profile
    }
}
