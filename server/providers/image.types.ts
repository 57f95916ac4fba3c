/**
 * Image models, for one thing: a character's reference picture, proposed once and kept only when
 * a person approves it. Like video providers they know nothing of the database or storage.
 */
import type { ProviderCheck } from './planner.types.ts';

export interface ImageRequest {
  prompt: string;
  /** Square pictures are asked for; models that take a size get this many pixels a side. */
  size: number;
  seed: number;
  /** For the built-in painter, which draws the character itself. */
  character: { name: string; description: string; visualTraits: string[]; color: string };
  style: string;
}

export interface ImageResult {
  path: string;
  mimeType: string;
  provenance: { model: string; prompt: string; seed: number | null; costUsd?: number };
}

export interface ImageProvider {
  readonly id: string;
  readonly description: string;
  readonly model: string;
  generate(request: ImageRequest, context: { workDir: string; signal?: AbortSignal }): Promise<ImageResult>;
  check?(): Promise<ProviderCheck>;
}
