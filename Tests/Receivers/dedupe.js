// Pass each ZTA event on once through a replace's overlap (ztahooks receivers guide).
'use strict';
const crypto = require('crypto');

const WINDOW_MS = 600_000; // how long a body is remembered
const CAP = 100_000;       // bodies remembered at most, oldest forgotten first
const seen = new Map();    // sha256 of the raw body -> { at, counts: Map(webhook id -> n) }

// The webhooks linked to this one by replaces and rotates (replaces: Map of new id -> old id,
// from the secrets file's "replaces" or from ZTA_REPLACES).
function paired(webhookId, replaces) {
  const linked = new Set();
  const todo = [webhookId];
  while (todo.length > 0) {
    const hook = todo.pop();
    if (linked.has(hook)) continue;
    linked.add(hook);
    if (replaces.has(hook)) todo.push(replaces.get(hook));
    for (const [newer, older] of replaces) if (older === hook) todo.push(newer);
  }
  linked.delete(webhookId);
  return linked;
}

// True when the same raw body already came through another webhook of its pair. The same body
// twice through one webhook is two events: both pass.
function isDuplicate(rawBody, webhookId, replaces, now = Date.now()) {
  for (const [key, entry] of seen) {
    if (seen.size < CAP && now - entry.at <= WINDOW_MS) break;
    seen.delete(key);
  }
  const key = crypto.createHash('sha256').update(rawBody).digest('hex');
  if (!seen.has(key)) seen.set(key, { at: now, counts: new Map() });
  const counts = seen.get(key).counts;
  const mine = (counts.get(webhookId) || 0) + 1;
  counts.set(webhookId, mine);
  return [...paired(webhookId, replaces)].some((other) => (counts.get(other) || 0) >= mine);
}

module.exports = { isDuplicate, paired };
