// CheckinParser
