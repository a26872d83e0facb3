/** The form-level message, in a live region so screen readers hear it when it appears. */
export function FormMessage({ message }: { message?: string }) {
  return (
    <div aria-live="polite" role="status" className="min-h-0">
      {message ? <p className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">{message}</p> : null}
    </div>
  );
}
