import { z } from "zod";
import { idSchema } from "../ids.ts";

export const sessionRefSchema = z.object({ sessionId: idSchema });
