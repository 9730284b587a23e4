import { startSextant } from './servers';

/** The names of every experiment in the store at `dataDir` (deleted ones too), as `sextant serve` answers them. */
export async function experimentNamesIn(dataDir: string): Promise<string[]> {
  const server = await startSextant({ dataDir });
  try {
    const res = await fetch(`${server.url}/api/2.0/mlflow/experiments/search?max_results=1000&view_type=ALL`);
    const body = (await res.json()) as { experiments?: { name: string }[] };
    return (body.experiments ?? []).map((e) => e.name);
  } finally {
    await server.stop({ keepData: true });
  }
}
