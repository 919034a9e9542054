import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/**
 * A package needed only by rare inputs (HCL1 files, yamldecode, csvdecode, uuidv5), loaded on
 * first use so that every run does not pay for it at start-up.
 */
export function lazyRequire<T>(id: string): () => T {
  let mod: T | undefined;
  return () => (mod ??= require(id) as T);
}
