// CheckinParserTests
