// The org's own pages (here its projects list) have no project open: the slot stays empty,
// also after a soft navigation from a project, which would otherwise keep the last one shown.
export { default } from "./default";
