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

/** The content type or component that owns the last field of a path (`milestones.0.title` → the milestone). */
function owner(uid: string | undefined, names: string[]): string | undefined {
  let current = uid;
  for (const name of names.slice(0, -1)) {
    const attribute = (globalThis as any).strapi?.getModel?.(current)?.attributes?.[name];
    if (attribute?.type !== 'component') break;
    current = attribute.component;
  }
  return current;
}

/** A field's name for people: "项目名称（name）", "节点名称（milestones.0.title）". */
export const describeField = (uid: string | undefined, path: string[]) => {
  const names = path.filter((part) => !/^\d+$/.test(part));
  const field = names.at(-1) ?? path.join('.');
  return `${fieldLabel(owner(uid, names), field)}（${path.join('.')}）`;
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
