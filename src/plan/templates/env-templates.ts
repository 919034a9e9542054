import type { Template } from "../../nomad/model.js";
import { PLAIN_ENV_PIPES, SecretScope } from "./go-template.js";
import { isComment, scanActions, type Delims } from "./go-template-scan.js";
import type { EnvVar } from "../model.js";
import type { TemplateContext } from "./nomad-templates.js";

/**
 * KEY=VALUE lines of an env template: literals become env values, secret reads secret refs
 * (a pipeline only when it leaves the plain value). What needs a hand is reported once.
 */
export function envLines(text: string, d: Delims, t: Template, ctx: TemplateContext): EnvVar[] {
  const env: EnvVar[] = [];
  const scope = new SecretScope();
  const actions = scanActions(text, d);
  const byHand: string[] = [];
  const skipped: number[] = [];
  text.split("\n").forEach((line, i) => {
    const assign = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    const mine = actions.filter((a) => a.line === i + 1);
    let ref: { path: string; property: string } | undefined;
    let plain = true;
    for (const a of mine) {
      if (isComment(a.body)) continue;
      const step = scope.step(a.body);
      if (step.kind === "ref") {
        ref = { path: step.source, property: step.property };
        if (step.pipes.some((p) => !PLAIN_ENV_PIPES.has(p))) plain = false;
      } else if (step.kind === "open-other" || step.kind === "other" || step.kind === "open-pki" || step.kind === "pki-field" || step.kind === "assign") plain = false;
    }
    if (!assign) {
      if (line.trim() && !line.trim().startsWith("#") && mine.length === 0) skipped.push(i + 1);
      return;
    }
    const [, name, raw] = assign;
    const literal = raw.split(d.left).map((s, j) => (j === 0 ? s : s.slice(s.indexOf(d.right) + d.right.length))).join("");
    if (ref && plain && literal.replace(/^["']|["']$/g, "").trim() === "") {
      const key = ctx.secrets.addEnv(name, ctx.secrets.remoteKey(ref.path), ref.property);
      env.push({ name, secretRef: { name: ctx.secretsRef.env, key } });
    } else if (mine.length === 0) env.push({ name, value: raw.replace(/^"(.*)"$|^'(.*)'$/, "$1$2") });
    else byHand.push(`${i + 1} (${name})`);
  });
  if (skipped.length) ctx.diags.warn("N2K-TPL-006", `line${skipped.length > 1 ? "s" : ""} ${skipped.join(", ")} of env template ${t.destination} ${skipped.length > 1 ? "are" : "is"} not KEY=VALUE; skipped`, { path: t.path, line: t.line });
  if (byHand.length) ctx.diags.manual("N2K-TPL-001", `env template ${t.destination}: line${byHand.length > 1 ? "s" : ""} ${byHand.join(", ")} mix${byHand.length > 1 ? "" : "es"} text, lookups or pipelines; set ${byHand.length > 1 ? "them" : "it"} by hand`, { path: t.path, line: t.line });
  return env;
}
