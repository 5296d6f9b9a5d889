// Reads the live recordings (JSON test-proxy files and JS nock files) at generation time and tells which rows
// they show: an operation at an api-version answered 2xx, or an error case whose text appears in the answer.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

function operationOf(method, pathname) {
  const p = pathname.replace(/\/+$/, "");
  if (method === "POST" && /\/identities$/.test(p)) return ["CreateIdentity", "LegacyCreateIdentity"];
  if (method === "POST" && /:issueAccessToken$/.test(p)) return ["IssueAccessToken"];
  if (method === "POST" && /:revokeAccessTokens$/.test(p)) return ["RevokeAccessTokens"];
  if (method === "POST" && /\/identities\/[^/]+\/token$/.test(p)) return ["LegacyIssueToken"];
  if (method === "PATCH" && /\/identities\/[^/]+$/.test(p)) return ["LegacyUpdateIdentity"];
  if (method === "DELETE" && /\/identities\/[^/]+$/.test(p)) return ["DeleteIdentity"];
  if (method === "GET" && /\/identities\/[^/]+$/.test(p)) return ["GetIdentity"];
  if (method === "POST" && /\/teamsUser\/:exchangeAccessToken$/.test(p)) return ["ExchangeTeamsUserToken"];
  if (method === "POST" && /\/access\/entra\/:exchangeAccessToken$/.test(p)) return ["ExchangeEntraToken"];
  if (method === "POST" && /\/access\/teamsExtension\/:exchangeAccessToken$/.test(p)) return ["ExchangeTeamsExtensionToken"];
  if (/\/assignments\//.test(p)) return ["TeamsExtensionAssignments"];
  if (method === "POST" && /:issueCredentials$/.test(p)) return ["IssueTurnCredentials"];
  return [];
}

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) yield* files(full);
    else if (/\.(json|js)$/.test(name)) yield full;
  }
}

function* exchanges(file) {
  const text = readFileSync(file, "utf8");
  if (file.endsWith(".json")) {
    let json;
    try {
      json = JSON.parse(text);
    } catch {
      return;
    }
    for (const e of json.Entries ?? []) {
      const url = new URL(e.RequestUri);
      yield { method: e.RequestMethod, pathname: decodeURIComponent(url.pathname), version: url.searchParams.get("api-version"), status: e.StatusCode, body: JSON.stringify(e.ResponseBody ?? "") };
    }
    return;
  }
  // nock: nock(host).post('/path', body).query({"api-version": "..."} | true).reply(status, body, ...)
  for (const m of text.matchAll(/\.(get|post|delete|patch)\('([^']+)'[\s\S]*?\.query\(([^)]*)\)\s*\.reply\((\d+),\s*([^\n]*)/g)) {
    const version = /"api-version":\s*"([^"]+)"/.exec(m[3])?.[1] ?? null;
    yield { method: m[1].toUpperCase(), pathname: decodeURIComponent(m[2]), version, status: Number(m[4]), body: m[5] };
  }
}

export function recordedKeys(dir, rows) {
  const found = new Set();
  for (const file of files(dir)) {
    for (const x of exchanges(file)) {
      for (const op of operationOf(x.method, x.pathname)) {
        for (const row of rows) {
          if (row.op !== op || (x.version && row.version !== x.version)) continue;
          const isCase = row.key.includes("#");
          if (!isCase && x.version && x.status < 300) found.add(row.key);
          if (isCase && row.match && x.status >= 400 && x.body.includes(row.match)) found.add(row.key);
        }
      }
    }
  }
  return found;
}
