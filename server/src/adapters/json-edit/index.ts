// Format-preserving JSON edits shared by the JSON fix writers (Terraform JSON; usable by CloudFormation JSON).
export { SpanEdit, Located, styleFor, replaceValue, insertPair, appendItem, removeMember, findMember } from './edits';
export { JsonLike, Style, renderJson } from './render';
export { indentAt, indentUnit, eolOf, startsLine, lineStart } from './text';
