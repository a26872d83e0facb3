import { noopAction } from "./noop-action";

// Registers the no-op action for `npm run bench`, which posts to this page (see next.config.js).
export default function NoopActionPage() {
  return (
    <form action={noopAction}>
      <button type="submit">No-op</button>
    </form>
  );
}
