/**
 * The language model's prompts (planning, proposals from notes) live as Markdown files next to this module (prompts/*.md), so they can
 * be read and edited as text. `{{name}}` placeholders are filled in; a missing value is an error,
 * never a silent blank.
 */
import { readFileSync } from 'node:fs';

const cache = new Map<string, string>();

export type PromptName = 'system' | 'story' | 'shots' | 'retry' | 'note-proposal';

export function promptText(name: PromptName): string {
  let text = cache.get(name);
  if (text === undefined) {
    text = readFileSync(new URL(`./prompts/${name}.md`, import.meta.url), 'utf8').trim();
    cache.set(name, text);
  }
  return text;
}

/** The prompt `name` with every `{{key}}` replaced by `values[key]`. */
export function fillPrompt(name: PromptName, values: Record<string, string | number>): string {
  return promptText(name).replace(/\{\{(\w+)\}\}/g, (_, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`The prompt "${name}" needs a value for {{${key}}}.`);
    return String(value);
  });
}
