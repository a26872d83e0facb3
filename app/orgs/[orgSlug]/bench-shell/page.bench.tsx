// The org layout's own cost: a page inside it with no data of its own. Built only by
// `npm run bench` (see next.config.js).
export default function OrgShellPage() {
  return <p>Nothing here.</p>;
}
