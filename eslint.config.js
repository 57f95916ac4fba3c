import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';

export default ts.config(
  { ignores: ['build/', '.svelte-kit/', 'data/', 'node_modules/', 'tests/e2e/screenshots/'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  ...entryPointBoundaries(),
  {
    // Media and providers work on files and remote APIs only: what they need from the database is
    // passed in by the command that calls them.
    files: ['server/media/**', 'server/providers/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'kysely', message: 'server/media and server/providers never touch the database.' },
            { name: 'pg', message: 'server/media and server/providers never touch the database.' },
          ],
          patterns: [{ regex: '^(\\.\\./)+db/', message: 'server/media and server/providers never touch the database: take the values as arguments.' }],
        },
      ],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'] } },
  },
  {
    // The database layer stands below the API and the entry points: shapes it stores come from src/lib/domain.
    files: ['server/db/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{
          group: ['**/src/lib/api/**', '**/src/lib/live/**', '**/http/**', '**/collab/**', '**/jobs/**', '**/commands/**'],
          message: 'server/db must not depend on the API or the entry points: move the shape to src/lib/domain.',
        }],
      }],
    },
  },
);

/**
 * server/http, server/collab and server/jobs are entry points: each may use commands, queries, auth,
 * storage, media and providers, never another entry point. What two of them share belongs in a
 * command (or the module under them), so its rules live in one place.
 */
function entryPointBoundaries() {
  const entryPoints = ['http', 'collab', 'jobs'];
  return entryPoints.map((entryPoint) => {
    const others = entryPoints.filter((other) => other !== entryPoint);
    return {
      files: [`server/${entryPoint}/**`],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            patterns: [
              {
                regex: `^(\\.\\./)+(${others.join('|')})/`,
                message: `server/${entryPoint} must not import another entry point (${others.map((o) => `server/${o}`).join(', ')}): move what they share into server/commands.`,
              },
            ],
          },
        ],
      },
    };
  });
}
