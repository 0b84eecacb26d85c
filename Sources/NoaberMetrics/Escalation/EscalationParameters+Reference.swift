// Mirrors Datasets/parameters/escalation.json so the CLI works without the file; the test
// EscalationTests.referenceMatchesFile decodes the file and requires equality, so the two cannot drift.
import NoaberModel

extension EscalationParameters {
    /// The reference parameters (Datasets/parameters/escalation.json, docs/escalation-parameters.md).
    public static let reference = EscalationParameters(
        followUpDays: 90, priceYear: 2022,
        risks: [
            .psychiatricReadmission: RiskParameters(
                event: "readmission to inpatient mental health care (ggz)",
                probability: Estimate(low: 0.1, mostLikely: 0.2, high: 0.35,
                         source: "ASSUMPTION: probability of readmission within follow-up for a resident flagged at intake; order of magnitude of ggz readmission rates, not measured in villages"),
                deadweight: Estimate(low: 0.2, mostLikely: 0.4, high: 0.6,
                         source: "ASSUMPTION: no Dutch study measures the share of village cases whose escalation would have been averted without the ondersteuner; a wide range around 40% is used"),
                attribution: Estimate(low: 0.2, mostLikely: 0.4, high: 0.8,
                         source: "ASSUMPTION: share of the averted event attributable to the ondersteuner rather than to volunteers, GP or family; the 2020 RUG evaluation (Wedde, Ulrum, Onderdendam) describes the contribution qualitatively, not as a share"),
                unitCost: Estimate(low: 4578, mostLikely: 9810, high: 19620,
                         source: "Kostenhandleiding 2022 (Zorginstituut Nederland, price level 2022): psychiatric nursing day EUR 327; length of stay 14 / 30 / 60 days is an ASSUMPTION", priceYear: 2022)),
            .nursingHomeAdmission: RiskParameters(
                event: "earlier admission to a nursing home (Wlz)",
                probability: Estimate(low: 0.05, mostLikely: 0.1, high: 0.2,
                         source: "ASSUMPTION: probability that a flagged resident would have been admitted within follow-up without support"),
                deadweight: Estimate(low: 0.2, mostLikely: 0.4, high: 0.6,
                         source: "ASSUMPTION: no Dutch study measures the share of village cases whose escalation would have been averted without the ondersteuner; a wide range around 40% is used"),
                attribution: Estimate(low: 0.2, mostLikely: 0.4, high: 0.8,
                         source: "ASSUMPTION: share of the averted event attributable to the ondersteuner rather than to volunteers, GP or family; the 2020 RUG evaluation (Wedde, Ulrum, Onderdendam) describes the contribution qualitatively, not as a share"),
                unitCost: Estimate(low: 8700, mostLikely: 26100, high: 52200,
                         source: "Kostenhandleiding 2022 (Zorginstituut Nederland, price level 2022): nursing-home day incl. care EUR 290; admission brought forward by 30 / 90 / 180 days is an ASSUMPTION", priceYear: 2022)),
            .caregiverOverload: RiskParameters(
                event: "informal caregiver drops out and care must be replaced",
                probability: Estimate(low: 0.15, mostLikely: 0.25, high: 0.4,
                         source: "ASSUMPTION: probability that an overloaded caregiver drops out within follow-up"),
                deadweight: Estimate(low: 0.2, mostLikely: 0.4, high: 0.6,
                         source: "ASSUMPTION: no Dutch study measures the share of village cases whose escalation would have been averted without the ondersteuner; a wide range around 40% is used"),
                attribution: Estimate(low: 0.2, mostLikely: 0.5, high: 0.8,
                         source: "ASSUMPTION: share of the averted event attributable to the ondersteuner rather than to volunteers, GP or family; the 2020 RUG evaluation (Wedde, Ulrum, Onderdendam) describes the contribution qualitatively, not as a share"),
                unitCost: Estimate(low: 752.0, mostLikely: 2256.0, high: 5640.0,
                         source: "Kostenhandleiding 2022 (Zorginstituut Nederland, price level 2022): informal care replacement EUR 18.80/h; 40 / 120 / 300 replacement hours is an ASSUMPTION", priceYear: 2022)),
            .isolation: RiskParameters(
                event: "extra GP consultations and district nursing linked to social isolation",
                probability: Estimate(low: 0.2, mostLikely: 0.3, high: 0.5,
                         source: "ASSUMPTION: probability that isolation leads to extra formal care within follow-up"),
                deadweight: Estimate(low: 0.2, mostLikely: 0.4, high: 0.6,
                         source: "ASSUMPTION: no Dutch study measures the share of village cases whose escalation would have been averted without the ondersteuner; a wide range around 40% is used"),
                attribution: Estimate(low: 0.2, mostLikely: 0.5, high: 0.8,
                         source: "ASSUMPTION: share of the averted event attributable to the ondersteuner rather than to volunteers, GP or family; the 2020 RUG evaluation (Wedde, Ulrum, Onderdendam) describes the contribution qualitatively, not as a share"),
                unitCost: Estimate(low: 61.74, mostLikely: 273.48, high: 696.96,
                         source: "Kostenhandleiding 2022 (Zorginstituut Nederland, price level 2022): GP consult EUR 30.87, district nursing EUR 75.00/h; volumes 2 consults / 4 consults + 2 h / 8 consults + 6 h are an ASSUMPTION", priceYear: 2022)),
            .fall: RiskParameters(
                event: "fall with emergency department visit",
                probability: Estimate(low: 0.1, mostLikely: 0.2, high: 0.3,
                         source: "ASSUMPTION: probability of a fall needing the emergency department within follow-up for a resident flagged at intake"),
                deadweight: Estimate(low: 0.2, mostLikely: 0.4, high: 0.6,
                         source: "ASSUMPTION: no Dutch study measures the share of village cases whose escalation would have been averted without the ondersteuner; a wide range around 40% is used"),
                attribution: Estimate(low: 0.2, mostLikely: 0.4, high: 0.8,
                         source: "ASSUMPTION: share of the averted event attributable to the ondersteuner rather than to volunteers, GP or family; the 2020 RUG evaluation (Wedde, Ulrum, Onderdendam) describes the contribution qualitatively, not as a share"),
                unitCost: Estimate(low: 786, mostLikely: 1536.0, high: 4846,
                         source: "Kostenhandleiding 2022 (Zorginstituut Nederland, price level 2022): emergency department visit EUR 258 + ambulance ride EUR 528; plus 10 h district nursing (EUR 75.00/h) most likely, plus 14 nursing-home days (EUR 290) high; the follow-on volumes are an ASSUMPTION", priceYear: 2022)),
            .debt: RiskParameters(
                event: "formal debt counselling trajectory (schuldhulpverlening)",
                probability: Estimate(low: 0.15, mostLikely: 0.3, high: 0.5,
                         source: "ASSUMPTION: probability that unaddressed payment problems lead to a formal debt counselling trajectory within follow-up"),
                deadweight: Estimate(low: 0.2, mostLikely: 0.4, high: 0.6,
                         source: "ASSUMPTION: no Dutch study measures the share of village cases whose escalation would have been averted without the ondersteuner; a wide range around 40% is used"),
                attribution: Estimate(low: 0.2, mostLikely: 0.5, high: 0.8,
                         source: "ASSUMPTION: share of the averted event attributable to the ondersteuner rather than to volunteers, GP or family; the 2020 RUG evaluation (Wedde, Ulrum, Onderdendam) describes the contribution qualitatively, not as a share"),
                unitCost: Estimate(low: 1000, mostLikely: 2000, high: 4000,
                         source: "ASSUMPTION: the Kostenhandleiding 2022 has no price for debt counselling; EUR 1,000 / 2,000 / 4,000 per trajectory is an order-of-magnitude assumption at price level 2022", priceYear: 2022)),
            .wmoHouseholdHelp: RiskParameters(
                event: "Wmo household help indication",
                probability: Estimate(low: 0.2, mostLikely: 0.35, high: 0.5,
                         source: "ASSUMPTION: probability that a flagged resident would have needed Wmo household help within follow-up"),
                deadweight: Estimate(low: 0.2, mostLikely: 0.4, high: 0.6,
                         source: "ASSUMPTION: no Dutch study measures the share of village cases whose escalation would have been averted without the ondersteuner; a wide range around 40% is used"),
                attribution: Estimate(low: 0.2, mostLikely: 0.5, high: 0.8,
                         source: "ASSUMPTION: share of the averted event attributable to the ondersteuner rather than to volunteers, GP or family; the 2020 RUG evaluation (Wedde, Ulrum, Onderdendam) describes the contribution qualitatively, not as a share"),
                unitCost: Estimate(low: 1703.52, mostLikely: 2555.28, high: 6814.08,
                         source: "Kostenhandleiding 2022 (Zorginstituut Nederland, price level 2022): household help EUR 32.76/h; 2 h/week for 26 weeks / 3 h/week for 26 weeks / 4 h/week for 52 weeks is an ASSUMPTION", priceYear: 2022)),
            .frequentGPUse: RiskParameters(
                event: "extra GP consultations",
                probability: Estimate(low: 0.3, mostLikely: 0.5, high: 0.7,
                         source: "ASSUMPTION: probability that frequent GP use continues without support; the 2020 RUG study found GP costs in Wedde about 15% below the expected level but does not give a per-resident probability"),
                deadweight: Estimate(low: 0.2, mostLikely: 0.4, high: 0.6,
                         source: "ASSUMPTION: no Dutch study measures the share of village cases whose escalation would have been averted without the ondersteuner; a wide range around 40% is used"),
                attribution: Estimate(low: 0.2, mostLikely: 0.5, high: 0.8,
                         source: "ASSUMPTION: share of the averted event attributable to the ondersteuner rather than to volunteers, GP or family; the 2020 RUG evaluation (Wedde, Ulrum, Onderdendam) describes the contribution qualitatively, not as a share"),
                unitCost: Estimate(low: 92.61, mostLikely: 185.22, high: 370.44,
                         source: "Kostenhandleiding 2022 (Zorginstituut Nederland, price level 2022): GP consult EUR 30.87; 3 / 6 / 12 extra consults is an ASSUMPTION", priceYear: 2022)),
        ])
}
