import { describe, expect, it } from 'vitest';
import { analyzeIdea } from '../../../server/providers/builtin/planner/idea-rules.ts';

describe('reading an idea by rules', () => {
  it.each([
    ['A detective cat solves a mystery in a rainy Tokyo alley', { genre: 'mystery', phrase: 'detective cat', kind: 'cat', role: 'detective', location: 'Tokyo alley', weather: 'rain', time: 'NIGHT' }],
    ['Two kids search for treasure on a foggy island at dawn', { genre: 'adventure', phrase: 'two kids', location: 'Island', weather: 'fog', time: 'DAWN' }],
    ['In a snowy village, an old baker falls in love with a mysterious stranger', { genre: 'romance', phrase: 'old baker', role: 'baker', location: 'Village', weather: 'snow' }],
    ['A rookie astronaut hears a distress signal aboard a space station', { genre: 'space', phrase: 'rookie astronaut', role: 'astronaut', location: 'Space station' }],
    ['A boy saves the old city', { genre: 'drama', phrase: 'boy', kind: 'boy', location: 'Old city', time: 'DAY' }],
    ['一只侦探猫在雨夜的东京小巷里破案', { genre: 'mystery', phrase: '侦探猫', kind: 'cat', role: 'detective', location: '东京小巷', weather: 'rain', time: 'NIGHT' }],
    ['一位年轻的厨师想在上海开一家餐厅', { genre: 'drama', phrase: '年轻的厨师', role: 'chef', location: '上海' }],
    ['一个女孩和她的狗去海边寻找宝藏', { genre: 'adventure', phrase: '女孩', kind: 'girl', location: '海边' }],
  ])('%s', (idea, expected) => {
    const analysis = analyzeIdea(idea);
    expect(analysis.genre).toBe(expected.genre);
    expect(analysis.protagonist.phrase).toBe(expected.phrase);
    if ('kind' in expected) expect(analysis.protagonist.kind?.en).toBe(expected.kind);
    if ('role' in expected) expect(analysis.protagonist.role?.en).toBe(expected.role);
    expect(analysis.location.name).toBe(expected.location);
    if ('weather' in expected) expect(analysis.weather).toBe(expected.weather);
    if ('time' in expected) expect(analysis.timeOfDay).toBe(expected.time);
  });

  it('takes names the idea gives', () => {
    expect(analyzeIdea('Mira, a young pilot, crashes on Mars').protagonist).toMatchObject({ name: 'Mira', phrase: 'young pilot' });
    expect(analyzeIdea('Detective Miko solves a case in Kyoto').protagonist).toMatchObject({ name: 'Miko', phrase: 'detective' });
    expect(analyzeIdea('A cat named Luna must cross the sea')).toMatchObject({ protagonist: { name: 'Luna' }, predicate: 'must cross the sea' });
    expect(analyzeIdea('宇航员小明在太空站里发现了外星信号').protagonist).toMatchObject({ name: '小明', phrase: '宇航员' });
  });

  it('falls back to the genre’s hero when the idea names nobody, keeping what happens', () => {
    const pronoun = analyzeIdea('She finds a map in the attic');
    expect(pronoun.protagonist.phrase).toBe('young explorer');
    expect(pronoun.predicate).toBe('finds a map in the attic');
    const mood = analyzeIdea('cyberpunk noir, rain, neon');
    expect(mood.protagonist.phrase).toBe('young detective');
    expect(mood.predicate).toBe('');
  });
});
