// A Terraform provider that is only a schema: it speaks Terraform's plugin protocol (the
// go-plugin handshake line on stdout, then gRPC tfplugin5, plain on the loopback address for
// Terraform to reattach to) and serves the shipped schema of
// hashicorp/kubernetes 2.38.0 (argument `kubernetes`) or of alekc/kubectl's kubectl_manifest
// (argument `kubectl`). So `terraform validate` and `terraform plan` check every reference,
// type, block and attribute of a module as Terraform itself does, with no download and no
// cluster. Plans are answered with the proposed state; nothing is ever applied.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as grpc from "@grpc/grpc-js";
import * as loader from "@grpc/proto-loader";
import { providerSchema, type SchemaBlock, type TfType } from "../provider-schema.js";
import { PLUGIN_COOKIE } from "./plugin-cookie.js";

const PROTO_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "data", "terraform-plugin");

const NESTING = { single: 1, list: 2, set: 3, map: 4 } as const;

interface WireBlock {
  version: number;
  attributes: { name: string; type: Buffer; required: boolean; optional: boolean; computed: boolean; sensitive: boolean }[];
  block_types: { type_name: string; block: WireBlock; nesting: number; min_items: number; max_items: number }[];
}

/** A schema block from the `terraform providers schema -json` form to the wire form (types as JSON bytes). */
export function wireBlock(block: SchemaBlock, version = 0): WireBlock {
  return {
    version,
    attributes: Object.entries(block.attributes ?? {}).map(([name, a]) => ({
      name,
      type: Buffer.from(JSON.stringify(a.type as TfType)),
      required: !!a.required,
      optional: !!a.optional,
      computed: !!a.computed,
      sensitive: !!(a as { sensitive?: boolean }).sensitive,
    })),
    block_types: Object.entries(block.block_types ?? {}).map(([name, b]) => ({ type_name: name, block: wireBlock(b.block), nesting: NESTING[b.nesting_mode], min_items: b.min_items ?? 0, max_items: b.max_items ?? 0 })),
  };
}

/** The resource schemas one provider serves: kubectl_manifest for kubectl, the rest for kubernetes. */
export function resourceSchemas(provider: "kubernetes" | "kubectl"): Record<string, { version: number; block: WireBlock }> {
  const out: Record<string, { version: number; block: WireBlock }> = {};
  for (const [type, s] of Object.entries(providerSchema().resource_schemas)) {
    if ((type === "kubectl_manifest") !== (provider === "kubectl")) continue;
    out[type] = { version: s.version, block: wireBlock(s.block, s.version) };
  }
  return out;
}

type Call = { request: Record<string, unknown> };
type Done = (err: Error | null, value?: unknown) => void;

export async function serve(provider: "kubernetes" | "kubectl"): Promise<void> {
  if (process.env[PLUGIN_COOKIE.key] !== PLUGIN_COOKIE.value) {
    process.stderr.write("This is a Terraform provider stand-in of nomad2k8s; Terraform starts it.\n");
    process.exit(1);
  }
  const load = (file: string) => grpc.loadPackageDefinition(loader.loadSync(join(PROTO_DIR, file), { keepCase: true, longs: Number, enums: Number, defaults: true })) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  const tf = load("tfplugin5.proto").tfplugin5;
  const plugin = load("go-plugin.proto").plugin;
  const health = load("health.proto").grpc.health.v1;
  const schemas = resourceSchemas(provider);
  const empty = { version: 0, block: { version: 0, attributes: [], block_types: [] } };
  const ok = (value: unknown) => (call: Call, done: Done) => done(null, typeof value === "function" ? value(call.request) : value);
  const server = new grpc.Server();
  server.addService(tf.Provider.service, {
    GetSchema: ok({ provider: empty, resource_schemas: schemas, data_source_schemas: {}, diagnostics: [], server_capabilities: { plan_destroy: true } }),
    PrepareProviderConfig: ok((r: Record<string, unknown>) => ({ prepared_config: r.config, diagnostics: [] })),
    ValidateResourceTypeConfig: ok({ diagnostics: [] }),
    ValidateDataSourceConfig: ok({ diagnostics: [] }),
    Configure: ok({ diagnostics: [] }),
    UpgradeResourceState: ok((r: { raw_state?: { json?: Buffer } }) => ({ upgraded_state: { json: r.raw_state?.json ?? Buffer.from("null") }, diagnostics: [] })),
    ReadResource: ok((r: Record<string, unknown>) => ({ new_state: r.current_state, private: r.private, diagnostics: [] })),
    // Computed attributes stay as Terraform proposes them: the stand-in never invents values.
    PlanResourceChange: ok((r: Record<string, unknown>) => ({ planned_state: r.proposed_new_state, planned_private: r.prior_private, diagnostics: [] })),
    Stop: ok({ Error: "" }),
  });
  // Reattached, the stand-in serves several Terraform runs: whoever started it stops it.
  server.addService(plugin.GRPCController.service, { Shutdown: ok({}) });
  // Nothing is written to the plugin's stdout after the handshake, so the stream stays empty.
  server.addService(plugin.GRPCStdio.service, { StreamStdio: () => {} });
  server.addService(plugin.GRPCBroker.service, { StartStream: () => {} });
  server.addService(health.Health.service, { Check: ok({ status: 1 }) });
  const port = await new Promise<number>((resolve, reject) => server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))));
  process.stdout.write(`1|5|tcp|127.0.0.1:${port}|grpc\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const which = process.argv[2] === "kubectl" ? "kubectl" : "kubernetes";
  serve(which).catch((err: unknown) => {
    process.stderr.write(`provider stand-in: ${String(err)}\n`);
    process.exit(1);
  });
}
