import type { Template } from "../../nomad/model.js";
import { NOMAD_VAR, toExternalSecretTemplate } from "./go-template.js";
import type { Delims } from "./go-template-scan.js";
import { markRanges, rangeLines, type SecretRange } from "./secret-ranges.js";
import { fileName, perms, taskPath, destinationPath } from "./template-paths.js";
import { mount } from "../storage/pod-volumes.js";
import { extractSecretName } from "../secrets/external-secrets.js";
import type { TemplateContext, TemplateResult } from "./template-context.js";

const what = (source: string) => (source.startsWith(NOMAD_VAR) ? `Nomad variable ${source.slice(NOMAD_VAR.length)}` : `Vault secret ${source}`);

/**
 * An env template line per key of a secret: the env ExternalSecret extracts the whole remote key
 * and the container loads that Secret with env_from, so every key the store holds is set, as
 * Nomad set them. A body that writes more than `KEY=VALUE` is a blocking step.
 */
export function mapEnvRanges(ranges: SecretRange[], t: Template, ctx: TemplateContext, out: TemplateResult): void {
  for (const r of ranges) {
    const remoteKey = ctx.secrets.remoteKey(r.source);
    if (!r.envLines) {
      ctx.diags.manual("N2K-TPL-012", `env template ${t.destination} ranges over every key of ${what(r.source)} (template ${rangeLines(r)}) and writes more than KEY=VALUE lines: those env vars are not set`, {
        path: t.path,
        line: t.line,
        blocking: true,
        hint: `store the env vars under the names the app reads in the secret store and load them with env_from (an ExternalSecret with dataFrom extract of "${remoteKey}")`,
      });
      continue;
    }
    ctx.secrets.addEnvExtract(remoteKey);
    if (!out.envFrom.some((e) => JSON.stringify(e.secretName) === JSON.stringify(ctx.secretsRef.env))) out.envFrom.push({ secretName: ctx.secretsRef.env, comment: `every key of ${what(r.source)} (env template ${t.destination})` });
    ctx.diags.manual("N2K-SEC-009", `env template ${t.destination} sets an env var per key of ${what(r.source)} (template ${rangeLines(r)}): ExternalSecret ${ctx.interp.appName}-secrets extracts the whole remote key "${remoteKey}" (dataFrom), loaded with env_from`, {
      path: t.path,
      line: t.line,
      hint: "check the store holds the keys under env var names (letters, digits, _): the kubelet skips a key that is not one",
    });
  }
}

/**
 * A file template that ranges over every key of one secret: an ExternalSecret of its own
 * extracts the remote key and renders the file with the same loop over its keys. A file that
 * also reads other secrets or does more than write keys and values is a blocking step.
 */
export function mapFileRanges(ranges: SecretRange[], text: string, d: Delims, t: Template, ctx: TemplateContext, out: TemplateResult): void {
  const sources = [...new Set(ranges.map((r) => r.source))];
  let otherRefs = false;
  const marked = toExternalSecretTemplate(markRanges(text, ranges), () => {
    otherRefs = true;
    return "_";
  }, d);
  if (sources.length > 1 || otherRefs || marked === null || ranges.some((r) => r.body === undefined)) {
    ctx.diags.manual("N2K-TPL-012", `secret file template ${t.destination} ranges over every key of ${sources.map(what).join(", ")} (template ${ranges.map(rangeLines).join(", ")}) and does more than write their keys and values: the file is not written, so ${taskPath(t.destination)} does not exist in the pod`, {
      path: t.path,
      line: t.line,
      blocking: true,
      hint: `write it as an ExternalSecret with dataFrom extract of "${ctx.secrets.remoteKey(sources[0])}" and a target template, and mount it at ${destinationPath(t.destination)}`,
    });
    return;
  }
  const template = marked.replace(/\u0003(\d+)\u0003/g, (_, i: string) => `{{ range $k, $v := . }}${ranges[Number(i)].body}{{ end }}`);
  const remoteKey = ctx.secrets.remoteKey(sources[0]);
  const n = ctx.secrets.addExtractFile(remoteKey, fileName(t.destination), template);
  const name = ctx.pod.secret(n === 1 ? "secret-extract" : `secret-extract-${n}`, { secretName: extractSecretName(n), defaultMode: t.perms ? perms(t.perms) : undefined });
  out.files.push({ dest: taskPath(t.destination), mount: mount(name, destinationPath(t.destination), { subPath: fileName(t.destination), readOnly: true }) });
  ctx.diags.manual("N2K-SEC-009", `secret file template ${t.destination} writes every key of ${what(sources[0])} (template ${ranges.map(rangeLines).join(", ")}): an ExternalSecret of its own extracts the whole remote key "${remoteKey}" (dataFrom) and renders the file with the same loop`, {
    path: t.path,
    line: t.line,
    hint: "check the store holds every key the file should list, and only those",
  });
}
