import { describe, expect, it } from 'vitest';
import { cueHits } from '../../../server/providers/builtin/planner/genre-cues.ts';
import { analyzeIdea } from '../../../server/providers/builtin/planner/idea-rules.ts';

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

describe('the genre an idea reads as', () => {
  it.each([
    ['A crew plans to rob the vault of a casino in one night', 'heist'],
    ['Un equipo planea el atraco a la cámara acorazada de un casino', 'heist'],
    ['Ein Dokumentarfilm über die letzte Fährfrau auf der Elbe', 'documentary'],
    ['ドキュメンタリー：北海道の漁師の一年を追う', 'documentary'],
    ['Three home cooks face the judges of a reality show', 'cooking'],
    ['厨艺真人秀里，选手必须在三十分钟内打动评委', 'cooking'],
    ['A fable about a tortoise and a hare who learn a lesson', 'fable'],
    ['Une famille emménage dans une maison hantée où un fantôme rôde', 'horror'],
    ['A striker trains for the championship final against an unbeaten rival', 'sports'],
  ])('%s → %s', (idea, genre) => {
    expect(analyzeIdea(idea).genre).toBe(genre);
  });
});
