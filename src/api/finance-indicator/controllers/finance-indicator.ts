import { promises as fs } from 'node:fs';
import { factories } from '@strapi/strapi';
import { importIndicators } from '../../../records/finance-import';
import { reject } from '../../../utils/validation';

const UID = 'api::finance-indicator.finance-indicator';

export default factories.createCoreController(UID, ({ strapi }) => ({
  /** POST /api/finance-indicators/import (multipart, field `file`): a sheet of indicators, all rows or none. */
  async import(ctx: any) {
    const upload = ctx.request.files?.file;
    const file = Array.isArray(upload) ? upload[0] : upload;
    if (!file?.filepath) throw reject(UID, 'file', '请上传 .xlsx 文件（表单字段 file）', 'upload an .xlsx file as the form field file');
    const result = await importIndicators(strapi, await fs.readFile(file.filepath));
    ctx.body = { data: result };
  },
}));
