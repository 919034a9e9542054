import type { CliIO } from "./io.js";

// Every question the CLI asks goes through here; tests drive the same prompts through
// in-memory streams.
export interface Prompter {
  confirm(message: string, initial: boolean): Promise<boolean>;
  select<T extends string>(message: string, choices: { name: string; value: T }[], initial: T): Promise<T>;
  /** `validate` returns an error message, or true when the answer is acceptable. */
  input(message: string, initial: string, validate?: (answer: string) => string | true): Promise<string>;
}

export class PromptCancelled extends Error {}

export async function terminalPrompter(terminal: NonNullable<CliIO["terminal"]>): Promise<Prompter> {
  const { confirm, select, input } = await import("@inquirer/prompts");
  const context = { input: terminal.input, output: terminal.output };
  const guard = async <T>(ask: () => Promise<T>): Promise<T> => {
    try {
      return await ask();
    } catch (err) {
      // Ctrl-C or a closed input: the user walked away, which is a cancel, not a crash.
      if (err instanceof Error && (err.name === "ExitPromptError" || err.name === "AbortPromptError")) throw new PromptCancelled("cancelled");
      throw err;
    }
  };
  return {
    confirm: (message, initial) => guard(() => confirm({ message, default: initial }, context)),
    select: (message, choices, initial) => guard(() => select({ message, choices, default: initial }, context)),
    input: (message, initial, validate) => guard(() => input({ message, default: initial, validate }, context)),
  };
}
