// public-ip-on-backend for SageMaker notebooks: DirectInternetAccess (default Enabled) gives them SageMaker's own internet path.
import { RuleFinding } from '../../server/src/engine/types';
import { Fix, ServiceEndpoint } from '../../server/src/model/types';
import { guardedAlts, native } from '../../server/src/topology/rule-kit';
import { Topology } from '../../server/src/topology/topology';

/**
 * A notebook with direct internet access has a network interface in a SageMaker-managed VPC that reaches the
 * internet, beside any interface in the user's subnet: like a public IP on a backend, traffic goes around the
 * VPC's NAT and controls. The internet does not open connections to it (Jupyter is reached through presigned
 * URLs), so the finding is lowered one level.
 */
export function notebookInternetAccess(topology: Topology): RuleFinding[] {
  const findings: RuleFinding[] = [];
  for (const notebook of topology.model.serviceEndpoints ?? []) {
    if (notebook.endpointKind !== 'sagemaker-notebook' || topology.role(notebook) === 'edge') continue;
    const key = native(topology.model, 'DirectInternetAccess', 'direct_internet_access');
    const prop = notebook.setting;
    let setting: string;
    let when;
    if (prop) {
      const open = guardedAlts(prop, (value) => value.toLowerCase() === 'enabled')[0];
      if (!open) continue;
      when = open.when;
      setting = `${key} is Enabled`;
    } else {
      setting = `${key} is not set and defaults to Enabled`;
    }
    const loc = prop?.loc ?? notebook.loc;
    findings.push({
      resource: notebook.id,
      loc,
      message: `SageMaker notebook ${notebook.id} has direct internet access (${setting}): SageMaker gives it its own path to the internet, around the VPC's NAT and controls`,
      path: [{ loc, message: `${notebook.id}: ${setting}` }],
      when,
      lowered: true,
      fixes: disableFix(topology, notebook, key),
      ...(notebook.constructPath ? { constructPath: notebook.constructPath } : {}),
    });
  }
  return findings;
}

/** Disabled needs a subnet (AWS rejects it without SubnetId); the notebook then reaches the internet only through its subnet's NAT: not preferred. */
function disableFix(topology: Topology, notebook: ServiceEndpoint, key: string): Fix[] {
  if (!notebook.subnet) return [];
  const writer = topology.model.writer;
  const edits = notebook.setting ? writer.setValue(notebook.setting, 'Disabled') : writer.setProperty(notebook, [key], 'Disabled');
  return [{ title: `Set ${key}: Disabled on ${notebook.id} (it then reaches the internet only through its subnet's NAT)`, edits }];
}
