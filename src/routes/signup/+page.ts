import type { SignupInfoDto } from '$lib/api/auth.schema.ts';
import { apiClient } from '$lib/services/api.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch }) => ({
  // The form still works when this cannot be read: the server then says what is missing.
  signup: await apiClient(fetch).auth.signupInfo().catch((): SignupInfoDto => ({ open: true, setup_token_required: false })),
});
