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

export function paint(io: CliIO, code: number, s: string): string {
  return useColour(io) ? `\x1b[${code}m${s}\x1b[0m` : s;
}
