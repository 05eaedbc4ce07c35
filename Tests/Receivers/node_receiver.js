// A receiver written the way the ZTA API document's Node.js example is: the document's
// `verifyWebhook` copied verbatim, applied to the parsed JSON body as its Express example does
// (`express.json()` is `JSON.parse` of the raw body; Express itself is not installable offline, so
// Node's own http server carries the request). The end-to-end tests start it to prove that the
// secrets ztahooks stores verify real deliveries for someone who follows the document.
//
// Usage: node node_receiver.js SECRETS_FILE LOG_FILE PORT_FILE [--status 503 | --dedupe yes]
// With --dedupe yes, the receivers guide's snippet (dedupe.js) marks the second delivery of an
// event in a replace's overlap, which a receiver would not process. SECRETS_FILE may be a
// directory that a sink fills (ID holds the secret, ID.replaces the id it replaced); a webhook it
// has no secret for yet is answered 503 then, which ZTA retries.
'use strict';
const fs = require('fs');
const http = require('http');
const path = require('path');

// ---- verbatim from the API document, "Verifying Webhook Signatures", Node.js ----
const crypto = require('crypto');

function verifyWebhook(payload, signature, secret) {
  const expectedSignature = 'sha256=' +
    crypto
      .createHmac('sha256', secret)
      .update(JSON.stringify(payload))
      .digest('hex');

  return crypto.timingSafeEqual(
    Buffer.from(signature),
    Buffer.from(expectedSignature)
  );
}
// ---- end of the document's code ----

const [secretsFile, logFile, portFile] = process.argv.slice(2, 5);
const forcedStatus = process.argv[5] === '--status' ? Number(process.argv[6]) : null;
const deduplicate = process.argv[5] === '--dedupe' && process.argv[6] === 'yes';
const { isDuplicate } = require('./dedupe.js');

// Active and retired entries: a replaced webhook's last deliveries arrive after its delete.
function entries() {
  const stored = JSON.parse(fs.readFileSync(secretsFile, 'utf8'));
  return stored.webhooks.concat(stored.retired || []);
}

// A store directory exists from the start; a secrets file may not yet (the first apply writes it).
const isStore = fs.existsSync(secretsFile) && fs.statSync(secretsFile).isDirectory();

function secretFor(webhookId) {
  if (isStore) {
    const file = path.join(secretsFile, path.basename(webhookId || ''));
    return webhookId && fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
  }
  const entry = entries().find((w) => w.id === webhookId);
  return entry ? entry.secret : null;
}

// New id -> the id it replaced, from the secrets file or the store's ID.replaces files.
function replacesMap() {
  if (isStore) {
    return new Map(fs.readdirSync(secretsFile).filter((name) => name.endsWith('.replaces'))
      .map((name) => [name.slice(0, -'.replaces'.length), fs.readFileSync(path.join(secretsFile, name), 'utf8').trim()]));
  }
  return new Map(entries().filter((e) => e.replaces).map((e) => [e.id, e.replaces]));
}

function log(record) {
  fs.appendFileSync(logFile, JSON.stringify(record) + '\n');
}

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    const webhookId = req.headers['x-zta-webhook-id'];
    const record = { receiver: 'node', webhookId, event: req.headers['x-zta-event'], path: req.url, host: req.headers.host };
    if (forcedStatus !== null) {
      log({ ...record, answered: forcedStatus });
      res.writeHead(forcedStatus).end('Unavailable');
      return;
    }
    // The document's Express example, with the secret looked up by webhook id instead of a constant.
    let body;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8')); // what express.json() does
    } catch (error) {
      log({ ...record, verified: false, answered: 400 });
      res.writeHead(400).end('Bad JSON');
      return;
    }
    const signature = req.headers['x-zta-signature'];
    const secret = secretFor(webhookId);
    if (secret == null && isStore) {
      log({ ...record, verified: null, answered: 503 });
      res.writeHead(503).end('Unknown webhook, retry later');
      return;
    }
    let verified = false;
    try {
      verified = secret != null && verifyWebhook(body, signature, secret);
    } catch (error) {
      // timingSafeEqual throws when the lengths differ: the document's code treats that as a failure.
      verified = false;
    }
    if (!verified) {
      log({ ...record, verified: false, answered: 401 });
      res.writeHead(401).end('Invalid signature');
      return;
    }
    if (deduplicate) {
      record.duplicate = isDuplicate(Buffer.concat(chunks), webhookId, replacesMap());
      record.n = body.data ? body.data.n : undefined;
    }
    log({ ...record, verified: true, answered: 200, bodyEvent: body.event });
    res.writeHead(200).end('OK');
  });
});

server.listen(0, '127.0.0.1', () => {
  fs.writeFileSync(portFile + '.tmp', String(server.address().port));
  fs.renameSync(portFile + '.tmp', portFile);
});
