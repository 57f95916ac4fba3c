/**
 * Time to first byte of a segment through the media route (authorization, stat, Range), the
 * moment a reviewer's player starts: 5-s 720p takes, whole-file and ranged requests, on loopback.
 *
 *   npm run bench:media
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSession } from './support.ts';

const dir = await mkdtemp(join(tmpdir(), 'dailies-bench-media-'));
await chmod(dir, 0o755);
const bench = await createSession(dir);

function firstByte(path: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const req = request({ host: '127.0.0.1', port: bench.port, path, headers }, (res) => {
      res.once('data', () => {
        resolve(performance.now() - start);
        res.destroy();
      });
    });
    req.on('error', reject);
    req.end();
  });
}

try {
  const cookie = `dailies_session=${bench.sessionToken}`;
  const samples: Record<string, number[]> = { whole: [], 'first 64 kB': [], 'seek to middle': [] };
  for (let round = 0; round < 5; round += 1) await firstByte(bench.videoUrl, { cookie }); // warm up
  for (let round = 0; round < 40; round += 1) {
    samples.whole!.push(await firstByte(bench.videoUrl, { cookie }));
    samples['first 64 kB']!.push(await firstByte(bench.videoUrl, { cookie, range: 'bytes=0-65535' }));
    samples['seek to middle']!.push(await firstByte(bench.videoUrl, { cookie, range: `bytes=${Math.floor(bench.size / 2)}-` }));
  }
  const pct = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]!;
  console.log(`Media route, time to first byte of a ${(bench.size / 1e6).toFixed(2)} MB 5-s 720p segment (40 requests each)`);
  for (const [name, values] of Object.entries(samples)) {
    console.log(`  ${name.padEnd(15)} p50 ${pct(values, 0.5).toFixed(1)} ms  p95 ${pct(values, 0.95).toFixed(1)} ms  (target < 50 ms)`);
  }
} finally {
  await bench.close();
  await rm(dir, { recursive: true, force: true });
}
