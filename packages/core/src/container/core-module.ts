import { ContainerModule } from 'inversify';

/**
 * Core's own services (spec loader, model builder, trainer, study runner). Each may be rebound by a
 * user who wants to replace it; math stays in plain functions.
 */
export const coreModule = new ContainerModule(() => {
  // Services are bound here as they are added.
});
