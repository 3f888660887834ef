import CurlHTTP

/// What this build of okrd is: its version, the Swift it was compiled with and the libcurl it runs on.
public enum Build {
    public static let version = "0.1.0"

    #if compiler(>=6.4)
    public static let swift = "6.4+"
    #elseif compiler(>=6.3)
    public static let swift = "6.3"
    #elseif compiler(>=6.2)
    public static let swift = "6.2"
    #else
    public static let swift = "6.1"
    #endif

    public static var libcurl: String { CurlClient.libcurlVersion }
}
