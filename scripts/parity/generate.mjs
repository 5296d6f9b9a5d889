#!/usr/bin/env node
// Generates docs/parity.md: one row per operation × api-version (from the version table in
// emulator/Emulator/Versioning/ApiVersions.cs) and per error case (cases.mjs), one column per client, each cell
// from the suites' own machine-readable results:
//   --trx DIR        TRX files of dotnet test (C# wire-level suite; .NET SDK leg); the xunit traits "covers" of
//                    those tests are read from their sources (TRX files do not carry traits)
//   --tap FILE       node:test TAP of the JS suite: tags from js-tags.mjs, matched on the test's full name
//   --junit FILE     pytest junit XML of the Python suite (repeatable): "covers" and "client" properties
//   --recordings DIR the live recordings, read at generation time for the "recorded live" column
//   --out FILE       where to write (default docs/parity.md); prints the summary counts
// A key is Operation@api-version or Operation@api-version#case; "{name}" in a C# trait is replaced by the test's
// argument of that name (theories over versions).
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { CASES, CLIENTS } from "./cases.mjs";
import { JS_TAGS } from "./js-tags.mjs";
import { recordedKeys } from "./recordings.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const args = { junit: [] };
for (let i = 2; i < process.argv.length; i += 2) {
  const name = process.argv[i].replace(/^--/, "");
  const value = process.argv[i + 1];
  if (name === "junit") args.junit.push(value);
  else args[name] = value;
}

// ---- rows: the version table -------------------------------------------------------------------------------
function versionTable() {
  const source = readFileSync(path.join(root, "emulator/Emulator/Versioning/ApiVersions.cs"), "utf8");
  const constants = Object.fromEntries([...source.matchAll(/const ApiOperation (\w+) = ([^;]+);/g)].map((m) => [m[1], m[2]]));
  const expand = (expr) =>
    expr.split("|").map((s) => s.trim()).flatMap((s) => (constants[s] ? expand(constants[s]) : [s.replace(/^ApiOperation\./, "")]));
  return [...source.matchAll(/new\("([^"]+)", ([^,]+), [^)]+\)/g)].map((m) => ({ version: m[1], operations: expand(m[2]) }));
}

const table = versionTable();
const rows = [];
for (const { version, operations } of table) {
  for (const op of operations) rows.push({ key: `${op}@${version}`, op, version, label: "" });
}
for (const c of CASES) {
  for (const version of c.versions) {
    if (!table.find((v) => v.version === version)?.operations.includes(c.op)) throw new Error(`case ${c.id}: ${c.op} not in ${version}`);
    rows.push({ key: `${c.op}@${version}#${c.id}`, op: c.op, version, label: c.title, match: c.recorded });
  }
}
const rowKeys = new Set(rows.map((r) => r.key));

// ---- results: client → key → {passed, failed} --------------------------------------------------------------
const results = Object.fromEntries(CLIENTS.map((c) => [c.id, new Map()]));
const ran = new Set();
const unknownKeys = new Set();
function record(client, key, outcome) {
  if (!rowKeys.has(key)) {
    unknownKeys.add(`${client}: ${key}`);
    return;
  }
  ran.add(client);
  const cell = results[client].get(key) ?? { passed: 0, failed: 0 };
  cell[outcome] += 1;
  results[client].set(key, cell);
}
const unescape = (s) => s.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

// xunit traits do not reach the TRX file, so the "covers" traits are read from the test sources and joined with
// the TRX results by method name.
function traitsOf(project) {
  const traits = new Map();
  const walk = (dir) => {
    for (const name of existsSync(dir) ? readdirSync(dir, { withFileTypes: true }) : []) {
      const full = path.join(dir, name.name);
      if (name.isDirectory() && !["bin", "obj"].includes(name.name)) walk(full);
      else if (name.name.endsWith(".cs")) {
        const source = readFileSync(full, "utf8");
        for (const m of source.matchAll(/\[Trait\("covers", "([^"]+)"\)\]\s*public (?:async Task|void) (\w+)\(/g)) traits.set(m[2], m[1].split(","));
      }
    }
  };
  walk(path.join(root, "contract-tests", project));
  return traits;
}

function readTrx(dir) {
  if (!dir || !existsSync(dir)) return;
  const projects = { "Emulator.ContractTests": "csharp-wire", "Emulator.ContractTests.DotNetSdk": "dotnet-sdk" };
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".trx"))) {
    const xml = readFileSync(path.join(dir, file), "utf8");
    const assembly = /storage="[^"]*?([\w.]+)\.dll"/i.exec(xml)?.[1] ?? "";
    const project = Object.keys(projects).find((p) => p.toLowerCase() === assembly.toLowerCase());
    if (!project) continue;
    const client = projects[project];
    const traits = traitsOf(project);
    const names = new Map([...xml.matchAll(/<UnitTest name="([^"]*)"[^>]*id="([^"]+)"/g)].map((m) => [m[2], unescape(m[1])]));
    for (const m of xml.matchAll(/<UnitTestResult [^>]*testId="([^"]+)"[^>]*outcome="(\w+)"/g)) {
      const name = names.get(m[1]);
      if (!name || !/^(Passed|Failed)$/.test(m[2])) continue; // NotExecuted = skipped (live leg without a resource)
      const open = name.indexOf("(");
      const qualified = open < 0 ? name : name.slice(0, open);
      const method = qualified.slice(qualified.lastIndexOf(".") + 1);
      const params = Object.fromEntries([...name.slice(open + 1).matchAll(/(\w+): "?([^",)]*)"?/g)].map((p) => [p[1], p[2]]));
      for (const pattern of traits.get(method) ?? []) {
        const key = pattern.trim().replace(/\{(\w+)\}/g, (_, n) => params[n] ?? `{${n}}`);
        record(client, key, m[2] === "Passed" ? "passed" : "failed");
      }
    }
  }
}

