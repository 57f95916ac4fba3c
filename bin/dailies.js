#!/usr/bin/env node
// The `dailies` command. Dailies runs its TypeScript directly on Node's type stripping (Node ≥ 22.18).
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  process.stderr.write(
    `dailies: Node ${process.versions.node} is too old; Dailies needs Node 24 LTS (at least 22.18). Install it from https://nodejs.org and try again.\n`,
  );
  process.exit(2);
}
const { main } = await import('../server/cli/main.ts');
// Exit explicitly: a failed database connection can leave a socket open that would keep the
// process alive after the one-line error.
process.exit(await main(process.argv.slice(2)));
export {};
