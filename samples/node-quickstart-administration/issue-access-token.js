// Azure Communication Services - Access Tokens Quickstart (Node.js), as first published with
// @azure/communication-administration. It runs unchanged against the emulator: only
// COMMUNICATION_SERVICES_CONNECTION_STRING points at it (e.g. endpoint=http://localhost:8080/;accesskey=...).
// Two deliberate differences from the published quickstart: the access token itself is not printed (this
// sample runs in CI logs), and a failure sets a non-zero exit code.
const { CommunicationIdentityClient } = require('@azure/communication-administration');

const main = async () => {
  console.log("Azure Communication Services - Access Tokens Quickstart")

  // This code demonstrates how to fetch your connection string
  // from an environment variable.
  const connectionString = process.env['COMMUNICATION_SERVICES_CONNECTION_STRING'];

  // Instantiate the identity client
  const identityClient = new CommunicationIdentityClient(connectionString);

  // Create an identity
  let identityResponse = await identityClient.createUser();
  console.log(`\nCreated an identity with ID: ${identityResponse.communicationUserId}`);

  // Issue an access token with the "voip" scope for an identity
  let tokenResponse = await identityClient.issueToken(identityResponse, ["voip"]);
  const { token, expiresOn } = tokenResponse;
  console.log(`\nIssued an access token with 'voip' scope that expires at ${expiresOn}:`);
  console.log(`(a ${token.split(".").length}-part token of ${token.length} characters; not printed)`);

  // Refresh access tokens: issue a new token for the identity stored during identity creation
  const existingIdentity = identityResponse.communicationUserId;
  identityResponse = { communicationUserId: existingIdentity };
  tokenResponse = await identityClient.issueToken(identityResponse, ["voip"]);
  console.log(`\nRefreshed the access token for identity ${identityResponse.communicationUserId}; it expires at ${tokenResponse.expiresOn}`);

  // Revoke access tokens
  await identityClient.revokeTokens(identityResponse);
  console.log(`\nSuccessfully revoked all access tokens for identity with ID: ${identityResponse.communicationUserId}`);

  // Delete an identity
  await identityClient.deleteUser(identityResponse);
  console.log(`\nDeleted the identity with ID: ${identityResponse.communicationUserId}`);
};

main().catch((error) => {
  console.log("Encountered an error");
  console.log(`${error.name}${error.statusCode ? ` ${error.statusCode}` : ""}${error.code ? ` ${error.code}` : ""}: ${error.message}`);
  process.exitCode = 1;
})
