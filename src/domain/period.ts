/** Reporting periods are calendar months written `YYYY-MM`. */
export const PERIOD_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

export const isPeriod = (value: unknown): value is string => typeof value === 'string' && PERIOD_PATTERN.test(value);
