/**
 * An invitation's link is shown to its sender as well as emailed, so holding it proves nothing
 * about the mailbox. The emailed link carries a second secret, the *mailbox proof*, which only the
 * email holds (kept here as its SHA-256): a sign-up that gives it is made at once, since the
 * address is then proven, without telling the sender anything about accounts.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE invitations ADD COLUMN mailbox_proof_hash text;`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE invitations DROP COLUMN IF EXISTS mailbox_proof_hash;`.execute(db);
}
