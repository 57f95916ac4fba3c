/**
 * The domain's closed sets of values (src/lib/domain/enums.ts) are the database's: each array
 * holds the labels of its enum type in a migrated database, in order, or the values its column's
 * CHECK constraint allows.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APPROVAL_STATUSES,
  ASSET_KINDS,
  CAMERA_MOVES,
  COMPILATION_STATUSES,
  COST_SOURCES,
  EPISODE_ROLES,
  EPISODE_SOURCES,
  EPISODE_STATUSES,
  GENERATION_MODES,
  GENERATION_RUN_STATUSES,
  IMAGE_REQUEST_STATUSES,
  KNOWN_CLIENT_KINDS,
  MEMBER_ORIGINS,
  REVIEW_ACTIONS,
  SEGMENT_STATUSES,
  SEGMENT_TYPES,
  SHARE_LINK_ROLES,
  TAKE_DECISIONS,
  TRANSITIONS,
} from '../../../src/lib/domain/enums.ts';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';

const ENUM_TYPES: [typeName: string, values: readonly string[]][] = [
  ['episode_source', EPISODE_SOURCES],
  ['episode_status', EPISODE_STATUSES],
  ['camera_move', CAMERA_MOVES],
  ['segment_type', SEGMENT_TYPES],
  ['segment_status', SEGMENT_STATUSES],
  ['approval_status', APPROVAL_STATUSES],
  ['compilation_status', COMPILATION_STATUSES],
  ['review_action', REVIEW_ACTIONS],
  ['episode_role', EPISODE_ROLES],
  ['generation_mode', GENERATION_MODES],
  ['generation_run_status', GENERATION_RUN_STATUSES],
  ['asset_kind', ASSET_KINDS],
  ['image_request_status', IMAGE_REQUEST_STATUSES],
  ['take_decision', TAKE_DECISIONS],
];

const CHECKED_COLUMNS: [table: string, column: string, values: readonly string[]][] = [
  ['video_segments', 'cost_source', COST_SOURCES],
  ['login_known_clients', 'kind', KNOWN_CLIENT_KINDS],
  ['share_links', 'role', SHARE_LINK_ROLES],
  ['episode_members', 'joined_via', MEMBER_ORIGINS],
  ['shots', 'transition_in', TRANSITIONS],
];

describe('domain enums', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });

  it.each(ENUM_TYPES)('%s has the labels the domain declares, in order', async (typeName, values) => {
    const { rows } = await sql<{ enumlabel: string }>`
      SELECT e.enumlabel FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid
      WHERE t.typname = ${typeName} ORDER BY e.enumsortorder
    `.execute(database.db);
    expect(rows.length, `no enum type ${typeName} in the database`).toBeGreaterThan(0);
    expect(rows.map((row) => row.enumlabel)).toEqual([...values]);
  });

  it.each(CHECKED_COLUMNS)('%s.%s allows exactly the values the domain declares', async (table, column, values) => {
    const { rows } = await sql<{ definition: string }>`
      SELECT pg_get_constraintdef(c.oid) AS definition
      FROM pg_constraint c
      JOIN pg_class r ON r.oid = c.conrelid
      JOIN pg_attribute a ON a.attrelid = r.oid AND a.attnum = c.conkey[1]
      WHERE c.contype = 'c' AND r.relname = ${table} AND a.attname = ${column} AND cardinality(c.conkey) = 1
    `.execute(database.db);
    const listing = rows.map((row) => row.definition).find((definition) => /ANY \(ARRAY\[/.test(definition));
    expect(listing, `no CHECK listing the values of ${table}.${column}`).toBeDefined();
    const allowed = [...listing!.matchAll(/'((?:[^']|'')*)'::/g)].map((match) => (match[1] ?? '').replaceAll("''", "'"));
    expect(allowed.sort()).toEqual([...values].sort());
  });
});
