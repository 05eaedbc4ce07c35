# Pass each ZTA event on once through a replace's overlap (ztahooks receivers guide).
import hashlib
import time

WINDOW = 600      # seconds a body is remembered
CAP = 100_000     # bodies remembered at most, oldest forgotten first
_seen = {}        # sha256 of the raw body -> {"at": first arrival, "counts": {webhook id: n}}


def paired(webhook_id, replaces):
    """The webhooks linked to this one by replaces and rotates (replaces: new id -> old id, from
    the secrets file's "replaces" or from ZTA_REPLACES)."""
    linked, todo = set(), [webhook_id]
    while todo:
        hook = todo.pop()
        if hook not in linked:
            linked.add(hook)
            todo += [replaces[hook]] if hook in replaces else []
            todo += [new for new, old in replaces.items() if old == hook]
    return linked - {webhook_id}


def is_duplicate(raw_body, webhook_id, replaces, now=None):
    """True when the same raw body already came through another webhook of its pair. The same
    body twice through one webhook is two events: both pass."""
    now = time.time() if now is None else now
    while _seen and (len(_seen) >= CAP or now - next(iter(_seen.values()))["at"] > WINDOW):
        del _seen[next(iter(_seen))]
    entry = _seen.setdefault(hashlib.sha256(raw_body).hexdigest(), {"at": now, "counts": {}})
    mine = entry["counts"][webhook_id] = entry["counts"].get(webhook_id, 0) + 1
    return any(entry["counts"].get(other, 0) >= mine for other in paired(webhook_id, replaces))
