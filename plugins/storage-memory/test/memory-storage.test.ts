import { describeStorageConformance } from '@hyperspec/core/testing';
import { MemoryStorage } from '../src/index.js';

describeStorageConformance(() => new MemoryStorage({ lease_seconds: 60 }), { name: 'memory storage', details: true });
