/**
 * What every benchmark hands back to `run-all.ts`: a one-line summary for the terminal, its
 * targets (met or missed, with the measured value next to the goal) and the Markdown section
 * that `docs/benchmarks.md` gets for it.
 */

export interface Target {
  /** What is compared, e.g. `throughput vs bare node:http`. */
  readonly name: string;
  /** The goal as a reader sees it, e.g. `≥ 80 %`. */
  readonly goal: string;
  readonly measured: string;
  readonly met: boolean;
}

export interface BenchResult {
  /** The name used on the command line and in the docs markers (`metrics`, `parse`, …). */
  readonly id: string;
  readonly title: string;
  /** One line with the headline numbers. */
  readonly summary: string;
  readonly targets: readonly Target[];
  /** The docs section, starting with its `## ` heading. */
  readonly markdown: string;
}

/** One benchmark: its id, a short description for `--help`, and the function that runs it. */
export interface Bench {
  readonly id: string;
  readonly description: string;
  run(ctx: BenchContext): Promise<BenchResult>;
}

/** Shared by every benchmark of one run. */
export interface BenchContext {
  /** The repository root. */
  readonly root: string;
  /** A temporary folder for this run, removed at the end. */
  readonly tmp: string;
  /** Absolute path of a repository `.ts` file compiled to JavaScript (see `mirror.ts`). */
  compiled(relativeTs: string): string;
  /** Progress lines on stderr (stdout keeps the summaries). */
  log(message: string): void;
  /** Short machine line for section headers, e.g. `2 × AMD EPYC, 24 GiB, Node v20.20.2`. */
  readonly machineLine: string;
  /** The run date, `YYYY-MM-DD`. */
  readonly date: string;
}

/** `met` / `MISSED` as printed in the one-line summaries. */
export const verdict = (met: boolean): string => (met ? 'met' : 'MISSED');

/** `throughput ≥ 80 %: met (92 %)` for every target, joined. */
export function targetLine(targets: readonly Target[]): string {
  return targets.map((t) => `${t.name} ${t.goal}: ${verdict(t.met)} (${t.measured})`).join('; ');
}

/** The targets as a Markdown table. */
export function targetTable(targets: readonly Target[]): string {
  const rows = targets.map((t) => `| ${t.name} | ${t.goal} | ${t.measured} | ${t.met ? '✅ met' : '❌ missed'} |`);
  return ['| Target | Goal | Measured | |', '|---|---|---|---|', ...rows].join('\n');
}

/** A Markdown table from a header and rows of cells. */
export function table(header: readonly string[], rows: readonly (readonly string[])[], align?: readonly ('l' | 'r')[]): string {
  const sep = header.map((_, i) => (align?.[i] === 'r' ? '---:' : '---'));
  return [header, sep, ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
}
