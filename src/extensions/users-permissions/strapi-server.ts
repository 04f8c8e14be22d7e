/**
 * Every users-permissions user belongs to one bureau (所属单位): per-bureau scoping reads it. Set by the
 * office in the admin panel; users cannot set it themselves (registration's allowedFields do not include it).
 */
export default (plugin: any) => {
  plugin.contentTypes.user.schema.attributes.bureau = {
    type: 'relation',
    relation: 'manyToOne',
    target: 'api::bureau.bureau',
  };
  return plugin;
};
