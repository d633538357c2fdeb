import { spawn, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { processCpuSeconds, reapedChildrenCpuSeconds } from '../../bench/lib/cpu.js';

const BUSY = 'const end = Date.now() + 400; while (Date.now() < end);';

describe('bench CPU readings', () => {
  it('processCpuSeconds() sees a running process burn CPU', async () => {
    const child = spawn(process.execPath, ['-e', `${BUSY} setTimeout(() => {}, 5000);`], { stdio: 'ignore' });
    try {
      await new Promise((r) => setTimeout(r, 700));
      const used = processCpuSeconds(child.pid!);
      expect(used).toBeGreaterThan(0.25);
      expect(used).toBeLessThan(5);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('reapedChildrenCpuSeconds() grows by what a waited-for child used', () => {
    const before = reapedChildrenCpuSeconds();
    expect(spawnSync(process.execPath, ['-e', BUSY]).status).toBe(0);
    expect(reapedChildrenCpuSeconds() - before).toBeGreaterThan(0.25);
  });
});
