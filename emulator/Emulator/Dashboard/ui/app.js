// The emulator's dashboard: plain DOM, no framework, every value set as text (never as HTML).
'use strict';

const sections = ['identities', 'tokens', 'requests', 'clock', 'config'];
const $ = (id) => document.getElementById(id);
let clock = null;
let identities = [];
let requests = [];
let selectedRequest = null;
let pollTimer = null;

async function api(method, path, body) {
  // The journal leaves out the page's own reads (it polls), not its actions.
  const init = { method, headers: { accept: 'application/json', 'x-emulator-dashboard': '1' } };
  if (body !== undefined) {
    init.headers['content-type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch('/emulator' + path, init);
  const text = await response.text();
  let data = null;
  if (text) {
    try { data = JSON.parse(text); } catch { data = text; }
  }
  if (!response.ok) {
    throw new Error((data && (data.detail || data.title)) || `${method} ${path}: HTTP ${response.status}`);
  }
  return data;
}

function say(message, isError) {
  const status = $('status');
  status.textContent = message;
  status.classList.toggle('error', Boolean(isError));
}

async function run(action) {
  try {
    await action();
  } catch (error) {
    say(error.message, true);
  }
}

function time(value) {
  return value ? new Date(value).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z') : '—';
}

function duration(ms) {
  const abs = Math.abs(ms);
  const s = Math.floor(abs / 1000) % 60;
  const m = Math.floor(abs / 60000) % 60;
  const h = Math.floor(abs / 3600000) % 24;
  const d = Math.floor(abs / 86400000);
  return [d && `${d} d`, (d || h) && `${h} h`, `${m} min`, `${s} s`].filter(Boolean).join(' ');
}

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (className) node.className = className;
  return node;
}

function facts(list, pairs) {
  list.replaceChildren();
  for (const [name, value, className] of pairs) {
    list.append(el('dt', name), el('dd', value ?? '—', className));
  }
}

// ---- navigation ----

function show() {
  const current = sections.includes(location.hash.slice(1)) ? location.hash.slice(1) : 'identities';
  for (const name of sections) {
    $(name).hidden = name !== current;
    const link = document.querySelector(`nav a[data-section="${name}"]`);
    if (name === current) link.setAttribute('aria-current', 'page'); else link.removeAttribute('aria-current');
  }
  document.title = `${document.querySelector(`nav a[data-section="${current}"]`).textContent} · ACS Identity emulator`;
  refresh(current);
}

function visible() {
  return sections.find((name) => !$(name).hidden);
}

async function refresh(section) {
  await run(async () => {
    await loadClock();
    if (section === 'identities') await loadIdentities();
    if (section === 'requests') await loadRequests();
    if (section === 'config') await loadConfig();
  });
}

function poll() {
  clearInterval(pollTimer);
  pollTimer = setInterval(() => {
    const section = visible();
    if (section === 'requests' && !$('auto-refresh').checked) return;
    if (section === 'identities' || section === 'requests' || section === 'clock') refresh(section);
  }, 2000);
}

// ---- clock ----

async function loadClock() {
  clock = await api('GET', '/clock');
  $('clock-badge').textContent = `Emulated time ${time(clock.now)}${clock.offsetSeconds ? ` (offset ${clock.offset})` : ''}`;
  $('clock-now').textContent = time(clock.now);
  $('clock-real').textContent = time(clock.realNow);
  $('clock-offset').textContent = clock.offsetSeconds ? `${clock.offset} (${duration(clock.offsetSeconds * 1000)})` : 'none: real time';
}

async function advance(seconds) {
  await run(async () => {
    clock = await api('POST', '/clock/advance', { seconds });
    say(`Clock advanced by ${duration(seconds * 1000)}.`);
    await loadClock();
  });
}

// ---- identities ----

function state(identity) {
  if (identity.deleted) return 'deleted';
  if (identity.tokensRevokedAt) return 'revoked';
  return 'active';
}

async function loadIdentities() {
  const list = await api('GET', '/identities?top=10000');
  identities = list.value;
  renderIdentities(list.count);
}

function renderIdentities(total) {
  const filter = $('identity-filter').value.trim().toLowerCase();
  const shown = identities.filter((i) => !filter || i.id.toLowerCase().includes(filter) || (i.customId ?? '').toLowerCase().includes(filter));
  $('identity-count').textContent = `${shown.length} shown of ${total ?? identities.length} identities.`;
  const rows = shown.map((identity) => {
    const row = document.createElement('tr');
    row.dataset.id = identity.id;
    const s = state(identity);
    row.append(
      el('td', identity.id, 'mono'),
      el('td', identity.customId ?? '—'),
      el('td', s, `state-${s}`),
      el('td', time(identity.createdAt)),
      el('td', time(identity.lastTokenIssuedAt)),
      el('td', identity.tokensIssued, 'num'),
      el('td', time(identity.tokensRevokedAt)),
      el('td', time(identity.deletedAt)));
    const actions = el('div', null, 'actions');
    const revoke = el('button', 'Revoke', 'secondary');
    revoke.type = 'button';
    revoke.disabled = identity.deleted;
    revoke.setAttribute('aria-label', `Revoke tokens of ${identity.id}`);
    revoke.addEventListener('click', () => run(async () => {
      await api('POST', `/identities/${encodeURIComponent(identity.id)}/revoke`);
      say(`Tokens of ${identity.id} revoked.`);
      await loadIdentities();
    }));
    const remove = el('button', 'Delete', 'danger');
    remove.type = 'button';
    remove.disabled = identity.deleted;
    remove.setAttribute('aria-label', `Delete ${identity.id}`);
    remove.addEventListener('click', () => run(async () => {
      if (!confirm(`Delete ${identity.id}? Its tokens stop validating.`)) return;
      await api('DELETE', `/identities/${encodeURIComponent(identity.id)}`);
      say(`${identity.id} deleted.`);
      await loadIdentities();
    }));
    actions.append(revoke, remove);
    const cell = el('td');
    cell.append(actions);
    row.append(cell);
    return row;
  });
  $('identity-rows').replaceChildren(...rows);
}

// ---- token inspector ----

function decodePart(part) {
  const base64 = part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=');
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes));
}

