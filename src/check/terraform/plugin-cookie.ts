// go-plugin refuses to start a plugin run without Terraform's cookie: the stand-in checks it,
// the check hands it over.
export const PLUGIN_COOKIE = { key: "TF_PLUGIN_MAGIC_COOKIE", value: "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2" } as const;
