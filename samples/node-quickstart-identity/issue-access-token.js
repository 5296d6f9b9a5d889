// The Access Tokens Quickstart flow with the current SDK, @azure/communication-identity 1.3.1:
// createUserAndToken, getToken with an expiry (refresh), revokeTokens, deleteUser, and the exchange of a
// Teams user's Microsoft Entra token (getTokenForTeamsUser).
//
//   COMMUNICATION_SERVICES_CONNECTION_STRING  endpoint=...;accesskey=... (the emulator's or a real resource's)
//   ACS_ALLOW_INSECURE=1                      needed for an http:// endpoint (the SDK refuses plain http otherwise)
//   TEAMS_USER_AAD_TOKEN, TEAMS_APP_ID, TEAMS_USER_OBJECT_ID
//                                            a real Teams user's token for live Azure; without them a made-up
//                                            token is used, which only the emulator (no Entra authority) accepts.
const { randomUUID, generateKeyPairSync, createSign } = require('crypto');
const { CommunicationIdentityClient } = require('@azure/communication-identity');

// A made-up, self-signed Entra access token of a Teams user (claims appid, oid, tid, exp).
function madeUpTeamsUserToken() {
  const appId = randomUUID();
  const userId = randomUUID();
  const tenantId = randomUUID();
  const now = Math.floor(Date.now() / 1000);
  const b64url = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const header = { alg: 'RS256', typ: 'JWT', kid: 'made-up' };
  const payload = {
    aud: 'https://auth.msft.communication.azure.com',
    iss: `https://sts.windows.net/${tenantId}/`,
    iat: now, nbf: now, exp: now + 3600,
    appid: appId, oid: userId, tid: tenantId,
    scp: 'Teams.ManageCalls Teams.ManageChats',
  };
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const input = `${b64url(header)}.${b64url(payload)}`;
  const signature = createSign('RSA-SHA256').update(input).sign(privateKey).toString('base64url');
  return { token: `${input}.${signature}`, appId, userId };
}

const describeToken = (token) => `(a ${token.split('.').length}-part token of ${token.length} characters; not printed)`;

const main = async () => {
  console.log("Azure Communication Services - Access Tokens Quickstart (@azure/communication-identity)");

  // This code demonstrates how to fetch your connection string
  // from an environment variable.
  const connectionString = process.env['COMMUNICATION_SERVICES_CONNECTION_STRING'];

  // Instantiate the identity client (an http:// endpoint such as the emulator's needs allowInsecureConnection)
  const options = process.env['ACS_ALLOW_INSECURE'] === '1' ? { allowInsecureConnection: true } : {};
  const identityClient = new CommunicationIdentityClient(connectionString, options);

  // Create an identity and issue an access token with the "voip" scope in one call
  const { user, token, expiresOn } = await identityClient.createUserAndToken(["voip"]);
  console.log(`\nCreated an identity with ID: ${user.communicationUserId}`);
  console.log(`Issued an access token with 'voip' scope that expires at ${expiresOn.toISOString()}:`);
  console.log(describeToken(token));

  // Refresh the access token, this time valid for one hour only
  const refreshed = await identityClient.getToken(user, ["voip"], { tokenExpiresInMinutes: 60 });
  console.log(`\nRefreshed the access token; it now expires at ${refreshed.expiresOn.toISOString()}`);

  // Revoke access tokens
  await identityClient.revokeTokens(user);
  console.log(`\nSuccessfully revoked all access tokens for identity with ID: ${user.communicationUserId}`);

  // Delete the identity
  await identityClient.deleteUser(user);
  console.log(`\nDeleted the identity with ID: ${user.communicationUserId}`);

  // Exchange a Teams user's Microsoft Entra access token for an ACS access token
  const teams = process.env['TEAMS_USER_AAD_TOKEN']
    ? { token: process.env['TEAMS_USER_AAD_TOKEN'], appId: process.env['TEAMS_APP_ID'], userId: process.env['TEAMS_USER_OBJECT_ID'] }
    : madeUpTeamsUserToken();
  const teamsToken = await identityClient.getTokenForTeamsUser({
    teamsUserAadToken: teams.token,
    clientId: teams.appId,
    userObjectId: teams.userId,
  });
  console.log(`\nExchanged a Teams user's token for an access token that expires at ${teamsToken.expiresOn.toISOString()}:`);
  console.log(describeToken(teamsToken.token));
};

main().catch((error) => {
  console.log("Encountered an error");
  console.log(`${error.name}${error.statusCode ? ` ${error.statusCode}` : ""}${error.code ? ` ${error.code}` : ""}: ${error.message}`);
  process.exitCode = 1;
});
