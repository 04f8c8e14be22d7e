import { DateTime } from 'luxon';

/** Every date the district works with is a date in Asia/Shanghai, whatever the server's time zone. */
export const ZONE = 'Asia/Shanghai';

/** The calendar date (YYYY-MM-DD) of an instant in Asia/Shanghai. */
export const shanghaiDate = (instant: Date = new Date()) => DateTime.fromJSDate(instant, { zone: ZONE }).toISODate()!;

/** The calendar year of an instant in Asia/Shanghai. */
export const shanghaiYear = (instant: Date = new Date()) => DateTime.fromJSDate(instant, { zone: ZONE }).year;

/** The reporting period (YYYY-MM) of an instant in Asia/Shanghai. */
export const shanghaiPeriod = (instant: Date = new Date()) =>
  DateTime.fromJSDate(instant, { zone: ZONE }).toFormat('yyyy-LL');
