"""A receiver written the way the ZTA API document's Python example is: Flask, and the document's
`verify_webhook` copied verbatim. The end-to-end tests start it to prove that the secrets ztahooks
stores verify real deliveries for someone who follows the document.

Usage: flask_receiver.py SECRETS_FILE LOG_FILE PORT_FILE [--status 503] [--unknown-status 503] [--dedupe yes]

Looks each delivery's secret up by its X-ZTA-Webhook-ID in the secrets file (re-read for every
delivery), or, when SECRETS_FILE is a directory, in its file named by the id (a store that only
`--on-secret` fills), appends one JSON line per delivery to LOG_FILE, and writes the bound port to PORT_FILE once
listening. With --status 503 it answers 503 to everything (a receiver that is down). With
--unknown-status 503 a delivery from a webhook id it has no secret for yet is answered 503, which
ZTA retries (a 401 it does not): what a receiver fed by a secret sink does, since the new webhook
can deliver before its sink has run. With --dedupe yes, the receivers guide's snippet (dedupe.py)
marks the second delivery of an event in a replace's overlap, which a receiver would not process.
"""
import json
import os
import sys

from flask import Flask, request
from werkzeug.serving import make_server

# ---- verbatim from the API document, "Verifying Webhook Signatures", Python ----
import hmac
import hashlib

def verify_webhook(payload, signature, secret):
    expected_signature = 'sha256=' + hmac.new(
        secret.encode('utf-8'),
        payload.encode('utf-8'),
        hashlib.sha256
    ).hexdigest()

    return hmac.compare_digest(signature, expected_signature)
# ---- end of the document's code ----

secrets_file, log_file, port_file = sys.argv[1:4]
options = dict(zip(sys.argv[4::2], sys.argv[5::2]))
forced_status = int(options["--status"]) if "--status" in options else None
unknown_status = int(options["--unknown-status"]) if "--unknown-status" in options else None
deduplicate = options.get("--dedupe") == "yes"
if deduplicate:
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from dedupe import is_duplicate
app = Flask(__name__)


def secret_for(webhook_id):
    if os.path.isdir(secrets_file):
        path = os.path.join(secrets_file, os.path.basename(webhook_id or ""))
        if not webhook_id or not os.path.isfile(path):
            return None
        with open(path, encoding="utf-8") as f:
            return f.read()
    with open(secrets_file, encoding="utf-8") as f:
        stored = json.load(f)
    # Retired entries too: a replaced webhook's last deliveries arrive after its delete.
    for entry in stored["webhooks"] + stored.get("retired", []):
        if entry["id"] == webhook_id:
            return entry.get("secret")
    return None


def replaces_map():
    """New id -> the id it replaced: from the secrets file (active and retired entries), or from
    the store's ID.replaces files that a sink writes from ZTA_REPLACES."""
    if os.path.isdir(secrets_file):
        pairs = {}
        for name in os.listdir(secrets_file):
            if name.endswith(".replaces"):
                with open(os.path.join(secrets_file, name), encoding="utf-8") as f:
                    pairs[name[:-len(".replaces")]] = f.read().strip()
        return pairs
    with open(secrets_file, encoding="utf-8") as f:
        stored = json.load(f)
    return {e["id"]: e["replaces"] for e in stored["webhooks"] + stored.get("retired", []) if e.get("replaces")}


def log(record):
    with open(log_file, "a", encoding="utf-8") as f:
        f.write(json.dumps(record) + "\n")


@app.route('/<path:path>', methods=['POST'])
@app.route('/', methods=['POST'], defaults={'path': ''})
def webhook(path):
    webhook_id = request.headers.get('X-ZTA-Webhook-ID')
    record = {"receiver": "python", "webhookId": webhook_id, "event": request.headers.get('X-ZTA-Event'),
              "path": request.full_path.rstrip('?'), "host": request.headers.get('Host')}
    if forced_status is not None:
        log({**record, "answered": forced_status})
        return 'Unavailable', forced_status
    # The document's Flask example, with the secret looked up by webhook id instead of a constant.
    signature = request.headers.get('X-ZTA-Signature')
    secret = secret_for(webhook_id)

    if secret is None and unknown_status is not None:
        log({**record, "verified": None, "answered": unknown_status})
        return 'Unknown webhook, retry later', unknown_status

    if secret is None or not verify_webhook(request.data.decode(), signature, secret):
        log({**record, "verified": False, "answered": 401})
        return 'Invalid signature', 401

    data = request.json
    if deduplicate:
        record["duplicate"] = is_duplicate(request.get_data(), webhook_id, replaces_map())
        record["n"] = data.get("data", {}).get("n")
    log({**record, "verified": True, "answered": 200, "bodyEvent": data['event']})
    return 'OK', 200


server = make_server('127.0.0.1', 0, app, threaded=True)
with open(port_file + ".tmp", "w") as f:
    f.write(str(server.server_port))
os.replace(port_file + ".tmp", port_file)
server.serve_forever()
