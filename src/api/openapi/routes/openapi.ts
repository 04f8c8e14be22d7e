/** The generated OpenAPI document as JSON, for integrators who generate clients from it. */
export default {
  routes: [
    {
      method: 'GET',
      path: '/openapi.json',
      handler: 'openapi.document',
      config: { auth: false, description: 'OpenAPI 3 document of the REST API' },
    },
  ],
};
