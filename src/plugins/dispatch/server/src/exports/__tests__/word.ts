/** Reads a .docx export back from its bytes: its parts' XML, and the text of its paragraphs and tables. */
import JSZip from 'jszip';

export async function open(buffer: Buffer): Promise<(name: string) => Promise<string>> {
  expect(Buffer.isBuffer(buffer)).toBe(true);
  const zip = await JSZip.loadAsync(buffer);
  return async (name) => {
    const part = zip.file(name);
    if (!part) throw new Error(`no part ${name} in ${Object.keys(zip.files).join(', ')}`);
    return part.async('string');
  };
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decoded = (text: string) => text.replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) => ENTITIES[name]);

const all = (xml: string, pattern: RegExp) => [...xml.matchAll(pattern)].map((match) => match[0]);

const PARAGRAPH = /<w:p(?: [^>]*)?>.*?<\/w:p>/gs;
const RUN = /<w:r(?: [^>]*)?>.*?<\/w:r>/gs;
const TABLE = /<w:tbl>.*?<\/w:tbl>/gs;

export interface WordRun {
  text: string;
  /** `w:rFonts w:eastAsia` */
  eastAsia?: string;
  bold: boolean;
  /** in half-points */
  size?: number;
}

export interface WordParagraph {
  text: string;
  runs: WordRun[];
  /** the paragraph's own XML, for its properties */
  xml: string;
}

function run(xml: string): WordRun {
  return {
    text: decoded(all(xml, /<w:t(?: [^>]*)?>[^<]*<\/w:t>/g).map((t) => t.replace(/<[^>]+>/g, '')).join('')),
    eastAsia: /w:eastAsia="([^"]*)"/.exec(xml)?.[1],
    bold: /<w:b\/>/.test(xml),
    size: Number(/<w:sz w:val="(\d+)"\/>/.exec(xml)?.[1]) || undefined,
  };
}

function paragraph(xml: string): WordParagraph {
  const runs = all(xml, RUN).map(run);
  return { text: runs.map((r) => r.text).join(''), runs, xml };
}

/** The paragraphs of the body outside tables, in order. */
export const bodyParagraphs = (document: string): WordParagraph[] => all(document.replace(TABLE, ''), PARAGRAPH).map(paragraph);

/** The body paragraph with this text. */
export function paragraphWith(document: string, text: string): WordParagraph {
  const found = bodyParagraphs(document).find((p) => p.text === text);
  if (!found) throw new Error(`no paragraph 「${text}」`);
  return found;
}

/** Each table of the body as rows of cell texts (a cell's paragraphs joined by a line break), with each row's XML. */
export function tables(document: string): Array<Array<{ cells: string[]; xml: string }>> {
  return all(document, TABLE).map((table) =>
    all(table, /<w:tr(?: [^>]*)?>.*?<\/w:tr>/gs).map((row) => ({
      cells: all(row, /<w:tc>.*?<\/w:tc>/gs).map((cell) => all(cell, PARAGRAPH).map((p) => paragraph(p).text).join('\n')),
      xml: row,
    })),
  );
}
