/**
 * Generation templates: an episode's and a person's own, found by id, listed, written, and hidden
 * (never deleted: takes name them).
 */
import { sql } from 'kysely';
import type { Database } from '../database.ts';
import type { GenerationTemplate, TemplateParams } from '../schema.ts';

export interface NewTemplate {
  scope: 'episode' | 'account';
  episode_id: string | null;
  owner_user_id: string | null;
  name: string;
  params: TemplateParams;
  source_segment_id: string | null;
  created_by: string | null;
}

/** A template that is not deleted (with `deletedToo`, one that is as well). */
export async function findTemplate(db: Database, id: string, deletedToo = false): Promise<GenerationTemplate | undefined> {
  const query = db.selectFrom('generation_templates').selectAll().where('id', '=', id);
  return (deletedToo ? query : query.where('deleted_at', 'is', null)).executeTakeFirst();
}

/** The same template, locked until the transaction ends (a concurrent edit waits). */
export async function lockTemplate(db: Database, id: string): Promise<GenerationTemplate | undefined> {
  return db.selectFrom('generation_templates').selectAll().where('id', '=', id).where('deleted_at', 'is', null).forUpdate().executeTakeFirst();
}

export async function listEpisodeTemplates(db: Database, episodeId: string): Promise<GenerationTemplate[]> {
  return db.selectFrom('generation_templates').selectAll().where('episode_id', '=', episodeId).where('deleted_at', 'is', null).orderBy(sql`lower(name)`).execute();
}

export async function listAccountTemplates(db: Database, userId: string): Promise<GenerationTemplate[]> {
  return db.selectFrom('generation_templates').selectAll().where('owner_user_id', '=', userId).where('scope', '=', 'account').where('deleted_at', 'is', null).orderBy(sql`lower(name)`).execute();
}

/** Whether another live template of the same scope already has this name (any case). */
export async function templateNameTaken(db: Database, template: { scope: 'episode' | 'account'; episode_id: string | null; owner_user_id: string | null }, name: string, exceptId?: string): Promise<boolean> {
  let query = db
    .selectFrom('generation_templates')
    .select('id')
    .where('scope', '=', template.scope)
    .where('deleted_at', 'is', null)
    .where(sql<string>`lower(name)`, '=', name.toLowerCase());
  query = template.scope === 'episode' ? query.where('episode_id', '=', template.episode_id) : query.where('owner_user_id', '=', template.owner_user_id);
  if (exceptId) query = query.where('id', '<>', exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}

export async function insertTemplate(db: Database, values: NewTemplate): Promise<GenerationTemplate> {
  return db
    .insertInto('generation_templates')
    .values({ ...values, params: JSON.stringify(values.params) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A new name and/or parameters: the version goes up by one. */
export async function updateTemplate(db: Database, id: string, values: { name?: string; params?: TemplateParams }): Promise<GenerationTemplate> {
  return db
    .updateTable('generation_templates')
    .set({
      ...(values.name !== undefined && { name: values.name }),
      ...(values.params !== undefined && { params: JSON.stringify(values.params) }),
      version: sql`version + 1`,
      updated_at: sql`now()`,
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Hides the template; the takes that used it keep its id, name and version. */
export async function markTemplateDeleted(db: Database, id: string): Promise<void> {
  await db.updateTable('generation_templates').set({ deleted_at: sql`now()` }).where('id', '=', id).where('deleted_at', 'is', null).execute();
}
