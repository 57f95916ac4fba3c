import { describe, expect, it } from 'vitest';
import { cueHits } from '../../../server/providers/builtin/planner/genre-cues.ts';

describe('genre cue words', () => {
  it('matches Latin-script cues as whole words, with * for any ending', () => {
    expect(cueHits('A heist at the vault.', ['heist', 'vault'])).toBe(2);
    // "vaulted" is not "vault", "theist" holds no "heist".
    expect(cueHits('A vaulted hall where a theist prays.', ['heist', 'vault'])).toBe(0);
    expect(cueHits('She investigates; the investigation stalls.', ['investigat*'])).toBe(2);
    expect(cueHits('Der Einbruch in die Bank: ein EINBRUCH!', ['einbruch'])).toBe(2);
    expect(cueHits('un atraco perfecto', ['atraco perfecto'])).toBe(1);
    expect(cueHits('le cambriolage du siècle', ['cambriol*'])).toBe(1);
  });

  it('matches Chinese and Japanese cues anywhere in the text', () => {
    expect(cueHits('老周去偷银行金库里的玉印', ['金库', '劫案'])).toBe(1);
    expect(cueHits('夜ごと聞こえる足音と幽霊の噂', ['幽霊', 'ホラー'])).toBe(1);
  });
});
