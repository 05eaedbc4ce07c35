import Foundation
import Hummingbird

/// The control endpoints under `/_sim/`: for tests and demos, never faulted, never counted, and open
/// without a token even when tokens are configured (the emulator is a test server on loopback).
extension SimResponder {
    func control(_ request: Request, path: String) async -> Response {
        switch (request.method, path) {
        case (.get, "/_sim/state"):
            return SimJSON.response(200, JSONValue.state(await state.webhooks))
        case (.post, "/_sim/seed"):
            return await seed(request)
        case (.post, "/_sim/disable"):
            return await disable(request)
        case (.post, "/_sim/enable"):
            return await enable(request)
        case (.post, "/_sim/reset"):
            return await reset()
        case (.get, "/_sim/faults"):
            return SimJSON.response(200, await faults.snapshot)
        case (.post, "/_sim/faults"):
            return await setFaults(request)
        case (.get, "/_sim/stats"):
            return SimJSON.response(200, await stats.snapshot)
        case (.post, "/_sim/publish"):
            return await publish(request)
        case (.get, "/_sim/deliveries"):
            let records = await deliveries.records(
                webhookId: Self.queryValue(request, "webhookId"), siteId: Self.queryValue(request, "siteId")
            )
            return SimJSON.response(200, ["deliveries": records])
        case (_, "/_sim/state"), (_, "/_sim/seed"), (_, "/_sim/disable"), (_, "/_sim/enable"), (_, "/_sim/reset"),
            (_, "/_sim/faults"), (_, "/_sim/stats"), (_, "/_sim/publish"), (_, "/_sim/deliveries"):
            return SimJSON.error(405, "Method not allowed")
        default:
            return SimJSON.error(404, "Not found")
        }
    }

    private func seed(_ request: Request) async -> Response {
        guard let data = await body(of: request) else { return SimJSON.error(413, "Request body too large") }
        let decoder = JSONDecoder()
        // One webhook or a list of them.
        guard let seeds = (try? decoder.decode([SimWebhookSeed].self, from: data))
            ?? (try? decoder.decode(SimWebhookSeed.self, from: data)).map({ [$0] })
        else {
            return SimJSON.error(400, "Seed a webhook object or a list of them, each with siteId, url and events")
        }
        do {
            return SimJSON.response(200, JSONValue.state(try await state.insert(seeds)))
        } catch let duplicate as SimState.DuplicateID {
            return SimJSON.error(400, "Webhook id already exists: \(duplicate.id)")
        } catch {
            return internalError(error)
        }
    }

    private func disable(_ request: Request) async -> Response {
        guard let id = Self.queryValue(request, "id") else { return SimJSON.error(400, "id is required") }
        do {
            guard let webhook = try await state.disable(id: id) else { return SimJSON.error(404, "Webhook not found") }
            return SimJSON.response(200, JSONValue.object([("webhook", .fullWebhook(webhook))]))
        } catch {
            return internalError(error)
        }
    }

    private func enable(_ request: Request) async -> Response {
        guard let id = Self.queryValue(request, "id") else { return SimJSON.error(400, "id is required") }
        do {
            guard let webhook = try await state.enable(id: id) else { return SimJSON.error(404, "Webhook not found") }
            return SimJSON.response(200, JSONValue.object([("webhook", .fullWebhook(webhook))]))
        } catch {
            return internalError(error)
        }
    }

    private func reset() async -> Response {
        do {
            try await state.reset()
        } catch {
            return internalError(error)
        }
        await faults.reset()
        await stats.reset()
        await deliveries.reset()
        return SimJSON.response(200, JSONValue.object([("success", true)]))
    }

    private func setFaults(_ request: Request) async -> Response {
        guard let data = await body(of: request) else { return SimJSON.error(413, "Request body too large") }
        guard let update = try? JSONDecoder().decode(SimFaultUpdate.self, from: data) else {
            return SimJSON.error(400, "Invalid JSON body")
        }
        if let problem = await faults.update(update) { return SimJSON.error(400, problem) }
        return SimJSON.response(200, await faults.snapshot)
    }

    private func publish(_ request: Request) async -> Response {
        guard let data = await body(of: request) else { return SimJSON.error(413, "Request body too large") }
        guard let event = try? JSONDecoder().decode(SimEvent.self, from: data) else {
            return SimJSON.error(400, "Publish an object with event, siteId and optionally data, timestamp and wait")
        }
        guard CreateRequest.eventTypes.contains(event.event) else {
            return SimJSON.error(400, "Invalid event type: \(event.event)")
        }
        if let data = event.data, case .object = data {} else if event.data != nil {
            return SimJSON.error(400, "data must be an object")
        }
        let tasks = await deliveries.publish(event)
        guard event.wait == true else {
            return SimJSON.response(202, ["queued": tasks.count])
        }
        var records: [SimDeliveryRecord] = []
        for task in tasks { records.append(await task.value) }
        return SimJSON.response(200, ["deliveries": records])
    }

    private func internalError(_ error: any Error) -> Response {
        logger.error("\(error)")
        return SimJSON.error(500, "Internal server error")
    }
}
