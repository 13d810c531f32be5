import { describe, expect, it } from 'vitest';
import type { TrialRecord } from '@hyperspec/core';
import { normalizeSpace } from '@hyperspec/core/spec';
import { studyView } from '../src/study/study-view.js';
import type { StudyData } from '../src/study/load-study.js';

const trial = (number: number, values: number[]): TrialRecord =>
  ({ number, state: 'complete', params: { x: number / 10 }, value: values[0], values, intermediate: { 1: values[0] } }) as unknown as TrialRecord;

// A study with two objectives (maximise accuracy, minimise parameters): the report draws the front.
describe('the study report of a search with several objectives', () => {
  it('draws every completed trial and the Pareto front on the first two objectives', () => {
    const trials = [trial(0, [0.9, 500]), trial(1, [0.95, 900]), trial(2, [0.8, 700]), trial(3, [0.7, 100]), trial(4, [0.85, 800])];
    const data: StudyData = {
      dir: '/study', source: 'study.db', study: { id: '1', name: 'pareto', direction: 'maximize', spaceHash: '', meta: {} },
      trials, space: normalizeSpace({ x: { type: 'uniform', low: 0, high: 1 } }), metric: 'val_accuracy', direction: 'maximize',
      objectives: [{ metric: 'val_accuracy', direction: 'maximize' }, { metric: 'parameters', direction: 'minimize' }],
    };
    const view = studyView(data);
    const section = view.sections.find((s) => s.id === 'pareto');
    expect(section, 'a Pareto section').toBeDefined();
    const chart = section!.blocks[0] as { option: { series: { name: string; data: [number, number][] }[] } };
    const [others, front] = chart.option.series;
    // Trials 0, 1 and 3 are non-dominated; 2 and 4 are dominated by 0.
    expect(front.data).toEqual([[0.7, 100], [0.9, 500], [0.95, 900]]);
    expect(others.data).toHaveLength(2);
    const facts = view.sections[0].blocks[0] as { items: { label: string; value: string }[] };
    expect(facts.items.find((i) => i.label === 'Pareto front')?.value).toBe('trial 1, trial 0, trial 3'); // best first objective first
    expect(facts.items.find((i) => i.label === 'objectives')?.value).toBe('maximize val_accuracy, minimize parameters');
  });
});
