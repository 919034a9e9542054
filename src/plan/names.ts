// Job, group and task names are untrusted: they become DNS-1123 labels (Kubernetes names,
// module folders) and Terraform identifiers, never paths.

export function dnsLabel(name: string, max = 63): string {
  const s = name
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/-+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, max)
    .replace(/-+$/g, "");
  return s || "job";
}

export function tfIdent(name: string): string {
  const s = name.replace(/[^A-Za-z0-9_]+/g, "_").replace(/^_+|_+$/g, "");
  if (!s) return "this";
  return /^[0-9]/.test(s) ? `_${s}` : s;
}

/** Port names must be IANA_SVC_NAME: at most 15 chars, lowercase alphanumerics and '-'. */
export function portName(label: string): string {
  return dnsLabel(label, 15);
}

/** Returns a name not in `taken`, adding -2, -3… and records it. */
export function uniqueName(base: string, taken: Set<string>): string {
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base}-${i}`;
  taken.add(name);
  return name;
}
