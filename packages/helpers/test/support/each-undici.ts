// The Node transport's direct entry speaks both of undici's handler interfaces, so its tests run
// twice: over Node's own undici (the original interface), and over undici 7 from npm installed as the
// global dispatcher (the interface undici 7 and later prefer when a handler has it).
import { Agent, getGlobalDispatcher, setGlobalDispatcher } from "undici";
import { afterAll, beforeAll, describe } from "vitest";

/** `suite` under `${title} over Node's own undici` and `${title} over undici 7 from npm`. */
export function describeOverEachUndici(title: string, suite: () => void, agentOptions: Agent.Options = {}): void {
  describe(`${title} over Node's own undici`, suite);
  describe(`${title} over undici 7 from npm`, () => {
    let before: ReturnType<typeof getGlobalDispatcher> | undefined;
    let installed: Agent | undefined;
    beforeAll(() => {
      before = getGlobalDispatcher();
      installed = new Agent(agentOptions);
      setGlobalDispatcher(installed);
    });
    afterAll(async () => {
      if (before) setGlobalDispatcher(before);
      await installed?.close();
    });
    suite();
  });
}
