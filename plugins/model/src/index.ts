import { definePlugin } from '@hyperspec/core';
import { cnn } from './cnn.js';
import { mlp } from './mlp.js';
import { sequential } from './sequential.js';

export { cnn, mlp, sequential };
export default definePlugin('@hyperspec/model', [sequential, mlp, cnn]);
