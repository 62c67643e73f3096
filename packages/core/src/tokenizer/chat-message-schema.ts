import * as z from 'zod';
import { lazySchema } from '../validation/lazy-schema.js';

/** `data:image/<type>;base64,<data>` or an `http(s)://` URL (what OpenAI-compatible servers accept). */
const IMAGE_URL = /^(data:image\/[\w.+-]+;base64,[A-Za-z0-9+/=\s]*|https?:\/\/\S+)$/;

/** zod schema of a `TextContentPart`: validates it and applies its defaults. */
export const TextContentPartSchema = /* @__PURE__ */ lazySchema(() => z.object({ type: z.literal('text'), text: z.string() }));

/** zod schema of a `ImageContentPart`: validates it and applies its defaults. */
export const ImageContentPartSchema = /* @__PURE__ */ lazySchema(() => z.object({
  type: z.literal('image_url'),
  image_url: z.object({
    url: z.string().regex(IMAGE_URL, { message: 'expected a data:image/…;base64,… URL or an http(s) URL' }),
    detail: z.enum(['auto', 'low', 'high']).optional(),
  }),
}));

/** A content part: text or an `image_url` image (OpenAI's shapes). */
export const ContentPartSchema = /* @__PURE__ */ lazySchema(() => z.discriminatedUnion('type', [TextContentPartSchema, ImageContentPartSchema]));

/**
 * Schema of a `ChatMessage`: role `system` | `user` | `assistant` | `tool`; content a string or a
 * non-empty array of parts; `toolCallId` and `name` optional strings.
 */
export const ChatMessageSchema = /* @__PURE__ */ lazySchema(() => z.object({
  role: z.enum(['system', 'user', 'assistant', 'tool']),
  content: z.union([z.string(), z.array(ContentPartSchema).min(1)]),
  toolCallId: z.string().min(1).optional(),
  name: z.string().min(1).optional(),
}));
