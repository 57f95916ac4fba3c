import { describe, expect, it } from 'vitest';
import { FfmpegProgressParser } from '../../../server/media/ffmpeg.ts';

/** One report as ffmpeg 5 writes it (out_time_ms holds microseconds too). */
const block = (outTimeUs: number, progress = 'continue') => {
  const totalSeconds = outTimeUs / 1_000_000;
  const clock = `00:${String(Math.floor(totalSeconds / 60)).padStart(2, '0')}:${(totalSeconds % 60).toFixed(6).padStart(9, '0')}`;
  return `frame=10\nfps=0.00\nout_time_us=${outTimeUs}\nout_time_ms=${outTimeUs}\nout_time=${clock}\nprogress=${progress}\n`;
};

describe('ffmpeg -progress parsing', () => {
  it('turns out_time_us into a fraction of the expected duration', () => {
    const parser = new FfmpegProgressParser(4);
    expect(parser.push(block(1_000_000))).toBeCloseTo(0.25);
    expect(parser.push(block(3_000_000))).toBeCloseTo(0.75);
  });

  it('reads out_time_ms as microseconds, as ffmpeg writes it', () => {
    const parser = new FfmpegProgressParser(10);
    expect(parser.push('out_time_ms=5000000\nprogress=continue\n')).toBeCloseTo(0.5);
  });

  it('falls back to out_time when the microsecond fields are missing', () => {
    const parser = new FfmpegProgressParser(120);
    expect(parser.push('out_time=00:01:30.500000\n')).toBeCloseTo(90.5 / 120);
  });

  it('joins lines split across chunks', () => {
    const parser = new FfmpegProgressParser(2);
    expect(parser.push('frame=3\nout_time_u')).toBeUndefined();
    expect(parser.push('s=500000\nprog')).toBeCloseTo(0.25);
    expect(parser.fraction).toBeCloseTo(0.25);
  });

  it('never goes backwards, ignores N/A and negative times, and clamps to 1', () => {
    const parser = new FfmpegProgressParser(1);
    expect(parser.push('out_time_us=N/A\nout_time_us=-9223372036854775807\n')).toBeUndefined();
    expect(parser.push(block(600_000))).toBeCloseTo(0.6);
    expect(parser.push(block(300_000))).toBeUndefined();
    expect(parser.fraction).toBeCloseTo(0.6);
    expect(parser.push(block(5_000_000))).toBe(1);
  });

  it('reports 1 at progress=end, even without an expected duration', () => {
    const parser = new FfmpegProgressParser();
    expect(parser.push(block(1_000_000))).toBeUndefined();
    expect(parser.push(block(2_000_000, 'end'))).toBe(1);
  });
});
