import { definePlugin } from '@hyperspec/core';
import { adamDescriptor, adamwDescriptor } from './adam-descriptors.js';

export { Adam, type AdamOptions } from './adam.js';
export { adamUpdateKernel, type AdamUpdate } from './adam-update-kernel.js';
export { adamDescriptor, adamwDescriptor } from './adam-descriptors.js';

export default definePlugin('@hyperspec/optimizer-adam', [adamDescriptor, adamwDescriptor]);
