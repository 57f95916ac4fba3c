/**
 * Generation templates: an episode's (/episodes/{id}/templates, its editors keep them) and a
 * person's own (/me/templates, usable in any episode they can edit). Applying one to shots is an
 * episode route: POST /episodes/{id}/templates/{templateId}/apply.
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import { applyTemplateBody, createTemplateBody, patchTemplateBody } from '../../../src/lib/api/templates.schema.ts';
import { authorizeEpisode } from '../../auth/policies.ts';
import type { Principal } from '../../auth/principal.ts';
import type { Services } from '../../commands/services.ts';
import { applyTemplate, createTemplate, deleteTemplate, editTemplate, usableIn } from '../../commands/templates.ts';
import { findSegment } from '../../db/queries/segment.queries.ts';
import { findTemplate, listAccountTemplates, listEpisodeTemplates } from '../../db/queries/template.queries.ts';
import type { GenerationTemplate, VideoSegment } from '../../db/schema.ts';
import { notFound } from '../../errors.ts';
import type { AppEnv } from '../context.ts';
import { bodyOf, endpoint } from '../endpoint.ts';
import { presentTemplate } from '../presenters/template.presenter.ts';
import { parseWith } from '../validate.ts';
import type { RouteDeps } from './route-deps.ts';

const templateParam = z.object({ templateId: z.uuid({ message: 'must be a UUID' }) });

const userIdOf = (principal: Principal) => (principal.kind === 'user' ? principal.userId : undefined);

/**
 * The template the path names, when the caller may use it here: the episode's own, or (with
 * `ownToo`) one in the caller's account. Anything else is a 404 like a missing one.
 */
async function templateOf(
  c: Context<AppEnv>,
  services: Services,
  where: { episodeId?: string; ownToo?: boolean; accountOnly?: boolean; deletedToo?: boolean },
): Promise<GenerationTemplate> {
  const { templateId } = parseWith(templateParam, c.req.param());
  const template = await findTemplate(services.db, templateId, where.deletedToo);
  if (!usableIn(template, { ...where, userId: userIdOf(c.get('principal')) })) throw notFound('Template', templateId);
  return template;
}

/** The take a template is saved from, once the caller may read it (and it is in `episodeId`, when given). */
async function sourceTake(c: Context<AppEnv>, services: Services, segmentId: string | undefined, episodeId?: string): Promise<VideoSegment | undefined> {
  if (segmentId === undefined) return undefined;
  const segment = await findSegment(services.db, segmentId);
  if (!segment || (episodeId !== undefined && segment.episode_id !== episodeId)) throw notFound('Segment', segmentId);
  await authorizeEpisode(services.db, c.get('principal'), segment.episode_id, 'episode.read');
  return segment;
}

export function episodeTemplatesRoutes({ services }: RouteDeps) {
  const { db } = services;
  const read = { kind: 'episode', permission: 'episode.read', id: 'episode' } as const;
  const edit = { kind: 'episode', permission: 'shot.edit', id: 'episode' } as const;
  return new Hono<AppEnv>()
    .get('/:id/templates', endpoint(db, { rule: read, summary: 'The episode’s templates and the caller’s own' }), async (c) => {
      const userId = userIdOf(c.get('principal'));
      return c.json({
        episode: (await listEpisodeTemplates(db, c.get('episodeId'))).map(presentTemplate),
        account: userId ? (await listAccountTemplates(db, userId)).map(presentTemplate) : [],
      });
    })
    .post('/:id/templates', endpoint(db, { rule: edit, summary: 'Save an approved take’s parameters (or given ones) as a template of the episode', body: createTemplateBody, success: 201 }), async (c) => {
      const body = bodyOf(c, createTemplateBody);
      const source = await sourceTake(c, services, body.from_segment_id, c.get('episodeId'));
      const template = await createTemplate(services, { scope: 'episode', episodeId: c.get('episodeId') }, body, source, c.get('actor'));
      return c.json(presentTemplate(template), 201);
    })
    .patch('/:id/templates/:templateId', endpoint(db, { rule: edit, summary: 'Rename an episode template or change its parameters', body: patchTemplateBody }), async (c) => {
      const template = await templateOf(c, services, { episodeId: c.get('episodeId') });
      return c.json(presentTemplate(await editTemplate(services, template, bodyOf(c, patchTemplateBody))));
    })
    .delete('/:id/templates/:templateId', endpoint(db, { rule: edit, summary: 'Delete an episode template (takes that used it keep its name and version)' }), async (c) => {
      // Deleting twice is not an error: the second finds it deleted already.
      const template = await templateOf(c, services, { episodeId: c.get('episodeId'), deletedToo: true });
      await deleteTemplate(services, template);
      return c.json({ deleted: template.id });
    })
    .post(
      '/:id/templates/:templateId/apply',
      endpoint(db, { rule: edit, summary: 'Apply a template (the episode’s or the caller’s own) to shots before they are generated; all or nothing', body: applyTemplateBody }),
      async (c) => {
        const template = await templateOf(c, services, { episodeId: c.get('episodeId'), ownToo: true });
        const shots = await applyTemplate(services, c.get('episodeId'), template, bodyOf(c, applyTemplateBody), c.get('actor'));
        return c.json({
          template: { id: template.id, name: template.name, version: template.version },
          shots: shots.map((shot) => ({ id: shot.id, shot_number: shot.shot_number })),
        });
      },
    );
}

export function accountTemplatesRoutes({ services }: RouteDeps) {
  const { db } = services;
  const account = { kind: 'account' } as const;
  // A read-only API token does not write, even to its person's own templates.
  const write = { kind: 'account', minScope: 'editor' } as const;
  const mine = (c: Context<AppEnv>) => userIdOf(c.get('principal'))!;
  return new Hono<AppEnv>()
    .get('/templates', endpoint(db, { rule: account, summary: 'The caller’s own templates' }), async (c) =>
      c.json({ templates: (await listAccountTemplates(db, mine(c))).map(presentTemplate) }),
    )
    .post('/templates', endpoint(db, { rule: write, summary: 'Save an approved take’s parameters (or given ones) as a template of one’s own', body: createTemplateBody, success: 201 }), async (c) => {
      const body = bodyOf(c, createTemplateBody);
      const source = await sourceTake(c, services, body.from_segment_id);
      const template = await createTemplate(services, { scope: 'account', userId: mine(c) }, body, source, c.get('actor'));
      return c.json(presentTemplate(template), 201);
    })
    .patch('/templates/:templateId', endpoint(db, { rule: write, summary: 'Rename one’s own template or change its parameters', body: patchTemplateBody }), async (c) => {
      const template = await templateOf(c, services, { accountOnly: true });
      return c.json(presentTemplate(await editTemplate(services, template, bodyOf(c, patchTemplateBody))));
    })
    .delete('/templates/:templateId', endpoint(db, { rule: write, summary: 'Delete one’s own template (takes that used it keep its name and version)' }), async (c) => {
      const template = await templateOf(c, services, { accountOnly: true, deletedToo: true });
      await deleteTemplate(services, template);
      return c.json({ deleted: template.id });
    });
}
