// Every page inside the project (secrets, members, …): the same switcher.
export { default } from "../page";
