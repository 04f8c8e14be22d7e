import {
  assignFindingKeys,
  decideNoticeWrite,
  escalationNoticeKey,
  findingNoticeKey,
  formatNoticeNumber,
  NOTICE_MESSAGES,
  type NoticeWrite,
  parseNoticeNumber,
} from '../supervision';

describe('notice numbers', () => {
  it('read 督办〔year〕N号 and parse back', () => {
    expect(formatNoticeNumber(2026, 1)).toBe('督办〔2026〕1号');
    expect(formatNoticeNumber(2026, 128)).toBe('督办〔2026〕128号');
    expect(parseNoticeNumber('督办〔2027〕12号')).toEqual({ year: 2027, sequence: 12 });
    expect(parseNoticeNumber('督办〔2026〕0号')).toBeNull();
    expect(parseNoticeNumber('兰重项纪〔2026〕3号')).toBeNull();
  });
});

describe('a notice’s workflow', () => {
  const write = (data: Partial<NoticeWrite>): NoticeWrite => ({
    from: 'issued',
    requested: null,
    reply: null,
    replyChanged: false,
    reviewNote: null,
    reviewNoteChanged: false,
    isOffice: false,
    ...data,
  });
  const codes = (data: Partial<NoticeWrite>) => decideNoticeWrite(write(data)).issues.map((issue) => `${issue.field}:${issue.code}`);

  it('is issued when created', () => {
    expect(decideNoticeWrite(write({ from: null }))).toEqual({ to: 'issued', event: 'issued', issues: [] });
  });

  it('is replied when its bureau writes a reply (issued or returned), which needs text', () => {
    expect(decideNoticeWrite(write({ reply: '已整改', replyChanged: true }))).toMatchObject({ to: 'replied', event: 'replied', issues: [] });
    expect(decideNoticeWrite(write({ from: 'returned', reply: '已补充', replyChanged: true }))).toMatchObject({ to: 'replied', event: 'replied' });
    expect(codes({ requested: 'replied' })).toEqual(['reply:reply_required']);
    expect(codes({ reply: '  ', replyChanged: true })).toEqual(['reply:reply_required']);
    // a replied notice's reply may be corrected, never emptied
    expect(decideNoticeWrite(write({ from: 'replied', reply: '更正', replyChanged: true }))).toMatchObject({ to: 'replied', event: null, issues: [] });
    expect(codes({ from: 'replied', reply: '', replyChanged: true })).toEqual(['reply:reply_required']);
  });

  it('is accepted or returned by the office alone, and only once replied; a return needs a note', () => {
    expect(codes({ from: 'replied', requested: 'accepted' })).toEqual(['state:review_office_only']);
    expect(codes({ from: 'replied', reviewNote: '好', reviewNoteChanged: true })).toEqual(['reviewNote:review_office_only']);
    expect(codes({ from: 'issued', requested: 'accepted', isOffice: true })).toEqual(['state:not_replied']);
    expect(codes({ from: 'replied', requested: 'returned', isOffice: true })).toEqual(['reviewNote:return_note_required']);
    expect(decideNoticeWrite(write({ from: 'replied', requested: 'returned', reviewNote: '材料不全', isOffice: true }))).toEqual({ to: 'returned', event: 'returned', issues: [] });
    expect(decideNoticeWrite(write({ from: 'replied', requested: 'accepted', isOffice: true }))).toEqual({ to: 'accepted', event: 'accepted', issues: [] });
  });

  it('is final once accepted', () => {
    expect(codes({ from: 'accepted', requested: 'returned', reviewNote: '再看', isOffice: true })).toEqual(['state:accepted_final']);
    expect(codes({ from: 'accepted', reply: '改', replyChanged: true })).toEqual(['reply:reply_closed']);
    expect(decideNoticeWrite(write({ from: 'accepted', requested: 'accepted', isOffice: true }))).toEqual({ to: 'accepted', event: null, issues: [] });
  });

  it('cannot be set back to issued', () => {
    expect(codes({ from: 'replied', requested: 'issued', isOffice: true })).toEqual(['state:bad_transition']);
  });

  it('words every issue in Chinese and English', () => {
    for (const [code, words] of Object.entries(NOTICE_MESSAGES)) {
      const [zh, en] = words({ code, field: 'state', to: 'accepted' } as any);
      expect(zh).toMatch(/[\u4e00-\u9fa5]/);
      expect(en).toMatch(/[a-z]/);
    }
  });
});

describe('finding keys', () => {
  let serial = 0;
  const newKey = () => `k${(serial += 1)}`;

  it('keep a key sent, reuse a stored finding’s key for the same bureau and issue, and give the rest new keys', () => {
    const stored = [
      { key: 'a', bureauId: 1, issue: '用地滞后' },
      { key: 'b', bureauId: 2, issue: '台账不全' },
    ];
    const keyed = assignFindingKeys(
      [
        { bureauId: 2, issue: '台账不全 ' },
        { key: 'a', bureauId: 1, issue: '用地滞后（已改写）' },
        { bureauId: 1, issue: '用地滞后' },
        { bureauId: 3, issue: '新问题' },
      ],
      stored,
      newKey
    );
    // 'a' is sent with the second finding: the third, although it reads like it, gets a key of its own
    expect(keyed.map((finding) => finding.key)).toEqual(['b', 'a', 'k1', 'k2']);
  });

  it('name the notice a finding or an escalation raised', () => {
    expect(findingNoticeKey('doc1', 'a')).toBe('finding:doc1:a');
    expect(escalationNoticeKey('12:escalation:0:2026-11-30T15:59:59.999Z')).toBe('escalation:12:escalation:0:2026-11-30T15:59:59.999Z');
  });
});
