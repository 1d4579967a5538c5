// One client mode in its own process: the parent asks for runs over IPC, so the modes never share a
// heap or an event loop, and the parent can alternate them run by run.
import { type Call, createCaller, type Mode, runCalls } from "./clients.js";

export type WorkerRequest = { type: "run"; calls: number; concurrency: number };
export type WorkerReply = { type: "ready" } | { type: "result"; ms: number } | { type: "error"; message: string };

const [mode, endpoint, warmup] = process.argv.slice(2) as [Mode, string, string];
const reply = (message: WorkerReply) => process.send?.(message);
const fail = (error: unknown) =>
  reply({ type: "error", message: error instanceof Error ? (error.stack ?? error.message) : String(error) });

let call: Call;
try {
  call = await createCaller(mode, endpoint);
  // Warm the JIT and open the keep-alive sockets before anything is timed.
  const calls = Number(warmup);
  await runCalls(call, calls, 1);
  await runCalls(call, calls, 16);
  reply({ type: "ready" });
} catch (error) {
  fail(error);
}

process.on("message", (message: WorkerRequest) => {
  runCalls(call, message.calls, message.concurrency).then((ms) => reply({ type: "result", ms }), fail);
});
process.on("disconnect", () => process.exit(0));
