// eld's static entries are subpaths of its package's exports map, which this project's "node" module resolution does not
// read (Node, tsx and jest do at run time). The types are the package's own.
declare module 'eld/medium' {
  export { eld } from 'eld';
}
