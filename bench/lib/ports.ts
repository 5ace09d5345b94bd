import net from 'node:net';

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

/** The first free loopback port in [from, to]. */
export async function freePort(from: number, to: number): Promise<number> {
  for (let p = from; p <= to; p++) if (await isFree(p)) return p;
  throw new Error(`no free port in ${from}–${to}`);
}

/** A port the kernel picks (for the HTTP server under test). */
export function ephemeralPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}
