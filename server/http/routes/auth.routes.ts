/**
 * /api/v1/auth: sign up, log in, log out, change password.
 */
import { Hono } from 'hono';
import { changePasswordBody, loginBody, signupBody } from '../../../src/lib/api/auth.schema.ts';
import { assertUnderLimit, consumeLimit, LIMITS } from '../../auth/rate-limit.ts';
import { GUEST_COOKIE, SESSION_COOKIE } from '../../auth/sessions.ts';
import { changePassword, logIn, logOut, signUp } from '../../commands/accounts.ts';
import type { AppEnv } from '../context.ts';
import { clearSessionCookie, setSessionCookie } from '../cookies.ts';
import { bodyOf, endpoint } from '../endpoint.ts';
import { presentMe, presentPasswordChanged } from '../presenters/account.presenter.ts';
import type { RouteDeps } from './route-deps.ts';

export function authRoutes({ services, settings }: RouteDeps) {
  const { db } = services;
  return new Hono<AppEnv>()
    .post('/signup', endpoint(db, { rule: { kind: 'public' }, summary: 'Create an account and sign in', body: signupBody, success: 201 }), async (c) => {
      await consumeLimit(db, `signup:${c.get('ip')}`, LIMITS.signupPerAddress);
      const body = bodyOf(c, signupBody);
      const { user, session } = await signUp(
        services,
        { email: body.email, password: body.password, ...(body.display_name && { displayName: body.display_name }) },
        settings.signupOpen,
      );
      setSessionCookie(c, settings, SESSION_COOKIE, session.token, session.expiresAt);
      return c.json(presentMe({ kind: 'user', userId: user.id, email: user.email, name: user.display_name, isAdmin: user.is_admin, via: 'session', scope: null }), 201);
    })
    .post('/login', endpoint(db, { rule: { kind: 'public' }, summary: 'Sign in with email and password (sets the session cookie)', body: loginBody }), async (c) => {
      const body = bodyOf(c, loginBody);
      const email = body.email.toLowerCase();
      const keys = [
        [`login-address:${c.get('ip')}`, LIMITS.loginPerAddress],
        [`login:${c.get('ip')}:${email}`, LIMITS.loginPerAccount],
        [`login-email:${email}`, LIMITS.loginPerEmail],
      ] as const;
      for (const [key, limit] of keys) await assertUnderLimit(db, key, limit);
      // A new session every time: a token planted before login is never promoted (no fixation).
      // Only failures count against the limits, so a team behind one address is not locked out.
      const { user, session } = await logIn(services, body.email, body.password).catch(async (error: unknown) => {
        for (const [key, limit] of keys) await consumeLimit(db, key, limit).catch(() => {});
        throw error;
      });
      setSessionCookie(c, settings, SESSION_COOKIE, session.token, session.expiresAt);
      return c.json(presentMe({ kind: 'user', userId: user.id, email: user.email, name: user.display_name, isAdmin: user.is_admin, via: 'session', scope: null }));
    })
    .post('/logout', endpoint(db, { rule: { kind: 'signed_in' }, summary: 'End the current session (account, and a guest session held beside it)' }), async (c) => {
      await logOut(services, c.get('principal'));
      clearSessionCookie(c, settings, SESSION_COOKIE);
      clearSessionCookie(c, settings, GUEST_COOKIE);
      return c.body(null, 204);
    })
    .post('/password', endpoint(db, { rule: { kind: 'account', minScope: 'owner' }, summary: 'Change the password; ends every other session and revokes every API token', body: changePasswordBody }), async (c) => {
      const principal = c.get('principal');
      if (principal.kind !== 'user') throw new Error('unreachable: the rule admits accounts only');
      const body = bodyOf(c, changePasswordBody);
      await consumeLimit(db, `login:${c.get('ip')}:${principal.email.toLowerCase()}`, LIMITS.loginPerAccount);
      const changed = await changePassword(services, principal.userId, body.current_password, body.new_password);
      setSessionCookie(c, settings, SESSION_COOKIE, changed.session.token, changed.session.expiresAt);
      return c.json(presentPasswordChanged(changed));
    });
}
