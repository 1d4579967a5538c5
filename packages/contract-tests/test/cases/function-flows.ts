import { expect } from "vitest";
import { type ContractCase, contract, notFoundContract, PREFER_404, PROJECT } from "../support.js";

const WORKFLOW_ID = "5f0a8c1e-3b7d-4c2a-9e61-2d4f7a9b0c13";
const WORKFLOW_URN = `urn:fss:cn-north-4:${PROJECT}:workflow:default:order-pipeline:latest`;
const EXECUTION_ID = "c2b9e4a7-6d1f-4e38-b0a5-7f3e91d2c846";
const flowPath = { workflow_id: WORKFLOW_ID };
const executionPath = { workflow_id: WORKFLOW_ID, execution_id: EXECUTION_ID };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const FLOW_URN = /^urn:fss:[a-z0-9-]+:[0-9a-f]{32}:workflow:default:[^:]+:latest$/;
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

// A two-node standard flow: validate the order, then charge it (retried on failure).
const definition = {
  name: "order-pipeline",
  description: "Validates an order, then charges the customer.",
  start: "validate",
  functions: [
    { name: "validate-order", operation: `urn:fss:cn-north-4:${PROJECT}:function:default:validate-order:latest` },
    { name: "charge-payment", operation: `urn:fss:cn-north-4:${PROJECT}:function:default:charge-payment:latest` },
  ],
  states: [
    {
      id: "validate",
      name: "Validate order",
      type: "Operation" as const,
      action_mode: "sequential" as const,
      actions: [
        {
          function_ref: {
            ref_name: "validate-order",
            invoke_mode: "synchronize" as const,
            arguments: { order_id: "$.order_id" },
          },
        },
      ],
      end: false,
      transition: "charge",
    },
    {
      id: "charge",
      name: "Charge payment",
      type: "Operation" as const,
      actions: [
        {
          function_ref: {
            ref_name: "charge-payment",
            invoke_mode: "synchronize" as const,
            arguments: { order: "$.order", region: "$CONST.payment.region" },
          },
        },
      ],
      on_errors: [{ error: "*", retry_ref: "default-retry", transition: "finish" }],
      end: false,
      transition: "finish",
    },
    { id: "finish", name: "End", type: "End" as const, actions: [], end: true, transition: "" },
  ],
  constants: { payment: { region: "cn-north-4" } },
  retries: [{ name: "default-retry", delay: 2, max_attempts: 3 }],
  mode: "NORMAL" as const,
  enterprise_project_id: "0",
};

const metricsWindow = { period: "5", start_time: "1716192000000", end_time: "1716192600000" };

