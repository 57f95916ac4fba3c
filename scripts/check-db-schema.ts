/**
 * Checks that the row types in server/db/schema.ts (the Kysely `DB` interface, kept by hand) match
 * what the migrations build: every table and column, each column's nullability, and the class of
 * its type (text, number, boolean, date, json, array, bytes). Run by `npm run check`.
 *
 * It migrates a fresh database: a uniquely named one on DATABASE_URL's server (dropped after), or,
 * when DATABASE_URL is unset, a throw-away embedded Postgres in a temporary folder. It prints every
 * mismatch and exits 1 if there is any.
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import ts from 'typescript';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../server/db/embedded-postgres.ts';
import { migrateToLatest } from '../server/db/migrate.ts';

type TypeClass = 'text' | 'number' | 'boolean' | 'date' | 'json' | 'array' | 'bytes' | 'unknown';

interface ColumnShape {
  nullable: boolean;
  type: TypeClass;
}

type Tables = Map<string, Map<string, ColumnShape>>;

const SCHEMA_FILE = fileURLToPath(new URL('../server/db/schema.ts', import.meta.url));
/** Our migrator's own bookkeeping tables, not rows the app reads. */
const IGNORED_TABLES = new Set(['kysely_migration', 'kysely_migration_lock']);

/** The tables of the `DB` interface, as the TypeScript compiler reads schema.ts. */
function declaredTables(): Tables {
  const program = ts.createProgram([SCHEMA_FILE], {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    allowImportingTsExtensions: true,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    module: ts.ModuleKind.ESNext,
    target: ts.ScriptTarget.ES2022,
    types: ['node'],
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(SCHEMA_FILE);
  if (!source) throw new Error(`Cannot read ${SCHEMA_FILE}.`);
  const dbInterface = source.statements.find((node): node is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(node) && node.name.text === 'DB');
  if (!dbInterface) throw new Error(`${SCHEMA_FILE} declares no interface DB.`);

  const tables: Tables = new Map();
  for (const table of checker.getTypeAtLocation(dbInterface).getProperties()) {
    const columns = new Map<string, ColumnShape>();
    for (const column of checker.getTypeOfSymbolAtLocation(table, dbInterface).getProperties()) {
      columns.set(column.name, describeColumn(checker, checker.getTypeOfSymbolAtLocation(column, dbInterface), dbInterface));
    }
    tables.set(table.name, columns);
  }
  return tables;
}

/** A column's select type, nullability and type class; `ColumnType`/`Generated` are unwrapped. */
function describeColumn(checker: ts.TypeChecker, type: ts.Type, at: ts.Node): ColumnShape {
  const parts: ts.Type[] = [];
  let json = false;
  // `Json<T> | null` is a union around a ColumnType, and `Generated<Timestamp>` a ColumnType inside another.
  const visit = (part: ts.Type) => {
    if (part.isUnion()) return part.types.forEach(visit);
    const select = part.getProperty('__select__');
    if (!select) return void parts.push(part);
    const insert = part.getProperty('__insert__');
    const inserted = insert ? checker.getTypeOfSymbolAtLocation(insert, at) : undefined;
    // Json<T>: read as the value, written as a JSON string.
    if (inserted && isText(inserted)) json = true;
    visit(checker.getTypeOfSymbolAtLocation(select, at));
  };
  visit(type);
  const nullable = parts.some((part) => (part.flags & ts.TypeFlags.Null) !== 0);
  const classes = new Set(
    parts
      .filter((part) => (part.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined)) === 0)
      .map((part) => classify(checker, part, json)),
  );
  // `boolean` is the union `true | false`; a JSON value may be a union of shapes.
  const [only] = classes;
  return { nullable, type: classes.size === 1 && only ? only : 'unknown' };
}

/** Whether a write type is text alone (`undefined` aside): how a JSON column is written. */
function isText(type: ts.Type): boolean {
  const parts = (type.isUnion() ? type.types : [type]).filter((part) => (part.flags & ts.TypeFlags.Undefined) === 0);
  return parts.length > 0 && parts.every((part) => (part.flags & ts.TypeFlags.String) !== 0);
}

function classify(checker: ts.TypeChecker, type: ts.Type, json: boolean): TypeClass {
  const flags = type.flags;
  if (flags & (ts.TypeFlags.String | ts.TypeFlags.StringLiteral | ts.TypeFlags.TemplateLiteral)) return 'text';
  if (flags & (ts.TypeFlags.Number | ts.TypeFlags.NumberLiteral | ts.TypeFlags.BigInt)) return 'number';
  if (flags & (ts.TypeFlags.Boolean | ts.TypeFlags.BooleanLiteral)) return 'boolean';
  if (json) return 'json';
  const name = type.getSymbol()?.name;
  if (name === 'Date') return 'date';
  if (name === 'Buffer' || name === 'Uint8Array') return 'bytes';
  if (checker.isArrayType(type)) return 'array';
  return 'unknown';
}

/** information_schema's data type, as a type class. */
function classOf(dataType: string): TypeClass {
  switch (dataType) {
    case 'text':
    case 'character varying':
    case 'character':
    case 'uuid':
    case 'inet':
    case 'citext':
    case 'USER-DEFINED':
      return 'text';
    case 'smallint':
    case 'integer':
    case 'bigint':
    case 'numeric':
    case 'real':
    case 'double precision':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'date':
    case 'timestamp with time zone':
    case 'timestamp without time zone':
      return 'date';
    case 'json':
    case 'jsonb':
      return 'json';
    case 'ARRAY':
      return 'array';
    case 'bytea':
      return 'bytes';
    default:
      return 'unknown';
  }
}

async function migratedTables(url: string): Promise<Tables> {
  await migrateToLatest(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ table_name: string; column_name: string; is_nullable: string; data_type: string }>(
      `SELECT c.table_name, c.column_name, c.is_nullable, c.data_type
       FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
       WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'`,
    );
    const tables: Tables = new Map();
    for (const row of rows) {
      if (IGNORED_TABLES.has(row.table_name)) continue;
      const columns = tables.get(row.table_name) ?? new Map<string, ColumnShape>();
      columns.set(row.column_name, { nullable: row.is_nullable === 'YES', type: classOf(row.data_type) });
      tables.set(row.table_name, columns);
    }
    return tables;
  } finally {
    await client.end();
  }
}

