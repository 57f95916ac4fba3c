/** Shared checks on the shape of a plan; every planner test runs them on what it gets back. */
import { expect } from 'vitest';
import type { EpisodePlan } from '../../../server/providers/planner.types.ts';

const MOVES = ['static', 'push-in', 'pull-out', 'pan-left', 'pan-right'];

/** Every reference in the plan resolves, numbering is 1.., and colours are distinct `#rrggbb`. */
export function expectConsistentPlan(plan: EpisodePlan): void {
  expect(plan.title.trim()).not.toBe('');
  expect(plan.logline.trim()).not.toBe('');
  expect(plan.story.trim()).not.toBe('');
  // No mark of a kit's text is left unfilled anywhere ({P}, {object}, {lo}, {object:acc} …).
  expect(JSON.stringify(plan)).not.toMatch(/\{[\p{L}:]+\}/u);
  const keys = plan.characters.map((character) => character.key);
  expect(new Set(keys).size).toBe(keys.length);
  const colours = plan.characters.map((character) => character.color.toLowerCase());
  expect(new Set(colours).size).toBe(colours.length);
  for (const character of plan.characters) {
    expect(character.color).toMatch(/^#[0-9a-f]{6}$/i);
    expect(character.name.trim()).not.toBe('');
    expect(character.description.trim()).not.toBe('');
    expect(character.visualTraits.length).toBeGreaterThanOrEqual(2);
    expect(character.visualTraits.length).toBeLessThanOrEqual(4);
  }
  expect(plan.scenes.length).toBeGreaterThan(0);
  plan.scenes.forEach((scene, sceneIndex) => {
    expect(scene.number).toBe(sceneIndex + 1);
    expect(scene.heading.trim()).not.toBe('');
    expect(scene.location.trim()).not.toBe('');
    expect(scene.shots.length).toBeGreaterThan(0);
    scene.shots.forEach((shot, shotIndex) => {
      expect(shot.number).toBe(shotIndex + 1);
      expect(MOVES).toContain(shot.camera);
      expect(shot.cameraNote.trim()).not.toBe('');
      expect(shot.prompt.trim()).not.toBe('');
      for (const key of shot.characters) expect(keys).toContain(key);
      for (const line of shot.dialogue) {
        expect(keys).toContain(line.character);
        expect(line.line.trim()).not.toBe('');
      }
    });
  });
}

export const allShots = (plan: EpisodePlan) => plan.scenes.flatMap((scene) => scene.shots);
