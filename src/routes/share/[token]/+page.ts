import { ApiError, apiRequest } from '$lib/services/api.ts';
import type { ShareLinkRole } from '$lib/domain/enums.ts';
import type { PageLoad } from './$types';

export interface ShareInfo {
  label: string;
  role: ShareLinkRole;
  password_required: boolean;
  expires_at: string | null;
}

/** What the link opens, or why it cannot be used (expired, revoked, invalid) — never any episode data. */
export const load: PageLoad = async ({ fetch, params }) => {
  try {
    const info = await apiRequest<ShareInfo>(fetch, `/share/${encodeURIComponent(params.token)}`);
    return { info, problem: null };
  } catch (cause) {
    const problem = cause instanceof ApiError ? { code: cause.code, message: cause.message } : { code: 'unavailable', message: 'The server could not be reached.' };
    return { info: null, problem };
  }
};
