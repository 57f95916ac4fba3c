import { z } from 'zod';
import { createAccount } from '../commands/accounts.ts';
import { usageError } from '../errors.ts';
import { openRuntime } from '../runtime.ts';
import type { CliCommand } from './main.ts';
import { configure } from './lifecycle.ts';

/** Reads the password from standard input (its first line), so it never appears in argv or history. */
async function readPasswordFromStdin(): Promise<string> {
  if (process.stdin.isTTY) throw usageError('--password-stdin reads the password from a pipe, e.g. printf %s "$PASSWORD" | dailies user add …');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}

export const userCommand: CliCommand = {
  name: 'user',
  summary: 'manage accounts: `user add` creates one (the first admin when sign-up is closed)',
  usage: [
    'Usage: dailies user add --email <email> --password-stdin [--name <display name>] [--admin]',
    '',
    'Creates an account. The password is read from standard input, never from the command line:',
    '  printf %s "$PASSWORD" | dailies user add --email ana@example.com --password-stdin --admin',
    'Use it for the first admin of a server that runs with DAILIES_SIGNUP=closed.',
  ].join('\n'),
  options: {
    email: { type: 'string' },
    'password-stdin': { type: 'boolean' },
    name: { type: 'string' },
    admin: { type: 'boolean' },
  },
  allowPositionals: true,
  async run(values, positionals) {
    if (positionals[0] !== 'add' || positionals.length !== 1) throw usageError('the only subcommand is `add` (see dailies user --help).');
    const email = z.email().max(254).safeParse(values.email);
    if (!email.success) throw usageError('--email needs a valid email address.');
    if (!values['password-stdin']) throw usageError('give the password on standard input with --password-stdin.');
    const password = await readPasswordFromStdin();
    if (password.length < 8 || password.length > 256) throw usageError('the password must be 8 to 256 characters long.');
    const runtime = await openRuntime(configure(), { withWorker: false });
    try {
      const user = await createAccount(runtime.services, {
        email: email.data,
        password,
        ...(typeof values.name === 'string' && { displayName: values.name }),
        ...(values.admin ? { isAdmin: true } : {}),
      });
      process.stdout.write(`Created ${user.is_admin ? 'admin ' : ''}account ${user.email} (${user.id}).\n`);
      return 0;
    } catch (error) {
      if ((error as { code?: string }).code === 'conflict') throw usageError(`an account with the email ${email.data} already exists.`);
      throw error;
    } finally {
      await runtime.close();
    }
  },
};
