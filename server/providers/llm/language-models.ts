/**
 * Language-model planners from their settings, and the check `dailies providers` runs on each:
 * can the service be reached, does it accept the credentials, does it know the model.
 */
import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { Planner, ProviderCheck } from '../planner.types.ts';
import { hostOf, probe } from '../provider-check.ts';
import type { LanguageModelSettings } from '../provider-settings.ts';
import { createLanguageModelPlanner } from './language-model.planner.ts';

export const GEMINI_BASE_URL = 'https://generativelanguage.googleapis.com/v1beta';

export function createConfiguredPlanner(settings: LanguageModelSettings): Planner {
  const baseUrl = settings.baseUrl ?? (settings.kind === 'gemini' ? GEMINI_BASE_URL : '');
  const model =
    settings.kind === 'gemini'
      ? createGoogleGenerativeAI({ apiKey: settings.apiKey ?? '', baseURL: baseUrl })(settings.model)
      : createOpenAICompatible({
          name: settings.id,
          baseURL: baseUrl,
          ...(settings.apiKey ? { apiKey: settings.apiKey } : {}),
          supportsStructuredOutputs: true,
        }).chatModel(settings.model);
  const planner = createLanguageModelPlanner({
    id: settings.id,
    description: `Language model ${settings.model} (${settings.kind === 'gemini' ? 'Google Gemini' : 'OpenAI-compatible'} at ${hostOf(baseUrl)}): writes the story, characters, scenes and shots from your idea.`,
    model,
    keySetting: settings.keySetting,
    timeoutMs: settings.timeoutMs,
  });
  return { ...planner, check: () => checkLanguageModel(settings, baseUrl) };
}

/** Asks the service for the model: reachability, credentials and the model's existence in one call. */
async function checkLanguageModel(settings: LanguageModelSettings, baseUrl: string): Promise<ProviderCheck> {
  const gemini = settings.kind === 'gemini';
  const url = gemini ? `${baseUrl.replace(/\/$/, '')}/models/${encodeURIComponent(settings.model)}` : `${baseUrl.replace(/\/$/, '')}/models`;
  const headers: Record<string, string> = {};
  if (settings.apiKey) {
    if (gemini) headers['x-goog-api-key'] = settings.apiKey;
    else headers.authorization = `Bearer ${settings.apiKey}`;
  }
  const response = await probe(url, headers, hostOf(baseUrl));
  if (!(response instanceof Response)) return response;
  if (response.status === 401 || response.status === 403) return { ok: false, verdict: `credentials refused (HTTP ${response.status}); check ${settings.keySetting}` };
  if (gemini && response.status === 404) return { ok: false, verdict: `reachable, but the model "${settings.model}" is unknown there` };
  if (!response.ok) return { ok: false, verdict: `reachable, but it answered HTTP ${response.status}` };
  if (!gemini) {
    const body = (await response.json().catch(() => null)) as { data?: { id?: string }[] } | null;
    const ids = body?.data?.map((entry) => entry.id) ?? [];
    if (ids.length > 0 && !ids.includes(settings.model)) {
      return { ok: false, verdict: `reachable and credentials accepted, but the model "${settings.model}" is not listed (${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ', …' : ''})` };
    }
  }
  return { ok: true, verdict: `reachable, credentials accepted, model ${settings.model}` };
}
