/**
 * What a piece of work costs this process and its ffmpeg children, read from /proc (Linux):
 *   - child CPU: user + system time of every child process waited for during the work (the
 *     kernel adds a child's times to its parent's cutime/cstime when it is reaped; ffmpeg and
 *     ffprobe alike), exact to the clock tick and unaffected by other work on the machine;
 *   - Node CPU: this process's own user + system time (process.cpuUsage);
 *   - memory: a sampler polls /proc every 10 ms for ffmpeg processes whose parent is this process
 *     and reads their VmHWM (the kernel's own peak of each process, so a peak between two samples
 *     is not missed as long as the process is seen once while alive) and VmRSS. It reports the
 *     largest single-process VmHWM, the largest sum of VmRSS over ffmpeg processes running at the
 *     same moment, and the largest sum of that and Node's own RSS at the same moment. RSS counts
 *     the shared libraries (about 45 MB of every ffmpeg) once per process, so the same peak is
 *     also given in PSS (shared pages split among the processes sharing them, from
 *     smaps_rollup, read every 100 ms), which is what the processes really take together. A process that lives less
 *     than one sampling interval can be missed; only tiny runs are that short.
 */
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

export interface WorkCost {
  wallSeconds: number;
  /** CPU seconds of child processes (ffmpeg, ffprobe). */
  childCpuSeconds: number;
  nodeCpuSeconds: number;
  peakProcessMb: number;
  peakFfmpegMb: number;
  /** Peak of ffmpeg processes and Node together, at the same moment (RSS). */
  peakTotalMb: number;
  /** The same in PSS (shared library pages counted once). */
  peakTotalPssMb: number;
  /** Node's RSS when the work started. */
  nodeRssAtStartMb: number;
  ffmpegProcessesSeen: number;
}

function readOrEmpty(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/** Fields of /proc/<pid>/stat after the command name (which may hold spaces). */
function statFields(stat: string): string[] {
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/** cutime + cstime of this process, in seconds. */
function childCpuSeconds(): number {
  const fields = statFields(readOrEmpty('/proc/self/stat'));
  // cutime and cstime are fields 16 and 17 of stat; the slice starts at field 3.
  return (Number(fields[13]) + Number(fields[14])) / TICKS_PER_SECOND;
}

function pssKb(path: string): number {
  return Number(/^Pss:\s+(\d+) kB/m.exec(readOrEmpty(path))?.[1] ?? 0);
}

class MemorySampler {
  #timer: ReturnType<typeof setInterval> | undefined;
  #notChildren = new Set<string>();
  #children = new Set<string>();
  peakProcessKb = 0;
  peakFfmpegKb = 0;
  peakTotalKb = 0;
  peakTotalPssKb = 0;
  processesSeen = 0;
  #ticks = 0;

  start(): void {
    this.#timer = setInterval(() => this.sample(), 10);
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.sample();
  }

  sample(): void {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry) || this.#notChildren.has(entry) || this.#children.has(entry)) continue;
      const stat = readOrEmpty(`/proc/${entry}/stat`);
      const command = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if (Number(statFields(stat)[1]) === process.pid && command === 'ffmpeg') {
        this.#children.add(entry);
        this.processesSeen++;
      } else if (stat) {
        this.#notChildren.add(entry);
      }
    }
    let concurrent = 0;
    let concurrentPss = 0;
    // PSS is dear to read (the kernel walks every mapping), so it is read on every tenth sample only.
    const withPss = this.#ticks++ % 10 === 0;
    for (const pid of this.#children) {
      const status = readOrEmpty(`/proc/${pid}/status`);
      if (!status) {
        this.#children.delete(pid);
        continue;
      }
      this.peakProcessKb = Math.max(this.peakProcessKb, Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0));
      concurrent += Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
      if (withPss) concurrentPss += pssKb(`/proc/${pid}/smaps_rollup`);
    }
    this.peakFfmpegKb = Math.max(this.peakFfmpegKb, concurrent);
    this.peakTotalKb = Math.max(this.peakTotalKb, concurrent + process.memoryUsage.rss() / 1024);
    if (withPss) this.peakTotalPssKb = Math.max(this.peakTotalPssKb, concurrentPss + pssKb('/proc/self/smaps_rollup'));
  }
}

/** Runs `work` and measures what it cost (see the header). */
export async function measureWork<T>(work: () => Promise<T>): Promise<{ result: T; cost: WorkCost }> {
  const sampler = new MemorySampler();
  const nodeRssAtStartMb = process.memoryUsage.rss() / 1024 / 1024;
  sampler.start();
  const children = childCpuSeconds();
  const node = process.cpuUsage();
  const start = performance.now();
  try {
    const result = await work();
    const wallSeconds = (performance.now() - start) / 1000;
    const ownCpu = process.cpuUsage(node);
    sampler.stop();
    return {
      result,
      cost: {
        wallSeconds,
        childCpuSeconds: childCpuSeconds() - children,
        nodeCpuSeconds: (ownCpu.user + ownCpu.system) / 1e6,
        peakProcessMb: sampler.peakProcessKb / 1024,
        peakFfmpegMb: sampler.peakFfmpegKb / 1024,
        peakTotalMb: sampler.peakTotalKb / 1024,
        peakTotalPssMb: sampler.peakTotalPssKb / 1024,
        nodeRssAtStartMb,
        ffmpegProcessesSeen: sampler.processesSeen,
      },
    };
  } finally {
    sampler.stop();
  }
}
