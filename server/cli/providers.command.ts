import { registryFromConfig } from '../providers/registry.ts';
import { configure } from './lifecycle.ts';
import type { CliCommand } from './main.ts';

export const providersCommand: CliCommand = {
  name: 'providers',
  summary: 'list the planners and video providers configured here, and check each',
  usage: [
    'Usage: dailies providers [--no-check]',
    '',
    'Lists the planners and video providers this configuration offers, and the ones that need',
    'settings before they can be used (naming those settings). Each remote provider is checked:',
    'is it reachable, does it accept the credentials, does it know the model. Exits with 1 when',
    'a check fails. Keys are never printed.',
    '',
    'Options:',
    '  --no-check   list only, without calling the providers',
  ].join('\n'),
  options: { 'no-check': { type: 'boolean' } },
  allowPositionals: false,
  async run(values) {
    const config = configure();
    const registry = registryFromConfig(config.providers);
    let failed = 0;
    const out = (line: string) => process.stdout.write(`${line}\n`);
    const report = async (id: string, entry: { description?: string; check?: () => Promise<{ ok: boolean; verdict: string }> }) => {
      let verdict = 'local, nothing to check';
      if (entry.check && !values['no-check']) {
        const result = await entry.check();
        if (!result.ok) failed++;
        verdict = `${result.ok ? 'ok' : 'FAILED'}: ${result.verdict}`;
      } else if (entry.check) {
        verdict = 'not checked';
      }
      out(`  ${id.padEnd(12)} ${verdict}`);
      if (entry.description) out(`  ${''.padEnd(12)} ${entry.description}`);
    };
    out('Planners:');
    for (const id of registry.plannerIds()) await report(id, registry.planner(id));
    out('Video providers:');
    for (const id of registry.videoIds()) await report(id, registry.video(id));
    out('Image models (characters\' reference pictures):');
    for (const id of registry.imageIds()) await report(id, registry.image(id));
    const unconfigured = registry.unconfigured();
    if (unconfigured.length > 0) {
      out('Not configured (set these to use them):');
      for (const entry of unconfigured) out(`  ${entry.id.padEnd(12)} ${entry.kind}: ${entry.missing.join(', ')}`);
    }
    if (failed > 0) process.stderr.write(`dailies providers: ${failed} provider${failed === 1 ? '' : 's'} failed the check.\n`);
    return failed > 0 ? 1 : 0;
  },
};
