import calendar from './calendar';
import inbox from './inbox';

export default { calendar, inbox };
