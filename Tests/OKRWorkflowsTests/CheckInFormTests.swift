import OKRWorkflows
import Testing

@Suite("Check-in forms")
struct CheckInFormTests {
    @Test("A value field reads the numbers people type, and refuses what could mean two things", arguments: [
        ("42", 42.0), ("-3", -3), ("42.5", 42.5), (" 1,200 ", 1_200), ("12,345,678", 12_345_678), ("$120,000", 120_000), ("120k", 120_000),
        ("1.2M", 1_200_000), ("42%", 42), ("€ 350", 350), ("2,500.75", 2_500.75),
    ])
    func reads(text: String, expected: Double) {
        #expect(CheckInForm.fieldNumber(text) == expected, "\(text)")
    }

    @Test("Not read (asked to write it again)", arguments: ["1,5", "12,34", "1,2345", "abc", "", "4 2", "12..5", "--3", "1e9", "½", "١٢"])
    func refuses(text: String) {
        #expect(CheckInForm.fieldNumber(text) == nil, "\(text)")
    }
}
