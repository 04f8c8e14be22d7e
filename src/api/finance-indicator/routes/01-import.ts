/** 批量导入金融预警指标 (.xlsx). */
export default {
  routes: [
    {
      method: 'POST',
      path: '/finance-indicators/import',
      handler: 'finance-indicator.import',
    },
  ],
};
