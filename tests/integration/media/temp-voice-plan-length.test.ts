/**
 * The planner's estimate of how long a shot's lines take to say is long enough for what the temp
 * voice really says: a planned shot is not lengthened again when it is rendered.
 */
import { describe, expect, it } from 'vitest';
import { createBuiltinPlanner } from '../../../server/providers/builtin/planner/builtin.planner.ts';
import { spokenShotSeconds } from '../../../server/providers/builtin/planner/speech-length.ts';
import { speakDialogue, spokenTakeSeconds } from '../../../server/media/temp-voice.ts';
import { buildVideoRequest } from '../../support/media-fixtures.ts';

const SHOTS: { language?: string; lines: string[] }[] = [
  { language: 'en', lines: ['We have to leave before the storm reaches the harbour and the roads close behind us.', 'Fine.'] },
  { language: 'en', lines: ['Someone was here before us.', 'Then we follow the footprints until the rain washes them away.', 'Quiet!'] },
  { lines: ['We have to leave before the storm reaches the harbour and the roads close behind us.', 'Fine.'] },
  { language: 'zh', lines: ['我们必须在天亮以前离开这座城市。', '好。'] },
  { language: 'ja', lines: ['すぐに行きましょう、もう時間がありません。', 'はい。'] },
  { language: 'es', lines: ['Tenemos que salir antes de que llegue la tormenta.', 'Debemos irnos ya.'] },
  { language: 'fr', lines: ['Nous devons partir avant que la tempête arrive.', 'Allons-y.'] },
  { language: 'de', lines: ['Wir müssen gehen, bevor der Sturm den Hafen erreicht.', 'Gut.'] },
];

describe('the planned length of a spoken shot', () => {
  it('holds the lines as the temp voice says them', async () => {
    for (const { language, lines } of SHOTS) {
      const planned = spokenShotSeconds(lines, language);
      const request = buildVideoRequest({
        ...(language ? { language } : {}),
        shot: { duration: planned, dialogue: lines.map((line, i) => ({ character: i % 2 === 0 ? 'mika' : 'joe', line })) },
      });
      const spoken = await speakDialogue(request);
      expect(spoken.cues).toHaveLength(lines.length);
      // The renderer keeps the planned length: the speech fits.
      expect(spokenTakeSeconds(planned, spoken, 24, 60)).toBe(planned);
      // And the plan is not padded far beyond it: under twice the time needed, plus a second a line.
      expect(planned).toBeLessThan(2 * spokenTakeSeconds(0, spoken, 24, 60) + lines.length);
    }
  });

  it('is what the built-in planner gives each shot of an idea, so no take is lengthened', async () => {
    const planner = createBuiltinPlanner();
    for (const [idea, seed] of [
      ['A detective cat solves a mystery in a rainy Tokyo alley', 4],
      ['Two rival bakers compete for the last stall at a winter market', 9],
      ['一只猫在雨夜的东京小巷里破案', 2],
    ] as const) {
      const plan = await planner.plan({ idea, seed, targetShots: 8 });
      const characters = plan.characters.map((c) => ({ key: c.key, name: c.name, description: '', visualTraits: [], color: '#e4572e' }));
      for (const shot of plan.scenes.flatMap((scene) => scene.shots)) {
        if (shot.dialogue.length === 0) continue;
        const spoken = await speakDialogue({ characters, shot: { ...buildVideoRequest().shot, duration: shot.duration, dialogue: shot.dialogue } });
        expect(spokenTakeSeconds(shot.duration, spoken, 24, 60)).toBe(shot.duration);
      }
    }
  });
});
