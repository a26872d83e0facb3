import { connection } from "next/server";
import { NotFoundMessage } from "@/components/layout/not-found-message";

export default async function NotFound() {
  // Rendered per request so that its scripts carry this request's CSP nonce.
  await connection();
  return (
    <main>
      <NotFoundMessage home={{ href: "/", label: "Go to my organizations" }} />
    </main>
  );
}
