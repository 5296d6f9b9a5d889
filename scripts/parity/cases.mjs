// The error-case rows of docs/parity.md and the clients (columns), with which rows each client can make at all.
// `recorded`: text that shows the case in a live recording's response (checked by recordings.mjs).

const CORE = ["CreateIdentity", "IssueAccessToken", "RevokeAccessTokens", "DeleteIdentity"];
const TEAMS_VERSIONS = ["2022-06-01", "2022-10-01", "2023-10-01"];

export const CASES = [
  ...["CreateIdentity", "IssueAccessToken"].flatMap((op) => [
    { id: "expiresInMinutes-out-of-range", op, versions: ["2022-10-01", "2023-10-01"], title: "expiresInMinutes 59 / 1441 → 400 ValidationError", recorded: "ExpiresInMinutes value" },
    { id: "wrong-key", op, versions: ["2022-10-01", "2023-10-01"], title: "another resource's key → 401 Denied", recorded: null },
  ]),
  { id: "endpoint-trailing-slash", op: "CreateIdentity", versions: ["2022-10-01"], title: "host signed with a trailing '/' → 401 Denied", recorded: null },
  { id: "scopes-empty", op: "IssueAccessToken", versions: ["2022-10-01", "2023-10-01"], title: "scopes [] → 400 'Invalid scopes - Scopes field is required.'", recorded: "Scopes field is required" },
  { id: "identity-not-owned", op: "IssueAccessToken", versions: ["2022-10-01", "2023-10-01"], title: "another resource's identity → 401 IdentityNotOwned", recorded: "IdentityNotOwned" },
  { id: "identity-not-owned", op: "DeleteIdentity", versions: ["2023-10-01"], title: "another resource's identity → 401 IdentityNotOwned", recorded: "IdentityNotOwned" },
  { id: "identity-deleted", op: "IssueAccessToken", versions: ["2022-10-01", "2023-10-01"], title: "deleted identity → 404 IdentityNotFound (not recorded)", recorded: null },
  { id: "token-invalid", op: "ExchangeTeamsUserToken", versions: ["2021-03-31-preview1"], title: "invalid Teams token → 401, empty body", recorded: null },
  ...[
    ["token-invalid", "empty or malformed Teams token → 401 InvalidAccessToken", "InvalidAccessToken"],
    ["token-expired", "expired Teams token → 401 InvalidAccessToken", "InvalidAccessToken"],
    ["app-id-required", "appId '' → 400 'AppId: The AppId field is required.'", "The AppId field is required"],
    ["user-id-required", "userId '' → 400 'UserId: The UserId field is required.'", "The UserId field is required"],
    ["app-id-format", "appId 'invalid' → 400 'Provided AppId has invalid format.'", "AppId has invalid format"],
    ["user-id-format", "userId 'invalid' → 400 'Provided UserId has invalid format.'", "UserId has invalid format"],
    ["app-id-mismatch", "another appId → 400 'AAD application is not the expected one.'", "AAD application is not the expected one"],
    ["user-id-mismatch", "another userId → 400 'Provided AAD token issued for unexpected user.'", "issued for unexpected user"],
  ].map(([id, title, recorded]) => ({ id, op: "ExchangeTeamsUserToken", versions: TEAMS_VERSIONS, title, recorded })),
];

const within = (ops, versions) => (row) => ops.includes(row.op) && (!versions || versions.includes(row.version));
const SDK_OPS = [...CORE, "ExchangeTeamsUserToken"];

export const CLIENTS = [
  {
    id: "csharp-wire",
    title: "C# wire-level",
    description: "`contract-tests/Emulator.ContractTests`, signed HTTP requests at any api-version (in-process and EMULATOR_URL legs).",
    applies: () => true,
  },
  {
    id: "js-identity",
    title: "JS identity 1.3.1",
    description: "`@azure/communication-identity` 1.3.1 (api-version 2023-10-01 only), `contract-tests/js`.",
    applies: within(SDK_OPS, ["2023-10-01"]),
  },
  {
    id: "js-administration",
    title: "JS administration beta.4",
    description: "`@azure/communication-administration` 1.0.0-beta.4 (2020-07-20-preview2 only), `contract-tests/js`.",
    applies: within(["LegacyCreateIdentity", "LegacyIssueToken", "LegacyUpdateIdentity", "DeleteIdentity"], ["2020-07-20-preview2"]),
  },
  {
    id: "python-sync",
    title: "Python sync",
    description: "`azure-communication-identity` 1.3.2 sync client (requests), http and https, `contract-tests/python`; its api-versions 2021-03-07, 2022-06-01, 2022-10-01 (default) and 2023-10-01 through `api_version`.",
    applies: within(SDK_OPS, ["2021-03-07", "2022-06-01", "2022-10-01", "2023-10-01"]),
  },
  {
    id: "python-aio",
    title: "Python aio",
    description: "the same SDK's aio client, with aiohttp and with `AsyncioRequestsTransport`, http and https.",
    applies: within(SDK_OPS, ["2021-03-07", "2022-06-01", "2022-10-01", "2023-10-01"]),
  },
  {
    id: "dotnet-sdk",
    title: ".NET SDK 1.3.1",
    description: "`Azure.Communication.Identity` 1.3.1, `contract-tests/Emulator.ContractTests.DotNetSdk` (opt-in: `-p:UseAzureSdk=true`, needs the package from nuget.org).",
    applies: within(SDK_OPS, ["2021-03-07", "2022-06-01", "2022-10-01", "2023-10-01"]),
  },
];
