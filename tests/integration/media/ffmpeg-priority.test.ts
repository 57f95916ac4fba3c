/**
 * Background ffmpeg runs (renders) yield the CPU to the runs someone waits for (analysis of a
 * finished take): their process is seen at a niceness 10 above ours, normal runs at ours.
 */
import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runFfmpeg } from '../../../server/media/ffmpeg.ts';
import { eventually } from '../../support/server-process.ts';

/** Field 19 of /proc/<pid>/stat (after the parenthesised command name, which may hold spaces). */
async function nicenessOf(pid: string): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
}

/** The niceness of the running process whose command line holds `marker`, once there is one. */
async function nicenessOfProcessWith(marker: string): Promise<number> {
  const found = await eventually(
    async () => {
      for (const pid of (await readdir('/proc')).filter((name) => /^\d+$/.test(name))) {
        const commandLine = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
        if (commandLine.includes(marker)) return { niceness: await nicenessOf(pid) };
      }
      return undefined;
    },
    30_000,
    `an ffmpeg with ${marker}`,
  );
  return found.niceness;
}

async function nicenessWhileRunning(priority: 'normal' | 'background'): Promise<number> {
  const marker = join(tmpdir(), `dailies-priority-${randomUUID()}.mp4`);
  const controller = new AbortController();
  // Long enough to be found running; stopped as soon as it has been.
  const running = runFfmpeg(['-f', 'lavfi', '-i', 'testsrc2=s=320x240:r=24:d=600', '-c:v', 'libx264', '-preset', 'ultrafast', '-f', 'mp4', marker], {
    signal: controller.signal,
    priority,
  }).catch((error: Error) => error);
  try {
    return await nicenessOfProcessWith(marker);
  } finally {
    controller.abort();
    await running;
  }
}

describe('ffmpeg run priority', () => {
  it('runs a background ffmpeg at a niceness 10 above ours, a normal one at ours', async () => {
    const ours = await nicenessOf(String(process.pid));
    expect(await nicenessWhileRunning('normal')).toBe(ours);
    expect(await nicenessWhileRunning('background')).toBe(Math.min(19, ours + 10));
  });
});
