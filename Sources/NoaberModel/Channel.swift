/// How the request came in.
public enum Channel: String, Code {
    case phone = "phone"
    case message = "message"
    case email = "email"
    case homeVisit = "home_visit"
    case officeHours = "office_hours"
    case inPerson = "in_person"
    case socialMedia = "social_media"
    case other = "other"

    public static let fieldName = "channel"

    public var dutchLabel: String {
        switch self {
        case .phone: "telefoon"
        case .message: "bericht (app/sms)"
        case .email: "e-mail"
        case .homeVisit: "huisbezoek"
        case .officeHours: "spreekuur"
        case .inPerson: "persoonlijk contact"
        case .socialMedia: "sociale media"
        case .other: "anders"
        }
    }

    public var englishLabel: String {
        switch self {
        case .phone: "phone"
        case .message: "message"
        case .email: "email"
        case .homeVisit: "home visit"
        case .officeHours: "office hours"
        case .inPerson: "in person"
        case .socialMedia: "social media"
        case .other: "other"
        }
    }
}
