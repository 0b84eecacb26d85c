/// How noaber compares column headers: case-insensitive, with surrounding spaces and quotes ignored.
enum HeaderName {
    static func normalised(_ header: String) -> String {
        header.trimmingCharacters(in: .whitespacesAndNewlines.union(.init(charactersIn: "\u{FEFF}\u{00A0}"))).lowercased()
    }
}

import Foundation
