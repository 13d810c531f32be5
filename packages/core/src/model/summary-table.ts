import type { Model } from './model.js';

/**
 * The model summary printed before training: each layer with its output shape and learned-parameter
 * count, and the totals. Parameters are learned; the hyperparameters (units, kernel size, ...) are the
 * layer descriptions that shaped them.
 */
export function formatModelSummary(model: Model): string {
  const rows = model.summary().map((s) => [String(s.index), s.description, `[${s.outputShape.join(', ')}]`, s.parameters.toLocaleString('en-US'), s.path]);
  const header = ['#', 'layer (hyperparameters)', 'output shape', 'parameters', 'spec path'];
  const all = [header, ['', 'input', `[${model.inputShape.join(', ')}]`, '', ''], ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((r) => r[c].length)));
  const line = (r: string[]) => r.map((cell, c) => (c === 3 ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ').trimEnd();
  const total = model.parameterCount();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...all.slice(1).map(line), '', `learned parameters: ${total.toLocaleString('en-US')}`].join('\n');
}
