/**
 * The check `dailies providers` runs on a video API: reachability, credentials and the model, with
 * one read-only request per API.
 */
import type { ProviderCheck } from '../planner.types.ts';
import { hostOf, probe } from '../provider-check.ts';
import type { AiVideoKind } from './ai-sdk-video.provider.ts';
import { KEY_REFUSED } from './video-api-errors.ts';

export async function checkVideoApi(settings: { kind: AiVideoKind; apiKey: string; model: string; keySetting: string }, base: string): Promise<ProviderCheck> {
  const { kind, apiKey, model, keySetting } = settings;
  const requests: Record<AiVideoKind, { url: string; headers: Record<string, string> }> = {
    // fal has no read-only call on the queue host: ask for the status of no request; a known key gets 404, a wrong one 401.
    fal: { url: `${base}/${model.startsWith('fal-ai/') ? model : `fal-ai/${model}`}/requests/00000000-0000-0000-0000-000000000000/status`, headers: { authorization: `Key ${apiKey}` } },
    replicate: { url: `${base}/models/${model.split(':')[0]}`, headers: { authorization: `Bearer ${apiKey}` } },
    xai: { url: `${base}/api-key`, headers: { authorization: `Bearer ${apiKey}` } },
    google: { url: `${base}/models/${model}`, headers: { 'x-goog-api-key': apiKey } },
  };
  const response = await probe(requests[kind].url, requests[kind].headers, hostOf(base));
  if (!(response instanceof Response)) return response;
  const body = await response.text().catch(() => '');
  if (response.status === 401 || response.status === 403 || (response.status === 400 && KEY_REFUSED.test(body))) {
    return { ok: false, verdict: `credentials refused (HTTP ${response.status}); check ${keySetting}` };
  }
  if (kind === 'fal' && response.status === 404) return { ok: true, verdict: `reachable, credentials accepted, model ${model}` };
  if (response.status === 404) return { ok: false, verdict: `reachable, but the model "${model}" is unknown there` };
  if (!response.ok) return { ok: false, verdict: `reachable, but it answered HTTP ${response.status}` };
  return { ok: true, verdict: `reachable, credentials accepted, model ${model}` };
}
