import Foundation
import Hummingbird

/// The three API operations, answering exactly as the API document says.
extension SimResponder {
    func list(_ request: Request, owned: SiteAccess) async -> Response {
        guard let siteId = Self.queryValue(request, "siteId") else {
            return SimJSON.error(400, "siteId is required")
        }
        guard owned.owns(siteId) else { return SimJSON.error(403, "Access denied") }
        let webhooks = await state.webhooks(siteId: siteId)
        return SimJSON.response(200, JSONValue.list(webhooks, includeSecrets: options.listIncludesSecrets,
                                                    breakContract: await faults.breaksContract))
    }

    func create(_ request: Request, owned: SiteAccess) async -> Outcome {
        guard let data = await body(of: request) else {
            return .answer(SimJSON.error(413, "Request body too large"))
        }
        let parsed: CreateRequest
        switch CreateRequest.parse(data) {
        case .success(let value): parsed = value
        case .failure(let message): return .answer(SimJSON.error(400, message.text))
        }
        guard owned.owns(parsed.siteId) else { return .answer(SimJSON.error(403, "Access denied")) }
        if let problem = parsed.problem { return .answer(SimJSON.error(400, problem)) }
        let webhook: SimWebhook
        do {
            webhook = try await state.create(
                siteId: parsed.siteId, url: await faults.storedURL(for: parsed.url), events: parsed.events, description: parsed.description
            )
        } catch SimState.CreateRefusal.siteFull {
            return .answer(SimJSON.error(400, "Maximum 10 webhooks per site"))
        } catch {
            logger.error("\(error)")
            return .answer(SimJSON.error(500, "Internal server error"))
        }
        if await faults.dropCreate() { return .drop }
        var answered = webhook
        answered.id = await faults.answeredID(for: webhook.id)
        return .answer(SimJSON.response(options.createStatus, JSONValue.created(answered, breakContract: await faults.breaksContract)))
    }

    func delete(_ request: Request, owned: SiteAccess) async -> Response {
        guard let id = Self.queryValue(request, "id") else {
            return SimJSON.error(400, "id is required")
        }
        guard let webhook = await state.webhook(id: id) else { return SimJSON.error(404, "Webhook not found") }
        guard owned.owns(webhook.siteId) else { return SimJSON.error(403, "Access denied") }
        do {
            // Another request may have deleted it since the lookup.
            guard try await state.delete(id: id) != nil else { return SimJSON.error(404, "Webhook not found") }
        } catch {
            logger.error("\(error)")
            return SimJSON.error(500, "Internal server error")
        }
        return SimJSON.response(200, JSONValue.deleted)
    }
}
