import type { SignupInfoDto } from '$lib/api/auth.schema.ts';
import { apiClient } from '$lib/services/api.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, url }) => {
  const api = apiClient(fetch);
  const invitation = url.searchParams.get('invitation');
  return {
    // The form still works when this cannot be read: the server then says what is missing.
    signup: await api.auth.signupInfo().catch((): SignupInfoDto => ({ open: true, setup_token_required: false })),
    // Signing up through an invitation: the address it was sent to, to start from.
    invitedEmail: invitation ? await api.invitations.info(invitation).then((info) => info.email, () => null) : null,
  };
};
