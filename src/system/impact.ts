// Which services of a folder a breaking change breaks. A change to what an operation sends breaks the
// services that receive it; a change to what an operation receives breaks the services that send it
// (their messages are now rejected). Only services in the folder are known: consumers elsewhere may
// break too, and reports say so.
import type { ApiModel } from '../model/types.js';
import type { Change } from '../diff/types.js';
import { buildSystem, endpointsOf, meet, messageKey, serviceId, type Endpoint } from './model.js';

export interface ImpactInput {
  /** The revision's model of this result (undefined for a removed document), and the base's. */
  revision?: ApiModel;
  base?: ApiModel;
  changes: Change[];
}

/** Set `affects` on every breaking change about an AsyncAPI operation. */
export function markAffected(inputs: ImpactInput[]): void {
  const system = buildSystem(inputs.flatMap((i) => (i.revision ? [i.revision] : [])));
  const others = (e: Endpoint, send: boolean): string[] => {
    const keys = new Set(e.messages.map(messageKey));
    const out = new Set<string>();
    for (const x of system.endpoints) {
      if (x.service.id === e.service.id || x.action === e.action) continue;
      const [s, r] = send ? [e, x] : [x, e];
      if (!meet(s, r)) continue;
      if (x.messages.some((m) => keys.has(messageKey(m)))) out.add(x.service.id);
    }
    return [...out].sort();
  };
  for (const input of inputs) {
    for (const c of input.changes) {
      if (c.level !== 'breaking' || !c.operation) continue;
      // The operation as it is now; a removed one as it was.
      const model = [input.revision, input.base].find((m) => m?.format === 'asyncapi' && m.operations.some((o) => o.id === c.operation));
      if (!model) continue;
      const service = system.services.find((s) => s.id === serviceId(model)) ?? { id: serviceId(model), title: model.info.title, documents: [model] };
      const mine = endpointsOf(service, model).filter((e) => e.operation.id === c.operation);
      const affected = new Set<string>();
      for (const e of mine) {
        // Emitted data (sent messages, replies) reaches receivers; accepted data comes from senders.
        const send = e.action === 'send';
        if (c.direction === 'emit' && !send) continue;
        if (c.direction === 'accept' && send) continue;
        for (const id of others(e, send)) affected.add(id);
      }
      c.affects = [...affected].sort();
    }
  }
}
