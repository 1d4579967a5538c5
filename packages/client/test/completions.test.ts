// What an editor offers while a call is written: the language service's completions at the cursor.
// `runtime` and `trigger_type_code` are open lists (any string goes, for values newer than the spec),
// yet the known values are suggested, in request bodies, in path parameters and in answers.
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const here = join(import.meta.dirname, "..");
const probeFile = join(here, "test", "completion-probe.ts");

/** Completion names at the `|` of `source` (a file of the package's test folder, never written to disk). */
function completionsAt(source: string, { compiles = true } = {}): string[] {
  const at = source.indexOf("|");
  const text = source.slice(0, at) + source.slice(at + 1);
  const config = ts.getParsedCommandLineOfConfigFile(
    join(here, "tsconfig.json"),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
      },
    },
  );
  if (!config) throw new Error("no tsconfig");
  const host: ts.LanguageServiceHost = {
    getCompilationSettings: () => config.options,
    getScriptFileNames: () => [probeFile],
    getScriptVersion: () => "1",
    getScriptSnapshot: (file) => {
      const content = file === probeFile ? text : ts.sys.readFile(file);
      return content === undefined ? undefined : ts.ScriptSnapshot.fromString(content);
    },
    getCurrentDirectory: () => here,
    getDefaultLibFileName: (options) => ts.getDefaultLibFilePath(options),
    fileExists: (file) => file === probeFile || ts.sys.fileExists(file),
    readFile: (file) => (file === probeFile ? text : ts.sys.readFile(file)),
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
  };
  const service = ts.createLanguageService(host);
  if (compiles) {
    const errors = service.getSemanticDiagnostics(probeFile).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    expect(errors, "the probe compiles").toEqual([]);
  }
  return (service.getCompletionsAtPosition(probeFile, at, {})?.entries ?? []).map((entry) => entry.name);
}

const PRELUDE = `import { createFunctionGraphClient } from "../src/index.js";
const client = createFunctionGraphClient({ region: "cn-north-4", projectId: "p", credentials: { ak: "AK", sk: "SK" } });
`;

// A language service over the package's types takes a few seconds to start on a busy machine.
describe("editor suggestions for the API's open lists", { timeout: 60_000 }, () => {
  it("a new function's runtime", () => {
    const names = completionsAt(`${PRELUDE}
void client.POST("/v2/{project_id}/fgs/functions", {
  body: { func_name: "f", package: "default", handler: "index.handler", timeout: 3, memory_size: 128, runtime: "|" },
});`);
    expect(names).toEqual(expect.arrayContaining(["Node.js20.15", "Python3.12", "Java21", "C#(.NET Core 8.0)", "Custom Image"]));
  });

  it("a trigger's type, as a path parameter", () => {
    const names = completionsAt(`${PRELUDE}
void client.DELETE("/v2/{project_id}/fgs/triggers/{function_urn}/{trigger_type_code}/{trigger_id}", {
  params: { path: { function_urn: "urn", trigger_type_code: "|", trigger_id: "t" } },
});`);
    expect(names).toEqual(expect.arrayContaining(["TIMER", "APIG", "OBS", "KAFKA", "ROCKETMQ"]));
  });

  it("the paths of a method, as one types them", () => {
    const get = completionsAt(
      `${PRELUDE}
void client.GET("/v2/{project_id}/fgs/|");`,
      { compiles: false }, // a path half typed
    );
    expect(get).toEqual(expect.arrayContaining(["/v2/{project_id}/fgs/functions", "/v2/{project_id}/fgs/quotas"]));
    expect(get.length).toBeGreaterThanOrEqual(40);
    expect(get).not.toContain("/v2/{project_id}/fgs/functions/{function_urn}/invocations"); // POST only
  });

  it("takes a value the spec does not know yet (the list is open)", () => {
    const names = completionsAt(`${PRELUDE}
void client.POST("/v2/{project_id}/fgs/functions", {
  body: { func_name: "f", package: "default", handler: "index.handler", timeout: 3, memory_size: 128, runtime: "Node.js99.1" },
});
void client.GET("/v2/{project_id}/fgs/triggers/{function_urn}/{trigger_type_code}/{trigger_id}", {
  params: { path: { function_urn: "urn", trigger_type_code: "NEWSOURCE", trigger_id: "t" } },
});
|`);
    expect(names).toContain("client");
  });

  it("an error's code, compared: fgkit's own codes", () => {
    const names = completionsAt(`import { FunctionGraphError } from "../src/index.js";
export const timedOut = (error: unknown) => error instanceof FunctionGraphError && error.code === "|";`);
    expect(names).toEqual(
      expect.arrayContaining(["Timeout", "NetworkError", "Aborted", "CredentialsError", "PaginationLoop", "WaiterTimeout"]),
    );
  });

  it("a runtime in an answer, compared", () => {
    const names = completionsAt(`${PRELUDE}
export async function isNode(urn: string) {
  const { data } = await client.GET("/v2/{project_id}/fgs/functions/{function_urn}/config", { params: { path: { function_urn: urn } } });
  return data?.runtime === "|";
}`);
    expect(names).toEqual(expect.arrayContaining(["Node.js18.15", "Python3.9"]));
  });
});
