import { definePlugin } from '@hyperspec/core';
import { adagradDescriptor } from './adagrad-descriptor.js';

export { Adagrad, type AdagradOptions } from './adagrad.js';
export { adagradDescriptor } from './adagrad-descriptor.js';

export default definePlugin('@hyperspec/optimizer-adagrad', [adagradDescriptor]);
