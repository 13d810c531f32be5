export { Fanova, type FanovaOptions } from './fanova.js';
export { RegressionTree, type TreeLeaf, type TreeOptions } from './regression-tree.js';
export { fitImportance, paramImportances, type ImportanceModel, type ParamImportance } from './param-importance.js';
