import { expect } from "vitest";
import { type ContractCase, contract, notFoundContract, PREFER_404, URN } from "../support.js";

// A small exported package (ZIP: hello-world.zip + hello-world.yaml), Base64-encoded.
const PACKAGE =
  "UEsDBBQAAAAIADuTeF1pB8o9kQAAAL4AAAAPAAAAaGVsbG8td29ybGQuemlwC/BmZhFhYGDgYLCeXBGbeLQ4wAfI8wWLMDBk5qWkVugVVHp7+gaf8DjjfdJT95KHrvdZ7YuBHufOa3uu1bi45VEQQ9OiK5MuLbJpzVr6aNKRSZeSnv+ZEqKqzarMzCzLunTJnyleCu6ayqbq6vErp3EzBHgzMokw47YTBhoYGZBcEODNygbiMwKhGZAuAqsBAFBLAwQUAAAACAA7k3hd/fTp8EAAAABHAAAAEAAAAGhlbGxvLXdvcmxkLnlhbWwrKs0rycxNtVIIqCzJyM8z1rPkykjMS8lJLbJSyMxLSa3Qg3K5clNz84sq44szq4CqjUzNuED68ktLrBSMDbgAUEsBAhQDFAAAAAgAO5N4XWkHyj2RAAAAvgAAAA8AAAAAAAAAAAAAAIABAAAAAGhlbGxvLXdvcmxkLnppcFBLAQIUAxQAAAAIADuTeF399OnwQAAAAEcAAAAQAAAAAAAAAAAAAACAAb4AAABoZWxsby13b3JsZC55YW1sUEsFBgAAAAACAAIAewAAACwBAAAAAA==";

export const importExportCases: ContractCase[] = [
  contract(
    "exportFunction",
    200,
    (c) =>
      c.GET("/v2/{project_id}/fgs/functions/{function_urn}/export", {
        params: { path: { function_urn: URN }, query: { type: "code" } },
      }),
    (data) => {
      expect(typeof data).toBe("object");
      if (typeof data === "string") throw new Error("expected the JSON answer to type=code");
      expect(data.file_name).toBe("hello-world.zip");
      expect(data.code_url).toMatch(/^https:\/\/.+\.zip$/);
    },
  ),
  contract(
    "importFunction",
    200,
    (c) =>
      c.POST("/v2/{project_id}/fgs/functions/import", {
        body: {
          func_name: "hello-world-copy",
          file_name: "hello-world.zip",
          file_type: "zip",
          file_code: PACKAGE,
          package: "default",
        },
      }),
    (data) => {
      expect(data.func_name).toBe("hello-world-copy");
      expect(data.func_urn).toMatch(/^urn:fss:.*:hello-world-copy:latest$/);
      expect(data.code_size).toBeTypeOf("number");
    },
  ),
];

export const importExportError = notFoundContract("exportFunction", (c) =>
  c.GET("/v2/{project_id}/fgs/functions/{function_urn}/export", {
    params: { path: { function_urn: URN }, query: { type: "config" } },
    headers: PREFER_404,
  }),
);
