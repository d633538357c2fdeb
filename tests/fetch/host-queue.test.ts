import { describe, expect, it } from 'vitest';
import { HostQueue } from '../../src/fetch/host-queue.js';

/** A task that records its start and finishes when `release` is called. */
function gate(log: string[], name: string) {
  let release!: () => void;
  const done = new Promise<void>((resolve) => (release = resolve));
  const task = async (): Promise<void> => {
    log.push(name);
    await done;
  };
  return { task, release };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('HostQueue', () => {
  it('runs tasks for one host one at a time, in arrival order', async () => {
    const queue = new HostQueue();
    const log: string[] = [];
    const [a, b, c] = [gate(log, 'a'), gate(log, 'b'), gate(log, 'c')];
    const runs = [queue.run('h', a.task), queue.run('h', b.task), queue.run('h', c.task)];
    await tick();
    expect(log).toEqual(['a']);
    a.release();
    await tick();
    expect(log).toEqual(['a', 'b']);
    b.release();
    c.release();
    await Promise.all(runs);
    expect(log).toEqual(['a', 'b', 'c']);
  });

  it('runs tasks for different hosts concurrently', async () => {
    const queue = new HostQueue();
    const log: string[] = [];
    const [a, b] = [gate(log, 'a'), gate(log, 'b')];
    const runs = [queue.run('x', a.task), queue.run('y', b.task)];
    await tick();
    expect(log).toEqual(['a', 'b']);
    a.release();
    b.release();
    await Promise.all(runs);
  });

  it('frees the host when a task throws', async () => {
    const queue = new HostQueue();
    await expect(queue.run('h', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(queue.run('h', async () => 'next')).resolves.toBe('next');
  });

  it('drops a waiter whose signal aborts, without running it', async () => {
    const queue = new HostQueue();
    const log: string[] = [];
    const [a, b, c] = [gate(log, 'a'), gate(log, 'b'), gate(log, 'c')];
    const controller = new AbortController();
    const first = queue.run('h', a.task);
    const aborted = queue.run('h', b.task, controller.signal);
    const third = queue.run('h', c.task);
    controller.abort(new Error('gone'));
    await expect(aborted).rejects.toThrow('gone');
    a.release();
    c.release();
    await Promise.all([first, third]);
    expect(log).toEqual(['a', 'c']);
  });

  it('rejects at once when the signal is already aborted', async () => {
    const queue = new HostQueue();
    await expect(queue.run('h', async () => 1, AbortSignal.abort(new Error('early')))).rejects.toThrow('early');
  });
});
