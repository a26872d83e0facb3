// Every other org page (members, roles, …): no project open, no switcher.
export { default } from "../default";
