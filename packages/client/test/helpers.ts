import { createFunctionGraphClient, type FunctionGraphClientOptions } from "../src/index.js";

export const PROJECT = "0123456789abcdef0123456789abcdef";
export const URN = `urn:fss:cn-north-4:${PROJECT}:function:default:hello:latest`;
export const AKSK = { ak: "HPUAEXAMPLEAK0123456", sk: "ExampleSecretKey0123456789abcdefghijklmnop" };

/** A client whose transport records each Request and answers with `respond` (no network). */
export function createObservedClient(
  respond: (request: Request) => Response | Promise<Response> = () => Response.json({}),
  options: Partial<FunctionGraphClientOptions> = {},
) {
  const requests: Request[] = [];
  const client = createFunctionGraphClient({
    region: "cn-north-4",
    projectId: PROJECT,
    credentials: AKSK,
    fetch: async (request) => {
      requests.push(request.clone());
      return respond(request);
    },
    ...options,
  });
  return { client, requests };
}