async function inspect(token) {
  // A verdict stays on screen only next to the token it is about: hide the last one until this one is in.
  $('token-result').hidden = true;
  const parts = token.split('.');
  let header = null;
  let claims = null;
  try {
    [header, claims] = [decodePart(parts[0]), decodePart(parts[1])];
  } catch {
    // Shown as undecodable below; the validator names the problem too.
  }
  const [result] = await Promise.all([api('POST', '/tokens/validate', { token }), loadClock()]);
  $('token-result').hidden = false;
  const verdict = $('token-verdict');
  verdict.textContent = result.valid ? 'valid' : result.reason;
  verdict.className = `verdict ${result.valid ? 'valid' : 'invalid'}`;
  const signatureChecked = result.valid || !['malformed', 'unknownSigningKey', 'invalidSignature'].includes(result.reason);
  const expires = result.expiresOn ?? (claims && claims.exp ? new Date(claims.exp * 1000).toISOString() : null);
  const left = expires ? new Date(expires) - new Date(clock.now) : null;
  facts($('token-facts'), [
    ['Validity', result.valid ? 'valid' : `${result.reason}: ${result.detail}`],
    ['Signature', signatureChecked ? `verified with the emulator's key (kid ${header?.kid ?? '?'})` : result.detail],
    ['Identity', result.identity],
    ['Scopes', result.scopes ? result.scopes.join(', ') : (claims?.acsScope ?? null)],
    ['Issued', time(result.issuedAt ?? (claims?.iat ? claims.iat * 1000 : null))],
    ['Expires', time(expires)],
    ['Time to expiry', left === null ? null : left > 0 ? `${duration(left)} on the emulated clock` : `expired ${duration(left)} ago on the emulated clock`],
  ]);
  $('token-header').textContent = header ? JSON.stringify(header, null, 2) : 'not decodable';
  $('token-claims').textContent = claims ? JSON.stringify(claims, null, 2) : 'not decodable';
}

// ---- request journal ----

async function loadRequests() {
  const query = new URLSearchParams({ limit: '200' });
  const filters = { method: $('filter-method').value, status: $('filter-status').value.trim(), operation: $('filter-operation').value.trim(), identity: $('filter-identity').value.trim() };
  for (const [name, value] of Object.entries(filters)) if (value) query.set(name, value);
  if (filters.status && !/^([1-5]xx|[1-5]\d\d)$/i.test(filters.status)) {
    say('Status is a code (401) or a class (4xx).', true);
    return;
  }
  const list = await api('GET', `/requests?${query}`);
  requests = list.requests;
  $('request-count').textContent = list.capacity === 0
    ? 'The journal is off (Journal:Capacity is 0).'
    : `${requests.length} shown; ${list.recorded} recorded, the last ${list.capacity} kept.`;
  const rows = requests.map((entry) => {
    const row = document.createElement('tr');
    row.tabIndex = 0;
    row.dataset.sequence = entry.sequence;
    row.setAttribute('aria-selected', String(entry.sequence === selectedRequest));
    row.append(
      el('td', time(entry.time)),
      el('td', entry.method),
      el('td', entry.path + (entry.query ?? ''), 'mono'),
      el('td', entry.status, entry.status >= 400 ? 'status-bad' : 'status-ok'),
      el('td', entry.operation ?? '—'),
      el('td', entry.durationMs, 'num'));
    const choose = () => select(entry.sequence);
    row.addEventListener('click', choose);
    row.addEventListener('keydown', (event) => { if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); choose(); } });
    return row;
  });
  $('request-rows').replaceChildren(...rows);
  if (selectedRequest !== null) renderRequest(requests.find((r) => r.sequence === selectedRequest));
}

