/// Why a reply could not be processed at all (as opposed to lines it did not understand).
public struct ReplyError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }

    public init(message: String) {
        self.message = message
    }
}
