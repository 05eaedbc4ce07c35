import Foundation

/// The machine format of `list`: keys sorted, pretty-printed, absent values as `null`.
public enum ListJSONRenderer {
    public static func render(_ listing: WebhookListing) -> String {
        StableJSON.render(listing)
    }

    public static func decode(_ data: Data) throws -> WebhookListing {
        try JSONDecoder().decode(WebhookListing.self, from: data)
    }
}