function compare(declared: Tables, actual: Tables): string[] {
  const problems: string[] = [];
  for (const [table, columns] of declared) {
    const real = actual.get(table);
    if (!real) {
      problems.push(`${table}: in schema.ts, but no migration creates the table`);
      continue;
    }
    for (const [column, shape] of columns) {
      const found = real.get(column);
      if (!found) {
        problems.push(`${table}.${column}: in schema.ts, but not in the database`);
        continue;
      }
      if (shape.nullable !== found.nullable) {
        problems.push(`${table}.${column}: schema.ts says ${shape.nullable ? 'nullable' : 'NOT NULL'}, the database says ${found.nullable ? 'nullable' : 'NOT NULL'}`);
      }
      if (shape.type !== found.type) {
        problems.push(`${table}.${column}: schema.ts reads it as ${shape.type}, the database stores ${found.type}`);
      }
    }
    for (const column of real.keys()) {
      if (!columns.has(column)) problems.push(`${table}.${column}: in the database, missing from schema.ts`);
    }
  }
  for (const table of actual.keys()) {
    if (!declared.has(table)) problems.push(`${table}: in the database, missing from the DB interface in schema.ts`);
  }
  return problems;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** Runs `check` against a fresh, empty database, and removes it afterwards. */
async function withFreshDatabase<T>(check: (url: string) => Promise<T>): Promise<T> {
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) {
    const name = `dailies_schema_check_${randomBytes(6).toString('hex')}`;
    const admin = async (statement: string) => {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      try {
        await client.query(statement);
      } finally {
        await client.end();
      }
    };
    await admin(`CREATE DATABASE ${name}`);
    try {
      return await check(withDatabase(serverUrl, name));
    } finally {
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'dailies-schema-check-'));
  let embedded: EmbeddedPostgres | undefined;
  try {
    await chmod(dataDir, 0o755);
    embedded = await startEmbeddedPostgres({ dataDir, settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' } });
    return await check(embedded.url);
  } finally {
    await embedded?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

const declared = declaredTables();
const problems = await withFreshDatabase(async (url) => compare(declared, await migratedTables(url)));
if (problems.length > 0) {
  process.stderr.write(
    `server/db/schema.ts does not match the migrations (${problems.length}):\n${problems.map((problem) => `  - ${problem}`).join('\n')}\n` +
      'Change schema.ts to say what the migrations build (a migration, once landed, is not edited).\n',
  );
  process.exit(1);
}
process.stdout.write(`server/db/schema.ts matches the migrations (${declared.size} tables).\n`);
