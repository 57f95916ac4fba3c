/**
 * A throw-away Dailies for benchmarks: embedded Postgres in a temporary folder, one account, one
 * generated segment, the HTTP app on a loopback port.
 */
import { createUserSession } from '../server/auth/sessions.ts';
import { createAccount } from '../server/commands/accounts.ts';
import { createEpisode } from '../server/commands/episode-creator.ts';
import { analyzeSegment } from '../server/commands/segment-analyzer.ts';
import { generateSegment } from '../server/commands/segment-generator.ts';
import { createCollabServer } from '../server/collab/server.ts';
import { Notifications } from '../server/db/notifications.ts';
import { loadConfig } from '../server/config.ts';
import { listCurrentSegments } from '../server/db/queries/segment.queries.ts';
import { createApp } from '../server/http/app.ts';
import { listen } from '../server/http/server.ts';
import { setLogLevel } from '../server/logger.ts';
import { openRuntime } from '../server/runtime.ts';

export async function createSession(dataDir: string) {
  setLogLevel('warn');
  const runtime = await openRuntime(loadConfig({ DAILIES_DATA_DIR: dataDir }), { withWorker: false });
  const { services } = runtime;
  const user = await createAccount(services, { email: 'bench@example.com', password: 'bench password 1' });
  const episode = await createEpisode(services, { shots: [{ prompt: 'A bench shot', duration: 5, camera: 'push-in' }] }, { userId: user.id, name: 'bench' });
  const [segment] = await listCurrentSegments(services.db, episode.id);
  await generateSegment(services, { segmentId: segment!.id, autoApprove: false });
  await analyzeSegment(services, { segmentId: segment!.id, autoApprove: false });
  const [ready] = await listCurrentSegments(services.db, episode.id);
  const collab = createCollabServer({ db: services.db, notifications: new Notifications({ pool: runtime.database.pool }) });
  const app = createApp({ services, settings: { signupOpen: false, trustProxy: false }, collab, workerRunning: () => false, version: 'bench' });
  const http = await listen((req, env) => app.fetch(req, env), 0, '127.0.0.1');
  const session = await createUserSession(services.db, user.id);
  return {
    port: http.port,
    sessionToken: session.token,
    videoUrl: ready!.video_url!,
    size: ready!.file_size!,
    async close() {
      await http.close();
      await runtime.close();
    },
  };
}
