// One entry for every surface: map -> (layout) -> svg | html | mermaid | dot text.
import { layoutMap } from './layout';
import { renderDot } from './render-dot';
import { renderHtml } from './render-html';
import { renderMermaid } from './render-mermaid';
import { renderSvg } from './render-svg';
import { ExposureMap } from './types';

export type MapFormat = 'svg' | 'html' | 'mermaid' | 'dot';
export const MAP_FORMATS: MapFormat[] = ['svg', 'html', 'mermaid', 'dot'];

/** The format a file name asks for (.svg .html .htm .mmd .mermaid .md .dot .gv), if any. */
export function formatForFile(path: string): MapFormat | undefined {
  const ext = /\.([a-z]+)$/i.exec(path)?.[1]?.toLowerCase();
  switch (ext) {
    case 'svg':
      return 'svg';
    case 'html':
    case 'htm':
      return 'html';
    case 'mmd':
    case 'mermaid':
    case 'md':
      return 'mermaid';
    case 'dot':
    case 'gv':
      return 'dot';
    default:
      return undefined;
  }
}

export async function renderMap(map: ExposureMap, format: MapFormat, options: { title?: string; markdown?: boolean } = {}): Promise<string> {
  switch (format) {
    case 'mermaid': {
      const text = renderMermaid(map);
      // A .md file gets a fenced block, which GitHub renders as the picture.
      return options.markdown ? `${options.title ? `### ${options.title}\n\n` : ''}\`\`\`mermaid\n${text}\`\`\`\n` : text;
    }
    case 'dot':
      return renderDot(map);
    case 'html':
      return renderHtml(await layoutMap(map), options.title);
    case 'svg':
      return renderSvg(await layoutMap(map), { style: true, title: options.title });
  }
}
