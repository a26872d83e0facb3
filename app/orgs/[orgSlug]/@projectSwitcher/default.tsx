/** Outside a project (and on a hard load of a page the slot has no route for): no project switcher. */
export default function NoProjectSwitcher() {
  return null;
}
