import { expect } from "vitest";
import { type ContractCase, contract, notFoundContract, PREFER_404 } from "../support.js";

const TEMPLATE_ID = "4a7c9e21-5b3d-4f8a-9c6e-1d2b3a4c5e6f";
const APP_ID = "cca14689-2a40-425a-86f8-14556a0fff9c";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const functionAppsCases: ContractCase[] = [
  contract(
    "listAppTemplates",
    200,
    (c) =>
      c.GET("/v2/{project_id}/fgs/application/templates", {
        params: {
          query: { marker: "0", maxitems: "50", runtime: "Python3.9", category: "all" },
          header: { "X-Language": "en-us" },
        },
      }),
    (data) => {
      expect(data.templates?.length).toBe(data.count);
      expect(data.templates?.[0]?.id).toMatch(UUID);
      expect(data.templates?.[0]?.runtime).toBe("Python3.9");
      expect(data.next_marker).toBeTypeOf("number");
    },
  ),
  contract(
    "showAppTemplate",
    200,
    (c) => c.GET("/v2/{project_id}/fgs/application/templates/{id}", { params: { path: { id: TEMPLATE_ID } } }),
    (data) => {
      expect(data.name).toBe("obs-image-thumbnail");
      expect(data.version).toBeTypeOf("number");
      expect(data.resources?.[0]?.resource_name).toBeTypeOf("string");
      // `params` is the template's parameter list serialised into one string.
      expect(JSON.parse(data.params ?? "null")).toBeInstanceOf(Array);
    },
  ),
  contract(
    "listFunctionApplications",
    200,
    (c) => c.GET("/v2/{project_id}/fgs/applications", { params: { query: { limit: "20", marker: "0" } } }),
    (data) => {
      expect(data.applications?.length).toBe(data.count);
      expect(data.applications?.[0]?.id).toMatch(UUID);
      expect(data.applications?.[0]?.last_modified_time).toBeTypeOf("number");
    },
  ),
  contract(
    "createFunctionApp",
    200,
    (c) =>
      c.POST("/v2/{project_id}/fgs/applications", {
        body: {
          name: "image-thumbnail-app",
          template_id: TEMPLATE_ID,
          description: "Creates thumbnails for images uploaded to OBS",
          enterprise_project_id: "0",
          agency_name: "fgs_app_agency",
          params: { bucket_name: "photo-uploads-demo", thumbnail_width: "200" },
        },
      }),
    (data) => expect(data.application_id).toMatch(UUID),
  ),
  contract(
    "showFunctionApp",
    200,
    (c) => c.GET("/v2/{project_id}/fgs/applications/{id}", { params: { path: { id: APP_ID } } }),
    (data) => {
      expect(data.name).toBe("image-thumbnail-app");
      expect(data.status).toBeTypeOf("string");
      expect(data.stack_resources?.physical_resource_id).toMatch(/^urn:fss:/);
      expect(data.repo?.https_url).toMatch(/^https:\/\/.+\.git$/);
    },
  ),
  contract(
    "deleteFunctionApp",
    200,
    (c) => c.DELETE("/v2/{project_id}/fgs/applications/{id}", { params: { path: { id: APP_ID } } }),
    (data) => expect(data).toBeUndefined(),
  ),
];

export const functionAppsError: ContractCase | undefined = notFoundContract("showFunctionApp", (c) =>
  c.GET("/v2/{project_id}/fgs/applications/{id}", { params: { path: { id: APP_ID } }, headers: PREFER_404 }),
);
