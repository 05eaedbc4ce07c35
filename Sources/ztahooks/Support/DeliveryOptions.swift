import ArgumentParser
import ZTASim

/// How an emulator started by this process delivers events: `sim serve`, and `trigger --sandbox`.
struct DeliveryOptions: ParsableArguments {
    @Option(
        name: .customLong("route"),
        help: ArgumentHelp(
            "Deliver to https://HOST/... as plain HTTP at this loopback address, keeping path, query and the Host header. Repeatable.",
            valueName: "host=addr:port"
        )
    )
    var routes: [String] = []

    @Option(help: ArgumentHelp("Divide the delivery retry delays (5 s and 25 s) by this factor (default 1).", valueName: "factor"))
    var deliveryTimeScale: Double?

    @Option(help: ArgumentHelp("Disable a webhook after this many failed deliveries in a row (default 5).", valueName: "n"))
    var disableAfter: Int?

    /// Whether any of these flags was given.
    var isSet: Bool { !routes.isEmpty || deliveryTimeScale != nil || disableAfter != nil }

    func validate() throws {
        if let disableAfter, disableAfter < 1 { throw ValidationError("--disable-after must be at least 1.") }
        if let deliveryTimeScale, !(deliveryTimeScale > 0) {
            throw ValidationError("--delivery-time-scale must be above 0.")
        }
        _ = try parsedRoutes()
    }

    /// The routes by lowercased host; a malformed one is a usage error (exit 64).
    func parsedRoutes() throws -> [String: SimRoute] {
        do {
            return try SimRouteSpec.parse(routes)
        } catch {
            throw ValidationError(error.description)
        }
    }

    /// `options` with these routes, time scale and limit.
    func applied(to options: SimOptions) throws -> SimOptions {
        var options = options
        options.routes = try parsedRoutes()
        options.deliveryTimeScale = deliveryTimeScale ?? options.deliveryTimeScale
        options.disableAfterFailures = disableAfter ?? options.disableAfterFailures
        return options
    }
}
