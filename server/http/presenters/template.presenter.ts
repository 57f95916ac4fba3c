/**
 * Whitelists what a template's answer carries: never whose account it is in beyond its scope.
 */
import type { TemplateDto } from '../../../src/lib/api/templates.schema.ts';
import type { GenerationTemplate } from '../../db/schema.ts';

export function presentTemplate(template: GenerationTemplate): TemplateDto {
  const { params } = template;
  return {
    id: template.id,
    scope: template.scope,
    episode_id: template.episode_id,
    name: template.name,
    version: template.version,
    params: {
      style: params.style,
      camera: params.camera,
      duration: params.duration === null ? null : Number(params.duration),
      prompt_suffix: params.prompt_suffix,
      provider: params.provider,
      provider_options: params.provider_options,
    },
    source_segment_id: template.source_segment_id,
    created_at: template.created_at.toISOString(),
    updated_at: template.updated_at.toISOString(),
  };
}
