import { definePlugin } from '@hyperspec/core';
import { rmspropDescriptor } from './rmsprop-descriptor.js';

export { Rmsprop, type RmspropOptions } from './rmsprop.js';
export { rmspropDescriptor } from './rmsprop-descriptor.js';

export default definePlugin('@hyperspec/optimizer-rmsprop', [rmspropDescriptor]);
