import * as z from 'zod';
import { lazySchema } from '../validation/lazy-schema.js';

const DATA_URL_PREFIX = /^data:image\/[\w.+-]+;base64,/;
const HTTP_URL = /^https?:\/\/\S+$/;

/**
 * `data:image/<type>;base64,<data>` or an `http(s)://` URL (what OpenAI-compatible servers
 * accept). For data URLs only the prefix is checked: the payload can be megabytes (32 video
 * frames are ~5 MB), scanning it on every request cost as much as encoding it, and the server
 * decodes (and rejects) bad base64 anyway. Our choice.
 */
export function isImageUrl(url: string): boolean {
  return url.startsWith('data:') ? DATA_URL_PREFIX.test(url) : HTTP_URL.test(url);
}

/** zod schema of a `TextContentPart`: validates it and applies its defaults. */
export const TextContentPartSchema = /* @__PURE__ */ lazySchema(() => z.object({ type: z.literal('text'), text: z.string() }));

/** zod schema of a `ImageContentPart`: validates it and applies its defaults. */
export const ImageContentPartSchema = /* @__PURE__ */ lazySchema(() => z.object({
  type: z.literal('image_url'),
  image_url: z.object({
    url: z.string().refine(isImageUrl, { message: 'expected a data:image/…;base64,… URL or an http(s) URL' }),
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
