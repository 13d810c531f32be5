export { writeReport, type WrittenReport } from './write-report.js';
export { renderHtml } from './render-html.js';
export { loadRun, isRunDirectory, type RunData } from './run/load-run.js';
export { runView, type RunViewOptions } from './run/run-view.js';
export { hyperparameters, flattenSpec, type Hyperparameter } from './run/hyperparameters.js';
export { loadStudies, isStudyDirectory, type StudyData } from './study/load-study.js';
export { studyView, type StudyViewOptions } from './study/study-view.js';
export { startDashboard, type Dashboard, type DashboardOptions } from './dashboard/dashboard.js';
export type { PageView, PageConfig, Block, ChartBlock, TableBlock, Cell, Section } from '../page/view.js';
