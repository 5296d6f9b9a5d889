// What each test of the JS contract suite (contract-tests/js/test) covers, by its full name in the node:test
// report ("suite [target] > describe > test"). The JS suite's files stay as they are; a test matching no entry
// here counts for no row. @azure/communication-identity 1.3.1 speaks 2023-10-01 only; the administration beta.4
// SDK 2020-07-20-preview2 only.
const V = "2023-10-01";
const L = "2020-07-20-preview2";
const T = `ExchangeTeamsUserToken@${V}`;
const CORE = [`CreateIdentity@${V}`, `IssueAccessToken@${V}`, `RevokeAccessTokens@${V}`, `DeleteIdentity@${V}`];

export const JS_TAGS = [
  // communication-administration 1.0.0-beta.4
  [/^communication-administration.* > createUser answers 200/, [`LegacyCreateIdentity@${L}`]],
  [/^communication-administration.* > endpoint \+ AzureKeyCredential/, [`LegacyCreateIdentity@${L}`]],
  [/^communication-administration.* > quickstart flow/, [`LegacyCreateIdentity@${L}`, `LegacyIssueToken@${L}`, `LegacyUpdateIdentity@${L}`, `DeleteIdentity@${L}`]],
  [/^communication-administration.* > issueToken with several scopes/, [`LegacyIssueToken@${L}`]],
  [/^communication-administration.* > (after revokeTokens|revokeTokens with an explicit)/, [`LegacyUpdateIdentity@${L}`, `LegacyIssueToken@${L}`]],
  [/^communication-administration.* > issueToken after deleteUser/, [`DeleteIdentity@${L}`, `LegacyIssueToken@${L}`]],
  [/^communication-administration.* > issueToken for an identity of another resource/, [`LegacyIssueToken@${L}`]],
  // communication-identity 1.3.1
  [/^communication-identity 1\.3\.1.* > createUser[ :]/, [`CreateIdentity@${V}`]],
  [/^communication-identity 1\.3\.1.* > wire: create 201/, CORE],
  [/^communication-identity 1\.3\.1.* > createUserAndToken > (scope |several scopes|tokenExpiresInMinutes \d+$)/, [`CreateIdentity@${V}`]],
  [/^communication-identity 1\.3\.1.* > createUserAndToken > tokenExpiresInMinutes \d+ is rejected/, [`CreateIdentity@${V}#expiresInMinutes-out-of-range`]],
  [/^communication-identity 1\.3\.1.* > getToken > (scope |several scopes|tokenExpiresInMinutes \d+$|a token the emulator validates)/, [`IssueAccessToken@${V}`]],
  [/^communication-identity 1\.3\.1.* > getToken > tokenExpiresInMinutes \d+ is rejected/, [`IssueAccessToken@${V}#expiresInMinutes-out-of-range`]],
  [/^communication-identity 1\.3\.1.* > getToken > no scopes/, [`IssueAccessToken@${V}#scopes-empty`]],
  [/^communication-identity 1\.3\.1.* > revokeTokens > /, [`RevokeAccessTokens@${V}`, `IssueAccessToken@${V}`]],
  [/^communication-identity 1\.3\.1.* > deleteUser > succeeds/, [`DeleteIdentity@${V}`, `IssueAccessToken@${V}#identity-deleted`]],
  [/^communication-identity 1\.3\.1.* > deleteUser > the deleted identity's tokens/, [`DeleteIdentity@${V}`]],
  [/^communication-identity 1\.3\.1.* > an identity of another resource .* > getToken$/, [`IssueAccessToken@${V}#identity-not-owned`]],
  [/^communication-identity 1\.3\.1.* > an identity of another resource .* > revokeTokens$/, [`RevokeAccessTokens@${V}`]],
  [/^communication-identity 1\.3\.1.* > an identity of another resource .* > deleteUser$/, [`DeleteIdentity@${V}#identity-not-owned`]],
  [/^communication-identity 1\.3\.1.* > authentication > endpoint \+ AzureKeyCredential/, [`CreateIdentity@${V}`]],
  [/^communication-identity 1\.3\.1.* > authentication > a wrong access key/, [`CreateIdentity@${V}#wrong-key`]],
  [/^AzureCommunicationTokenCredential.* > /, [`IssueAccessToken@${V}`]],
  [/^https.* > (connection string|bearer-token credential).* > createUser, createUserAndToken/, CORE],
  [/^https.* > (connection string|bearer-token credential).* > getTokenForTeamsUser$/, [T]],
  [/^https.* > bearer-token credential.* > a bearer token for another audience/, [`CreateIdentity@${V}`]],
  // Not tagged (no service row): the https port check, NODE_EXTRA_CA_CERTS and the SDK's client-side refusals.
  // getTokenForTeamsUser
  [/^getTokenForTeamsUser.* > (a valid Teams user token|the exchanged token is valid|an unsigned)/, [T]],
  [/^getTokenForTeamsUser.* > recorded failures.* > (empty|malformed) token/, [`${T}#token-invalid`]],
  [/^getTokenForTeamsUser.* > recorded failures.* > expired token/, [`${T}#token-expired`]],
  [/^getTokenForTeamsUser.* > recorded failures.* > appId '' /, [`${T}#app-id-required`]],
  [/^getTokenForTeamsUser.* > recorded failures.* > userId '' /, [`${T}#user-id-required`]],
  [/^getTokenForTeamsUser.* > recorded failures.* > appId 'invalid'/, [`${T}#app-id-format`]],
  [/^getTokenForTeamsUser.* > recorded failures.* > userId 'invalid'/, [`${T}#user-id-format`]],
  [/^getTokenForTeamsUser.* > recorded failures.* > appId of another/, [`${T}#app-id-mismatch`]],
  [/^getTokenForTeamsUser.* > recorded failures.* > userId of another/, [`${T}#user-id-mismatch`]],
];
