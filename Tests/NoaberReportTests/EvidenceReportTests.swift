import Foundation
import NoaberMetrics
import NoaberModel
import Testing
@testable import NoaberReport

/// Items 1, 4, 5 and 6 of "Reports as their readers read them" in the reports, in both languages:
/// the estimate centred on its median and rounded, the price level, the follow-up not yet passed,
/// who is waiting now, outlying months and findings with a severity. Golden fragments (the headline
/// of the raadsbrief, the data-quality findings of the lerend-netwerk report) in Golden/.
@Suite struct EvidenceReportTests {
    @Test(arguments: [Language.nl, .en])
    func raadsbriefHeadlineMatchesGoldenFile(_ language: Language) throws {
        let html = try #require(try EvidenceFixture.render(.raadsbrief, language: language)["report-raadsbrief.html"])
        let headline = try #require(EvidenceFixture.fragment(html, from: "<ul class=\"headline\">", to: "</ul>"))
        try GoldenFile.check(headline, against: "evidence-headline-\(language.rawValue).html")
    }

    @Test(arguments: [Language.nl, .en])
    func dataQualityMatchesGoldenFile(_ language: Language) throws {
        let html = try #require(try EvidenceFixture.render(.lerendNetwerk, language: language)["report-lerend-netwerk.html"])
        let start = language == .nl ? "<h3>Opvallende maanden</h3>" : "<h3>Months that stand out</h3>"
        let quality = try #require(EvidenceFixture.fragment(html, from: start, to: "</table></div>"))
        try GoldenFile.check(quality, against: "evidence-quality-\(language.rawValue).html")
    }

    /// The headline, sentence by sentence, in Dutch.
    @Test func headlineSaysWhatTheFiguresMean() throws {
        let files = try EvidenceFixture.render(.raadsbrief, language: .nl)
        let html = try #require(files["report-raadsbrief.html"])
        // Who is waiting now: 8 at the end of December, 5 of them over 7 days.
        #expect(html.contains("Op 31 december 2024 wachtten nog <strong>8</strong> hulpvragen op een eerste contact; 5 daarvan al langer dan 7 dagen."))
        // The estimate: the median, rounded to € 1.000, with its interval and the price level.
        let tidy = try #require(files["tables/metrics.csv"])
        let row = try #require(tidy.split(separator: "\n").first { $0.hasPrefix("all,2024,avoided_cost_eur,") })
        let fields = row.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let median = try #require(Double(fields[3])), lower = try #require(Double(fields[4])), upper = try #require(Double(fields[5]))
        let step = EstimateRounding.step(lower: lower, upper: upper, minimum: 1_000)
        let shown = NumberFormatting.dutch.euros(EstimateRounding.rounded(median, step: step))
        #expect(html.contains("naar schatting <strong>\(shown)</strong> (5–95%-interval "))
        #expect(html.contains("; prijspeil 2024)."))
        // Full precision stays in the tidy file only.
        #expect(!html.contains(NumberFormatting.dutch.euros(median)) || median == EstimateRounding.rounded(median, step: step))
        // The export date is 10 days after the end of 2024, within the 90-day follow-up.
        #expect(html.contains("Hulpvragen vanaf 12 oktober 2024 tellen alleen mee als ze zijn afgesloten (follow-up 90 dagen, gegevens tot 10 januari 2025), dus dit bedrag valt waarschijnlijk te laag uit."))
        #expect(tidy.contains("all,2024,escalation_follow_up_complete,0,"))
        #expect(tidy.contains("all,2024,avoided_cost_price_year,2024,"))
    }

    @Test func englishHeadline() throws {
        let html = try #require(try EvidenceFixture.render(.raadsbrief, language: .en)["report-raadsbrief.html"])
        #expect(html.contains("On 31 December 2024, <strong>8</strong> requests were still waiting for a first contact; 5 of them for more than 7 days."))
        #expect(html.contains("(5–95% interval "))
        #expect(html.contains("; at 2024 prices)."))
        #expect(html.contains("Requests from 12 October 2024 on count only when closed (follow-up 90 days, data until 10 January 2025), so this amount is probably too low."))
    }

    /// The onderzoek report: the avoided-cost trend leaves out the quarter whose follow-up has not
    /// passed and says why, names the Monte Carlo band "5–95%-interval", and the methods give the
    /// value at the most likely parameters and the indexation factor.
    @Test(arguments: [Language.nl, .en])
    func onderzoekNamesItsIntervalsAndPriceLevel(_ language: Language) throws {
        let html = try #require(try EvidenceFixture.render(.onderzoek, language: language)["report-onderzoek.html"])
        let nl = language == .nl
        #expect(html.contains(nl ? "punten met 5–95%-interval." : "points with 5–95% interval."))
        #expect(html.contains(nl ? "Niet getekend: 4e kwartaal 2024" : "Not drawn: Q4 2024"))
        #expect(html.contains(nl ? "4e kwartaal 2024 (onvolledig)" : "Q4 2024 (incomplete)"))
        #expect(html.contains(nl ? "unten met 95%-BI." : "oints with 95% CI."))                  // the reach trend (pooled or per village)
        #expect(html.contains("avoided_cost_eur_most_likely"))
        #expect(html.contains(nl ? "factor 1,0731" : "factor 1.0731"))
        #expect(html.contains(nl ? "Wie wacht er nu?" : "Who is waiting now?"))
        // The tornado's base is the most likely value, and its caption says the headline is the median.
        #expect(html.contains(nl ? "Basis: alles op meest waarschijnlijk, " : "Base: all at most likely, "))
        #expect(html.contains(nl ? "(kerncijfer: de mediaan)" : "(key figure: the median)"))
    }

    /// March 2024 in Aadorp: 40 requests against a usual 10.5 a month.
    @Test func outlierSentence() throws {
        let html = try #require(try EvidenceFixture.render(.lerendNetwerk, language: .nl)["report-lerend-netwerk.html"])
        #expect(html.contains("In Aadorp kwamen in maart 2024 veel meer hulpvragen binnen dan gewoonlijk (40, gewoonlijk 10,5 per maand); controleer of de export klopt en of niets dubbel staat."))
        let tidy = try #require(try EvidenceFixture.render(.lerendNetwerk, language: .nl)["tables/metrics.csv"])
        let row = try #require(tidy.split(separator: "\n").first { $0.hasPrefix("AAA,2024-03,outlier_modified_z:cases,") })
        // 0.6745 × 29.5 / 1 = 19.89775
        #expect(row.hasPrefix("AAA,2024-03,outlier_modified_z:cases,19.897"))
        #expect(tidy.contains("AAA,2024-03,finding:outlier_modified_z:cases,2,"))
        #expect(tidy.contains("AAA,all,finding:rejected_pct,2,"))
    }
}
