// A finding's identity across edits (rule, resource, message; no offsets): matches diagnostics to findings, tells new from old.
import { Finding } from '../engine/types';

/** Identity of a finding that survives edits elsewhere: no offsets, only what it is about. */
export function fingerprint(finding: Finding): string {
  const text = `${finding.ruleId}\u0000${finding.resource}\u0000${finding.message}`;
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return `${finding.ruleId}:${finding.resource}:${(hash >>> 0).toString(16).padStart(8, '0')}`;
}
