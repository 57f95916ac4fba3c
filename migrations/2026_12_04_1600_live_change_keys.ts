/**
 * `episode_changed` notifications name what changed, so that the live document reloads that part
 * only (a slot, the episode's own fields, its jobs, its newest activity) rather than the whole
 * episode. The payload is `<episode id> <part>[ <shot id>]`:
 *
 *   slot <shot>   a take, a decision or a note of one shot (video_segments, take_decisions, take_notes)
 *   jobs          generation runs and compiles; also a take of a run that finished or failed
 *   episode       the episode's own row; `all` instead when its approval rule changed
 *   activity      a new activity row
 *   all           shots, scenes, members (roles count in the approval rule)
 *
 * Postgres folds identical notifications of one transaction into one, so a transaction that
 * touches many shots sends one `slot` notification per shot and one of each other part. Tables the
 * live document shows nothing of (characters, assets, the review log) no longer notify.
 */
import { type Kysely, sql } from 'kysely';

const PARTS: Record<string, string> = {
  episodes: 'episode',
  video_segments: 'slot',
  take_decisions: 'slot',
  take_notes: 'slot',
  generation_runs: 'jobs',
  segment_compilation_jobs: 'jobs',
  activity: 'activity',
  shots: 'all',
  scenes: 'all',
  episode_members: 'all',
};
const SILENT = ['characters', 'assets', 'segment_reviews'];

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE OR REPLACE FUNCTION dailies_notify_episode_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      part text := COALESCE(TG_ARGV[0], 'all');
      changed_episode uuid;
      shot uuid;
    BEGIN
      IF TG_TABLE_NAME = 'episodes' THEN
        changed_episode := COALESCE(NEW.id, OLD.id);
        IF TG_OP <> 'UPDATE' OR OLD.approval_rule IS DISTINCT FROM NEW.approval_rule THEN
          part := 'all';
        END IF;
      ELSIF TG_OP = 'DELETE' THEN
        changed_episode := OLD.episode_id;
      ELSE
        changed_episode := NEW.episode_id;
      END IF;
      IF part = 'slot' THEN
        IF TG_TABLE_NAME = 'take_decisions' THEN
          SELECT s.shot_id INTO shot FROM video_segments s WHERE s.id = COALESCE(NEW.segment_id, OLD.segment_id);
        ELSIF TG_OP = 'DELETE' THEN
          shot := OLD.shot_id;
        ELSE
          shot := NEW.shot_id;
        END IF;
        -- A decision whose take is being deleted: the take's own notification covers the slot.
        IF shot IS NULL THEN
          RETURN NULL;
        END IF;
        PERFORM pg_notify('episode_changed', changed_episode::text || ' slot ' || shot::text);
        -- A take of a run finishing (or failing) moves the run's progress. (Nested: plpgsql
        -- reads every field an expression names, and only takes have these.)
        IF TG_TABLE_NAME = 'video_segments' THEN
          IF COALESCE(NEW.generation_run_id, OLD.generation_run_id) IS NOT NULL
            AND (TG_OP <> 'UPDATE' OR OLD.status IS DISTINCT FROM NEW.status) THEN
            PERFORM pg_notify('episode_changed', changed_episode::text || ' jobs');
          END IF;
        END IF;
        RETURN NULL;
      END IF;
      PERFORM pg_notify('episode_changed', changed_episode::text || ' ' || part);
      RETURN NULL;
    END $$;
  `.execute(db);
  for (const [table, part] of Object.entries(PARTS)) {
    const events = table === 'activity' ? sql`INSERT` : sql`INSERT OR UPDATE OR DELETE`;
    await sql`DROP TRIGGER IF EXISTS notify_episode_changed ON ${sql.table(table)}`.execute(db);
    await sql`CREATE TRIGGER notify_episode_changed AFTER ${events} ON ${sql.table(table)}
      FOR EACH ROW EXECUTE FUNCTION dailies_notify_episode_changed(${sql.lit(part)})`.execute(db);
  }
  for (const table of SILENT) await sql`DROP TRIGGER IF EXISTS notify_episode_changed ON ${sql.table(table)}`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE OR REPLACE FUNCTION dailies_notify_episode_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      changed_episode uuid;
    BEGIN
      IF TG_TABLE_NAME = 'episodes' THEN
        changed_episode := COALESCE(NEW.id, OLD.id);
      ELSIF TG_OP = 'DELETE' THEN
        changed_episode := OLD.episode_id;
      ELSE
        changed_episode := NEW.episode_id;
      END IF;
      PERFORM pg_notify('episode_changed', changed_episode::text);
      RETURN NULL;
    END $$;
  `.execute(db);
  for (const table of [...Object.keys(PARTS), ...SILENT]) {
    const events = table === 'activity' ? sql`INSERT` : sql`INSERT OR UPDATE OR DELETE`;
    await sql`DROP TRIGGER IF EXISTS notify_episode_changed ON ${sql.table(table)}`.execute(db);
    await sql`CREATE TRIGGER notify_episode_changed AFTER ${events} ON ${sql.table(table)}
      FOR EACH ROW EXECUTE FUNCTION dailies_notify_episode_changed()`.execute(db);
  }
}
