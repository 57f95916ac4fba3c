/**
 * The shot the benchmarks render: two characters, two lines (Latin and CJK), a camera move that
 * changes with `index`, 5 seconds of 720p at 24 fps.
 */
import type { VideoRequest } from '../server/providers/video.types.ts';

export const CAMERAS = ['static', 'push-in', 'pull-out', 'pan-left', 'pan-right'] as const;
export const BENCH_FORMAT = { width: 1280, height: 720, fps: 24 } as const;

export function benchRequest(index: number, seconds = 5): VideoRequest {
  return {
    episodeTitle: 'Bench',
    scene: { number: 1, heading: 'EXT. TOKYO ALLEY - NIGHT', location: 'Tokyo alley', locationDescription: 'Rain on neon-lit brick', timeOfDay: 'NIGHT' },
    shot: {
      number: index + 1,
      prompt: 'Detective Miko studies a wet footprint under a flickering sign while Taro watches from the shadows.',
      camera: CAMERAS[index % CAMERAS.length]!,
      cameraNote: 'slow move',
      duration: seconds,
      characterKeys: ['miko', 'taro'],
      dialogue: [
        { character: 'miko', line: 'Someone was here before us.' },
        { character: 'taro', line: '就在雨停之前。' },
      ],
    },
    characters: [
      { key: 'miko', name: 'Detective Miko', description: 'a grey tabby cat', visualTraits: ['trench coat'], color: '#e4572e' },
      { key: 'taro', name: 'Taro', description: 'a crow', visualTraits: ['apron'], color: '#2e9fe4' },
    ],
    style: 'animatic',
    seed: 1000 + index,
    ...BENCH_FORMAT,
  };
}
