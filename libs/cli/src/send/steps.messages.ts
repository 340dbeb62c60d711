/** Messages of `aiwire fixtures run`: each names the step (numbered from 1, as printed) and says what to write. */
export const stepsMessages = {
  tooManyArguments: () => 'too many arguments. Usage: aiwire fixtures run <steps.json> --to <url> | aiwire fixtures list [provider]',
  unknownAction: (action: string) => `unknown action '${action}': use 'aiwire fixtures run <steps.json> --to <url>' or 'aiwire fixtures list'.`,
  missingFile: () => 'name the steps file: aiwire fixtures run demo.json --to http://localhost:3000.',
  fileUnreadable: (path: string, reason: string) => `cannot read the steps file ${path} (${reason}).`,
  notSteps: (path: string) => `${path} holds no steps: write a JSON array of steps, or { "steps": [ … ] } (see aiwire fixtures --help).`,
  badStep: (step: string, problem: string) => `step ${step}: ${problem}`,
  notObject: () => 'write each step as an object: { "provider": "stripe", "event": "…", "path": "/webhooks/stripe" }.',
  unknownField: (field: string, fields: readonly string[]) => `unknown field '${field}'; a step has ${fields.join(', ')}.`,
  badField: (field: string, expected: string) => `'${field}' must be ${expected}.`,
  duplicateName: (name: string) => `the name '${name}' is used by an earlier step; give each step its own name.`,
  resendUnknown: (ref: string) => `'resend' names no earlier step: '${ref}' (a step number from 1, or an earlier step's name).`,
  templateUnknown: (ref: string) => `a template names no earlier step: '${ref}' (write {{steps.<n|name>.…}} with a step number from 1 or an earlier step's name).`,
  missingSecretEnv: (variable: string) => `the environment variable ${variable} (secretEnv) is not set.`,
  unresolved: (template: string, reason: string) => `${template} cannot be filled: ${reason}.`,
  expectation: (step: string, problem: string) => `step ${step} failed: ${problem}`,
  notRun: (count: number) => `${count} later step${count === 1 ? '' : 's'} not run.`,
};
