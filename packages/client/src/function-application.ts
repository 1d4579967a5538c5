import { type WaiterOptions, waitUntil } from "@fgkit/helpers";
import { objectFromAnswer } from "./answer-field.js";
import { assertConfigWithClient, assertTarget } from "./argument-checks.js";
import type { FunctionGraphClient } from "./create-client.js";
import type { Schemas } from "./types.js";

export type FunctionApplication = Schemas["ShowFunctionAppResponse"];

// States from which creation will not succeed: it failed (at the repository or the stack step), or
// the application is being deleted. Anything else but `success` is taken as still in progress
// (`creating`, `creatingRepo`, `creatingStack`, or a state the service adds later).
const NOT_GOING_TO_BE_CREATED = new Set(["failed", "repoFail", "stackFail", "deleting", "deletionFail", "DELETION_FAILED"]);

/** Provisioning a template's functions, stack and repository takes minutes, so the wait is longer. */
const DEFAULT_MAX_WAIT_MS = 15 * 60 * 1000;

/**
 * Waits until a function application made with CreateFunctionApp is ready, polling ShowFunctionApp
 * with backoff (for up to 15 minutes unless `maxWaitMs` says otherwise). Resolves with the
 * application on `success`; throws a FunctionGraphError (WaiterFailure, with the application as
 * response.data) when creation failed (`failed`, `repoFail`, `stackFail`) or the application is being
 * deleted, WaiterTimeout past `maxWaitMs`, Aborted on the signal.
 */
export function waitUntilFunctionApplicationCreated(
  config: { client: FunctionGraphClient } & WaiterOptions,
  target: { applicationId: string },
): Promise<FunctionApplication> {
  try {
    assertConfigWithClient(config);
    assertTarget(target, ["applicationId"]);
  } catch (error) {
    return Promise.reject(error);
  }
  const { client, ...options } = config;
  return waitUntil(
    `function application ${target.applicationId}`,
    (signal) =>
      objectFromAnswer(
        client.GET("/v2/{project_id}/fgs/applications/{id}", { params: { path: { id: target.applicationId } }, signal }),
      ),
    (application) =>
      application.status === "success" ? "success" : NOT_GOING_TO_BE_CREATED.has(application.status ?? "") ? "failure" : "retry",
    { ...options, maxWaitMs: options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS },
  );
}
