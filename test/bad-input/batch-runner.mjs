// Runs many CLI invocations in one process, so the bad-input corpus does not pay Node's and the
// plugins' start-up once per case. Usage: node batch-runner.mjs <cases.json> <cli main.js>
// Each case is { id, cwd, args }; for each, one JSON line { id, code, stdout, stderr } goes to stdout.
// Everything the case writes is captured: the CLI's own streams and anything written to
// process.stdout / process.stderr directly (so a stack trace printed anywhere is seen).
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [listFile, mainFile] = process.argv.slice(2);
const { main } = await import(pathToFileURL(mainFile).href);
const cases = JSON.parse(readFileSync(listFile, 'utf8'));
const writeOut = process.stdout.write.bind(process.stdout);
const writeErr = process.stderr.write.bind(process.stderr);
let current = null;
process.on('unhandledRejection', (e) => {
  if (current) current.stderr += `unhandled rejection: ${e instanceof Error ? e.stack : String(e)}\n`;
});

const capture = (key) => (chunk, ...rest) => {
  if (current) current[key] += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
  const cb = rest.find((r) => typeof r === 'function');
  if (cb) cb();
  return true;
};

for (const c of cases) {
  current = { id: c.id, code: null, stdout: '', stderr: '' };
  process.chdir(c.cwd);
  process.stdout.write = capture('stdout');
  process.stderr.write = capture('stderr');
  const io = { stdout: { write: (s) => (current.stdout += s) }, stderr: { write: (s) => (current.stderr += s) } };
  try {
    current.code = await main(c.args, io);
  } catch (e) {
    current.code = 'threw';
    current.stderr += `main threw: ${e instanceof Error ? e.stack : String(e)}\n`;
  }
  // Let a case's stray timers and rejections surface while it is still the current one.
  await new Promise((r) => setTimeout(r, 5));
  process.stdout.write = writeOut;
  process.stderr.write = writeErr;
  writeOut(JSON.stringify(current) + '\n');
  current = null;
}
process.exit(0);
