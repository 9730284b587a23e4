// A child process for kill-during-snapshot.test.ts: opens the store with snapshots taken by the
// checkpoint worker (however small the database) and frequent checkpoints, then commits tags
// k<from>, k<from+1>, … with several in flight, printing `ack <n>` once tag n is durable.
// Run with tsx: node --import tsx checkpointing-writer.ts <store> <from> [<key file>]
// (with a key file the store is created encrypted with it, or opened with it).
import { defaultExperimentOps } from '../../../electron/services/experiments-service';
import { Store } from '../../../electron/store/store';
import { seedRuns } from '../../support/seed-runs';

const [dir, fromArg, keyFile] = process.argv.slice(2);
const from = Number(fromArg);
const store = await Store.open({
  dir: dir!, ...(keyFile ? { key: { kind: 'key-file', path: keyFile } as const } : {}), initialOps: defaultExperimentOps, checkpointWorkerMinBytes: 0, checkpointBytes: 4_000,
  log: (m) => process.stdout.write(`log ${m}\n`),
});
if (from === 0) await seedRuns(store, { runs: 1500, metrics: 2 }); // a snapshot of a few MB: its write takes a while
process.stdout.write('ready\n');
let next = from;
const writer = async () => {
  for (;;) {
    const n = next++;
    await store.commit({ type: 'experiment.setTag', id: '0', tag: { key: `k${n}`, value: 'v'.repeat(200) }, time: n });
    process.stdout.write(`ack ${n}\n`);
  }
};
await Promise.all(Array.from({ length: 8 }, writer));
