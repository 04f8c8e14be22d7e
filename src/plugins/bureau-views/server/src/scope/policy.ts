/**
 * Who may see and change what, per record type (the table in this plugin's README). A path is a chain of
 * relations ending at a bureau: `preAssessment.project.applicantBureau` reads "the applicant of the project of
 * this opinion's pre-assessment". Pure data: no Strapi import.
 */
export interface TypePolicy {
  /** `everyone`, or the relation paths of which any one reaching the viewer's bureau makes a record readable. */
  read: 'everyone' | string[];
  /** `office`, or the relation paths of which any one reaching the viewer's bureau makes a record changeable. */
  write: 'office' | string[];
  /** Set to the viewer's bureau on create, never changed by a non-office viewer afterwards. */
  owner?: string;
  /** Other fields that decide scope: a non-office viewer never writes them (the workflow or the office does). */
  protected?: string[];
  /** A relation a non-office viewer may only point at a record it can change (the parent that confers ownership). */
  anchors?: string[];
  /** Bureau viewers may create records of this type although only the office changes them (permissions decide who). */
  anyBureauCreates?: boolean;
}

export const PROJECT = 'api::project.project';

const PROJECT_READ = [
  'applicantBureau',
  'problems.reportingBureau',
  'problems.leadBureau',
  'tasks.responsibleBureau',
  'tasks.coBureaus',
  'preAssessments.leadBureau',
  'preAssessments.opinions.bureau',
];

const under = (relation: string, paths: string[]) => paths.map((path) => `${relation}.${path}`);

export const POLICIES: Record<string, TypePolicy> = {
  [PROJECT]: { read: PROJECT_READ, write: ['applicantBureau'], owner: 'applicantBureau' },
  'api::pre-assessment.pre-assessment': {
    read: ['project.applicantBureau', 'leadBureau', 'opinions.bureau'],
    write: ['project.applicantBureau', 'leadBureau'],
    protected: ['leadBureau'],
    anchors: ['project'],
  },
  'api::opinion.opinion': {
    read: ['bureau', 'preAssessment.project.applicantBureau', 'preAssessment.leadBureau'],
    write: ['bureau'],
    owner: 'bureau',
    protected: ['preAssessment'],
  },
  'api::problem.problem': {
    read: ['reportingBureau', 'leadBureau', 'project.applicantBureau', 'tasks.responsibleBureau', 'tasks.coBureaus'],
    write: ['reportingBureau', 'leadBureau'],
    owner: 'reportingBureau',
    protected: ['leadBureau'],
  },
  'api::task.task': {
    read: ['responsibleBureau', 'coBureaus', 'project.applicantBureau', 'problem.leadBureau'],
    write: ['responsibleBureau'],
    protected: ['responsibleBureau', 'coBureaus'],
  },
  'api::progress-report.progress-report': {
    read: under('project', PROJECT_READ),
    write: ['project.applicantBureau'],
    anchors: ['project'],
  },
  'api::monthly-report.monthly-report': { read: ['bureau'], write: ['bureau'], owner: 'bureau' },
  'api::pledge.pledge': { read: ['bureau', 'projects.applicantBureau'], write: ['bureau'], owner: 'bureau' },
  'api::meeting.meeting': { read: ['organizer', 'attendees', 'projects.applicantBureau'], write: 'office' },
  'api::minute.minute': {
    read: ['meeting.organizer', 'meeting.attendees', 'meeting.projects.applicantBureau', 'tasks.responsibleBureau', 'tasks.coBureaus'],
    write: 'office',
  },
  'api::problem-list.problem-list': { read: 'everyone', write: 'office' },
  'api::bulletin.bulletin': { read: 'everyone', write: 'office' },
  'api::bureau.bureau': { read: 'everyone', write: 'office' },
  'api::enterprise.enterprise': { read: 'everyone', write: 'office', anyBureauCreates: true },
  'api::expert.expert': { read: 'everyone', write: 'office' },
  'api::responsibility-matrix.responsibility-matrix': { read: 'everyone', write: 'office' },
  'plugin::deadlines.deadline': { read: ['bureau'], write: 'office' },
  'plugin::deadlines.notification': { read: ['bureau'], write: ['bureau'] },
  'plugin::deadlines.extension': {
    read: ['requestedBy', 'deadline.bureau'],
    write: ['requestedBy'],
    owner: 'requestedBy',
  },
};

export const policyOf = (uid: string): TypePolicy | undefined => POLICIES[uid];

/** Types whose records are not everyone's: reads of them are filtered. */
export const isScoped = (uid: string) => Array.isArray(POLICIES[uid]?.read);
