import type { Group } from "../nomad/model.js";

// `alloc/data` named as a path: `/alloc/data`, `../alloc/data`, `${NOMAD_ALLOC_DIR}/data`,
// `$NOMAD_ALLOC_DIR/data` or a template's `{{ env "NOMAD_ALLOC_DIR" }}/data`.
const ALLOC_DATA = /(?:^|[\s"'=:,(\[])(?:\.{0,2}\/)?alloc\/data\b|NOMAD_ALLOC_DIR(?:\}|"\s*\}\})?\/data\b/;

/**
 * Where the group's tasks name the allocation's alloc/data directory (args, command, env,
 * template bodies, docker volume sources): the data a sticky ephemeral disk kept across updates.
 */
export function allocDataUses(group: Group): { task: string; where: string }[] {
  const out: { task: string; where: string }[] = [];
  for (const t of group.tasks) {
    const texts: [string, unknown][] = [
      ["config.command", t.config.command],
      ...(t.config.entrypoint ?? []).map((x): [string, unknown] => ["config.entrypoint", x]),
      ...(t.config.args ?? []).map((x): [string, unknown] => ["config.args", x]),
      ...Object.entries(t.env).map(([k, v]): [string, unknown] => [`env.${k}`, v]),
      ...t.templates.map((x): [string, unknown] => [`template ${x.destination}`, x.data]),
      ...t.config.volumes.map((v): [string, unknown] => ["config.volumes", v.split(":")[0]]),
      ...t.config.mounts.map((m): [string, unknown] => ["config.mount", m.type === "bind" ? m.source : undefined]),
    ];
    const where = texts.find(([, v]) => typeof v === "string" && ALLOC_DATA.test(v));
    if (where) out.push({ task: t.name, where: where[0] });
  }
  return out;
}
