/**
 * How often a node-cron schedule fires per day, for turning "N cycles" into production time.
 * Handles the forms the registry uses (`*`, `*\/n`, `a`, `a-b`, `a-b/n`, lists) in the second,
 * minute and hour fields; a schedule restricted by day of month, month or weekday counts as
 * firing every day (an upper bound).
 */

function count(field: string, min: number, max: number): number {
  let n = 0;
  for (const part of field.split(',')) {
    const [range, stepText] = part.split('/') as [string, string | undefined];
    const step = stepText ? Number(stepText) : 1;
    const [lo, hi] = range === '*' ? [min, max] : range.includes('-') ? range.split('-').map(Number) as [number, number] : [Number(range), stepText ? max : Number(range)];
    if (![lo, hi, step].every(Number.isFinite)) throw new Error(`cannot read cron field "${field}"`);
    n += Math.floor((hi - lo) / step) + 1;
  }
  return n;
}

export function runsPerDay(expr: string): number {
  const f = expr.trim().split(/\s+/);
  const [sec, min, hour] = f.length === 6 ? [f[0]!, f[1]!, f[2]!] : ['0', f[0]!, f[1]!];
  return count(sec, 0, 59) * count(min, 0, 59) * count(hour, 0, 23);
}
