import { parentPort } from 'node:worker_threads';
import { ComponentsToken, EngineToken, isHyperspecError, loadPlugin, runTraining, type Callback } from '@hyperspec/core';
import { validateSpec } from '@hyperspec/core/spec';
import { TrialMeter, type TrialOutcome, type TrialTask } from '@hyperspec/core/study';
import { asEnvironmentError } from '@hyperspec/core/run';
import type { Container } from 'inversify';
import { createDefaultContainer } from '../default-container.js';
import type { FromWorker, ToWorker, WorkerSetup } from './worker-messages.js';

/**
 * A trial worker thread: receives trials one at a time, validates each trial's spec against the same
 * plugins as the main thread, trains it with `runTraining` into the trial's run directory, and asks
 * the main thread after every epoch whether to go on (the pruner lives there). The container is built
 * once per worker and reused, so a backend's threads and buffers are made once.
 */
const port = parentPort!;
let container: Container | undefined;
let pendingDecision: { step: number; resolve: (stop: boolean) => void } | undefined;

async function containerFor(setup: WorkerSetup): Promise<Container> {
  if (!container) {
    const modules = [];
    for (const dir of setup.plugins) modules.push((await loadPlugin(dir, dir)).module);
    container = createDefaultContainer(modules, { backend: setup.backend });
  }
  return container;
}

function post(message: FromWorker): void {
  port.postMessage(message);
}

async function runTrial(task: TrialTask, setup: WorkerSetup): Promise<TrialOutcome> {
  try {
    const c = await containerFor(setup);
    const spec = validateSpec({ data: task.spec, baseDir: task.baseDir }, c.get(ComponentsToken));
    const askMainThread: Callback = {
      onEpochEnd: ({ epoch, metrics }) =>
        new Promise<'stop' | undefined>((resolve) => {
          pendingDecision = { step: epoch + 1, resolve: (stop) => resolve(stop ? 'stop' : undefined) };
          post({ type: 'epoch', step: epoch + 1, metrics });
        }),
    };
    // Quantities the study's objectives or constraints name (parameters, epoch_seconds, ...), measured here.
    const meter = new TrialMeter(task.measure ?? [], c.get(EngineToken));
    const result = await runTraining(spec, c, { baseDir: task.baseDir, runDir: task.runDir, resume: task.resume, restartIfUnreadable: true, out: null, callbacks: [meter.callback, askMainThread], inspect: meter.inspect });
    return { ok: true, history: result.history, final: result.final, measured: meter.result(result.parameters) };
  } catch (e) {
    if (isHyperspecError(e)) return { ok: false, kind: e.kind, reason: e.format() };
    const env = asEnvironmentError(e);
    if (env) return { ok: false, kind: env.kind, reason: env.format() };
    return { ok: false, kind: 'unexpected', reason: e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e) };
  }
}

port.on('message', (message: ToWorker) => {
  if (message.type === 'decision') {
    const pending = pendingDecision;
    if (pending && pending.step === message.step) {
      pendingDecision = undefined;
      pending.resolve(message.stop);
    }
    return;
  }
  void runTrial(message.task, message.setup).then((outcome) => post({ type: 'done', outcome }));
});
