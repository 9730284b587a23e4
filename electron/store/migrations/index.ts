import { sql as tracking } from './001-tracking';

/** Ordered schema migrations; each runs once, inside a transaction, and is recorded by id. */
export const migrations: { id: string; sql: string }[] = [{ id: '001-tracking', sql: tracking }];
