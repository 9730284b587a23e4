import { sql as tracking } from './001-tracking';
import { sql as registry } from './002-registry';
import { sql as sync } from './003-sync';
import { sql as pull } from './004-pull';
import { sql as pullArtifacts } from './006-pull-artifacts';
import { sql as imports } from './007-imports';
import { sql as bundles } from './008-bundles';
import { sql as pulledModelFiles } from './009-pulled-model-files';
import { sql as inlineSeries } from './010-inline-series';
import { sql as inputsByRun } from './011-inputs-by-run';

/** Ordered schema migrations; each runs once, inside a transaction, and is recorded by id. */
export const migrations: { id: string; sql: string }[] = [
  { id: '001-tracking', sql: tracking },
  { id: '002-registry', sql: registry },
  { id: '003-sync', sql: sync },
  { id: '004-pull', sql: pull },
  { id: '006-pull-artifacts', sql: pullArtifacts },
  { id: '007-imports', sql: imports },
  { id: '008-bundles', sql: bundles },
  { id: '009-pulled-model-files', sql: pulledModelFiles },
  { id: '010-inline-series', sql: inlineSeries },
  { id: '011-inputs-by-run', sql: inputsByRun },
];
