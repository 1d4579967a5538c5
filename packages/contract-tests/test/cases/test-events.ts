import { expect } from "vitest";
import { type ContractCase, contract, notFoundContract, PREFER_404, URN } from "../support.js";

const EVENT_ID = "3b659dc0-12fc-40dc-aa05-a321d9424cb3";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** `{"user":"alice","action":"login"}`, Base64-encoded. */
const PAYLOAD = Buffer.from(JSON.stringify({ user: "alice", action: "login" })).toString("base64");

export const testEventsCases: ContractCase[] = [
  contract(
    "listEvents",
    200,
    (c) => c.GET("/v2/{project_id}/fgs/functions/{function_urn}/events", { params: { path: { function_urn: URN } } }),
    (data) => {
      expect(data.events?.length).toBeGreaterThan(0);
      expect(data.events?.[0]?.id).toMatch(UUID);
      expect(data.events?.[0]?.name).toBeTypeOf("string");
      expect(data.count).toBe(data.events?.length);
    },
  ),
  contract(
    "createEvent",
    200,
    (c) =>
      c.POST("/v2/{project_id}/fgs/functions/{function_urn}/events", {
        params: { path: { function_urn: URN } },
        body: { name: "user-login", content: PAYLOAD },
      }),
    (data) => {
      expect(data.id).toMatch(UUID);
      expect(data.name).toBe("user-login");
    },
  ),
  contract(
    "showEvent",
    200,
    (c) =>
      c.GET("/v2/{project_id}/fgs/functions/{function_urn}/events/{event_id}", {
        params: { path: { function_urn: URN, event_id: EVENT_ID } },
      }),
    (data) => {
      expect(data.id).toBe(EVENT_ID);
      expect(JSON.parse(Buffer.from(data.content ?? "", "base64").toString("utf8"))).toBeTypeOf("object");
      expect(data.last_modified).toBeTypeOf("number");
    },
  ),
  contract(
    "updateEvent",
    200,
    (c) =>
      c.PUT("/v2/{project_id}/fgs/functions/{function_urn}/events/{event_id}", {
        params: { path: { function_urn: URN, event_id: EVENT_ID } },
        body: { content: Buffer.from(JSON.stringify({ user: "bob", action: "login" })).toString("base64") },
      }),
    (data) => {
      expect(data.id).toBe(EVENT_ID);
      expect(data.name).toBeTypeOf("string");
    },
  ),
  contract(
    "deleteEvent",
    204,
    (c) =>
      c.DELETE("/v2/{project_id}/fgs/functions/{function_urn}/events/{event_id}", {
        params: { path: { function_urn: URN, event_id: EVENT_ID } },
      }),
    (data) => expect(data).toBeUndefined(),
  ),
];

export const testEventsError = notFoundContract("showEvent", (c) =>
  c.GET("/v2/{project_id}/fgs/functions/{function_urn}/events/{event_id}", {
    params: { path: { function_urn: URN, event_id: EVENT_ID } },
    headers: PREFER_404,
  }),
);
