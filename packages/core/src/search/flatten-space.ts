import type { Distribution, ParamValues, SearchSpace } from '../contracts/search-space.js';

/** One parameter of a search space, conditional ones included. */
export interface ParamDef {
  /** Full name: a spec path, or `<choice path>.<index>.<key>` for a conditional parameter. */
  name: string;
  distribution: Distribution;
  /** Set for a conditional parameter: it exists only when `parent` takes option `option`. */
  condition?: { parent: string; option: number };
  /** Nesting depth: 0 for top-level parameters. */
  depth: number;
}

/**
 * Every parameter of a space, conditional ones included, in a deterministic order: the space's own
 * key order, each choice followed by its options' children (depth first). Parents always come before
 * their children, so walking the list in order can decide activity with one lookup per parameter.
 */
export function flattenSpace(space: SearchSpace): ParamDef[] {
  const out: ParamDef[] = [];
  const walk = (sub: SearchSpace, prefix: string, condition: ParamDef['condition'], depth: number): void => {
    for (const key of Object.keys(sub)) {
      const name = prefix + key;
      const distribution = sub[key];
      out.push(condition ? { name, distribution, condition, depth } : { name, distribution, depth });
      if (distribution.type === 'choice' && distribution.children) {
        distribution.children.forEach((child, option) => {
          if (child && Object.keys(child).length > 0) walk(child, `${name}.${option}.`, { parent: name, option }, depth + 1);
        });
      }
    }
  };
  walk(space, '', undefined, 0);
  return out;
}

/** True when every choice above `def` selects the option that holds it (given `values`). */
export function isActive(def: ParamDef, values: ParamValues, byName: ReadonlyMap<string, ParamDef>): boolean {
  let condition = def.condition;
  while (condition) {
    if (values[condition.parent] !== condition.option) return false;
    condition = byName.get(condition.parent)?.condition;
  }
  return true;
}

/** The parameters that exist for the given values (top-level ones, plus children of the chosen options). */
export function activeParams(params: readonly ParamDef[], values: ParamValues): ParamDef[] {
  const active = new Set<string>();
  const out: ParamDef[] = [];
  for (const def of params) {
    // Parents precede children in `flattenSpace` order, so the parent's activity is already known.
    if (def.condition && !(active.has(def.condition.parent) && values[def.condition.parent] === def.condition.option)) continue;
    active.add(def.name);
    out.push(def);
  }
  return out;
}

/**
 * Builds a complete assignment by walking the space in order and asking `draw` for each parameter
 * that is active given the values chosen so far (children only of chosen options).
 */
export function assignActive(params: readonly ParamDef[], draw: (def: ParamDef, index: number) => number): ParamValues {
  const values: ParamValues = {};
  params.forEach((def, index) => {
    if (def.condition && values[def.condition.parent] !== def.condition.option) return;
    values[def.name] = draw(def, index);
  });
  return values;
}

/** A canonical string of parameter values (sorted names), for telling points apart. */
export function paramsKey(values: ParamValues): string {
  return Object.keys(values)
    .sort()
    .map((k) => `${k}=${values[k]}`)
    .join('|');
}
