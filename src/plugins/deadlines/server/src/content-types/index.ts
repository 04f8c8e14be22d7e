import calendarOverride from './calendar-override';
import deadline from './deadline';
import delivery from './delivery';
import extension from './extension';
import notification from './notification';
import rule from './rule';

export default {
  rule,
  deadline,
  extension,
  'calendar-override': calendarOverride,
  notification,
  delivery,
};
