import projectSchema from '../../../../../api/project/content-types/project/schema.json';

/** The project's category and stage values, in the schema's order (their Chinese labels: src/domain/labels.ts). */
export const PROJECT_CATEGORIES: readonly string[] = projectSchema.attributes.category.enum;
export const PROJECT_STAGES: readonly string[] = projectSchema.attributes.stage.enum;
