import Foundation
import NoaberImport
import NoaberMetrics
import NoaberModel

/// Turns the options `metrics` and `report` share into `MetricsOptions`, with usage errors that
/// name the option.
enum MetricsOptionsParser {
    /// `defaultToday` stands in for the system clock when `--today` is not given (the demo).
    static func options<F: Error>(_ args: ParsedArguments, source: MetricsSource<F>,
                                  defaultToday: CivilDate? = nil) throws(CLIFailure) -> MetricsOptions {
        func usage(_ nl: String, _ en: String) -> CLIFailure { .usage(UsageError(nl: nl, en: en, commandPath: args.commandPath)) }
        let period: Period
        do {
            if let text = args.string("period") { period = try Period(parsing: text) } else { period = try defaultPeriod(source) }
        } catch {
            throw usage("--period: \(error.message(.nl))", "--period: \(error.message(.en))")
        }
        var periods = [period]
        if let every = args.string("every"), let unit = Period.Unit(rawValue: every) { periods = period.split(every: unit) }
        let grouping = Grouping(rawValue: args.string("by") ?? "village") ?? .village
        var options = MetricsOptions(grouping: grouping, periods: periods)
        if let k = try CommonOptions.minCell(args) { options.minCell = k }
        do {
            if let draws = try args.int("draws") {
                guard (100...1_000_000).contains(draws) else { throw usage("--draws moet 100…1000000 zijn", "--draws must be 100…1000000") }
                options.escalationDraws = draws
            }
            if let seed = try args.int("seed") { options.seed = UInt64(bitPattern: Int64(seed)) }
            if let h = try args.double("volunteer-threshold") {
                guard h > 0 else { throw usage("--volunteer-threshold moet groter dan 0 zijn", "--volunteer-threshold must be above 0") }
                options.volunteerThresholdHoursPerWeek = h
            }
        } catch let failure as CLIFailure {
            throw failure
        } catch let error as UsageError {
            throw .usage(error)
        } catch {
            throw .internal("\(error)")
        }
        if let every = args.string("export-every"), let unit = Period.Unit(rawValue: every) { options.exportEvery = unit }
        options.suppress = !args.flag("no-suppression")
        options.includePartial = args.flag("include-partial")
        options.today = try CommonOptions.today(args) ?? defaultToday ?? SystemClock.today()
        if let path = args.string("parameters") {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw .noInput(Localized(nl: "parameterbestand \(path) niet gevonden", en: "parameter file \(path) not found"))
            }
            do { options.escalationParameters = try EscalationParameters.decode(json: [UInt8](data)) } catch {
                throw .config(Localized(nl: "\(path): \(error.message(.nl))", en: "\(path): \(error.message(.en))"))
            }
        }
        do { try options.validate() } catch { throw usage(error.message(.nl), error.message(.en)) }
        return options
    }

    /// The one period a report covers (`--every` only splits its trend charts).
    static func reportPeriod<F: Error>(_ args: ParsedArguments, source: MetricsSource<F>) throws(CLIFailure) -> Period? {
        do {
            if let text = args.string("period") { return try Period(parsing: text) }
            return try defaultPeriod(source)
        } catch {
            throw .usage(UsageError(nl: "--period: \(error.message(.nl))", en: "--period: \(error.message(.en))", commandPath: args.commandPath))
        }
    }

    /// The last full calendar year before the latest export; the whole data range when there is none.
    static func defaultPeriod<F: Error>(_ source: MetricsSource<F>) throws(MetricsError) -> Period {
        let latest = source.asOf.values.max() ?? source.latestReceived ?? SystemClock.today()
        let year = latest.year - (latest.month == 12 && latest.day == 31 ? 0 : 1)
        return try Period(parsing: String(year))
    }
}
