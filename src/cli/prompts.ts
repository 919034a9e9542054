import type { CliIO } from "./io.js";

// Every question the CLI asks goes through here; tests drive the same prompts through
// in-memory streams.
export interface Prompter {
  confirm(message: string, initial: boolean): Promise<boolean>;
  select<T extends string>(message: string, choices: { name: string; value: T }[], initial: T): Promise<T>;
  /** `validate` returns an error message, or true when the answer is acceptable. */
  input(message: string, initial: string, validate?: (answer: string) => string | true): Promise<string>;
  /** One key per answer, every choice listed under the question; Enter takes the first. */
  choose<T extends string>(message: string, choices: { key: ChoiceKey; name: string; value: T }[]): Promise<T>;
}

/** A single lowercase letter or digit; "h" is taken by the prompt's own help. */
export type ChoiceKey = "a" | "b" | "c" | "d" | "e" | "f" | "g" | "i" | "j" | "k" | "l" | "m" | "n" | "o" | "p" | "q" | "r" | "s" | "t" | "u" | "v" | "w" | "x" | "y" | "z";

export class PromptCancelled extends Error {}

export async function terminalPrompter(terminal: NonNullable<CliIO["terminal"]>): Promise<Prompter> {
  const { confirm, select, input, expand } = await import("@inquirer/prompts");
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
    choose: (message, choices) => guard(() => expand({ message, choices, default: choices[0].key, expanded: true }, context)),
  };
}
