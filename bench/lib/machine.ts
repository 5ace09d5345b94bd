import os from 'node:os';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

/** What RESULTS.md records about the machine a run happened on. */
export function machineInfo() {
  const cpu = /model name\s*:\s*(.+)/.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? os.cpus()[0]?.model ?? '?';
  let free = '';
  try {
    free = execFileSync('free', ['-h'], { encoding: 'utf8' }).split('\n')[1]?.replace(/\s+/g, ' ').trim() ?? '';
  } catch {
    free = `${Math.round(os.totalmem() / 2 ** 30)} GiB total`;
  }
  let tree = '';
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--short', '--', 'apps', 'packages'], { encoding: 'utf8' }).split('\n').filter(Boolean).length;
    tree = dirty ? `${head} + ${dirty} uncommitted files under apps/ packages/` : head;
  } catch {
    tree = '?';
  }
  return {
    tree,
    date: new Date().toISOString(),
    nproc: os.availableParallelism(),
    cpu,
    memory: free,
    node: process.version,
    loadavgAtStart: os.loadavg().map((l) => l.toFixed(2)).join(' '),
  };
}

export function printMachine(): ReturnType<typeof machineInfo> {
  const m = machineInfo();
  console.log(`machine: ${m.nproc} cores, ${m.cpu}; ${m.memory}; node ${m.node}; load average ${m.loadavgAtStart}; tree ${m.tree}; ${m.date}`);
  return m;
}

/**
 * A fixed piece of CPU work, timed now (compare runs: the lower, the more CPU we had): a
 * rough gauge of how much CPU other tenants leave us at the moment of a measurement.
 */
export function cpuProbeMs(): number {
  const t0 = performance.now();
  let x = 0;
  for (let i = 0; i < 30_000_000; i++) x = (x + Math.imul(i, 2654435761)) | 0;
  if (x === 42) console.log(''); // keep the loop
  return performance.now() - t0;
}
