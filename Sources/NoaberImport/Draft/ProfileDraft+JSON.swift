import NoaberModel

extension ProfileDraft {
    /// The drafted profile as JSON, in the order docs/profiles.md describes the keys, `"?"` where
    /// a person must decide and `_counts` beside the `"?"` labels.
    public var json: String {
        var members: [(String, JSONText)] = [
            ("name", .string(name)),
            ("description", .string(description)),
            ("kind", .string(kind.rawValue)),
        ]
        if let encoding { members.append(("encoding", .string(encoding))) }
        if let delimiter { members.append(("delimiter", .string(delimiter))) }
        members += [
            ("date_order", .string(dateOrder.rawValue)),
            ("excel_serial_dates", .bool(excelSerialDates)),
            ("decimal_separator", .string(decimalSeparator.rawValue)),
            ("multi_value_separator", .string(multiValueSeparator)),
            ("village", village.map(JSONText.string) ?? (villageUndecided ? .string(MappingProfile.undecided) : .null)),
        ]
        if sheetInProfile, let sheet { members.append(("sheet", .string(sheet))) }
        var columnMembers: [(String, JSONText)] = []
        var named: Set<String> = []
        var drop: [JSONText] = []
        for c in columns where !c.header.isEmpty && named.insert(HeaderName.normalised(c.header)).inserted {
            switch c.verdict {
            case .field(let f), .extra(let f): columnMembers.append((c.header, .string(f)))
            case .undecided: columnMembers.append((c.header, .string(MappingProfile.undecided)))
            case .drop: drop.append(.string(c.header))
            case .empty: break
            }
        }
        members.append(("columns", .object(columnMembers)))
        var values: [(String, JSONText)] = []
        var counts: [(String, JSONText)] = []
        let order = MappingProfile.mappableFields(kind)
        let fields = (kind.canonicalColumns + ["age"]).filter(order.contains)
        for field in fields {
            let mine = labels.filter { $0.field == field }
            guard !mine.isEmpty else { continue }
            values.append((field, .object(mine.map { ($0.label, .string($0.code ?? MappingProfile.undecided)) })))
            let open = mine.filter { $0.code == nil }
            if !open.isEmpty { counts.append((field, .object(open.map { ($0.label, .integer($0.count)) }))) }
        }
        members.append(("values", .object(values)))
        members.append(("drop", .array(drop)))
        if !counts.isEmpty { members.append(("_counts", .object(counts))) }
        return JSONText.object(members).rendered() + "\n"
    }

    private var description: String {
        let base = file.split(separator: "/").last.map(String.init) ?? file
        let source = isWorkbook ? "\(base), sheet '\(sheet ?? "")', header on row \(headerRow)" : base
        return "Drafted by noaber profile draft from \(source) (\(rows) rows). Check every mapping and replace each \"?\" "
            + "with a code, a field or a drop (docs/profiles.md, \"Drafting a profile\"); _counts says how often each \"?\" label occurs."
    }
}
