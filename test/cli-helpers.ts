import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run } from "../src/cli/index.js";
import type { CliIO } from "../src/cli/io.js";
import { ROOT } from "./helpers.js";

export interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process against a scratch folder holding a copy of the examples. */
export async function runCli(args: string[], cwd: string, env: Record<string, string> = {}): Promise<Ran> {
  let stdout = "";
  let stderr = "";
  const io: CliIO = { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), isTTY: false, env: { ...env }, cwd };
  const code = await run(args, io);
  return { code, stdout, stderr };
}

export function scratch(withExamples = true): string {
  const dir = mkdtempSync(join(tmpdir(), "n2k-cli-"));
  if (withExamples) cpSync(join(ROOT, "nomad-jobs"), join(dir, "nomad-jobs"), { recursive: true });
  return dir;
}
