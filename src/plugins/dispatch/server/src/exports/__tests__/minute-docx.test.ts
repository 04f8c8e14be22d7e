import { buildMinuteDocx } from '../minute-docx';
import type { MinuteExport } from '../types';
import { minute } from './minute-fixture';
import { bodyParagraphs, open, paragraphWith, tables } from './word';

/** 12:20 in Beijing. */
const context = { scope: '全区', exportedBy: '张三（区发改局）', at: new Date('2026-11-26T04:20:00Z') };

const HEADERS = ['序号', '责任事项', '责任单位', '配合单位', '完成时限', '办理状态'];

async function documentOf(value: MinuteExport) {
  const part = await open(await buildMinuteDocx(value, context));
  return part('word/document.xml');
}

describe('《专题会商纪要》 (.docx)', () => {
  it('sets the head, 文号, title, meeting particulars, content and date in order, then the 责任清单', async () => {
    const document = await documentOf(minute);
    expect(bodyParagraphs(document).map((p) => p.text)).toEqual([
      '专题会商纪要',
      '兰重项会〔2026〕3号',
      '关于兰山智能装备产业园用地问题的专题会商纪要',
      '会议类型：专题会商（现场）',
      '会议时间：2026年11月20日 09:30',
      '会议地点：区政府 3 号会议室',
      '主持人：王某某',
      '参会单位：区自然资源局、区财政局、义堂镇（示例）',
      '2026年11月20日上午，区政府副区长王某某主持召开专题会商会议，研究兰山智能装备产业园用地问题。',
      '一、会议议定事项',
      '1．区自然资源局牵头，12月底前完成用地指标调剂。',
      '2．义堂镇负责征收补偿，区财政局配合。',
      '会议强调，各单位要按责任清单抓好落实。',
      '2026年11月21日',
      '责任清单',
    ]);
  });

  it('lists every task in the 责任清单, under a shaded header repeated on each page', async () => {
    const [table, ...others] = tables(await documentOf(minute));
    expect(others).toEqual([]);
    expect(table.map((row) => row.cells)).toEqual([
      HEADERS,
      ['1', '调剂用地指标\n向市自然资源和规划局申请统筹指标', '区自然资源局', '区发改局、义堂镇（示例）', '2026年12月31日', '推进中'],
      ['2', '完成征收补偿', '义堂镇（示例）', '', '2027年1月15日', '待办理'],
    ]);
    const [header, ...rows] = table;
    expect(header.xml).toContain('<w:tblHeader/>');
    expect(header.xml).toMatch(/<w:shd [^>]*w:fill="D9D9D9"/);
    for (const row of rows) expect(row.xml).not.toContain('<w:tblHeader/>');
  });

  it('fits the table to the type area, bordered, its columns fixed', async () => {
    const document = await documentOf(minute);
    const grid = [...document.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((match) => Number(match[1]));
    expect(grid).toHaveLength(HEADERS.length);
    // 156 mm = 8844 twips, less what rounding each column to whole twips loses
    expect(grid.reduce((sum, width) => sum + width, 0)).toBeGreaterThan(8835);
    expect(grid.reduce((sum, width) => sum + width, 0)).toBeLessThanOrEqual(8845);
    expect(document).toContain('<w:tblLayout w:type="fixed"/>');
    for (const side of ['top', 'left', 'bottom', 'right', 'insideH', 'insideV']) expect(document).toMatch(new RegExp(`<w:${side} w:val="single"`));
  });

  it('shows 「（无）」 across the table when the minute assigns no task', async () => {
    const [table] = tables(await documentOf({ ...minute, tasks: [] }));
    expect(table.map((row) => row.cells)).toEqual([HEADERS, ['（无）']]);
    expect(table[1].xml).toContain('<w:gridSpan w:val="6"/>');
  });

  it('leaves out a 文号 and a date the minute does not have yet', async () => {
    const document = await documentOf({ ...minute, number: null, issuedAt: null });
    const texts = bodyParagraphs(document).map((p) => p.text);
    expect(texts.slice(0, 2)).toEqual(['专题会商纪要', '关于兰山智能装备产业园用地问题的专题会商纪要']);
    expect(texts.at(-2)).toBe('会议强调，各单位要按责任清单抓好落实。');
  });

  it('is an A4 portrait page with GB/T 9704 margins', async () => {
    const document = await documentOf(minute);
    expect(document).toMatch(/<w:pgSz w:w="11906" w:h="16838"(?: w:orient="portrait")?\/>/);
    // 37, 26, 35 and 28 mm
    expect(document).toMatch(/<w:pgMar w:top="2097" w:right="1474" w:bottom="1984" w:left="1587" /);
  });

  it('sets the head and title in 方正小标宋简体 二号, the text in 仿宋_GB2312 三号, headings and labels in 黑体', async () => {
    const document = await documentOf(minute);
    for (const title of ['专题会商纪要', '关于兰山智能装备产业园用地问题的专题会商纪要']) {
      expect(paragraphWith(document, title).runs).toEqual([{ text: title, eastAsia: '方正小标宋简体', bold: false, size: 44 }]);
      expect(paragraphWith(document, title).xml).toContain('<w:jc w:val="center"/>');
    }
    expect(paragraphWith(document, '兰重项会〔2026〕3号').xml).toContain('<w:jc w:val="center"/>');

    const text = paragraphWith(document, '2026年11月20日上午，区政府副区长王某某主持召开专题会商会议，研究兰山智能装备产业园用地问题。');
    expect(text.runs).toEqual([expect.objectContaining({ eastAsia: '仿宋_GB2312', size: 32, bold: false })]);
    // first line indented two characters, a fixed line of 28.95 pt
    expect(text.xml).toMatch(/<w:ind [^>]*w:firstLineChars="200"/);
    expect(text.xml).toMatch(/<w:spacing [^>]*w:line="579" w:lineRule="exact"/);

    expect(paragraphWith(document, '一、会议议定事项').runs).toEqual([expect.objectContaining({ eastAsia: '黑体', size: 32 })]);
    expect(paragraphWith(document, '主持人：王某某').runs).toEqual([
      expect.objectContaining({ text: '主持人：', eastAsia: '黑体' }),
      expect.objectContaining({ text: '王某某', eastAsia: '仿宋_GB2312' }),
    ]);
  });

  it('keeps the content’s bold runs bold', async () => {
    const item = paragraphWith(await documentOf(minute), '1．区自然资源局牵头，12月底前完成用地指标调剂。');
    expect(item.runs.map(({ text, bold }) => [text, bold])).toEqual([
      ['1．区自然资源局牵头，', false],
      ['12月底前', true],
      ['完成用地指标调剂。', false],
    ]);
  });

  it('names each font’s fallback in the font table', async () => {
    const part = await open(await buildMinuteDocx(minute, context));
    const fonts = await part('word/fontTable.xml');
    expect(fonts).toContain('<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"/>');
    expect(fonts).toContain('<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>');
  });

  it('numbers the pages 「— 1 —」, outside on odd and even pages', async () => {
    const part = await open(await buildMinuteDocx(minute, context));
    const [document, settings, relations] = await Promise.all(
      ['word/document.xml', 'word/settings.xml', 'word/_rels/document.xml.rels'].map(part)
    );
    expect(settings).toContain('<w:evenAndOddHeaders/>');
    for (const [type, side] of [['default', 'right'], ['even', 'left']]) {
      const id = new RegExp(`<w:footerReference w:type="${type}" r:id="(\\w+)"/>`).exec(document)?.[1];
      const target = new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(relations)?.[1];
      const footer = await part(`word/${target}`);
      expect(footer.replace(/<[^>]+>/g, '')).toBe('— PAGE —');
      expect(footer).toContain('<w:instrText xml:space="preserve">PAGE</w:instrText>');
      expect(footer).toContain(`<w:jc w:val="${side}"/>`);
    }
  });

  it('names the document and the platform in its properties', async () => {
    const part = await open(await buildMinuteDocx(minute, context));
    const core = await part('docProps/core.xml');
    expect(core).toContain('<dc:title>关于兰山智能装备产业园用地问题的专题会商纪要</dc:title>');
    expect(core).toContain('<dc:creator>兰山区重大项目落地服务平台</dc:creator>');
    expect(core).toContain('<dc:description>导出时间：2026年11月26日 12:20　范围：全区　导出人：张三（区发改局）</dc:description>');
  });
});
