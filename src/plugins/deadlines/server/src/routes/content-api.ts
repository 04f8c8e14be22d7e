/** Calendar questions other apps may ask without signing in. */
export default {
  type: 'content-api',
  routes: [
    {
      method: 'GET',
      path: '/working-days',
      handler: 'calendar.workingDays',
      config: { auth: false, description: '在某日基础上加 N 个工作日 / add N working days to a date' },
    },
    {
      method: 'GET',
      path: '/calendar',
      handler: 'calendar.days',
      config: { auth: false, description: '某段日期的工作日、节假日与调休 / working days, holidays and make-up days in a range' },
    },
  ],
};
