import { sql as tracking } from './001-tracking';
import { sql as registry } from './002-registry';

/** Ordered schema migrations; each runs once, inside a transaction, and is recorded by id. */
export const migrations: { id: string; sql: string }[] = [
  { id: '001-tracking', sql: tracking },
  { id: '002-registry', sql: registry },
];
