import type { Initializer } from '../contracts/initializer.js';
import type { Layer } from '../contracts/layer.js';
import type { LayerSpec } from '../contracts/regularizer.js';
import { HyperspecError, isHyperspecError } from '../errors/hyperspec-error.js';
import type { LayerContext } from '../plugin/component-descriptor.js';
import type { Components, ComponentSpec } from '../plugin/components.js';
import type { Engine } from '../tensor/engine.js';
import type { Rng } from '../util/rng.js';
import { Model, type ModelLayer } from './model.js';

export interface BuildModelOptions {
  components: Components;
  engine: Engine;
  /** The initialisation stream: every layer draws its initial parameters from it, in order. */
  rng: Rng;
  /** Shape of one input sample (no batch axis). */
  inputShape: readonly number[];
  /** Spec path of each layer spec, for errors (default `layers[i]`). */
  pathOf?: (spec: LayerSpec, index: number) => string;
}

/**
 * Builds layers in order, feeding each the previous output shape, so an architecture that does not
 * fit together fails here — with the layer's spec path and both shapes — and not mid-epoch.
 */
export function buildModel(specs: readonly LayerSpec[], options: BuildModelOptions): Model {
  const { components, engine, rng } = options;
  const initializer = (spec: unknown): Initializer => components.create<Initializer>('initializer', spec as ComponentSpec, 'initializer');
  const layers: ModelLayer[] = [];
  let shape = options.inputShape;
  specs.forEach((spec, i) => {
    const path = options.pathOf?.(spec, i) ?? `layers[${i}]`;
    const node = components.resolveNode('layer', spec as ComponentSpec, path);
    const extra: Omit<LayerContext, 'path' | 'components' | 'logger'> = { engine, rng, inputShape: shape, initializer };
    let layer: Layer;
    try {
      layer = components.build<Layer>('layer', node, path, extra);
    } catch (e) {
      if (isHyperspecError(e)) {
        if (e.location?.path) throw e;
        throw new HyperspecError(e.kind, e.message, { location: { path }, hint: e.hint, cause: e });
      }
      throw new HyperspecError('shape', `${spec.type} at ${path} could not be built for input shape [${shape.join(', ')}]: ${(e as Error).message}`, { location: { path }, cause: e });
    }
    const { type: _type, ...layerOptions } = node;
    layers.push({ type: spec.type, path, layer, inputShape: shape, options: layerOptions });
    shape = layer.outputShape;
  });
  // Gradient buffers exist from the start so optimizers see stable arrays and steps allocate nothing.
  const model = new Model(options.inputShape, layers);
  for (const p of model.parameters()) {
    if (!p.value.grad) {
      const g = engine.zeros(p.value.shape).keep();
      p.value.grad = g;
    }
  }
  return model;
}
