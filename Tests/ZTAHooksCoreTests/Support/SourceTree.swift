import Foundation

/// Places in the source tree, found from this file's path whatever folder of the target it
/// sits in, so that test files can move between folders without counting `..`.
enum SourceTree {
    /// `Tests/ZTAHooksCoreTests`.
    static var testTarget: URL {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while url.lastPathComponent != "ZTAHooksCoreTests", url.pathComponents.count > 1 {
            url.deleteLastPathComponent()
        }
        return url
    }

    /// The package root, which holds `Tests/`.
    static var packageRoot: URL {
        testTarget.deletingLastPathComponent().deletingLastPathComponent()
    }
}
