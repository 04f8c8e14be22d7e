import { blockText, contentBlocks, inline, minuteDocument } from '../minute-document';
import { minute } from './minute-fixture';

describe('《专题会商纪要》 document', () => {
  it('is headed by the meeting type, with its 文号, title and the meeting particulars', () => {
    const document = minuteDocument(minute);
    expect(document.head).toBe('专题会商纪要');
    expect(document.number).toBe('兰重项会〔2026〕3号');
    expect(document.title).toBe('关于兰山智能装备产业园用地问题的专题会商纪要');
    expect(document.particulars).toEqual([
      { label: '会议类型', value: '专题会商（现场）' },
      { label: '会议时间', value: '2026年11月20日 09:30' },
      { label: '会议地点', value: '区政府 3 号会议室' },
      { label: '主持人', value: '王某某' },
      { label: '参会单位', value: '区自然资源局、区财政局、义堂镇（示例）' },
    ]);
    expect(document.issued).toBe('2026年11月21日');
  });

  it('lists the responsibility table row by row, in Chinese', () => {
    const { tasks } = minuteDocument(minute);
    expect(tasks.headers).toEqual(['序号', '责任事项', '责任单位', '配合单位', '完成时限', '办理状态']);
    expect(tasks.rows).toEqual([
      ['1', '调剂用地指标\n向市自然资源和规划局申请统筹指标', '区自然资源局', '区发改局、义堂镇（示例）', '2026年12月31日', '推进中'],
      ['2', '完成征收补偿', '义堂镇（示例）', '', '2027年1月15日', '待办理'],
    ]);
  });

  it('leaves out what is not known yet', () => {
    const document = minuteDocument({ title: '周例会纪要', tasks: [], meeting: { type: 'weekly' } });
    expect(document).toMatchObject({ head: '周例会纪要', number: '', issued: '', content: [], tasks: { rows: [] } });
    expect(document.particulars).toEqual([{ label: '会议类型', value: '周例会' }]);
  });
});

describe('the minute content: plain text or simple markdown', () => {
  it('splits paragraphs on blank lines and joins wrapped Chinese lines without a space', () => {
    const blocks = minuteDocument(minute).content;
    expect(blocks.map((block) => [block.kind, blockText(block)])).toEqual([
      ['paragraph', '2026年11月20日上午，区政府副区长王某某主持召开专题会商会议，研究兰山智能装备产业园用地问题。'],
      ['heading', '一、会议议定事项'],
      ['paragraph', '1．区自然资源局牵头，12月底前完成用地指标调剂。'],
      ['paragraph', '2．义堂镇负责征收补偿，区财政局配合。'],
      ['paragraph', '会议强调，各单位要按责任清单抓好落实。'],
    ]);
    expect(blocks[1]).toMatchObject({ kind: 'heading', level: 2 });
  });

  it('keeps **bold** as bold and drops the other markers', () => {
    expect(inline('区自然资源局牵头，**12月底前**完成，*务必* `按期`')).toEqual([
      { text: '区自然资源局牵头，' },
      { text: '12月底前', bold: true },
      { text: '完成，务必 按期' },
    ]);
    expect(inline('见<b>附件</b>![现场照片](a.png)')).toEqual([{ text: '见附件现场照片' }]);
  });

  it('takes plain text as it is, a bullet list as paragraphs, and ignores rules', () => {
    const blocks = contentBlocks('Plain text\nwrapped here.\n\n- 第一项\n- 第二项\n\n---\n\n末段');
    expect(blocks.map(blockText)).toEqual(['Plain text wrapped here.', '第一项', '第二项', '末段']);
    expect(contentBlocks('')).toEqual([]);
    expect(contentBlocks('a\r\n\r\nb').map(blockText)).toEqual(['a', 'b']);
  });

  it('leaves snake_case words and lone asterisks alone', () => {
    expect(inline('字段 light_reasons 与 5 * 3')).toEqual([{ text: '字段 light_reasons 与 5 * 3' }]);
  });
});
