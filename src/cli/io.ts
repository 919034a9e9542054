import { randomBytes } from "node:crypto";
import { inert } from "../redact.js";

// The CLI's only window on the world, so tests can run commands in-process.
export interface CliIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  isTTY: boolean;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Where prompts read keys and draw; prompts are only offered when this is set. */
  terminal?: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream };
}

export const processIO = (): CliIO => ({
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  isTTY: !!process.stderr.isTTY,
  env: process.env,
  cwd: process.cwd(),
  terminal: process.stdin.isTTY && process.stderr.isTTY ? { input: process.stdin, output: process.stderr } : undefined,
});

export class UsageError extends Error {}

export function useColour(io: CliIO): boolean {
  return io.isTTY && !io.env.NO_COLOR && !io.env.CI;
}

// paint's colour codes carry a per-process mark that text read from job files cannot know:
// inertIO turns the mark back into escape sequences after escaping every other control character.
const MARK = `\uE0F7${randomBytes(8).toString("hex")}[`;

export function paint(io: CliIO, code: number, s: string): string {
  return useColour(io) ? `${MARK}${code}m${s}${MARK}0m` : s;
}

/**
 * The CLI's output with control characters escaped (`\xNN`): job names, files, template lines
 * and server answers cannot drive the terminal; only paint's colours pass.
 */
export function inertIO(io: CliIO): CliIO {
  const wrap = (write: (s: string) => void) => (s: string) => write(inert(s).replaceAll(MARK, "\x1b["));
  return { ...io, stdout: wrap(io.stdout), stderr: wrap(io.stderr) };
}
