import { definePlugin } from '@hyperspec/core';
import { sgdDescriptor } from './sgd-descriptor.js';

export { Sgd, checkSgdOptions, type SgdOptions } from './sgd.js';
export { sgdDescriptor } from './sgd-descriptor.js';

export default definePlugin('@hyperspec/optimizer-sgd', [sgdDescriptor]);
