import Testing
import NoaberCSV
import NoaberModel
import NoaberSynth

@Suite struct SynthGeneratorTests {
    @Test(arguments: ExportDialect.allCases)
    func sameSeedGivesIdenticalBytes(dialect: ExportDialect) throws {
        let options = twoYears(villages: testVillages, dialect: dialect, errors: true)
        #expect(try casesBytes(options) == casesBytes(options))
        #expect(try tasksBytes(options) == tasksBytes(options))
        var other = options
        other.seed = 43
        #expect(try casesBytes(options) != casesBytes(other))
        #expect(try tasksBytes(options) != tasksBytes(other))
    }

    @Test func aVillagesRowsDoNotDependOnItsNeighbours() throws {
        // Each village has its own stream, keyed by its code, so the bundled per-village files
        // are the same rows as a many-village run.
        let alone = canonicalRecords(try casesBytes(twoYears(villages: [testVillages[2]])))
        let together = canonicalRecords(try casesBytes(twoYears(villages: testVillages))).filter { $0["village"] == "SML" }
        #expect(alone == together)
    }

    @Test func rowsAreInProportionToPopulation() throws {
        let generator = try SynthGenerator(options: twoYears(villages: testVillages))
        let counts = generator.caseCounts()
        let records = canonicalRecords(try casesBytes(generator.options))
        #expect(records.count == counts.reduce(0, +))
        let years = 731.0 / 365.25
        for (village, count) in zip(testVillages, counts) {
            #expect(records.filter { $0["village"] == village.code }.count == count)
            let rate = Double(count) / (Double(village.inhabitants) / 1000) / years
            // 60 per 1,000 a year, each village within its ±15% factor.
            #expect(rate >= 60 * 0.85 - 0.5 && rate <= 60 * 1.15 + 0.5, "\(village.code): \(rate)")
        }
    }

    /// By default residents grow with the rows; with the cap no village names more residents
    /// than it has inhabitants, and the rows are the same in number.
    @Test func residentsCanBeCappedAtThePopulation() throws {
        // Small villages, so a few thousand rows already name more residents than they house.
        let villages = testVillages.map { Village(code: $0.code, name: $0.name, municipality: $0.municipality,
                                                  inhabitants: $0.inhabitants / 20) }
        var options = twoYears(villages: villages, targetRows: 4_000)
        let free = canonicalRecords(try casesBytes(options))
        options.residentsWithinPopulation = true
        let capped = canonicalRecords(try casesBytes(options))
        #expect(capped.count == free.count)
        for village in villages {
            func residents(_ records: [[String: String]]) -> Int {
                Set(records.filter { $0["village"] == village.code }.compactMap { $0["person_id"] }.filter { !$0.isEmpty }).count
            }
            #expect(residents(capped) <= village.inhabitants, "\(village.code)")
            #expect(residents(capped) > village.inhabitants / 2, "\(village.code)")
            #expect(residents(free) > village.inhabitants, "\(village.code): the default grows past the population")
        }
    }

    @Test func targetRowsIsExactAndSharedByPopulation() throws {
        let generator = try SynthGenerator(options: twoYears(villages: testVillages, targetRows: 7_001))
        #expect(generator.caseCounts() == [4_001, 2_000, 1_000])
        let bytes = try casesBytes(generator.options)
        #expect(bytes.filter { $0 == 0x0A }.count == 7_002)
    }

    @Test func canonicalHeaderIsTheCanonicalColumns() throws {
        let text = String(decoding: try casesBytes(twoYears(villages: testVillages)), as: UTF8.self)
        #expect(text.hasPrefix(RecordKind.cases.canonicalColumns.joined(separator: ",") + "\n"))
        let tasks = String(decoding: try tasksBytes(twoYears(villages: testVillages)), as: UTF8.self)
        #expect(tasks.hasPrefix("case_id,village,volunteer_id,date,hours,task\n"))
    }

