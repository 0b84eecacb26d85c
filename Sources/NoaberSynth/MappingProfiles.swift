import NoaberModel

/// The mapping-profile JSON for each non-canonical dialect, generated from the same vocabulary
/// the exports are written with, so that a profile always matches its export.
///
/// Format: docs/profiles.md. Keys come out in a fixed order with two-space indentation, so the
/// committed files in Datasets/profiles/ diff cleanly.
public enum MappingProfiles {
    /// The profile for case exports in `dialect`; nil for canonical (which needs none).
    /// `villages` fills `values.village` for dialects that write the village name.
    public static func cases(_ dialect: ExportDialect, villages: [Village]) -> String? {
        guard dialect != .canonical else { return nil }
        let columns = SynthVocabulary.caseColumns(dialect).compactMap { column -> (String, JSON)? in
            switch column.field {
            case .name, .notes, .exportBatch: nil
            default: (column.header, .string(column.field.rawValue))
            }
        }
        let booleans = SynthVocabulary.booleans(dialect)
        var values: [(String, JSON)] = []
        if dialect == .dutchExcel { values.append(("village", villageNames(villages))) }
        values += [
            ("age_band", labels(AgeBand.self, dialect)),
            ("source", labels(Source.self, dialect)),
            ("channel", labels(Channel.self, dialect)),
            ("themes", labels(Theme.self, dialect)),
            ("collective", .object([(booleans.yes, .string("true")), (booleans.no, .string("false"))])),
            ("resolution", labels(Resolution.self, dialect)),
            ("referred_to", labels(Referral.self, dialect)),
            ("risks", labels(Risk.self, dialect)),
            ("escalated_to", labels(Risk.self, dialect)),
        ]
        let dutch = dialect == .dutchExcel
        let profile: JSON = .object([
            ("name", .string(dialect.rawValue + "-cases")),
            ("description", .string(dutch
                ? "Case export saved by Dutch Excel as 'CSV (puntkomma-gescheiden)': ';', Windows-1252, d-m-yyyy dates, decimal comma, Dutch headers and labels. Naam and Notities are dropped unread."
                : "Case export in UTF-8 with BOM: ',', Excel serial day numbers for dates, English headers and labels, ';' between multiple values, birth year instead of age group for some rows. 'Export batch' is not mapped and is ignored with a warning.")),
            ("kind", .string("cases")),
            ("encoding", .string(dutch ? "windows-1252" : "utf-8")),
            ("delimiter", .string(dutch ? ";" : ",")),
            ("date_order", .string(dutch ? "dmy" : "ymd")),
            ("excel_serial_dates", .bool(!dutch)),
            ("decimal_separator", .string(dutch ? "," : ".")),
            ("multi_value_separator", .string(dutch ? "," : ";")),
            ("village", .null),
            ("columns", .object(columns)),
            ("values", .object(values)),
            ("drop", .array(dutch ? [.string("Naam"), .string("Notities")] : [])),
        ])
        return profile.rendered() + "\n"
    }

    /// The profile for Dutch-Excel task exports; nil for the other dialects (they use the
    /// canonical task columns).
    public static func tasks(_ dialect: ExportDialect, villages: [Village]) -> String? {
        guard dialect == .dutchExcel else { return nil }
        let headers = SynthVocabulary.taskColumns(dialect)
        let fields = RecordKind.tasks.canonicalColumns
        let profile: JSON = .object([
            ("name", .string("dutch-excel-tasks")),
            ("description", .string("Volunteer-task export saved by Dutch Excel: ';', Windows-1252, d-m-yyyy dates, hours with a decimal comma, Dutch task labels.")),
            ("kind", .string("tasks")),
            ("encoding", .string("windows-1252")),
            ("delimiter", .string(";")),
            ("date_order", .string("dmy")),
            ("excel_serial_dates", .bool(false)),
            ("decimal_separator", .string(",")),
            ("multi_value_separator", .string(",")),
            ("village", .null),
            ("columns", .object(zip(headers, fields).map { ($0.0, .string($0.1)) })),
            ("values", .object([("village", villageNames(villages)), ("task", labels(TaskKind.self, dialect))])),
            ("drop", .array([])),
        ])
        return profile.rendered() + "\n"
    }

    private static func labels<C: Code>(_ type: C.Type, _ dialect: ExportDialect) -> JSON {
        .object(C.allCases.map { (SynthVocabulary.label($0, dialect), .string($0.rawValue)) })
    }

    private static func villageNames(_ villages: [Village]) -> JSON {
        .object(villages.map { ($0.name, .string($0.code)) })
    }
}

/// Just enough JSON to write profiles with keys in a chosen order.
indirect enum JSON {
    case string(String), bool(Bool), null, object([(String, JSON)]), array([JSON])

    func rendered(indent: String = "") -> String {
        let inner = indent + "  "
        switch self {
        case .string(let text): return JSON.quote(text)
        case .bool(let flag): return flag ? "true" : "false"
        case .null: return "null"
        case .array(let items):
            if items.isEmpty { return "[]" }
            return "[" + items.map { $0.rendered(indent: inner) }.joined(separator: ", ") + "]"
        case .object(let members):
            if members.isEmpty { return "{}" }
            let flat = members.allSatisfy { if case .string = $0.1 { true } else { false } }
            if flat && members.count <= 3 {
                return "{ " + members.map { JSON.quote($0.0) + ": " + $0.1.rendered() }.joined(separator: ", ") + " }"
            }
            return "{\n" + members.map { inner + JSON.quote($0.0) + ": " + $0.1.rendered(indent: inner) }
                .joined(separator: ",\n") + "\n" + indent + "}"
        }
    }

    static func quote(_ text: String) -> String { JSONStringEscaping.quoted(text) }
}
