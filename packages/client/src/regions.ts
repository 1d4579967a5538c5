import { checkKnownOptions, InvalidInputError, parseEndpoint } from "@fgkit/helpers";
import { editDistance } from "./edit-distance.js";

/** Regions where FunctionGraph runs; each is served at https://functiongraph.<region>.myhuaweicloud.com. */
// Frozen: a push from anywhere in the program would change what every client accepts.
export const REGIONS = Object.freeze([
  "cn-north-4",
  "cn-north-1",
  "cn-east-2",
  "cn-east-3",
  "cn-south-1",
  "ap-southeast-2",
  "ap-southeast-1",
  "ap-southeast-3",
  "af-south-1",
  "cn-southwest-2",
  "sa-brazil-1",
  "la-south-2",
  "na-mexico-1",
  "la-north-2",
  "ap-southeast-4",
  "eu-west-101",
  "tr-west-1",
  "cn-north-9",
  "cn-north-11",
  "me-east-1",
  "my-kualalumpur-1",
  "cn-south-4",
  "ru-moscow-1",
  "cn-east-4",
  "ae-ad-1",
  "ap-southeast-5",
  "cn-southwest-3",
] as const);

export type Region = (typeof REGIONS)[number];

// What region names look like: cn-north-4, ap-southeast-1, eu-west-101, my-kualalumpur-1.
const REGION_SHAPE = /^[a-z]{2}-[a-z]+-\d{1,3}$/;

export interface EndpointOptions {
  region?: string | undefined;
  endpoint?: string | undefined;
  /** Allow a plain http: endpoint that is not a loopback address (a test proxy, for instance). */
  allowInsecureHttp?: boolean | undefined;
}

/** The base URL for a region or an explicit endpoint; refuses unknown regions and plain http. */
export function resolveEndpoint(options: EndpointOptions): string {
  if (!options || typeof options !== "object") throw new InvalidInputError("options", "must be { region } or { endpoint }");
  checkKnownOptions("", options, ["region", "endpoint", "allowInsecureHttp"]);
  return endpointOf(options);
}

/** resolveEndpoint's work, for a client's options (which hold more than these three). */
export function endpointOf(options: EndpointOptions): string {
  const { region, endpoint, allowInsecureHttp = false } = options;
  if (typeof allowInsecureHttp !== "boolean") throw new InvalidInputError("allowInsecureHttp", "must be true or false");
  if (region !== undefined && typeof region !== "string") throw new InvalidInputError("region", "must be a string");
  if (endpoint === undefined) {
    if (region === undefined) throw new InvalidInputError("region", "give a region (e.g. cn-north-4) or an endpoint");
    if (!(REGIONS as readonly string[]).includes(region)) {
      // A region opened after this list is reachable through its endpoint; say so when the name
      // has a region's shape, and not for a name that cannot be a region (a host, a wrong case).
      const newer = REGION_SHAPE.test(region)
        ? `; if it is not a misspelling but a region newer than this list, pass endpoint: "https://functiongraph.${region}.myhuaweicloud.com"`
        : "";
      const near = nearestRegion(region);
      throw new InvalidInputError(
        "region",
        `unknown region "${region}"${near ? ` (did you mean "${near}"?)` : ""}; known regions: ${REGIONS.join(", ")}${newer}`,
      );
    }
    return `https://functiongraph.${region}.myhuaweicloud.com`;
  }
  // Huawei Cloud's endpoint tables list hosts without a scheme: say what is missing (the value is not quoted).
  if (typeof endpoint === "string" && !endpoint.includes("://"))
    throw new InvalidInputError("endpoint", `must be a URL with its scheme, such as "${EXAMPLE_ENDPOINT}"`);
  const base = parseEndpoint("endpoint", endpoint, { allowInsecureHttp });
  // Every path begins /v2/{project_id}/: an endpoint ending in it (or in /v2, or /v2/<project>/fgs...)
  // would send calls to /v2/v2/..., answered 404. A gateway's prefix that only has a v2 in it stays.
  if (API_PATH_AT_END.test(new URL(base).pathname))
    throw new InvalidInputError(
      "endpoint",
      `must not include the API's path (/v2/...): the client adds /v2/{project_id}/... itself; give the base, such as "${EXAMPLE_ENDPOINT}"`,
    );
  return base;
}

const EXAMPLE_ENDPOINT = "https://functiongraph.cn-north-4.myhuaweicloud.com";
const API_PATH_AT_END = /\/v2(\/([0-9a-f]{32}|\{project_id\}|%7Bproject_id%7D)(\/fgs(\/.*)?)?)?\/?$/i;

// A region's endpoint host, as Huawei Cloud's endpoint tables list it (the scheme may come too).
const OFFICIAL_HOST = /^(?:https:\/\/)?functiongraph\.([a-z0-9-]+)\.myhuaweicloud\.com\/?$/;

/**
 * The one listed region `region` is most likely a misspelling of (another case, stray spaces, one or
 * two letters off), if there is just one: "cn-north-5" is as near cn-north-1 as cn-north-4, and may be
 * a newer region.
 */
function nearestRegion(region: string): string | undefined {
  // The endpoint's host given as the region: its region, when it is a listed one.
  const ofHost = OFFICIAL_HOST.exec(region.trim())?.[1];
  if (ofHost !== undefined && (REGIONS as readonly string[]).includes(ofHost)) return ofHost;
  const given = region.trim().toLowerCase();
  let best: string | undefined;
  let bestDistance = 3;
  let tied = false;
  for (const known of REGIONS) {
    const distance = editDistance(given, known);
    if (distance < bestDistance) [best, bestDistance, tied] = [known, distance, false];
    else if (distance === bestDistance) tied = true;
  }
  return tied ? undefined : best;
}
