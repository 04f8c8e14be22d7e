import calendar from './calendar';
import delivery from './delivery';
import rules from './rules';
import scheduler from './scheduler';
import settings from './settings';
import tracker from './tracker';

export default { calendar, rules, tracker, settings, scheduler, delivery };
