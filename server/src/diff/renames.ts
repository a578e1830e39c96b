// Structural fingerprints of resources (type and content, references abstracted) and the renames they reveal between versions.
import { createHash } from 'node:crypto';
import { canonicalJson, mapReferences } from './references';
import { ResourceRecord, ResourceSet } from './resources';

/** Refinement rounds: each one folds in the content of the resources referred to, one hop further. */
const ROUNDS = 3;

/**
 * A fingerprint per resource that does not depend on any logical ID or address: the resource's type and
 * body with every reference replaced by the fingerprint of what it refers to. Metadata (CDK paths,
 * suppressions) and Terraform "//" comments are left out: they do not change what is deployed.
 */
export function structuralFingerprints(set: ResourceSet): Map<string, string> {
  const ids = new Set(set.resources.keys());
  const bodies = new Map<string, unknown>();
  for (const record of set.resources.values()) bodies.set(record.id, withoutMetadata(set, record));
  let current = new Map<string, string>();
  for (const record of set.resources.values()) current.set(record.id, `<${record.type}>`);
  for (let round = 0; round < ROUNDS; round++) {
    const next = new Map<string, string>();
    for (const record of set.resources.values()) {
      const body = mapReferences(set.dialect, bodies.get(record.id), ids, (id) => `<${current.get(id)}>`);
      next.set(record.id, hash(`${record.type}\u0000${canonicalJson(body)}`));
    }
    current = next;
  }
  return current;
}

function withoutMetadata(set: ResourceSet, record: ResourceRecord): unknown {
  if (!record.body || typeof record.body !== 'object' || Array.isArray(record.body)) return record.body;
  const copy = { ...(record.body as Record<string, unknown>) };
  delete copy[set.dialect === 'cloudformation' ? 'Metadata' : '//'];
  return copy;
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 24);
}

/**
 * Old id -> new id for resources that disappeared under one name and appeared under another with the
 * same fingerprint (a rename alone). Identical twins are paired in name order.
 */
export function detectRenames(before: ResourceSet, after: ResourceSet): Map<string, string> {
  const renames = new Map<string, string>();
  const oldPrints = structuralFingerprints(before);
  const newPrints = structuralFingerprints(after);
  const added = new Map<string, string[]>();
  for (const id of [...after.resources.keys()].sort()) {
    if (before.resources.has(id)) continue;
    const print = newPrints.get(id)!;
    added.set(print, [...(added.get(print) ?? []), id]);
  }
  for (const id of [...before.resources.keys()].sort()) {
    if (after.resources.has(id)) continue;
    const candidates = added.get(oldPrints.get(id)!);
    const match = candidates?.shift();
    if (match) renames.set(id, match);
  }
  return renames;
}

/** The old version with renamed resources under their new names (keys and references), so a diff shows only real changes. */
export function applyRenames(set: ResourceSet, renames: ReadonlyMap<string, string>): ResourceSet {
  if (!renames.size) return set;
  const ids = new Set(set.resources.keys());
  const rename = (id: string) => renames.get(id) ?? id;
  const resources = new Map<string, ResourceRecord>();
  for (const record of set.resources.values()) {
    const id = rename(record.id);
    resources.set(id, { ...record, id, body: mapReferences(set.dialect, record.body, ids, rename) });
  }
  let template = set.template;
  if (template) {
    const mapped = mapReferences(set.dialect, template, ids, rename) as Record<string, unknown>;
    const oldResources = (mapped.Resources ?? {}) as Record<string, unknown>;
    const renamedResources: Record<string, unknown> = {};
    for (const [id, value] of Object.entries(oldResources)) renamedResources[rename(id)] = value;
    template = { ...mapped, Resources: renamedResources };
  }
  return { ...set, resources, template };
}
