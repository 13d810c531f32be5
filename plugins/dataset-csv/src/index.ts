import { definePlugin } from '@hyperspec/core';
import { csvDataset } from './csv-descriptor.js';
import { irisDataset } from './iris-descriptor.js';
import { tableInput } from './table-input.js';

export { csvDataset, csvSchema, type CsvOptions } from './csv-descriptor.js';
export { irisDataset, irisSchema, irisSamples, IRIS_FEATURES, type IrisOptions } from './iris-descriptor.js';
export { tableInput, tableInputSchema, type TableInputOptions, type TableColumn } from './table-input.js';
export { TableReader } from './table-reader.js';
export { readCsvTable, type CsvTable, type ReadCsvOptions } from './read-csv-table.js';

export default definePlugin('@hyperspec/dataset-csv', [csvDataset, irisDataset, tableInput]);
