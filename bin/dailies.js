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
process.exitCode = await main(process.argv.slice(2));
export {};
