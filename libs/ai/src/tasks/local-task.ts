/** Work the task helpers hand to `local` directly (LLM providers get the same as a prompt). */
export type LocalTask =
  | { kind: 'sentiment'; text: string; language?: string }
  | { kind: 'classify'; text: string; labels: readonly string[] }
  | { kind: 'summarize'; text: string; maxWords: number }
  | { kind: 'extract'; text: string };
