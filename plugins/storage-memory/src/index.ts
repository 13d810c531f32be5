import { definePlugin, type ComponentDescriptor, type StudyStorage } from '@hyperspec/core';
import { MemoryStorage, type MemoryStorageOptions } from './memory-storage.js';

export { MemoryStorage, type MemoryStorageOptions } from './memory-storage.js';

export const memoryStorageDescriptor: ComponentDescriptor<StudyStorage, MemoryStorageOptions> = {
  kind: 'storage',
  type: 'memory',
  description: 'Keeps the study in process memory: fastest, but gone when the command ends (no resume)',
  schema: {
    $id: 'hyperspec:storage/memory',
    type: 'object',
    properties: {
      lease_seconds: {
        type: 'number',
        exclusiveMinimum: 0,
        maximum: 86400,
        default: 60,
        description: 'How long a running trial stays claimed without a heartbeat before another worker may reclaim it',
      },
    },
    additionalProperties: false,
  },
  create: (options) => new MemoryStorage({ lease_seconds: options.lease_seconds ?? 60 }),
};

export default definePlugin('@hyperspec/storage-memory', [memoryStorageDescriptor]);
