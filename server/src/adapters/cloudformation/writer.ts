// CloudFormation FixWriter: renders model-level fixes as text edits in the template's YAML or JSON.
import { SourceFile } from '../../source/tree';
import { EntityBase, FixWriter, JsonValue, Loc, Prop, TextEdit } from '../../model/types';
import { TemplateContext } from './resolve';

export class CloudFormationWriter implements FixWriter {
  constructor(
    readonly file: SourceFile,
    readonly template: TemplateContext,
  ) {}

  setValue(_prop: Prop<unknown>, _value: JsonValue): TextEdit[] {
    return [];
  }
  setProperty(_entity: EntityBase, _path: string[], _value: JsonValue): TextEdit[] {
    return [];
  }
  remove(_loc: Loc): TextEdit[] {
    return [];
  }
  appendToList(_entity: EntityBase, _path: string[], _item: JsonValue): TextEdit[] {
    return [];
  }
  addResources(_near: EntityBase, _resources: Record<string, JsonValue>): TextEdit[] {
    return [];
  }
  ref(id: string, attr?: string): JsonValue {
    return attr ? { 'Fn::GetAtt': [id, attr] } : { Ref: id };
  }
  freshId(base: string, _type: string): string {
    const clean = base.replace(/[^A-Za-z0-9]/g, '') || 'Resource';
    let id = clean;
    for (let n = 2; this.template.resources.has(id); n++) id = clean + n;
    return id;
  }
}
