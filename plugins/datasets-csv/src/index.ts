import { definePlugin } from '@hyperspec/core';
import { csvDataset } from './csv-descriptor.js';
import { irisDataset } from './iris-descriptor.js';

export { csvDataset, csvSchema, type CsvOptions } from './csv-descriptor.js';
export { irisDataset, irisSchema, irisSamples, IRIS_FEATURES, type IrisOptions } from './iris-descriptor.js';
export { readCsvTable, type CsvTable, type ReadCsvOptions } from './read-csv-table.js';

export default definePlugin('@hyperspec/datasets-csv', [csvDataset, irisDataset]);