    @Test func dutchExcelHeaderIsWindows1252WithCRLF() throws {
        let bytes = try casesBytes(twoYears(villages: testVillages, dialect: .dutchExcel))
        let header = "Dossiernr;Dorp;Cliëntnummer;Naam;Leeftijdsklasse;Datum melding;Eerste contact;Afgesloten;"
            + "Gemeld door;Kanaal;Thema's;Collectief;Afhandeling;Doorverwezen naar;Risico's;Geëscaleerd naar;Tijd (min);Notities"
        var expected: [UInt8] = Array("Dossiernr;Dorp;Cli".utf8) + [0xEB] + Array("ntnummer;".utf8)
        #expect(Array(bytes.prefix(expected.count)) == expected)
        expected = Windows1252.encode(header) + [0x0D, 0x0A]
        #expect(Array(bytes.prefix(expected.count)) == expected)
        // Real 1252: no UTF-8 lead byte for Latin-1 letters anywhere, no BOM.
        #expect(!bytes.contains(0xC3))
        #expect(bytes.first == UInt8(ascii: "D"))
        let tasks = try tasksBytes(twoYears(villages: testVillages, dialect: .dutchExcel))
        #expect(tasks.starts(with: Array("Dossiernr;Dorp;Vrijwilliger;Datum;Uren;Taak\r\n".utf8)))
    }

    @Test func dutchExcelWritesRealWindows1252InValues() throws {
        let bytes = try casesBytes(twoYears(villages: testVillages, dialect: .dutchExcel))
        #expect(bytes.contains(0x80), "€ in the notes")
        #expect(bytes.contains(0x92), "’ in the notes")
        #expect(bytes.contains(0xFC), "ü in the names")
    }

