// `JSONValue` is part of this library's API (`WebhookEventData.unknown`); it lives in a small
// target of its own so that ztahooks' core can use the same type.
@_exported import ZTAJSON
