import { readFile } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { CliUsageError } from '../errors.js';
import { sendMessages } from './send.messages.js';

/** A body given by the user: the exact text (signed as it is) and what it parses to. */
export interface BodyInput {
  readonly raw: string;
  readonly json: unknown;
}

/** `--data @file.json` reads the file, `--data '{…}'` is the JSON itself; both must be JSON. */
export async function readDataFlag(data: string): Promise<BodyInput> {
  if (!data.startsWith('@')) return { raw: data, json: parseJson(data, '--data') };
  const path = data.slice(1);
  let raw: string;
  try {
    raw = await readFile(path, 'utf8');
  } catch (error) {
    throw new CliUsageError(sendMessages.bodyFileUnreadable(path, reason(error)));
  }
  return { raw, json: parseJson(raw, path) };
}

/** The whole of stdin; refuses a terminal, where nothing was piped and reading would wait forever. */
export async function readStdin(stdin: Readable): Promise<BodyInput> {
  if ((stdin as { isTTY?: boolean }).isTTY === true) throw new CliUsageError(sendMessages.noStdin());
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  const raw = Buffer.concat(chunks).toString('utf8');
  if (raw.trim().length === 0) throw new CliUsageError(sendMessages.noStdin());
  return { raw, json: parseJson(raw, 'the body on stdin') };
}

export function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    // V8 quotes the start of the text in its message; the position is enough to find the mistake.
    const message = (error as Error).message.replace(/,? ".*" is not valid JSON$/s, '').split('\n')[0]!;
    throw new CliUsageError(sendMessages.notJson(source, message));
  }
}

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a directory' : code === 'EACCES' ? 'permission denied' : (code ?? 'unreadable');
}
