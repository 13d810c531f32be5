import { join } from 'node:path';
import { runFiles } from '@hyperspec/core/run';
import type { Cell, PageView } from '../../page/view.js';
import { formatNumber } from '../format.js';
import { lastPerEpoch, readJson, readJsonLines } from '../read-files.js';
import type { EpochMetrics, RunReportFile } from '../run/load-run.js';
import type { DatabaseStudy } from './database-view.js';
import type { Found } from './scan.js';

/**
 * The dashboard's front page: every study and run under the root, and the studies of its database
 * (if one is served), each linking to its live view.
 */
export function indexView(root: string, found: readonly Found[], link: (rel: string) => string, inDatabase: readonly DatabaseStudy[] = []): PageView {
  const studies: Cell[][] = [
    ...found.filter((f) => f.kind === 'study').map((f) => [{ text: f.rel, href: link(f.rel) }]),
    ...inDatabase.map((s) => [{ text: `${s.name} (database)`, href: s.href }]),
  ];
  const runs: Cell[][] = found.filter((f) => f.kind === 'run').map((f) => {
    const files = runFiles(f.path);
    const metrics = lastPerEpoch(readJsonLines<EpochMetrics>(files.metrics));
    const report = readJson<RunReportFile>(files.report);
    const last = metrics[metrics.length - 1];
    const loss = last?.val_loss ?? last?.loss;
    return [
      { text: f.rel, href: link(f.rel) },
      { text: report ? 'finished' : 'running', tone: report ? 'complete' : 'running' },
      { text: String(metrics.length), sort: metrics.length },
      loss === undefined ? { text: '—', sort: '' } : { text: formatNumber(loss), sort: loss },
    ];
  });
  return {
    kind: 'index',
    title: 'hyperspec dashboard',
    subtitle: root,
    sections: [
      { id: 'studies', title: 'Studies', blocks: [studies.length ? { kind: 'table', id: 'studies', columns: ['study'], rows: studies, sortable: true, wide: true } : { kind: 'note', id: 'no-studies', text: 'no study yet: hyperspec search <spec.yaml>' }] },
      { id: 'runs', title: 'Runs', blocks: [runs.length ? { kind: 'table', id: 'runs', columns: ['run', 'state', 'epochs', 'last loss (validation if any)'], rows: runs, sortable: true, wide: true } : { kind: 'note', id: 'no-runs', text: `no run yet under ${join(root)}: hyperspec train <spec.yaml>` }] },
    ],
  };
}
