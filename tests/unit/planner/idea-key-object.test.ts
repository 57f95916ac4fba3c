/**
 * The thing an English idea's story turns on is the thing the shots show: "a golden key" replaces
 * the genre's stock object, while an abstract aim ("one last job") or the hero's own trade
 * ("a documentary filmmaker") is never put in someone's hands. Expectations written by hand.
 */
import { describe, expect, it } from 'vitest';
import { createBuiltinPlanner } from '../../../server/providers/builtin/planner/builtin.planner.ts';

const planner = createBuiltinPlanner();
const scenesText = async (idea: string) => JSON.stringify((await planner.plan({ idea, seed: 7 })).scenes);

describe('the key object of an idea', () => {
  it('shows the golden key the fox steals, not a stock object', async () => {
    const text = await scenesText('A fox steals a golden key from the old mill and runs to the river.');
    expect(text).toContain('golden key');
    expect(text).not.toContain('brass key');
  });

  it('reads what a search is for, not the place searched', async () => {
    const text = await scenesText('Sergeant Okafor searches the warehouses of Lagos for a missing brass telescope.');
    expect(text).toContain('brass telescope');
    expect(text).not.toMatch(/warehouses of Lagos (?:is|lies|waits)/u);
  });

  it('keeps every noun of a compound thing', async () => {
    expect(await scenesText('Grandpa Tomas fixes a rusty sewing machine in his garage in Porto.')).toContain('sewing machine');
  });

  it('never turns an abstract aim or the hero\'s trade into a prop', async () => {
    expect(await scenesText('Felix, a retired safecracker, plans one last job with Mara in Lisbon.')).not.toMatch(/last job with shaking|the one last job/u);
    expect(await scenesText('Nora is a documentary filmmaker who follows Tomas across Iceland.')).not.toMatch(/opens the documentary filmmaker/u);
  });
});
