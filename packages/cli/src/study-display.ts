import { dirname } from 'node:path';
import type { TrialRecord } from '@hyperspec/core';
import { countStates, formatLeaderboard, formatValue, type StudyEnd, type StudyObserver, type StudyStart, type TrialRow } from '@hyperspec/core/study';
import { TrialTable, type TableStream } from './trial-table.js';

const counted = (trials: readonly TrialRecord[]) =>
  Object.entries(countStates(trials)).filter(([, n]) => n > 0).map(([s, n]) => `${n} ${s}`).join(', ');

/** `hyperspec search` on stderr: the header, the live trial table, the leaderboard and the best parameters. */
export class StudyDisplay implements StudyObserver {
  private table?: TrialTable;

  constructor(private readonly out: TableStream) {}

  onStart(i: StudyStart): void {
    this.table = new TrialTable(this.out, i.objective);
    if (i.archived) this.out.write(`--new-study: moved the old study directory to ${i.archived}\n`);
    this.out.write(
      `${i.file}: search "${i.name}" — ${i.searcher} searcher, ${i.budget} trials${i.timeout ? ` or ${i.timeout} s` : ''}, ` +
        `${i.parallel} in parallel, ${i.pruner ? `${i.pruner} pruner, ` : ''}${i.storageLabel}\nstudy directory: ${i.studyDir}\n`,
    );
  }

  onResume(study: string, trials: readonly TrialRecord[]): void {
    this.out.write(`resuming study "${study}": ${trials.length} earlier trials (${counted(trials)})\n`);
  }

  onTrial(row: TrialRow): void {
    this.table?.update(row);
  }

  onEnd(e: StudyEnd): void {
    this.out.write(`\nstudy "${e.study}": ${e.trials.length} trials (${counted(e.trials)})\n`);
    if (e.pareto) {
      if (e.pareto.length === 0) return void this.out.write('no trial completed, so there is no Pareto front\n');
      this.out.write(`\nPareto front (${e.pareto.length} trials no other trial beats in every objective):\n${formatLeaderboard(e.pareto, e.objectives, 50)}\n`);
      this.out.write(`a spec per front member: ${e.paretoSpecs?.length ? dirname(e.paretoSpecs[0]) : ''}\n`);
      return;
    }
    if (!e.best) {
      this.out.write('no trial completed, so there is no best spec\n');
      return;
    }
    this.out.write(`\n${formatLeaderboard(e.leaderboard, e.objective)}\n\nbest trial ${e.best.number}: ${e.objective} ${formatValue(e.best.value)}\n`);
    for (const [k, v] of Object.entries(e.best.params)) this.out.write(`  ${k}: ${formatValue(v)}\n`);
    this.out.write(`best spec: ${e.bestSpec}\n`);
  }
}
