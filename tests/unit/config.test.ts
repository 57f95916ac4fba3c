import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';

describe('configuration', () => {
  it('needs nothing: the embedded default', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dataDir).toMatch(/\/data$/);
  });

  it('reads PORT, DATABASE_URL and DAILIES_DATA_DIR', () => {
    const config = loadConfig({ PORT: '8080', DATABASE_URL: 'postgres://u@h/db', DAILIES_DATA_DIR: '/srv/dailies' });
    expect(config).toMatchObject({ port: 8080, databaseUrl: 'postgres://u@h/db', dataDir: '/srv/dailies' });
  });

  it('reads the shot cap and the per-account quotas, with their defaults', () => {
    expect(loadConfig({}).engine).toMatchObject({ maxShots: 500, quotas: { compiles: 2, pictureRequests: 8, generationRuns: 5 } });
    const engine = loadConfig({ DAILIES_MAX_SHOTS: '40', DAILIES_MAX_ACTIVE_COMPILES: '1', DAILIES_MAX_ACTIVE_PICTURE_REQUESTS: '3', DAILIES_MAX_ACTIVE_RUNS: '2' }).engine;
    expect(engine).toMatchObject({ maxShots: 40, quotas: { compiles: 1, pictureRequests: 3, generationRuns: 2 } });
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ DATABASE_URL: '' }).databaseUrl).toBeUndefined();
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT is invalid/],
    [{ PORT: '70000' }, /PORT is invalid/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL is invalid/],
    [{ DAILIES_WORKER_CONCURRENCY: '0' }, /DAILIES_WORKER_CONCURRENCY is invalid/],
    [{ DAILIES_MAX_SHOTS: '0' }, /DAILIES_MAX_SHOTS is invalid/],
    [{ DAILIES_MAX_ACTIVE_RUNS: 'many' }, /DAILIES_MAX_ACTIVE_RUNS is invalid/],
  ])('names the variable at fault: %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});

describe('DAILIES_PUBLIC_URL', () => {
  it('keeps the origin', () => {
    expect(loadConfig({ DAILIES_PUBLIC_URL: 'https://Dailies.example.com/' }).publicUrl).toBe('https://dailies.example.com');
    expect(loadConfig({}).publicUrl).toBeUndefined();
  });

  it.each(['dailies.example.com', 'ftp://dailies.example.com', 'https://dailies.example.com/app', 'https://user:pw@dailies.example.com'])('refuses %s', (value) => {
    expect(() => loadConfig({ DAILIES_PUBLIC_URL: value })).toThrow(/DAILIES_PUBLIC_URL is invalid/);
  });
});

describe('DAILIES_WEBHOOKS_ALLOW_PRIVATE', () => {
  it('is off unless set to 1 or true', () => {
    expect(loadConfig({}).webhooksAllowPrivate).toBe(false);
    expect(loadConfig({ DAILIES_WEBHOOKS_ALLOW_PRIVATE: '1' }).webhooksAllowPrivate).toBe(true);
    expect(loadConfig({ DAILIES_WEBHOOKS_ALLOW_PRIVATE: 'true' }).webhooksAllowPrivate).toBe(true);
    expect(loadConfig({ DAILIES_WEBHOOKS_ALLOW_PRIVATE: '0' }).webhooksAllowPrivate).toBe(false);
    expect(() => loadConfig({ DAILIES_WEBHOOKS_ALLOW_PRIVATE: 'yes' })).toThrow('DAILIES_WEBHOOKS_ALLOW_PRIVATE');
  });
});
