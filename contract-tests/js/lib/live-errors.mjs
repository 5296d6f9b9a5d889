// The errors the live service answers, word for word (reference identity-rest-api.md §4). Each entry says
// whether it was recorded from live Azure or is the emulator's choice where nothing was ever recorded.

/** A well-formed identity of another resource (recorded with this id in the JS SDK's live recordings). */
export const FOREIGN_IDENTITY = "8:acs:00000000-0000-0000-0000-000000000000_00000000-0000-0000-0000-000000000000";

/** Recorded (§4.1): issue/revoke/delete for an identity of another resource. */
export const NOT_OWNED_ERROR = {
  status: 401,
  code: "IdentityNotOwned",
  message: "Provided identity doesn't belong to the resource.",
};

/** Recorded (§4.1, JS SDK live recordings 2021-2022): issue with "scopes": []. */
export const SCOPES_EMPTY_ERROR = {
  status: 400,
  code: "ValidationError",
  message: "Invalid scopes - Scopes field is required.",
  target: "scopes",
};

/**
 * NOT recorded: getToken for a deleted identity. The live answer was never observed (§4.1, §12); this is the
 * emulator's choice (Emulator/Infrastructure/AcsErrors.cs NotFound). The live leg will tell.
 */
export const DELETED_IDENTITY_ERROR = {
  status: 404,
  code: "IdentityNotFound",
  message: "Provided identity doesn't exist.",
};

/**
 * Recorded (§4.1): expiresInMinutes outside [60, 1440]. On create the 2023 recordings carry the interval text;
 * the only recordings of issue (2022) do not.
 */
export function expiresInMinutesError(operation, minutes) {
  return {
    status: 400,
    code: "ValidationError",
    message:
      operation === "create"
        ? `ExpiresInMinutes value ${minutes} is invalid. Value must be within the [60, 1440] interval.`
        : `ExpiresInMinutes value ${minutes} is invalid.`,
    target: "ExpiresInMinutes",
  };
}

/** Recorded (§4.3, 2021-10-31-preview and later): Teams user token empty, malformed, expired or not valid. */
export const TEAMS_TOKEN_INVALID = { status: 401, code: "InvalidAccessToken", message: "Provided access token is not valid." };

/** Recorded (§4.3): model-binding errors of the Teams exchange. */
export const TEAMS_APP_ID_REQUIRED = { status: 400, code: "ValidationError", message: "AppId: The AppId field is required.", target: "AppId" };
export const TEAMS_USER_ID_REQUIRED = { status: 400, code: "ValidationError", message: "UserId: The UserId field is required.", target: "UserId" };

/** Recorded (§4.3): service validation of the Teams exchange. */
export const TEAMS_APP_ID_FORMAT = { status: 400, code: "ValidationError", message: "Provided AppId has invalid format.", target: "appId" };
export const TEAMS_USER_ID_FORMAT = { status: 400, code: "ValidationError", message: "Provided UserId has invalid format.", target: "userId" };
export const TEAMS_APP_ID_MISMATCH = { status: 400, code: "ValidationError", message: "AAD application is not the expected one.", target: "appId" };
export const TEAMS_USER_ID_MISMATCH = {
  status: 400,
  code: "ValidationError",
  message: "Provided AAD token issued for unexpected user.",
  target: "userId",
};
