import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { freePort } from './ports';
import { onExit } from './cleanup';

const BIN = '/usr/lib/postgresql/15/bin';

export interface TempPostgres {
  url: (database?: string) => string;
  port: number;
  dir: string;
  logFile: string;
  sql: (statement: string, database?: string) => string;
  stop: () => void;
}

const running = new Set<TempPostgres>();

/**
 * A throwaway PostgreSQL 15 cluster under /tmp, on 127.0.0.1 and a free port in 54500–54599.
 * Stock settings (fsync on, shared_buffers 128 MB), so that figures resemble a real installation.
 * Stopped and deleted when the bench process exits (also on Ctrl-C, see cleanup.ts).
 */
export async function startTempPostgres(): Promise<TempPostgres> {
  const dir = fs.mkdtempSync('/tmp/zz-bench-pg-');
  fs.chownSync(dir, uid('postgres'), gid('postgres'));
  const data = path.join(dir, 'data');
  const logFile = path.join(dir, 'log');
  const port = await freePort(54500, 54599);
  const asPg = (cmd: string, args: string[]) => execFileSync('runuser', ['-u', 'postgres', '--', path.join(BIN, cmd), ...args], { stdio: 'pipe', encoding: 'utf8' });
  asPg('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C.UTF-8']);
  asPg('pg_ctl', ['-D', data, '-w', '-l', logFile, '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=50`, 'start']);
  const pg: TempPostgres = {
    port,
    dir,
    logFile,
    url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
    sql: (statement, database = 'postgres') =>
      execFileSync(path.join(BIN, 'psql'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', database, '-v', 'ON_ERROR_STOP=1', '-X', '-A', '-t', '-c', statement], { encoding: 'utf8' }),
    stop: () => {
      if (!running.delete(pg)) return;
      try {
        asPg('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      } catch {
        /* already gone */
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  running.add(pg);
  onExit(() => pg.stop());
  console.log(`PostgreSQL 15 started on 127.0.0.1:${port} (${dir})`);
  return pg;
}

function uid(user: string): number {
  return Number(execFileSync('id', ['-u', user], { encoding: 'utf8' }).trim());
}
function gid(user: string): number {
  return Number(execFileSync('id', ['-g', user], { encoding: 'utf8' }).trim());
}
