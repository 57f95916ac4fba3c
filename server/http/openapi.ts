/**
 * The OpenAPI document, generated from the routes' own declarations (`endpoint(...)`) and the same
 * zod schemas that validate requests.
 */
import { z } from 'zod';
import { PERMISSIONS } from '../auth/policies.ts';
import type { EndpointSpec, Rule } from './endpoint.ts';

function describeRule(rule: Rule): string {
  switch (rule.kind) {
    case 'public':
      return 'Open to anyone.';
    case 'signed_in':
      return 'Any signed-in caller, guests included.';
    case 'account':
      return `${rule.admin ? 'A server admin’s account' : 'An account (not a guest)'}${rule.minScope ? `; API tokens need scope ${rule.minScope} or more` : ''}.`;
    case 'episode':
      return `Role ${PERMISSIONS[rule.permission]} or more on the episode (${rule.permission}).`;
  }
}

const errorSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message', 'details'],
      properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} },
    },
  },
};

export function openApiDocument(endpoints: Map<string, EndpointSpec>, version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [key, spec] of endpoints) {
    const [method, honoPath] = key.split(' ') as [string, string];
    const path = honoPath.replace(/:(\w+)/g, '{$1}');
    const parameters = [...honoPath.matchAll(/:(\w+)/g)].map((match) => ({
      name: match[1],
      in: 'path',
      required: true,
      schema: { type: 'string', ...(match[1] === 'id' ? { format: 'uuid' } : {}) },
    }));
    paths[path] ??= {};
    paths[path][method.toLowerCase()] = {
      summary: spec.summary,
      description: describeRule(spec.rule),
      'x-dailies-rule': spec.rule,
      ...(parameters.length ? { parameters } : {}),
      ...(spec.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: z.toJSONSchema(spec.body, { io: 'input' }) } } } }
        : {}),
      security: spec.rule.kind === 'public' ? [] : [{ session: [] }, { bearer: [] }, { guest: [] }],
      responses: {
        [String(spec.success ?? 200)]: { description: 'Success' },
        ...Object.fromEntries(Object.entries(spec.alsoSucceeds ?? {}).map(([status, description]) => [status, { description }])),
        ...(spec.rateLimit || spec.guesses
          ? {
              '429': {
                description: spec.rateLimit
                  ? `More than ${spec.rateLimit.limit.max} in ${spec.rateLimit.limit.windowSeconds} seconds per ${spec.rateLimit.per} (counter "${spec.rateLimit.name}"); Retry-After says when to try again`
                  : 'Too many wrong passwords; Retry-After says when to try again',
                content: { 'application/json': { schema: errorSchema } },
              },
            }
          : {}),
        default: { description: 'Error', content: { 'application/json': { schema: errorSchema } } },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Dailies API', version },
    servers: [{ url: '/api/v1' }],
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'dailies_session' },
        guest: { type: 'apiKey', in: 'cookie', name: 'dailies_guest' },
        bearer: { type: 'http', scheme: 'bearer' },
      },
    },
    paths,
  };
}
