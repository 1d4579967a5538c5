// The results table (Markdown, so the same text goes to the terminal, bench/RESULTS.md and the README).
export interface Row {
  measure: string;
  official: string;
  fgkit: string;
  fetch: string;
  http: string;
  ratio: string;
  target: string;
  met: boolean | undefined;
}

export function renderTable(rows: readonly Row[]): string {
  const header = ["measure", "official SDK", "fgkit", "global fetch", "node:http", "fgkit, paired ratio", "target", "met"];
  const cells = rows.map((r) => [r.measure, r.official, r.fgkit, r.fetch, r.http, r.ratio, r.target, metCell(r.met)]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] as string).length)));
  const line = (values: string[]) => `| ${values.map((v, i) => v.padEnd(widths[i] as number)).join(" | ")} |`;
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...cells.map(line)].join("\n");
}

const metCell = (met: boolean | undefined) => (met === undefined ? "" : met ? "yes" : "NO");

export const ms = (value: number) => `${value.toFixed(value < 10 ? 3 : 1)} ms`;
export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
export const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(2)} MB`;
export const times = (ratio: number) => `${ratio.toFixed(ratio < 0.1 ? 3 : 2)}×`;
export const perSecond = (value: number) => `${Math.round(value).toLocaleString("en-US")}/s`;
