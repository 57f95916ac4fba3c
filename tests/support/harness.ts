/**
 * The usual set-up of a workflow test: a migrated database, the HTTP app, a real worker, and an
 * editor who is signed in (the server's first account).
 */
import type { WorkerHandle } from '../../server/jobs/worker.ts';
import { startAppServer, type AppServer } from './app-server.ts';
import { signedUpClient, type TestClient } from './http-client.ts';
import { createTestContext, type TestContext } from './services.ts';
import { startTestWorker } from './worker.ts';

export interface Harness {
  context: TestContext;
  server: AppServer;
  worker: WorkerHandle;
  editor: TestClient;
  close(): Promise<void>;
}

export async function startHarness(options: Parameters<typeof createTestContext>[0] = {}): Promise<Harness> {
  const context = await createTestContext(options);
  const server = await startAppServer(context);
  const worker = await startTestWorker(context);
  const editor = await signedUpClient(server.base, 'editor@example.com');
  return {
    context,
    server,
    worker,
    editor,
    async close() {
      await worker.stop();
      await server.close();
      await context.cleanup();
    },
  };
}

/** Creates an episode from a JSON shot list through the API; returns its id. */
export async function shotListEpisode(editor: TestClient, shots: Record<string, unknown>[], title?: string): Promise<string> {
  const { status, body } = await editor.json<{ id: string }>('POST', '/api/v1/episodes', { shots, ...(title ? { title } : {}) });
  if (status !== 201) throw new Error(`creating the shot list gave ${status}`);
  return body.id;
}
