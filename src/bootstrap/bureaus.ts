import type { Core } from '@strapi/strapi';

const UID = 'api::bureau.bureau';

export interface BureauSeed {
  code: string;
  name: string;
  kind: 'office' | 'department' | 'town' | 'zone' | 'taskforce' | 'city';
  isSample?: boolean;
}

/** The units the work plan names, plus a few sample towns (marked as samples) so a new district can start. */
export const BUREAUS: BureauSeed[] = [
  { code: 'office', name: '区新旧动能转换重大工程建设领导小组办公室', kind: 'office' },
  { code: 'commerce', name: '区商务局', kind: 'department' },
  { code: 'development-reform', name: '区发改局', kind: 'department' },
  { code: 'science-technology', name: '区科技局', kind: 'department' },
  { code: 'industry-it', name: '区工信局', kind: 'department' },
  { code: 'finance', name: '区财政局', kind: 'department' },
  { code: 'natural-resources', name: '区自然资源局', kind: 'department' },
  { code: 'planning', name: '兰山规划分局', kind: 'department' },
  { code: 'ecology-environment', name: '兰山生态环境分局', kind: 'department' },
  { code: 'financial-regulation', name: '区金融监管局', kind: 'department' },
  { code: 'city-development-reform', name: '市发展改革委', kind: 'city' },
  { code: 'sample-lanshan-street', name: '兰山街道（示例）', kind: 'town', isSample: true },
  { code: 'sample-baishabu', name: '白沙埠镇（示例）', kind: 'town', isSample: true },
  { code: 'sample-yitang', name: '义堂镇（示例）', kind: 'town', isSample: true },
  { code: 'sample-development-zone', name: '经开区（示例）', kind: 'zone', isSample: true },
  { code: 'sample-smart-manufacturing', name: '智能制造产业专班（示例）', kind: 'taskforce', isSample: true },
];

/** Creates the bureaus that are missing, by code; never touches one that exists (the office may have edited it). */
export async function seedBureaus(strapi: Core.Strapi) {
  const existing = await strapi.db.query(UID).findMany({ select: ['code'] });
  const known = new Set(existing.map((row) => row.code));
  for (const bureau of BUREAUS) {
    if (known.has(bureau.code)) continue;
    await strapi.documents(UID).create({ data: { ...bureau, active: true, isSample: Boolean(bureau.isSample) } as any });
  }
}

export async function bureauByCode(strapi: Core.Strapi, code: string) {
  return strapi.db.query(UID).findOne({ where: { code } });
}
