import { definePlugin, type ComponentDescriptor, type Initializer } from '@hyperspec/core';
import { glorotNormal, glorotUniform, heNormal, heUniform, constant } from './initializers.js';

const empty = (type: string) => ({ $id: `hyperspec:initializer/${type}`, type: 'object', properties: {}, additionalProperties: false });

const descriptors: ComponentDescriptor<Initializer>[] = [
  { kind: 'initializer', type: 'glorot_uniform', description: 'Glorot/Xavier uniform: U(±√(6/(fanIn+fanOut)))', schema: empty('glorot_uniform'), create: () => glorotUniform },
  { kind: 'initializer', type: 'glorot_normal', description: 'Glorot/Xavier normal: N(0, 2/(fanIn+fanOut))', schema: empty('glorot_normal'), create: () => glorotNormal },
  { kind: 'initializer', type: 'he_uniform', description: 'He/Kaiming uniform for ReLU: U(±√(6/fanIn))', schema: empty('he_uniform'), create: () => heUniform },
  { kind: 'initializer', type: 'he_normal', description: 'He/Kaiming normal for ReLU: N(0, 2/fanIn)', schema: empty('he_normal'), create: () => heNormal },
  { kind: 'initializer', type: 'zeros', description: 'All zeros (biases)', schema: empty('zeros'), create: () => constant(0) },
  { kind: 'initializer', type: 'ones', description: 'All ones (batch-norm scales)', schema: empty('ones'), create: () => constant(1) },
];

export { glorotNormal, glorotUniform, heNormal, heUniform, constant };
export default definePlugin('@hyperspec/initializer', descriptors);
