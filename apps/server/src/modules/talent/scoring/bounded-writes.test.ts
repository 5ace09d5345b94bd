import { describe, expect, it } from 'vitest';
import { boundedWrites } from './bounded-writes';

const tick = () => new Promise((r) => setTimeout(r, 1));

describe('boundedWrites', () => {
  it('never runs more than the limit at once, and drain waits for all', async () => {
    const writes = boundedWrites(2);
    let running = 0;
    let peak = 0;
    const done: number[] = [];
    for (let i = 0; i < 7; i++) {
      await writes.add(async () => {
        running++;
        peak = Math.max(peak, running);
        await tick();
        running--;
        done.push(i);
      });
    }
    await writes.drain();
    expect(peak).toBe(2);
    expect(done.sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('a failed write is thrown by the next add, and nothing starts after it', async () => {
    const writes = boundedWrites(1);
    const started: number[] = [];
    await writes.add(async () => {
      started.push(0);
      throw new Error('disk full');
    });
    await expect(writes.add(async () => void started.push(1))).rejects.toThrow('disk full');
    await expect(writes.drain()).rejects.toThrow('disk full');
    expect(started).toEqual([0]);
  });

  it('drain throws a failure that happened after the last add', async () => {
    const writes = boundedWrites(3);
    await writes.add(async () => {
      await tick();
      throw new Error('late');
    });
    await expect(writes.drain()).rejects.toThrow('late');
  });
});
