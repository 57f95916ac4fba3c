/**
 * Checks per-take options against what a video provider declares it takes.
 */
import type { VideoProvider } from './video.types.ts';

export interface OptionProblems {
  /** Names the provider does not take. */
  unknown: string[];
  /** Names it takes, given a value of the wrong kind, with what it expects. */
  invalid: { name: string; expected: string }[];
}

/** What is wrong with `options` for `provider`; both lists empty when nothing is. */
export function providerOptionProblems(provider: VideoProvider, options: Record<string, unknown>): OptionProblems {
  const declared = provider.options ?? {};
  const problems: OptionProblems = { unknown: [], invalid: [] };
  for (const [name, value] of Object.entries(options)) {
    const option = Object.hasOwn(declared, name) ? declared[name] : undefined;
    if (!option) {
      problems.unknown.push(name);
    } else if (typeof value !== option.type || (option.values && !option.values.includes(value as string))) {
      problems.invalid.push({ name, expected: option.values ? `one of ${option.values.join(', ')}` : option.type });
    }
  }
  return problems;
}
