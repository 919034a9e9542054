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

/** Port names must be IANA_SVC_NAME: at most 15 chars, lowercase alphanumerics and '-', a letter. */
export function portName(label: string): string {
  const name = dnsLabel(label, 15).replace(/-{2,}/g, "-");
  return /[a-z]/.test(name) ? name : dnsLabel(`port-${name}`, 15);
}

/** Port names are unique in a Service and at most 15 characters. */
export function uniqueName(name: string, taken: Set<string>): string {
  let unique = name;
  for (let i = 2; taken.has(unique); i++) unique = `${name.slice(0, 15 - String(i).length - 1).replace(/-+$/, "")}-${i}`;
  taken.add(unique);
  return unique;
}

/** ConfigMap and Secret keys: letters, digits, '-', '_' and '.'. */
export function dataKey(name: string): string {
  const key = name.replace(/[^-._a-zA-Z0-9]+/g, "_");
  return key && key !== "." && key !== ".." ? key : "file";
}

