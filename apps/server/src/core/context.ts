import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema';
import type { Actor } from './identity/actor';

/** What a use case needs to know about the request that runs it. */
export interface Ctx {
  db: Kysely<DB>;
  actor: Actor;
  requestId: string;
  ip: string;
  now: Date;
  /** The county this installation serves: no enterprise is registered outside it. */
  countyCode: string;
}

export type Tx = Transaction<DB> | Kysely<DB>;
