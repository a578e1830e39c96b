// A fix whose edits are rendered on first read: findings nobody asks to fix never pay for rendering new resources.
import { Fix, TextEdit } from '../../server/src/model/types';

/**
 * A Fix like any other (its `edits` is an enumerable property that JSON, spreads and structured clones read),
 * but rendered once, when first read. Call writer.freshId before, not inside `render`, so the ids a check
 * reserves do not depend on the order fixes are read in.
 */
export function lazyFix(title: string, render: () => TextEdit[], preferred = false): Fix {
  let edits: TextEdit[] | undefined;
  const fix = {
    title,
    get edits(): TextEdit[] {
      if (!edits) edits = render();
      return edits;
    },
  };
  return preferred ? Object.assign(fix, { preferred: true }) : fix;
}
