/** After a sign-up with mail set up: the same words whether or not the address had an account. */
export function CheckInbox({ email, then }: { email: string; then?: string }) {
  return (
    <div role="status" className="flex flex-col gap-2 text-sm text-slate-700">
      <h2 className="text-base font-semibold text-slate-900">Check your inbox</h2>
      <p>
        We sent a mail to <strong>{email}</strong>. Open the link in it to confirm your address{then ? `, ${then}` : ""}.
      </p>
      <p className="text-slate-500">No mail within a few minutes? Look in your spam folder, or sign in with the password you chose: we send a new link then.</p>
    </div>
  );
}
