import { errors } from '@strapi/utils';
import { fieldLabel } from '../domain/labels';

/** One rejected field: the path as the API names it, and the reason in Chinese and English. */
export interface Issue {
  path: string[];
  zh: string;
  en: string;
}

/** Collects the problems of one write; `throwIfAny` answers them all at once as a 400. */
export class Issues {
  readonly list: Issue[] = [];

  constructor(private readonly uid: string) {}

  add(field: string | string[], zh: string, en: string): this {
    this.list.push({ path: Array.isArray(field) ? field : [field], zh, en });
    return this;
  }

  throwIfAny(): void {
    if (this.list.length) throw validationError(this.uid, this.list);
  }
}

/** A field's name for people: "项目名称（name）". */
export const describeField = (uid: string, path: string[]) => {
  const field = path.filter((part) => !/^\d+$/.test(part)).at(-1) ?? path.join('.');
  return `${fieldLabel(uid, field)}（${path.join('.')}）`;
};

export const bilingual = (uid: string, issue: Issue) =>
  `${describeField(uid, issue.path)}：${issue.zh} / ${issue.path.join('.')}: ${issue.en}`;

export function validationError(uid: string, issues: Issue[]) {
  const message = issues.map((issue) => bilingual(uid, issue)).join('；');
  return new errors.ValidationError(message, {
    errors: issues.map((issue) => ({ path: issue.path, message: bilingual(uid, issue), name: 'ValidationError' })),
  });
}

/** Shorthand for a single-field rejection. */
export const reject = (uid: string, field: string, zh: string, en: string) =>
  validationError(uid, [{ path: [field], zh, en }]);
