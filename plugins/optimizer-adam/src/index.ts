import { definePlugin } from '@hyperspec/core';
import { adamDescriptor, adamwDescriptor } from './adam-descriptors.js';

export { Adam, type AdamOptions } from './adam.js';
export { adamDescriptor, adamwDescriptor } from './adam-descriptors.js';

export default definePlugin('@hyperspec/optimizer-adam', [adamDescriptor, adamwDescriptor]);
