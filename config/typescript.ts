/** Generated content-type typings are not kept: UIDs stay plain strings, the same on every machine. */
export default () => ({
  autogenerate: false,
});
