/**
 * How the long-running service is started: the Node flags and environment that `npm start`,
 * `npm run demo`, the `enforcement-watch` executable and the container all use. They cannot be
 * applied from inside the process (V8 sizes its heap and glibc its allocator before any of our
 * code runs), so each launcher spells them out; `tests/deploy/runtime.test.ts` checks that every
 * one of them says exactly this, and the benchmarks start their services with it.
 *
 * Why each one (measured in docs/benchmarks.md, "Footprint"):
 * - `--max-semi-space-size=2`: Node 20 grows V8's young generation to 16 MB per semi-space after
 *   a burst (a CSV parse) and keeps it committed; 2 MB keeps the heap near what is live.
 * - `--optimize-for-size`: V8 trades a little peak speed for smaller heaps and code.
 * - `MALLOC_ARENA_MAX=2`: glibc gives every thread that allocates (V8's platform workers,
 *   libuv's pool) its own malloc arena and rarely returns their pages; two arenas are enough
 *   for a process whose JavaScript runs on one thread.
 */
export const SERVICE_NODE_FLAGS = ['--optimize-for-size', '--max-semi-space-size=2'] as const;

export const SERVICE_ENV: Readonly<Record<string, string>> = { MALLOC_ARENA_MAX: '2' };

/** The shell prefix of a launcher: `MALLOC_ARENA_MAX=2 node --optimize-for-size …`. */
export function serviceCommandPrefix(): string {
  const env = Object.entries(SERVICE_ENV).map(([k, v]) => `${k}=${v}`);
  return [...env, 'node', ...SERVICE_NODE_FLAGS].join(' ');
}
