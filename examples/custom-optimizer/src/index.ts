import { definePlugin } from '@hyperspec/core';
import { lionDescriptor } from './lion-descriptor.js';

export { Lion, type LionOptions } from './lion.js';
export { lionDescriptor } from './lion-descriptor.js';

// hyperspec loads this default export: a ContainerModule that registers the descriptor.
export default definePlugin('hyperspec-optimizer-lion', [lionDescriptor]);
