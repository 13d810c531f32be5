import type { Cell, PageView } from '../../page/view.js';
import { formatNumber } from '../format.js';
import type { StudyData } from '../study/load-study.js';

/**
 * The page of a study directory whose database holds several studies (several specs sharing one
 * `storage.path`, or `hyperspec study copy` into it): one row per study, linking to its own page,
 * rather than showing one of them as if it were the only one.
 */
export function studyListView(dir: string, studies: readonly StudyData[], link: (name: string) => string): PageView {
  const rows: Cell[][] = studies.map((s) => {
    const done = s.trials.filter((t) => t.state === 'complete');
    const values = done.map((t) => t.value).filter((v): v is number => typeof v === 'number');
    const best = values.length ? (s.direction === 'maximize' ? Math.max(...values) : Math.min(...values)) : undefined;
    return [
      { text: s.study.name, href: link(s.study.name) },
      { text: String(s.trials.length), sort: s.trials.length },
      { text: String(done.length), sort: done.length },
      best === undefined ? { text: '—', sort: '' } : { text: `${formatNumber(best)} (${s.metric}, ${s.direction})`, sort: best },
    ];
  });
  return {
    kind: 'index',
    title: `${studies.length} studies`,
    subtitle: dir,
    sections: [{ id: 'studies', title: 'Studies in this database', blocks: [{ kind: 'table', id: 'studies', columns: ['study', 'trials', 'complete', 'best'], rows, sortable: true, wide: true }] }],
  };
}