export const functionFlowsCases: ContractCase[] = [
  contract(
    "listWorkflow",
    200,
    (c) => c.GET("/v2/{project_id}/fgs/workflows", { params: { query: { limit: 20, offset: 0, mode: "NORMAL" } } }),
    (data) => {
      expect(data.total).toBeTypeOf("number");
      expect(data.workflows?.length).toBe(data.size);
      expect(data.workflows?.[0]?.workflow_urn).toMatch(FLOW_URN);
      expect(data.workflows?.[0]?.id).toMatch(UUID);
    },
  ),
  contract(
    "createWorkflow",
    201,
    (c) => c.POST("/v2/{project_id}/fgs/workflows", { body: definition }),
    (data) => {
      expect(data.id).toMatch(UUID);
      expect(data.workflow_urn).toMatch(FLOW_URN);
      expect(data.created_time).toMatch(ISO_UTC);
    },
  ),
  contract(
    "batchDeleteWorkflows",
    200,
    (c) =>
      c.DELETE("/v2/{project_id}/fgs/workflows", {
        body: {
          workflow_urns: [WORKFLOW_URN, `urn:fss:cn-north-4:${PROJECT}:workflow:default:old-report-flow:latest`],
        },
      }),
    (data) => {
      expect(data.success?.[0]).toMatch(FLOW_URN);
      expect(data.fail?.[0]?.workflow_urn).toMatch(FLOW_URN);
      expect(data.fail?.[0]?.error_detail).toBeTypeOf("string");
    },
  ),
  contract(
    "showWorkFlow",
    200,
    (c) => c.GET("/v2/{project_id}/fgs/workflows/{workflow_id}", { params: { path: flowPath } }),
    (data) => {
      expect(data.id).toMatch(UUID);
      expect(data.workflow_urn).toMatch(FLOW_URN);
      expect(data.definition?.states.length).toBeGreaterThan(0);
      expect(data.definition?.states.map((s) => s.id)).toContain(data.definition?.start);
    },
  ),
  contract(
    "updateWorkFlow",
    200,
    (c) =>
      c.PUT("/v2/{project_id}/fgs/workflows/{workflow_id}", {
        params: { path: flowPath },
        body: { ...definition, retries: [{ name: "default-retry", delay: 5, max_attempts: 5 }] },
      }),
    (data) => {
      expect(data.id).toMatch(UUID);
      expect(data.workflow_urn).toMatch(FLOW_URN);
      expect(data.updated_time).toMatch(ISO_UTC);
    },
  ),
  contract(
    "createCallbackWorkflow",
    200,
    (c) =>
      c.POST("/v2/{project_id}/fgs/workflows/{workflow_id}/callback", {
        params: {
          path: flowPath,
          header: { "X-Workflow-Run-Id": EXECUTION_ID, "X-Workflow-State-Id": "manual-approval" },
        },
        body: { result: "success", output: { approved: true, approver: "bob" } },
      }),
    (data) => expect(data.execution_id).toMatch(UUID),
  ),
  contract(
    "listWorkflowExecutions",
    200,
    (c) =>
      c.GET("/v2/{project_id}/fgs/workflows/{workflow_id}/executions", {
        params: { path: flowPath, query: { limit: 50, offset: 0 } },
      }),
    (data) => {
      expect(data.executions?.length).toBeGreaterThan(0);
      expect(data.executions?.[0]?.execution_id).toMatch(UUID);
      expect(["success", "fail", "running", "timeout", "cancel"]).toContain(data.executions?.[0]?.status);
    },
  ),
  contract(
    "startWorkflowExecution",
    200,
    (c) =>
      c.POST("/v2/{project_id}/fgs/workflows/{workflow_id}/executions", {
        params: { path: flowPath },
        body: { headers: { "x-order-source": "web" }, input: { order_id: "ORD-20240521-0042", currency: "CNY" } },
      }),
    (data) => expect(data.execution_id).toMatch(UUID),
  ),
  contract(
    "showWorkflowExecutionForPage",
    200,
    (c) =>
      c.GET("/v2/{project_id}/fgs/workflows/{workflow_id}/executions-history", {
        params: {
          path: flowPath,
          query: { offset: 0, limit: 10, start_time: "2024-05-20 00:00:00", end_time: "2024-05-22 00:00:00" },
        },
      }),
    (data) => {
      expect(data.total).toBeTypeOf("number");
      expect(data.executions?.length).toBe(data.size);
      expect(data.executions?.[0]?.workflow_id).toBe(WORKFLOW_ID);
      expect(Number.isNaN(Date.parse(data.executions?.[0]?.begin_time ?? ""))).toBe(false);
    },
  ),
  contract(
    "showWorkflowExecution",
    200,
    (c) =>
      c.GET("/v2/{project_id}/fgs/workflows/{workflow_id}/executions/{execution_id}", {
        params: { path: executionPath, header: { "X-Get-Workflow-Full-History-Data": true } },
      }),
    (data) => {
      expect(data.execution_id).toBe(EXECUTION_ID);
      expect(data.workflow_urn).toMatch(FLOW_URN);
      expect(data.node_execution_details?.[0]?.node_id).toBeTypeOf("string");
      expect(data.node_execution_details?.[0]?.executions?.[0]?.begin_time).toBeTypeOf("number");
    },
  ),
  contract(
    "retryWorkFlow",
    200,
    (c) =>
      c.POST("/v2/{project_id}/fgs/workflows/{workflow_id}/executions/{execution_id}/retry", {
        params: { path: executionPath },
      }),
    (data) => expect(data).toBeUndefined(),
  ),
  contract(
    "stopWorkFlow",
    200,
    (c) =>
      c.POST("/v2/{project_id}/fgs/workflows/{workflow_id}/executions/{execution_id}/terminate", {
        params: { path: executionPath },
      }),
    (data) => expect(data).toBeUndefined(),
  ),
  contract(
    "startSyncWorkflowExecution",
    200,
    (c) =>
      c.POST("/v2/{project_id}/fgs/workflows/{workflow_id}/sync-executions", {
        params: { path: { workflow_id: "9d3e6b21-47c8-4f0e-8a15-c6b2e0f47d58" } },
        body: { input: { object_key: "photos/2024/05/beach.jpg", width: 320 } },
      }),
    (data) => {
      expect(data.execution_id).toMatch(UUID);
      expect(["success", "fail", "timeout"]).toContain(data.status);
      expect(data.end_time).toMatch(ISO_UTC);
    },
  ),
  contract(
    "showTenantMetric",
    200,
    (c) => c.GET("/v2/{project_id}/fgs/workflow-statistic", { params: { query: metricsWindow } }),
    (data) => {
      expect(data.count?.length).toBeGreaterThan(0);
      expect(data.count?.[0]?.timestamp).toBeTypeOf("number");
      expect(data.duration?.[0]?.value).toBeTypeOf("number");
    },
  ),
  contract(
    "showWorkFlowMetric",
    200,
    (c) =>
      c.GET("/v2/{project_id}/fgs/workflow-statistic/{workflow_urn}", {
        params: { path: { workflow_urn: WORKFLOW_URN }, query: metricsWindow },
      }),
    (data) => {
      expect(data.fail_count?.length).toBeGreaterThan(0);
      expect(data.running_count?.[0]?.timestamp).toBeTypeOf("number");
      expect(data.count?.[0]?.value).toBeTypeOf("number");
    },
  ),
];

export const functionFlowsError: ContractCase | undefined = notFoundContract("showWorkFlow", (c) =>
  c.GET("/v2/{project_id}/fgs/workflows/{workflow_id}", { params: { path: flowPath }, headers: PREFER_404 }),
);
