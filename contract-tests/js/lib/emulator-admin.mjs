// A tiny client for the emulator's own endpoints (docs/emulator-endpoints.md). Not part of the ACS API:
// no authentication, no api-version. Only the emulator target has one.

export class EmulatorAdmin {
  /** @param {string} baseUrl e.g. http://localhost:5123 (no trailing slash) */
  constructor(baseUrl) {
    this.baseUrl = baseUrl.replace(/\/+$/, "");
  }

  async #call(method, path, body) {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
    const text = await res.text();
    let json;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, headers: res.headers, text, json };
  }

  async #ok(method, path, body, expected = 200) {
    const r = await this.#call(method, path, body);
    if (r.status !== expected) {
      throw new Error(`${method} ${path}: expected ${expected}, got ${r.status} ${r.text.slice(0, 500)}`);
    }
    return r.json;
  }

  ready() {
    return this.#call("GET", "/emulator/health/ready");
  }
  info() {
    return this.#ok("GET", "/emulator/info");
  }
  async certificatePem() {
    const r = await this.#call("GET", "/emulator/certificate");
    if (r.status !== 200 || !r.text.includes("BEGIN CERTIFICATE")) {
      throw new Error(`GET /emulator/certificate: expected 200 PEM, got ${r.status}`);
    }
    return r.text;
  }
  /** POST /emulator/tokens/validate → {valid, reason?, identity?, scopes?, ...} */
  validateToken(token) {
    return this.#ok("POST", "/emulator/tokens/validate", { token });
  }
  identity(id) {
    return this.#call("GET", `/emulator/identities/${encodeURIComponent(id)}`);
  }
  clock() {
    return this.#ok("GET", "/emulator/clock");
  }
  setClockOffset(offsetSeconds) {
    return this.#ok("PUT", "/emulator/clock", { offsetSeconds });
  }
  resetClock() {
    return this.#ok("DELETE", "/emulator/clock");
  }
  /** GET /emulator/identities?top=0 → {identities: [], count} (count includes tombstones). */
  identityCount() {
    return this.#ok("GET", "/emulator/identities?top=0").then((r) => r.count);
  }
  /** POST /emulator/faults (docs/emulator-endpoints.md) → the rule with its id. */
  addFault(rule) {
    return this.#ok("POST", "/emulator/faults", rule, 201);
  }
  /** GET /emulator/faults/{id} → the rule with `matched` and `fired`. */
  fault(id) {
    return this.#ok("GET", `/emulator/faults/${encodeURIComponent(id)}`);
  }
  clearFaults() {
    return this.#ok("DELETE", "/emulator/faults", undefined, 204);
  }
}
