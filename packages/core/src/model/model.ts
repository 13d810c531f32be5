import type { ForwardContext, Layer, Parameter } from '../contracts/layer.js';
import type { Tensor } from '../tensor/tensor.js';

/** One built layer with where it came from in the spec. */
export interface ModelLayer {
  type: string;
  /** Spec path, e.g. `model.layers[2]` or `regularization[0]`. */
  path: string;
  layer: Layer;
  inputShape: readonly number[];
  /** The layer's options as built (validated, defaults filled): what a model bundle records to rebuild it. */
  options: Record<string, unknown>;
}

export interface LayerSummary {
  index: number;
  type: string;
  description: string;
  outputShape: readonly number[];
  parameters: number;
  path: string;
}

/** A stack of layers applied in order; parameters are named `<index>.<layer name>`. */
export class Model {
  /** The layers forward runs at inference once prepareInference fused some of them; null until then. */
  private inferenceLayers: Layer[] | null = null;
  /** The layers forward runs in training (neighbours fused by Layer.fuseNextInTraining); made on first use. */
  private trainingLayers: Layer[] | null = null;

  constructor(readonly inputShape: readonly number[], readonly layers: readonly ModelLayer[]) {}

  /**
   * Fuses neighbouring layers that offer it (Layer.fuseNext) into the list that forward runs with
   * training false, as far as they go: a fused layer is offered the next layer in turn, so a run of
   * fusable layers (dense, dropout, dense, …) becomes one. Call once the parameters will not change (a
   * loaded model). The layers, parameters and summary stay as built: what a bundle records and an
   * exporter reads is unchanged.
   */
  prepareInference(): void {
    this.inferenceLayers = this.fused((a, b) => a.fuseNext?.(b));
  }

  /** The layers folded as far as `fuse` takes them: a fused layer is offered the next layer in turn. */
  private fused(fuse: (layer: Layer, next: Layer) => Layer | undefined): Layer[] {
    const fused: Layer[] = [];
    for (const { layer } of this.layers) {
      let current = layer;
      // Fold into the layer before as long as it takes the result (the result may take more).
      while (fused.length) {
        const both = fuse(fused[fused.length - 1], current);
        if (!both) break;
        fused.pop();
        current = both;
      }
      fused.push(current);
    }
    return fused;
  }

  get outputShape(): readonly number[] {
    return this.layers.length ? this.layers[this.layers.length - 1].layer.outputShape : this.inputShape;
  }

  /** Runs every layer on a batch; call inside a scope. */
  forward(x: Tensor, ctx: ForwardContext): Tensor {
    let y = x;
    if (ctx.training) for (const l of (this.trainingLayers ??= this.fused((a, b) => a.fuseNextInTraining?.(b)))) y = l.forward(y, ctx);
    else if (this.inferenceLayers) for (const l of this.inferenceLayers) y = l.forward(y, ctx);
    else for (const l of this.layers) y = l.layer.forward(y, ctx);
    return y;
  }

  /** Every trainable parameter, with model-unique names, in a stable order. */
  parameters(): Parameter[] {
    return this.layers.flatMap((l, i) => l.layer.parameters().map((p) => ({ ...p, name: `${i}.${p.name}` })));
  }

  /** Non-trainable state (batch-norm running statistics), with model-unique names. */
  buffers(): Record<string, Tensor> {
    const out: Record<string, Tensor> = {};
    this.layers.forEach((l, i) => {
      for (const [k, t] of Object.entries(l.layer.buffers?.() ?? {})) out[`${i}.${k}`] = t;
    });
    return out;
  }

  /** Layers' own state (see `Layer.saveState`) by layer index, for checkpoints. */
  saveState(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    this.layers.forEach((l, i) => {
      if (l.layer.saveState) out[String(i)] = l.layer.saveState();
    });
    return out;
  }

  /** Gives each layer what it saved; a layer that saved state but gets none keeps its fresh state. */
  loadState(state: Record<string, unknown>): void {
    this.layers.forEach((l, i) => {
      if (l.layer.loadState && String(i) in state) l.layer.loadState(state[String(i)]);
    });
  }

  parameterCount(): number {
    return this.parameters().reduce((n, p) => n + p.value.size, 0);
  }

  summary(): LayerSummary[] {
    return this.layers.map((l, i) => ({
      index: i,
      type: l.type,
      description: l.layer.describe?.() ?? l.type,
      outputShape: l.layer.outputShape,
      parameters: l.layer.parameters().reduce((n, p) => n + p.value.size, 0),
      path: l.path,
    }));
  }

  /** Frees every parameter and buffer. */
  dispose(): void {
    for (const p of this.parameters()) {
      p.value.grad?.dispose();
      p.value.dispose();
    }
    for (const b of Object.values(this.buffers())) b.dispose();
  }
}
