import { EXIT, main, type CommandIo } from './main.js';

/**
 * The process around `main`: sets the exit code from its result and keeps the exit-code contract when
 * something outside it goes wrong. Ctrl-C is left to the operating system: the process ends at once and
 * the shell reports 130 (every file hyperspec writes is complete or absent, so stopping anywhere is
 * safe, and a run or study resumes; a JavaScript SIGINT handler would only run between epochs, since
 * training keeps the event loop busy). If the event loop empties while the
 * command is still pending — a promise that can never settle, such as a plugin's top-level await — the
 * process would otherwise end silently with code 0; it ends with 2 and says so.
 */
export async function run(argv: string[], io: CommandIo = { stdout: process.stdout, stderr: process.stderr }): Promise<void> {
  let finished = false;
  let checking = false;
  const onBeforeExit = () => {
    if (finished || checking) return;
    // Look once more after the other 'beforeExit' listeners: plugin loading listens too and turns a
    // never-settling import into a plugin error, which then completes the command.
    checking = true;
    setImmediate(report);
  };
  const report = () => {
    if (finished) return;
    finished = true;
    io.stderr.write(
      'internal error: the command stopped before it completed: the work it was waiting for can never finish (a promise that never settles, e.g. in a plugin)\n' +
        'This is a bug in hyperspec or a plugin; please report it with the spec that caused it.\n',
    );
    process.exitCode = EXIT.bug;
  };
  process.on('beforeExit', onBeforeExit);
  try {
    const code = await main(argv, io);
    if (!finished) process.exitCode = code;
  } catch (e) {
    io.stderr.write(`internal error: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exitCode = EXIT.bug;
  } finally {
    finished = true;
    process.off('beforeExit', onBeforeExit);
  }
}
