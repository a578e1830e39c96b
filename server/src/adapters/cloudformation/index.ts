// CloudFormation adapter: template tree -> network model. PLACEHOLDER until the adapter lands.
import { Node, SourceFile, getValue } from '../../source/tree';
import { Model, emptyModel } from '../../model/types';

/** A template: a `Resources` map with at least one `AWS::` type. */
export function isCloudFormationTemplate(root: Node): boolean {
  const resources = getValue(root, 'Resources');
  if (!resources || resources.kind !== 'map') return false;
  return resources.pairs.some((pair) => {
    const type = getValue(pair.value, 'Type');
    return type?.kind === 'scalar' && typeof type.value === 'string' && /^(AWS|Custom)::/.test(type.value);
  });
}

export function buildCloudFormationModel(file: SourceFile): Model {
  throw new Error('not implemented: ' + file.path);
}
