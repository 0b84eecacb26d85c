#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NoaberModel

/// Fake villages for benchmarks and many-village demos: "Dorp 001" (code `D001`) in
/// "Gemeente A", ten villages per municipality.
public enum SyntheticVillages {
    /// `count` villages with 400–5,000 inhabitants (log-uniform, so most are small, as real
    /// kernen are), 8–12% aged 75+, 8–16 paid hours a week at about €55 an hour all-in.
    /// Deterministic in `seed`.
    public static func make(count: Int, seed: UInt64) -> [Village] {
        var random = SeededRandom(seed: seed ^ 0x5649_4C4C_4147_4553)
        var villages: [Village] = []
        villages.reserveCapacity(max(count, 0))
        for index in 0..<max(count, 0) {
            let number = index + 1
            let digits = String(number)
            let padded = digits.count >= 3 ? digits : String(repeating: "0", count: 3 - digits.count) + digits
            let inhabitants = Int((400.0 * pow(12.5, random.uniform())).rounded())
            let share = 0.08 + 0.04 * random.uniform()
            let hours = Double(8 + 2 * random.below(5))
            villages.append(Village(
                code: "D" + padded, name: "Dorp " + padded, municipality: "Gemeente " + municipalityLetter(index / 10),
                inhabitants: inhabitants, inhabitants75Plus: Int((Double(inhabitants) * share).rounded()),
                paidHoursPerWeek: hours, costPerYearEUR: hours * 52 * 55))
        }
        return villages
    }

    /// A, B, …, Z, AA, AB, …
    static func municipalityLetter(_ index: Int) -> String {
        let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        if index < 26 { return String(letters[index]) }
        return municipalityLetter(index / 26 - 1) + String(letters[index % 26])
    }
}