const untagged = [];
function readTap(file) {
  if (!file || !existsSync(file)) return;
  const lines = readFileSync(file, "utf8").split("\n");
  const stack = [];
  const entries = [];
  for (const line of lines) {
    const subtest = /^(\s*)# Subtest: (.*)$/.exec(line);
    if (subtest) {
      const depth = subtest[1].length / 4;
      stack.length = depth;
      stack[depth] = subtest[2];
      continue;
    }
    const result = /^(\s*)(not ok|ok) \d+ - (.*?)(\s+#\s+(SKIP|TODO).*)?$/.exec(line);
    if (result) entries.push({ depth: result[1].length / 4, ok: result[2] === "ok", skip: Boolean(result[5]), name: [...stack.slice(0, result[1].length / 4), result[3]].join(" > ") });
  }
  entries.forEach((e, i) => {
    const isSuite = i > 0 && entries[i - 1].depth > e.depth;
    if (isSuite || e.skip) return;
    const client = e.name.startsWith("communication-administration") ? "js-administration" : "js-identity";
    const tags = JS_TAGS.filter(([pattern]) => pattern.test(e.name));
    if (!tags.length) untagged.push(e.name);
    for (const [, keys] of tags) for (const key of keys) record(client, key, e.ok ? "passed" : "failed");
  });
}

function readJunit(file) {
  if (!file || !existsSync(file)) return;
  const xml = readFileSync(file, "utf8");
  for (const m of xml.matchAll(/<testcase [^>]*?(?:\/>|>([\s\S]*?)<\/testcase>)/g)) {
    const body = m[1] ?? "";
    if (/<skipped/.test(body)) continue;
    const props = [...body.matchAll(/<property name="(\w+)" value="([^"]*)"/g)].map((p) => [p[1], unescape(p[2])]);
    const client = props.find(([n]) => n === "client")?.[1];
    if (!client) continue;
    const failed = /<(failure|error)/.test(body);
    for (const [, key] of props.filter(([n]) => n === "covers")) record(client, key, failed ? "failed" : "passed");
  }
}

readTrx(args.trx);
readTap(args.tap);
for (const file of args.junit) readJunit(file);
const recordingsRead = Boolean(args.recordings && existsSync(args.recordings));
const recorded = recordingsRead ? recordedKeys(args.recordings, rows) : new Set();
if (!recordingsRead) process.stderr.write("parity: no --recordings directory: the recorded-live column says 'not read'\n");

// ---- cells --------------------------------------------------------------------------------------------------
function cell(client, row) {
  if (!client.applies(row)) return "n/a";
  if (!ran.has(client.id)) return "not run";
  const r = results[client.id].get(row.key);
  if (!r) return "not covered";
  return r.failed ? "failed" : "passed";
}

const counts = { rows: rows.length, cells: 0, passed: 0, failed: 0, "not covered": 0, "not run": 0, "n/a": 0, recorded: 0 };
const body = rows.map((row) => {
  const cells = CLIENTS.map((c) => {
    const value = cell(c, row);
    counts[value] += 1;
    if (value !== "n/a") counts.cells += 1;
    return value;
  });
  const live = !recordingsRead ? "not read" : recorded.has(row.key) ? "recorded" : "—";
  if (live === "recorded") counts.recorded += 1;
  const name = row.label ? `${row.op} — ${row.label}` : row.op;
  return `| ${name} | \`${row.version}\` | ${cells.join(" | ")} | ${live} |`;
});
const rowsCovered = rows.filter((row) => CLIENTS.some((c) => results[c.id].get(row.key))).length;

const out = [
  "# Parity matrix",
  "",
  "Generated by `scripts/parity/generate.mjs` from the test suites' own results (`scripts/test.sh` regenerates it at",
  "the end of every run; do not edit by hand). One row per operation × api-version of the emulator's version table,",
  "and per recorded error case; one column per client. A cell is **passed** (every test of that client tagged with",
  "the row passed), **failed**, **not covered** (the client can make that call but no test of it does), **not run**",
  "(the suite did not run here: the .NET SDK leg is opt-in) or **n/a** (the client cannot make that call).",
  "**recorded live** says whether a recording of the live service (`../shared/reference/recordings`) shows it.",
  "",
  `Totals: ${counts.rows} rows, ${rowsCovered} covered by at least one client; ${counts.cells} applicable cells: ${counts.passed} passed, ${counts.failed} failed, ${counts["not covered"]} not covered, ${counts["not run"]} not run; ${counts.recorded} rows recorded live.`,
  "",
  "Clients:",
  "",
  ...CLIENTS.map((c) => `- **${c.title}**: ${c.description}`),
  "",
  `| Operation | api-version | ${CLIENTS.map((c) => c.title).join(" | ")} | recorded live |`,
  `|---|---|${CLIENTS.map(() => "---").join("|")}|---|`,
  ...body,
  "",
];
const outFile = args.out ?? path.join(root, "docs", "parity.md");
writeFileSync(outFile, out.join("\n"));
process.stdout.write(
  `parity: ${counts.rows} rows (${rowsCovered} covered), cells: ${counts.passed} passed, ${counts.failed} failed, ` +
    `${counts["not covered"]} not covered, ${counts["not run"]} not run, ${counts["n/a"]} n/a; ${counts.recorded} rows recorded live → ${path.relative(root, outFile)}\n`,
);
if (untagged.length) process.stdout.write(`parity: ${untagged.length} JS tests carry no tag (js-tags.mjs), e.g. ${untagged.slice(0, 3).join(" | ")}\n`);
if (unknownKeys.size) {
  process.stderr.write(`parity: tags naming no row (fix the tag or the table):\n  ${[...unknownKeys].sort().join("\n  ")}\n`);
  process.exitCode = 1;
}
if (counts.failed) process.exitCode = 1;
