import { fileFailure, type SourceFile } from "../convert.js";
import { JobError } from "../diagnostics.js";
import { ServiceDirectory, type DirectoryEntry } from "../plan/network/service-directory.js";
import { outputOf, type JobOutput } from "./convert-source.js";
import { FleetIndex, type Placement } from "../plan/fleet-index.js";
import { RouteIndex, type JobRoutes } from "../plan/network/fleet-routes.js";
import type { Converter } from "./worker-pool.js";

/** Receives each job once converted, in input order; `seq` numbers jobs; a second pass repeats a seq. */
export type FleetSink = (seq: number, out: JobOutput, again: boolean) => void;

/** A job whose values name Consul services: converted again if the run turns out to provide one. */
interface Pending {
  seq: number;
  file: number;
  job: string;
  /** The job's position in its file (a file can hold two jobs of one name). */
  at: number;
  placement: Placement;
  lookups: string[];
  routes: JobRoutes;
}

/**
 * Converts a fleet file by file, streaming: at most `window` files are read and in flight, and
 * a job's files go to the sink and are dropped as soon as it is done. What ties jobs together
 * is kept small: the names index (duplicate jobs, module folders), the Consul directory, and
 * the jobs that look up Consul names, which get a second pass once every job is known.
 */
export async function convertFleet(count: number, read: (i: number) => SourceFile, converter: Converter, sink: FleetSink, window = 64): Promise<void> {
  const index = new FleetIndex();
  const directory = new ServiceDirectory();
  const routeIndex = new RouteIndex();
  const pending: Pending[] = [];
  const request = (i: number): Promise<JobOutput[]> => {
    try {
      return converter.run({ src: read(i) });
    } catch (err) {
      if (!(err instanceof JobError)) throw err;
      return Promise.resolve([outputOf(fileFailure(err.diagnostic), {})]);
    }
  };
  let seq = 0;
  for await (const [i, outputs] of inOrder(count, request, window)) {
    for (let [at, out] of outputs.entries()) {
      // A job named "" has a module folder too ("job"): it is placed like any other, so no job takes it over.
      const placement = out.job || out.placed !== null ? index.place(out.job, out.file, out.placed) : { module: out.placed };
      if (placement.module !== out.placed || placement.warning) {
        [out] = await converter.run({ src: read(i), placements: { [out.job]: placement }, only: [at] }, true);
      }
      directory.add(out.services);
      if (out.status === "converted") routeIndex.add(out.job, out.routes);
      if (out.lookups.length || out.routes.routes.length || out.routes.wanted.length) pending.push({ seq, file: i, job: out.job, at, placement, lookups: out.lookups, routes: out.routes });
      sink(seq++, out, false);
    }
  }
  const unique = directory.unique();
  const second = pending.filter((p) => p.lookups.some((n) => unique.has(n)) || routeIndex.about(p.job, p.routes));
  const run = (p: Pending): Promise<JobOutput[]> => {
    const entries = p.lookups.filter((n) => unique.has(n)).map((n): [string, DirectoryEntry] => [n, unique.get(n)!]);
    let src: SourceFile;
    try {
      src = read(p.file);
    } catch (err) {
      // Gone since its first pass: that pass stands (its Consul addresses stay manual steps).
      if (!(err instanceof JobError)) throw err;
      return Promise.resolve([]);
    }
    const fleet = routeIndex.about(p.job, p.routes);
    return converter.run({ src, placements: { [p.job]: p.placement }, only: [p.at], ...(entries.length ? { directory: entries } : {}), ...(fleet ? { fleet } : {}) });
  };
  for await (const [k, [out]] of inOrder(second.length, (j) => run(second[j]), window)) {
    if (out) sink(second[k].seq, out, true);
  }
}

/**
 * `start(0)` … `start(n - 1)` with at most `window` of them running, each result in order with its index.
 * A failure rejects a whole batch of files: the ones not awaited yet must not reject unhandled.
 */
async function* inOrder<T>(n: number, start: (i: number) => Promise<T>, window: number): AsyncGenerator<[number, T]> {
  const running = new Map<number, Promise<T>>();
  const launch = (i: number) => {
    if (i >= n) return;
    const p = start(i);
    p.catch(() => undefined);
    running.set(i, p);
  };
  for (let i = 0; i < Math.min(window, n); i++) launch(i);
  for (let i = 0; i < n; i++) {
    const result = await running.get(i)!;
    running.delete(i);
    launch(i + window);
    yield [i, result];
  }
}
