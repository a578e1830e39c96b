// Builds the Topology from a Model. PLACEHOLDER until the topology lands.
import { Config } from '../engine/types';
import { Model } from '../model/types';
import { Topology } from './topology';

export function buildTopology(model: Model, config: Config): Topology {
  throw new Error('not implemented ' + model.dialect + config.rules);
}