function select(sequence) {
  selectedRequest = sequence;
  for (const row of $('request-rows').children) row.setAttribute('aria-selected', String(Number(row.dataset.sequence) === sequence));
  renderRequest(requests.find((r) => r.sequence === sequence));
}

function renderRequest(entry) {
  if (!entry) return;
  $('request-detail').hidden = false;
  $('request-detail-title').textContent = `${entry.method} ${entry.path} → ${entry.status}`;
  $('request-reason').textContent = entry.reason ?? '';
  facts($('request-facts'), [
    ['Time', time(entry.time)],
    ['Path and query', entry.path + (entry.query ?? ''), 'mono'],
    ['Operation', entry.operation],
    ['api-version asked', entry.apiVersion],
    ['api-version served', entry.servedApiVersion],
    ['Identity', entry.identity, 'mono'],
    ['Status', entry.status],
    ['Error code', entry.errorCode],
    ['Duration', `${entry.durationMs} ms`],
    ['Authentication', entry.authScheme ? `${entry.authScheme}: ${entry.authOutcome}` : entry.authOutcome],
    ['x-ms-client-request-id', entry.clientRequestId, 'mono'],
    ['User-Agent', entry.userAgent],
    ['Fault rule', entry.fault, 'mono'],
  ]);
}

// ---- configuration ----

async function loadConfig() {
  const c = await api('GET', '/ui/config');
  facts($('config-facts'), [
    ['Endpoints', Object.entries(c.endpoints).map(([scheme, url]) => `${scheme}: ${url}`).join('  ·  ')],
    ['Resource id', c.resourceId, 'mono'],
    ['Location', c.location],
    ['Access key', `${c.accessKey} (not shown here; the start-up banner prints the connection strings)`],
    ['api-versions', `${c.apiVersions.length} versions, ${c.apiVersions[0]} … ${c.latestApiVersion}`],
    ['Unknown api-versions', c.unknownApiVersions],
    ['Authentication', c.authenticationSchemes.join(', ')],
    ['Bearer tokens', c.bearerValidation],
    ['Signed date window', `±${c.clockSkewMinutes} min (real time)`],
    ['Request journal', c.journalCapacity === 0 ? 'off' : `last ${c.journalCapacity} requests`],
    ['Access log', c.accessLog],
    ['Version', c.version],
  ]);
}

// ---- wiring ----

document.addEventListener('DOMContentLoaded', () => {
  window.addEventListener('hashchange', show);
  $('identity-filter').addEventListener('input', () => renderIdentities());
  $('identity-search').addEventListener('submit', (event) => event.preventDefault());
  $('identities-refresh').addEventListener('click', () => refresh('identities'));
  $('token-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const token = $('token-input').value.trim();
    if (token) run(() => inspect(token));
  });
  $('request-filters').addEventListener('submit', (event) => { event.preventDefault(); refresh('requests'); });
  for (const id of ['filter-method', 'filter-status', 'filter-operation', 'filter-identity']) $(id).addEventListener('change', () => refresh('requests'));
  $('requests-clear').addEventListener('click', () => run(async () => {
    await api('DELETE', '/requests');
    selectedRequest = null;
    $('request-detail').hidden = true;
    say('Journal cleared.');
    await loadRequests();
  }));
  $('clock-advance').addEventListener('submit', (event) => {
    event.preventDefault();
    const seconds = Number($('advance-seconds').value);
    if (Number.isFinite(seconds) && seconds >= 0) advance(seconds); else say('Seconds must be a number of at least 0.', true);
  });
  for (const button of document.querySelectorAll('[data-advance]')) button.addEventListener('click', () => advance(Number(button.dataset.advance)));
  $('clock-set').addEventListener('submit', (event) => {
    event.preventDefault();
    const now = $('set-now').value.trim();
    if (Number.isNaN(Date.parse(now))) { say('Enter an ISO 8601 date-time such as 2030-01-01T00:00:00Z.', true); return; }
    run(async () => { await api('PUT', '/clock', { now }); say(`Clock set to ${now}.`); await loadClock(); });
  });
  $('clock-reset').addEventListener('click', () => run(async () => { await api('DELETE', '/clock'); say('Clock back to real time.'); await loadClock(); }));
  $('reset').addEventListener('click', () => run(async () => {
    if (!confirm('Reset the emulator? Every identity and assignment is forgotten and the clock goes back to real time.')) return;
    await api('POST', '/reset');
    say('Emulator reset.');
    await refresh(visible());
  }));
  show();
  poll();
});
