// What a client reads from the environment when its options leave credentials or projectId out: the
// variables Huawei Cloud's official SDKs read, so an environment set up for them serves fgkit too.
import { type AccessKeyCredentials, accessKeysFromEnv, InvalidInputError } from "@fgkit/helpers";

const PROJECT_ID_VARIABLE = "HUAWEICLOUD_SDK_PROJECT_ID";
// What FunctionGraph sets in a function's environment: the project the function belongs to.
const RUNTIME_VARIABLE = "RUNTIME_PROJECT_ID";

/** What a project ID may hold: it goes into every path and, as it is, into X-Project-Id. */
export const PROJECT_ID_PATTERN = /^[A-Za-z0-9_-]+$/;

const processEnv = () => (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;

/** HUAWEICLOUD_SDK_AK and _SK (and _SECURITY_TOKEN), read once; refused under `credentials`, by variable name. */
export function credentialsFromEnvironment(): AccessKeyCredentials {
  const env = processEnv();
  if (!env)
    throw new InvalidInputError("credentials", "must be given: there is no process.env to read HUAWEICLOUD_SDK_AK and _SK from");
  try {
    return accessKeysFromEnv(env);
  } catch (error) {
    if (!InvalidInputError.isInstance(error)) throw error;
    throw new InvalidInputError("credentials", `not given, and the environment has no usable keys (${error.message})`, {
      cause: error,
    });
  }
}

/**
 * HUAWEICLOUD_SDK_PROJECT_ID or, when it is not set, RUNTIME_PROJECT_ID (which FunctionGraph sets in
 * a function to the function's own project); refused under `projectId` when neither is set, or
 * when the one read is not a project ID.
 */
export function projectIdFromEnvironment(): string {
  const env = processEnv();
  if (!env)
    throw new InvalidInputError("projectId", `must be given: there is no process.env to read ${PROJECT_ID_VARIABLE} from`);
  const variable = given(env[PROJECT_ID_VARIABLE])
    ? PROJECT_ID_VARIABLE
    : given(env[RUNTIME_VARIABLE])
      ? RUNTIME_VARIABLE
      : undefined;
  if (variable === undefined)
    throw new InvalidInputError(
      "projectId",
      `not given, and neither ${PROJECT_ID_VARIABLE} nor ${RUNTIME_VARIABLE} (set in a FunctionGraph function) is set`,
    );
  const projectId = env[variable] as string;
  // Not a secret, but a stray space or "\r" from a .env file is clearer named than shown.
  if (!PROJECT_ID_PATTERN.test(projectId))
    throw new InvalidInputError("projectId", `not given, and ${variable} is not a project ID (letters, digits, - or _)`);
  return projectId;
}

const given = (value: string | undefined): value is string => value !== undefined && value !== "";
