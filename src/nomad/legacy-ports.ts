// Legacy task-level networks (Nomad before 0.12) give each task its own port labels: two tasks
// of one group may both call a port "http". In the group-wide model a label is unique, so a
// label taken already is renamed `<task>_<label>` inside that task, everywhere it is named.

type Raw = Record<string, unknown>;

const asList = (v: unknown): Raw[] => (Array.isArray(v) ? v : v ? [v] : []).filter((x): x is Raw => !!x && typeof x === "object" && !Array.isArray(x));

/** Port labels of a task's `resources { network { port "x" {} } }`. */
function legacyLabels(task: Raw): string[] {
  return asList(task.resources).flatMap((r) => asList(r.network).flatMap((n) => asList(n.port).flatMap((p) => Object.keys(p))));
}

/** Renames colliding legacy port labels in the raw group body; returns the renames made. */
export function scopeLegacyPortLabels(group: Raw): { task: string; from: string; to: string }[] {
  const taken = new Set(asList(group.network).flatMap((n) => asList(n.port).flatMap((p) => Object.keys(p))));
  const renames: { task: string; from: string; to: string }[] = [];
  for (const tasks of asList(group.task)) {
    for (const [name, bodies] of Object.entries(tasks)) {
      for (const body of asList(bodies)) {
        for (const label of legacyLabels(body)) {
          if (!taken.has(label)) {
            taken.add(label);
            continue;
          }
          let to = `${name}_${label}`.replace(/[^A-Za-z0-9_]/g, "_");
          while (taken.has(to)) to += "_";
          taken.add(to);
          renameLabel(body, label, to);
          renames.push({ task: name, from: label, to });
        }
      }
    }
  }
  return renames;
}

function renameLabel(task: Raw, from: string, to: string): void {
  for (const r of asList(task.resources)) for (const n of asList(r.network)) for (const p of asList(n.port)) renameKey(p, from, to);
  for (const c of asList(task.config)) {
    for (const m of asList(c.port_map)) renameKey(m, from, to);
    if (Array.isArray(c.ports)) c.ports = c.ports.map((x) => (x === from ? to : x));
  }
  for (const s of asList(task.service)) {
    if (s.port === from) s.port = to;
    for (const c of asList(s.check)) if (c.port === from) c.port = to;
  }
  // `${NOMAD_PORT_http}` and friends inside this task now name the renamed port.
  // Nomad spells a label in env var names with `_` for what a name may not hold (`a-b` → `a_b`).
  const spellings = [...new Set([from, from.replace(/[^A-Za-z0-9_.]/g, "_")])].map((l) => l.replace(/[.*+?^${}()|[\]\\-]/g, "\\$&"));
  const re = new RegExp(`(NOMAD_(?:HOST_|ALLOC_)?(?:PORT|ADDR|IP)_)(?:${spellings.join("|")})(?![A-Za-z0-9_])`, "g");
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") return v.replace(re, `$1${to}`);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === "object") {
      for (const [k, x] of Object.entries(v)) (v as Raw)[k] = walk(x);
      return v;
    }
    return v;
  };
  walk(task);
}

function renameKey(o: Raw, from: string, to: string): void {
  if (!(from in o)) return;
  o[to] = o[from];
  delete o[from];
}
