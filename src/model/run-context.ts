import type { Kernel } from '../engine/kernel.js';
import type { ShipmentCounts } from '../metrics/snapshots.js';
import type { Network } from '../network/build.js';
import type { Scenario } from '../scenario/types.js';
import type { Fleet } from './fleet.js';
import type { Observer } from './observer.js';

/** What every process of one run shares: the kernel (clock and events), the trucks, the network, the outputs. */
export interface RunContext {
  readonly scenario: Scenario;
  readonly seed: number;
  readonly net: Network;
  readonly kernel: Kernel;
  readonly fleet: Fleet;
  readonly observer: Observer;
  /** Shipment counts over the whole run (not only after warm-up), added to by each process. */
  readonly counts: ShipmentCounts;
  readonly warmup: number;
  /** horizon + drain: the run stops here. */
  readonly end: number;
}