    @Test func bomSerialHeaderStartsWithTheBOM() throws {
        let bytes = try casesBytes(twoYears(villages: testVillages, dialect: .bomSerial))
        let header = "Case Ref,Village,Client,Age group,Year of birth,Date received,First contact,Date closed,"
            + "Referred by,Contact channel,Topics,Group signal,Outcome,Referrals,Risk flags,Escalations,Minutes,Export batch\r\n"
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF] + Array(header.utf8)))
    }

    @Test func theThreeDialectsCarryTheSameCases() throws {
        let canonical = canonicalRecords(try casesBytes(twoYears(villages: testVillages)))
        let dutch = parseCSV(Windows1252.decode(try casesBytes(twoYears(villages: testVillages, dialect: .dutchExcel))),
                             delimiter: ";").dropFirst()
        let serial = parseCSV(String(decoding: try casesBytes(twoYears(villages: testVillages, dialect: .bomSerial)),
                                     as: UTF8.self), delimiter: ",").dropFirst()
        #expect(canonical.count == dutch.count && canonical.count == serial.count)
        for (c, (d, s)) in zip(canonical, zip(dutch, serial)) {
            #expect(d[0] == c["case_id"] && s[0] == c["case_id"])
            let received = try #require(Moment(iso: c["received"] ?? ""))
            let (y, m, day) = received.date.components
            let minute = received.minuteOfDay.map { " \($0 / 60):" + ($0 % 60 < 10 ? "0" : "") + "\($0 % 60)" } ?? ""
            #expect(d[5] == "\(day)-\(m)-\(y)" + minute)
            let serialValue = try #require(Double(s[5]))
            let expected = try #require(ExcelSerial.serial(for: received))
            #expect(abs(serialValue - expected) < 1e-6)
            let source = try #require(Source(rawValue: c["source"] ?? ""))
            #expect(d[8] == source.dutchLabel && s[8] == source.englishLabel)
            #expect(d[11] == (c["collective"] == "true" ? "ja" : "nee"))
            #expect(s[11] == (c["collective"] == "true" ? "yes" : "no"))
            let minutes = c["support_minutes"] ?? ""
            #expect(d[16] == String(minutes.map { $0 == "." ? "," : $0 }))
            let themes = (c["themes"] ?? "").split(separator: "|").compactMap { Theme(rawValue: String($0)) }
            #expect(d[10] == themes.map(\.dutchLabel).joined(separator: ", "))
            #expect(s[10] == themes.map(\.englishLabel).joined(separator: ";"))
        }
    }

    @Test func sharesAndTimelinesLookReal() throws {
        let records = canonicalRecords(try casesBytes(twoYears(villages: testVillages, targetRows: 20_000)))
        let n = Double(records.count)
        let collective = records.filter { $0["collective"] == "true" }
        let anonymous = records.filter { $0["collective"] == "false" && $0["person_id"] == "" }
        let open = records.filter { $0["closed"] == "" }
        #expect(abs(Double(collective.count) / n - 0.03) < 0.006)
        #expect(abs(Double(anonymous.count) / n - 0.10) < 0.012)
        #expect(abs(Double(open.count) / n - 0.08) < 0.025, "open share \(Double(open.count) / n)")

        let bands = records.compactMap { AgeBand(rawValue: $0["age_band"] ?? "") }
        #expect(Double(bands.filter { $0 != .under18 && $0 != .adult }.count) / Double(bands.count) > 0.75)
        let counts = Dictionary(grouping: bands, by: { $0 }).mapValues(\.count)
        #expect(counts.max { $0.value < $1.value }?.key == .from75to84)

        let asOf = Moment(date: date(2025, 1, 15), minuteOfDay: 23 * 60 + 59)
        var withinThree = 0, contacted = 0, withRisk = 0, escalated = 0
        var themeCounts: [Theme: Int] = [:]
        var people: [String: Int] = [:]
        for r in records {
            let received = try #require(Moment(iso: r["received"] ?? ""))
            #expect(received <= asOf)
            if let contact = Moment(iso: r["first_contact"] ?? "") {
                contacted += 1
                #expect(received <= contact && contact <= asOf)
                if received.date.dayNumber + 3 >= contact.date.dayNumber { withinThree += 1 }
                if let closed = Moment(iso: r["closed"] ?? "") { #expect(contact <= closed && closed <= asOf) }
            } else {
                #expect(r["closed"] == "")
            }
            let themes = (r["themes"] ?? "").split(separator: "|").map { Theme(rawValue: String($0)) }
            #expect((1...3).contains(themes.count) && !themes.contains(nil))
            for case let theme? in themes { themeCounts[theme, default: 0] += 1 }
            let risks = Set((r["risks"] ?? "").split(separator: "|").map(String.init))
            let escalations = Set((r["escalated_to"] ?? "").split(separator: "|").map(String.init))
            #expect(escalations.isSubset(of: risks))
            if !risks.isEmpty { withRisk += 1 }
            if !escalations.isEmpty { escalated += 1 }
            if let minutes = Double(r["support_minutes"] ?? "") { #expect(minutes >= 15 && minutes <= 300) }
            #expect((r["resolution"] == "") == (r["closed"] == ""))
            if let person = r["person_id"], !person.isEmpty { people[person, default: 0] += 1 }
        }
        #expect(Double(withinThree) / Double(contacted) > 0.75)
        #expect(abs(Double(withRisk) / n - 0.29) < 0.03)
        let escalatedShare = Double(escalated) / Double(withRisk)
        #expect(escalatedShare > 0.05 && escalatedShare < 0.3)
        let topFour = themeCounts.sorted { $0.value > $1.value }.prefix(4).map(\.key)
        #expect(Set(topFour) == [.loneliness, .transport, .household, .healthCare])
        #expect(people.values.filter { $0 >= 3 }.count > 100, "residents who come back several times")
    }

    @Test func volunteerLoadIsSkewed() throws {
        let options = twoYears(villages: testVillages)
        let tasks = canonicalRecords(try tasksBytes(options))
        #expect(tasks.count > 300)
        for village in testVillages {
            var hours: [String: Double] = [:]
            for t in tasks where t["village"] == village.code {
                hours[t["volunteer_id"] ?? "", default: 0] += Double(t["hours"] ?? "") ?? 0
            }
            let sorted = hours.values.sorted(by: >)
            let top = Int((Double(sorted.count) * 0.2).rounded(.up))
            let share = sorted.prefix(top).reduce(0, +) / sorted.reduce(0, +)
            #expect(share > 0.5, "\(village.code): top 20% carry \(share)")
        }
        let personalCare = tasks.filter { $0["task"] == "personal_care" }.count
        #expect(personalCare > 0 && Double(personalCare) / Double(tasks.count) < 0.05)
    }

    @Test func tasksBelongToCasesAndFollowFirstContact() throws {
        let options = twoYears(villages: testVillages)
        let cases = canonicalRecords(try casesBytes(options))
        var contact: [String: CivilDate] = [:]
        for c in cases { if let m = Moment(iso: c["first_contact"] ?? "") { contact[c["case_id"] ?? ""] = m.date } }
        for t in canonicalRecords(try tasksBytes(options)) {
            let start = try #require(contact[t["case_id"] ?? ""])
            let day = try #require(CivilDate(iso: t["date"] ?? ""))
            #expect(start <= day && day <= options.asOf)
            #expect(TaskKind(rawValue: t["task"] ?? "") != nil)
            let hours = try #require(Double(t["hours"] ?? ""))
            #expect(hours >= 0.25 && hours <= 8 && (hours * 4).rounded() == hours * 4)
        }
    }

    @Test func deliberateErrorsAreWhereTheSummarySays() throws {
        let options = twoYears(villages: testVillages, dialect: .dutchExcel, errors: true)
        let sink = MemorySink()
        let summary = try SynthGenerator(options: options).writeCases(to: sink)
        #expect(summary.injectedErrors.count == 4 * testVillages.count)
        let lines = Windows1252.decode(sink.bytes).split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
        for error in summary.injectedErrors {
            let cells = lines[error.line - 1].split(separator: ";", omittingEmptySubsequences: false).map(String.init)
            switch error.field {
            case "received": #expect(cells[5] == "31-2-2024")
            case "case_id": #expect(cells[0] == "" && cells[1] != "")
            case "themes": #expect(cells[10].hasSuffix("mobiliteit"))
            case "closed":
                let parse = { (text: String) -> Int? in
                    let p = text.split(separator: " ")[0].split(separator: "-").compactMap { Int($0) }
                    return p.count == 3 ? CivilDate(year: p[2], month: p[1], day: p[0])?.dayNumber : nil
                }
                #expect((parse(cells[7]) ?? 0) < (parse(cells[5]) ?? 0))
            default: Issue.record("unexpected field \(error.field)")
            }
        }
        // No errors without the option, nor in other dialects.
        #expect(try SynthGenerator(options: twoYears(villages: testVillages, dialect: .dutchExcel))
            .writeCases(to: MemorySink()).injectedErrors.isEmpty)
        #expect(try SynthGenerator(options: twoYears(villages: testVillages, errors: true))
            .writeCases(to: MemorySink()).injectedErrors.isEmpty)
    }

    @Test func invalidOptionsAreRefused() {
        #expect(throws: SynthError.self) { try SynthGenerator(options: twoYears(villages: [])) }
        var reversed = twoYears(villages: testVillages)
        reversed.from = date(2025, 1, 1)
        #expect(throws: SynthError.self) { try SynthGenerator(options: reversed) }
        #expect(throws: SynthError.self) {
            try SynthGenerator(options: twoYears(villages: [Village(code: "X", name: "X", municipality: "Y", inhabitants: 0)]))
        }
    }

    @Test func nothingIsReceivedAfterTheAsOfDate() throws {
        var options = twoYears(villages: testVillages)
        options.asOf = date(2024, 6, 30)
        for r in canonicalRecords(try casesBytes(options)) {
            #expect((Moment(iso: r["received"] ?? "")?.date ?? date(9999, 1, 1)) <= options.asOf)
        }
    }

    @Test func syntheticVillagesAreDeterministicAndPlausible() {
        let villages = SyntheticVillages.make(count: 120, seed: 5)
        #expect(villages == SyntheticVillages.make(count: 120, seed: 5))
        #expect(villages.count == 120 && Set(villages.map(\.code)).count == 120)
        #expect(villages[16].name == "Dorp 017" && villages[16].code == "D017")
        #expect(villages[0].municipality == "Gemeente A" && villages[119].municipality == "Gemeente L")
        for v in villages {
            #expect((400...5_000).contains(v.inhabitants))
            let share = Double(v.inhabitants75Plus ?? 0) / Double(v.inhabitants)
            #expect(share > 0.07 && share < 0.13)
            #expect((8...16).contains(v.paidHoursPerWeek ?? 0))
        }
    }
}
