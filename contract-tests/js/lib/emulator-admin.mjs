// A tiny client for the emulator's own endpoints (docs/emulator-endpoints.md). Not part of the ACS API:
// no HMAC, no api-version. Only the emulator target has one. When the access key is known it is sent in
// x-emulator-access-key on every call, so the client works whether the emulator sees it as a loopback
// caller or as another host (a container's port mapping may show either).

export const ACCESS_KEY_HEADER = "x-emulator-access-key";

export class EmulatorAdmin {
  /**
   * @param {string} baseUrl e.g. http://localhost:5123 (no trailing slash)
   * @param {string} [accessKey] the emulator's access key, for the routes it keeps from non-loopback callers
   */
  constructor(baseUrl, accessKey) {
    this.baseUrl = baseUrl.replace(/\/+$/, "");
    this.accessKey = accessKey;
  }

  async #call(method, path, body) {
    const headers = body === undefined ? {} : { "content-type": "application/json" };
    if (this.accessKey) headers[ACCESS_KEY_HEADER] = this.accessKey;
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
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
