// Nomad keeps each allocation under `<data_dir>/alloc/<alloc id>/`: the shared `alloc/`
// directory (data, logs, tmp) and one directory per task. Jobs sometimes bind-mount these
// host paths; a Kubernetes node has nothing there.

const ALLOC_ID_REF = /\$?\$\{\s*(?:env\.)?NOMAD_ALLOC_ID\s*\}/;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/**
 * A host path into Nomad's own data directory: `<data_dir>/alloc/<alloc id>/…` of this
 * allocation (`${NOMAD_ALLOC_ID}`) or of one fixed allocation. `rest` is what follows the id.
 */
export function nomadDataPath(source: string): { own: boolean; rest: string } | undefined {
  const m = new RegExp(`/alloc/(${ALLOC_ID_REF.source}|${UUID.source})(/.*)?$`, "i").exec(source);
  if (m) return { own: ALLOC_ID_REF.test(m[1]), rest: (m[2] ?? "").replace(/\/+$/, "") };
  // Nomad fills only `${…}`; a bare `$NOMAD_ALLOC_ID` still names its data directory.
  return ALLOC_ID_REF.test(source) || /\$NOMAD_ALLOC_ID\b/.test(source) ? { own: false, rest: "" } : undefined;
}

