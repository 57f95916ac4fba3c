/**
 * /api/v1/auth: sign up (and confirm a sign-up by its emailed link), log in, log out, change password.
 */
import { type Context, Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { changePasswordBody, loginBody, signupBody, signupConfirmBody, type SignupInfoDto } from '../../../src/lib/api/auth.schema.ts';
import { DEVICE_COOKIE } from '../../auth/login-guard.ts';
import { LIMITS, RATE_LIMITS } from '../../auth/rate-limit.ts';
import { GUEST_COOKIE, type IssuedSession, SESSION_COOKIE } from '../../auth/sessions.ts';
import { changePassword, logOut } from '../../commands/accounts.ts';
import { setupTokenNeeded } from '../../commands/first-admin.ts';
import { confirmSignUpRemembered, logInLimited, signUpRemembered } from '../../commands/login.ts';
import type { User } from '../../db/schema.ts';
import type { AppEnv } from '../context.ts';
import { clearSessionCookie, setDeviceCookie, setSessionCookie } from '../cookies.ts';
import { bodyOf, endpoint } from '../endpoint.ts';
import { presentMe, presentPasswordChanged, presentSignupPending } from '../presenters/account.presenter.ts';
import type { RouteDeps } from './route-deps.ts';

export function authRoutes({ services, settings }: RouteDeps) {
  const { db } = services;
  /** Sets the new account's session and device cookies and answers 201 with who is signed in. */
  const signedIn = (c: Context<AppEnv>, { user, session, device }: { user: User; session: IssuedSession; device: { token: string; expiresAt: Date } }) => {
    setSessionCookie(c, settings, SESSION_COOKIE, session.token, session.expiresAt);
    setDeviceCookie(c, settings, DEVICE_COOKIE, device.token, device.expiresAt);
    return c.json(presentMe({ kind: 'user', userId: user.id, email: user.email, name: user.display_name, isAdmin: user.is_admin, via: 'session', scope: null }), 201);
  };
  return new Hono<AppEnv>()
    .post(
      '/signup',
      endpoint(db, {
        rule: { kind: 'public' },
        summary: 'Create an account and sign in (201); with SMTP configured, answer 202 and email the address instead, whether or not it has an account',
        body: signupBody,
        success: 201,
        alsoSucceeds: { 202: 'SMTP is configured: {status: "confirmation_sent", email}, the same whether or not the address has an account; no session' },
        rateLimit: RATE_LIMITS.signup,
      }),
      async (c) => {
        const body = bodyOf(c, signupBody);
        const outcome = await signUpRemembered(
          services,
          {
            email: body.email,
            password: body.password,
            ...(body.display_name && { displayName: body.display_name }),
            setupTokenRequired: settings.setupTokenRequired ?? false,
            setupToken: body.setup_token,
            invitationToken: body.invitation_token,
            invitationProof: body.invitation_proof,
          },
          settings.signupOpen,
          c.get('ip'),
        );
        if (outcome.kind !== 'created') return c.json(presentSignupPending(outcome.email), 202);
        return signedIn(c, outcome);
      },
    )
    .post(
      '/signup/confirm',
      endpoint(db, {
        rule: { kind: 'public' },
        summary: 'Open the link a sign-up emailed, with the password chosen at sign-up: create the account and sign in',
        body: signupConfirmBody,
        success: 201,
        rateLimit: RATE_LIMITS.signup,
      }),
      async (c) => signedIn(c, await confirmSignUpRemembered(services, bodyOf(c, signupConfirmBody), settings.signupOpen, c.get('ip'))),
    )
    .get('/signup', endpoint(db, { rule: { kind: 'public' }, summary: 'Whether anyone may sign up, and whether the first sign-up needs the setup token' }), async (c) => {
      const info: SignupInfoDto = {
        open: settings.signupOpen,
        setup_token_required: settings.signupOpen && (await setupTokenNeeded(services, settings.setupTokenRequired ?? false)),
      };
      return c.json(info);
    })
    .post('/login', endpoint(db, { rule: { kind: 'public' }, summary: 'Sign in with email and password (sets the session cookie)', body: loginBody }), async (c) => {
      const body = bodyOf(c, loginBody);
      // A new session every time: a token planted before login is never promoted (no fixation).
      const { user, session, device } = await logInLimited(services, { email: body.email, password: body.password, ip: c.get('ip'), deviceToken: getCookie(c, DEVICE_COOKIE) });
      setSessionCookie(c, settings, SESSION_COOKIE, session.token, session.expiresAt);
      setDeviceCookie(c, settings, DEVICE_COOKIE, device.token, device.expiresAt);
      return c.json(presentMe({ kind: 'user', userId: user.id, email: user.email, name: user.display_name, isAdmin: user.is_admin, via: 'session', scope: null }));
    })
    .post('/logout', endpoint(db, { rule: { kind: 'signed_in' }, summary: 'End the current session (account, and a guest session held beside it)' }), async (c) => {
      await logOut(services, c.get('principal'));
      clearSessionCookie(c, settings, SESSION_COOKIE);
      clearSessionCookie(c, settings, GUEST_COOKIE);
      return c.body(null, 204);
    })
    .post(
      '/password',
      endpoint(db, {
        rule: { kind: 'account', minScope: 'owner' },
        summary: 'Change the password; ends every other session and revokes every API token',
        body: changePasswordBody,
        // The current password is a secret to guess like any other: the same places as a login's.
        guesses: {
          charges: (c) => {
            const principal = c.get('principal');
            return principal.kind === 'user' ? [{ key: `login:${c.get('ip') ?? 'unknown'}:${principal.email.toLowerCase()}`, limit: LIMITS.loginPerAccount }] : undefined;
          },
          wrongSecret: 'invalid_credentials',
        },
      }),
      async (c) => {
        const principal = c.get('principal');
        if (principal.kind !== 'user') throw new Error('unreachable: the rule admits accounts only');
        const body = bodyOf(c, changePasswordBody);
        const changed = await changePassword(services, principal.userId, body.current_password, body.new_password);
        setSessionCookie(c, settings, SESSION_COOKIE, changed.session.token, changed.session.expiresAt);
        return c.json(presentPasswordChanged(changed));
      },
    );
}
