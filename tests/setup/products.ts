// Tests call the platform directly (createProject, deleteOrg), as the server does after its
// start-up registered each product's lifecycle hooks: register them the same way.
import { registerProducts } from "@/lib/app/products";

registerProducts();
